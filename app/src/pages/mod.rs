pub mod dashboard;
pub mod errors;
pub mod login;
pub mod orders;
pub mod service;
pub mod services;
