//! A service's own page (seeds 002 and 003): what it is and its last known state, what can be
//! done with it, and its orders. Servers get tabs (details, network, traffic) in the URL, so
//! each tab is a link that works without JavaScript.
//!
//! The page never waits for a data centre or registry: it shows the state stored by the last
//! finished operation, with its age, and follows an operation while it runs.
//!
//! The islands of the area, the only parts compiled for the browser: `progress` (follows a
//! running operation), `editor` (keeps what was typed when the server refuses it), `reveal`
//! (access data and the EPP code, fetched on request) and `list`'s filter.

mod detail;
mod domain;
mod due;
mod editor;
mod forecast;
mod list;
mod operations;
mod progress;
mod renewal;
mod reveal;
mod server;
mod simple;
mod traffic;

pub use detail::ServicePage;
pub use due::DueServicesPage;
pub use forecast::ForecastPage;
pub use list::ServicesPage;
pub use renewal::RenewPage;
