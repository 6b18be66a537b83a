//! Sign-in and sign-out. Attempts are limited per e-mail and per IP *before* any password is
//! hashed, and unknown e-mails answer exactly like wrong passwords.

use crate::model::{AppError, LoginResult};
use crate::server::context::{AppState, ClientMeta};
use crate::server::entities::{customers, login_events};
use crate::server::{password, sessions};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

/// Failed attempts allowed per e-mail address within [`WINDOW`].
pub const MAX_FAILURES_PER_EMAIL: u64 = 5;
/// Failed attempts allowed per client IP within [`WINDOW`] (covers spraying many e-mails).
pub const MAX_FAILURES_PER_IP: u64 = 20;
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);

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
) -> Result<String, AppError> {
    let db = &state.db;
    let now = state.clock.now();

    if is_rate_limited(db, &credentials.email, client.ip.as_deref(), now).await? {
        record(db, None, &credentials.email, client, LoginResult::RateLimited, now).await?;
        return Err(AppError::RateLimited);
    }

    let customer = customers::Entity::find()
        .filter(customers::Column::Email.eq(credentials.email.clone()))
        .one(db)
        .await?;
    let stored_hash = customer.as_ref().map(|c| c.password_hash.clone());
    let verified = password::verify(credentials.password, stored_hash).await?;

    let Some(customer) = customer.filter(|_| verified) else {
        record(db, None, &credentials.email, client, LoginResult::BadCredentials, now).await?;
        return Err(AppError::Unauthorized);
    };

    if let Some(previous) = previous_session {
        sessions::destroy(db, &previous).await?;
    }
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
    record(&state.db, Some(customer_id), email, client, LoginResult::Logout, state.clock.now())
        .await?;
    Ok(())
}

async fn is_rate_limited(
    db: &impl ConnectionTrait,
    email: &str,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let since = now - WINDOW;
    let failures = || {
        login_events::Entity::find()
            .filter(login_events::Column::OccurredAt.gt(since))
            .filter(login_events::Column::Result.ne(LoginResult::Success))
            .filter(login_events::Column::Result.ne(LoginResult::Logout))
    };
    let by_email = failures().filter(login_events::Column::Email.eq(email)).count(db).await?;
    if by_email >= MAX_FAILURES_PER_EMAIL {
        return Ok(true);
    }
    let Some(ip) = ip else { return Ok(false) };
    let by_ip = failures().filter(login_events::Column::Ip.eq(ip)).count(db).await?;
    Ok(by_ip >= MAX_FAILURES_PER_IP)
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
