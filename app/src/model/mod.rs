//! The vocabulary shared by the server and the browser: money, statuses, the read models that
//! server functions return, and the error type they fail with.

pub mod balance;
pub mod cart;
pub mod catalogue;
pub mod documents;
pub mod domain_order;
pub mod enums;
pub mod error;
pub mod forecast;
pub mod invoices;
pub mod lifecycle;
pub mod money;
pub mod payments;
pub mod refused;
pub mod reminders;
pub mod renewal;
pub mod seller;
pub mod server_rules;
pub mod service_detail;
pub mod service_details;
pub mod service_query;
pub mod tax;
pub mod views;

pub use enums::*;
pub use error::AppError;
pub use money::Money;
pub use service_query::{ServiceQuery, ServiceSort};
