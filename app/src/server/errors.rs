//! Turns unexpected failures into an `AppError::Internal` whose reference is logged with the
//! real cause, so support can find it while the user sees no internal text.

use crate::model::AppError;
use rand::Rng;
use std::fmt::Display;

pub fn internal(cause: impl Display) -> AppError {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let reference: String =
        (0..8).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    tracing::error!(reference = %reference, "internal error: {cause}");
    AppError::Internal { reference }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        internal(err)
    }
}
