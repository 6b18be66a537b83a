//! One module per area of the portal, named as its URL: `/` dashboard, `/services/…`
//! services, `/catalogue/…` ordering something new, `/orders/…` orders,
//! `/invoices/…` invoices, `/login` account.

pub mod account;
pub mod balance;
pub mod cart;
pub mod catalogue;
pub mod dashboard;
pub mod invoices;
pub mod orders;
pub mod payments;
pub mod services;
