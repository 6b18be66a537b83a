//! One function per business action, each in one transaction, testable without HTTP. One
//! module per area of the portal, named as its URL: `/` is the dashboard, `/services/…`
//! services, `/orders/…` orders, `/invoices/…` invoices, `/login` and the customer's settings
//! account.

pub mod account;
pub mod balance;
pub mod cart;
pub mod catalogue;
pub mod dashboard;
pub mod documents;
pub mod invoices;
pub mod orders;
pub mod payments;
pub mod services;
