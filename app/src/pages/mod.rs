//! One module per area of the portal, named as its URL: `/` dashboard, `/services/…`
//! services, `/orders/…` orders, `/login` account.

pub mod account;
pub mod dashboard;
pub mod orders;
pub mod services;
