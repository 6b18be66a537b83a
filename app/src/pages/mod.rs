pub mod dashboard;
pub mod errors;
pub mod login;
pub mod services;
