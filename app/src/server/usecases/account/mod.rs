//! Signing in and out, and the customer's own settings.

pub mod limits;
pub mod login;
pub mod preferences;
