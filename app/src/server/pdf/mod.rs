//! PDF documents, made on the server with krilla: a small layout of lines and rules
//! (`layout`), the typeface shipped in the repository (`fonts`), and the billing document
//! (`document`). Page positions are `f32` points; money never is (it arrives formatted).
#![allow(clippy::float_arithmetic)]

pub mod document;
mod fonts;
pub mod layout;
