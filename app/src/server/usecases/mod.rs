//! One function per business action, each in one transaction, testable without HTTP.

pub mod carts;
pub mod dashboard;
pub mod login;
pub mod operations;
pub mod orders;
pub mod preferences;
pub mod service_detail;
pub mod services;
