//! Sign-in and sign-out. Attempts are limited per e-mail and per client address *before* any
//! password is hashed (see [`limits`]), password checks are bounded by the [`HashGate`], and
//! unknown e-mails answer exactly like wrong passwords.
//!
//! [`HashGate`]: crate::server::password::HashGate

use super::limits;
use crate::model::{AppError, LoginResult};
use crate::server::context::{AppState, ClientMeta};
use crate::server::entities::{customers, login_events};
use crate::server::password::HashGate;
use crate::server::sessions;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use std::time::Duration;

/// Why a sign-in did not succeed.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginError {
    /// Wrong password or unknown e-mail: both answer the same.
    Invalid,
    /// A limit is reached; the next attempt is allowed after `retry_after`.
    RateLimited {
        retry_after: Duration,
    },
    /// Every password check slot is taken; nothing was checked or counted.
    Busy {
        retry_after: Duration,
    },
    Failed(AppError),
}

impl From<DbErr> for LoginError {
    fn from(err: DbErr) -> Self {
        Self::Failed(err.into())
    }
}

impl From<AppError> for LoginError {
    fn from(err: AppError) -> Self {
        Self::Failed(err)
    }
}

impl From<LoginError> for AppError {
    fn from(err: LoginError) -> Self {
        match err {
            LoginError::Invalid => AppError::Unauthorized,
            LoginError::RateLimited { .. } => AppError::RateLimited,
            LoginError::Busy { .. } => AppError::Busy,
            LoginError::Failed(err) => err,
        }
    }
}

/// Whole seconds, rounded up, at least one: what `Retry-After` carries.
fn whole_seconds(delta: TimeDelta) -> Duration {
    let millis = u64::try_from(delta.num_milliseconds()).unwrap_or(0);
    Duration::from_secs(millis.div_ceil(1000).max(1))
}

pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl Credentials {
    /// E-mail addresses compare case-insensitively; the password is taken as typed.
    pub fn parse(email: &str, password: String) -> Result<Self, AppError> {
        let email = email.trim().to_lowercase();
        if email.is_empty() || email.len() > 254 || !email.contains('@') || password.is_empty() {
            return Err(AppError::Invalid { field: "email".into(), code: "credentials".into() });
        }
        if password.len() > 1024 {
            return Err(AppError::Invalid { field: "password".into(), code: "credentials".into() });
        }
        Ok(Self { email, password })
    }
}

/// Signs a customer in and returns the new session's cookie token.
/// `previous_session` is the id of a session the browser already had; it is ended.
pub async fn login(
    state: &AppState,
    credentials: Credentials,
    client: &ClientMeta,
    previous_session: Option<String>,
) -> Result<String, LoginError> {
    let db = &state.db;
    let now = state.clock.now();

    let buckets = limits::buckets(&credentials.email, client.ip.as_deref());
    let reservation = match limits::reserve(db, &buckets, now).await? {
        Ok(reservation) => reservation,
        Err(wait) => {
            record(db, None, &credentials.email, client, LoginResult::RateLimited, now).await?;
            return Err(LoginError::RateLimited { retry_after: whole_seconds(wait) });
        }
    };

    let customer = customers::Entity::find()
        .filter(customers::Column::Email.eq(credentials.email.clone()))
        .one(db)
        .await?;
    let Some(permit) = state.hashing.permit().await else {
        reservation.release().await?;
        return Err(LoginError::Busy { retry_after: HashGate::RETRY_AFTER });
    };
    let stored_hash = customer.as_ref().map(|c| c.password_hash.clone());
    let verified = state.hashing.verify(permit, credentials.password, stored_hash).await?;

    let Some(customer) = customer.filter(|_| verified) else {
        reservation.fail(now).await?;
        record(db, None, &credentials.email, client, LoginResult::BadCredentials, now).await?;
        return Err(LoginError::Invalid);
    };
    reservation.release().await?;

    if let Some(previous) = previous_session {
        sessions::destroy(db, &previous).await?;
    }
    state.sessions.forget_customer(customer.id);
    let token = sessions::create(
        db,
        customer.id,
        client.ip.clone(),
        client.user_agent.clone(),
        now,
        &state.settings,
    )
    .await?;
    record(db, Some(customer.id), &credentials.email, client, LoginResult::Success, now).await?;
    Ok(token)
}

pub async fn logout(
    state: &AppState,
    customer_id: i64,
    email: &str,
    session_id: &str,
    client: &ClientMeta,
) -> Result<(), AppError> {
    sessions::destroy(&state.db, session_id).await?;
    state.sessions.forget_customer(customer_id);
    record(&state.db, Some(customer_id), email, client, LoginResult::Logout, state.clock.now())
        .await?;
    Ok(())
}

async fn record(
    db: &impl ConnectionTrait,
    customer_id: Option<i64>,
    email: &str,
    client: &ClientMeta,
    result: LoginResult,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    login_events::ActiveModel {
        customer_id: Set(customer_id),
        email: Set(email.chars().take(254).collect()),
        ip: Set(client.ip.clone()),
        user_agent: Set(client.user_agent.as_ref().map(|ua| ua.chars().take(255).collect())),
        result: Set(result),
        occurred_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
