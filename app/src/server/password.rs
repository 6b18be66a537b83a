//! Argon2id password hashing with the crate's defaults, which are OWASP's recommendation
//! (19 MiB, 2 passes, 1 lane). Hashing takes ~20 ms of CPU, so it runs on the blocking pool,
//! never on the async workers.

use super::errors::internal;
use crate::model::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::LazyLock;

pub fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(internal)
}

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await.map_err(internal)?
}

/// A hash to verify against when the e-mail is unknown, so that an unknown account costs the
/// same time as a wrong password and answers the same.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("portico-dummy-password").unwrap_or_default());

/// Verifies `password` against `stored`, or against a dummy hash when there is no account.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed = PasswordHash::new(&hash).map_err(internal)?;
        let ok = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
        Ok(known && ok)
    })
    .await
    .map_err(internal)?
}
