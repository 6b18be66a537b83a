//! Server-only code: entities, use cases, ports and their adapters. Never compiled to wasm.

pub mod audit;
pub mod auto_renew;
pub mod billing;
pub mod client_ip;
pub mod clock;
pub mod context;
pub mod db;
#[cfg(feature = "demo")]
pub mod demo;
pub mod entities;
pub mod errors;
pub mod housekeeping;
pub mod icalendar;
pub mod jobs;
pub mod ledger;
pub mod lifecycle;
pub mod mail;
pub mod password;
pub mod pdf;
pub mod ports;
pub mod reminders;
pub mod secrets;
pub mod sequences;
pub mod service_details;
pub mod sessions;
pub mod usecases;
