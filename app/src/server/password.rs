//! Argon2id password hashing with the crate's defaults, which are OWASP's recommendation
//! (19 MiB, 2 passes, 1 lane). Hashing takes ~20 ms of CPU, so it runs on the blocking pool,
//! never on the async workers, and sign-in checks go through a [`HashGate`] that lets only
//! about one per core run at a time.

use super::errors::internal;
use crate::model::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

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
/// same time as a wrong password and answers the same. Computed by [`warm_up`] at start-up.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("portico-dummy-password").unwrap_or_default());

/// Computes the dummy hash now, on the blocking pool, so that the first sign-in with an
/// unknown e-mail does not take a hash longer than every other one (which would tell it
/// apart). The server calls this before it listens.
pub async fn warm_up() -> Result<(), AppError> {
    tokio::task::spawn_blocking(|| {
        if LazyLock::force(&DUMMY_HASH).is_empty() {
            return Err(internal("the dummy password hash could not be computed"));
        }
        Ok(())
    })
    .await
    .map_err(internal)?
}

/// Bounds the password checks running at once. Each takes 19 MiB and a core for ~20 ms:
/// hundreds queued would exhaust memory and make every sign-in time out, so an attempt that
/// does not get a permit quickly is answered "busy, try again" instead.
pub struct HashGate {
    permits: Arc<Semaphore>,
    size: usize,
    max_wait: Duration,
    evaluations: AtomicU64,
}

/// A permit to check one password, from [`HashGate::permit`]; held until the check is done.
pub struct HashPermit {
    _permit: OwnedSemaphorePermit,
}

impl HashGate {
    /// How long an attempt waits for a permit before it is answered "busy".
    pub const MAX_WAIT: Duration = Duration::from_millis(250);
    /// What a "busy" answer tells the client to wait (`Retry-After`).
    pub const RETRY_AFTER: Duration = Duration::from_secs(1);

    pub fn new(permits: usize, max_wait: Duration) -> Self {
        let size = permits.max(1);
        Self {
            permits: Arc::new(Semaphore::new(size)),
            size,
            max_wait,
            evaluations: AtomicU64::new(0),
        }
    }

    /// One permit per core (`std::thread::available_parallelism`).
    pub fn per_core() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self::new(cores, Self::MAX_WAIT)
    }

    /// Waits at most [`Self::MAX_WAIT`] for a permit; `None` means busy.
    pub async fn permit(&self) -> Option<HashPermit> {
        let acquire = self.permits.clone().acquire_owned();
        match tokio::time::timeout(self.max_wait, acquire).await {
            Ok(Ok(permit)) => Some(HashPermit { _permit: permit }),
            _ => None,
        }
    }

    /// Takes every permit, so that sign-ins are answered "busy" until it is dropped (tests,
    /// and maintenance that must keep the CPU).
    pub async fn hold_all(&self) -> Option<OwnedSemaphorePermit> {
        let n = u32::try_from(self.size).ok()?;
        self.permits.clone().acquire_many_owned(n).await.ok()
    }

    /// Password checks done so far (for tests and metrics).
    pub fn evaluations(&self) -> u64 {
        self.evaluations.load(Ordering::Relaxed)
    }

    /// Verifies `password` against `stored`, or against a dummy hash when there is no account.
    /// The permit is held until the hash is done, even if the caller goes away meanwhile.
    pub async fn verify(
        &self,
        permit: HashPermit,
        password: String,
        stored: Option<String>,
    ) -> Result<bool, AppError> {
        self.evaluations.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            verify_blocking(&password, stored)
        })
        .await
        .map_err(internal)?
    }
}

/// Verifies `password` against `stored`, or against a dummy hash when there is no account,
/// without a [`HashGate`]: for checks that are limited otherwise. Sign-in uses the gate.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || verify_blocking(&password, stored))
        .await
        .map_err(internal)?
}

fn verify_blocking(password: &str, stored: Option<String>) -> Result<bool, AppError> {
    let known = stored.is_some();
    let hash = stored.unwrap_or_else(|| DUMMY_HASH.clone());
    let parsed = PasswordHash::new(&hash).map_err(internal)?;
    let ok = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    Ok(known && ok)
}
