//! One function per business action, each in one transaction, testable without HTTP.

pub mod carts;
pub mod dashboard;
pub mod login;
pub mod preferences;
pub mod services;
