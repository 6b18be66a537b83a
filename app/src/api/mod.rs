//! Server functions: thin. Authenticate, parse input into a command, call one use case, map
//! the error. Every one requires a session unless its path is in [`PUBLIC_ENDPOINTS`].

pub mod account;
pub mod balance;
pub mod cart;
pub mod catalogue;
pub mod dashboard;
pub mod invoices;
pub mod orders;
pub mod payments;
pub mod services;

/// The reviewed list of server functions reachable without a session. A test enumerates every
/// registered server function and fails on any other that answers without one.
pub const PUBLIC_ENDPOINTS: &[&str] = &[
    "/api/login",
    "/api/pay_all_by_link",
    "/api/pay_all_link",
    "/api/pay_by_link",
    "/api/pay_link",
    "/api/set_language",
    "/api/viewer",
];
