//! A service's own page (seeds 002 and 003): what it is and its last known state, what can be
//! done with it, and its orders. Servers get tabs (details, network, traffic) in the URL, so
//! each tab is a link that works without JavaScript.
//!
//! The page never waits for a data centre or registry: it shows the state stored by the last
//! finished operation, with its age, and refreshes itself while an operation is running.

mod detail;
mod domain;
mod list;
mod operations;
mod renewal;
mod server;
mod simple;
mod traffic;

pub use detail::ServicePage;
pub use list::ServicesPage;
