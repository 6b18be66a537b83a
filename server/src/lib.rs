//! The Portico server process: configuration, database, router with its layers, background
//! tasks and the command line.

#![recursion_limit = "512"]

pub mod assets;
pub mod calendar;
pub mod compression;
pub mod config;
#[cfg(feature = "demo")]
pub mod demo_world;
pub mod documents;
pub mod layers;
pub mod payments;
pub mod router;
pub mod tasks;
