//! The services area (`/services`, `/services/{id}`): the list, and one service's page with
//! what can be asked of it.

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod detail;
mod lifecycle;
mod list;
mod reminders;
mod renewal;
