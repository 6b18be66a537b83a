//! Database-backed sessions. The browser holds a random 256-bit token; the database holds only
//! its SHA-256, so a leaked table does not sign anybody in. Sessions live in the database so
//! they survive restarts and work across server instances.

use super::context::{AuthContext, Settings};
use super::entities::{customers, sessions};
use crate::model::CustomerKind;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

/// The session cookie's name on plain HTTP (loopback); see [`session_cookie_name`].
pub const COOKIE_NAME: &str = "portico_session";
/// The visitor's language choice before sign-in, on plain HTTP; see [`lang_cookie_name`].
pub const LANG_COOKIE_NAME: &str = "portico_lang";
/// The session cookie's name when cookies are `Secure`. The `__Host-` prefix makes the
/// browser refuse it unless it is `Secure`, has `Path=/` and no `Domain`, so neither a
/// sibling subdomain nor a plain-HTTP page can plant or overwrite it.
pub const SECURE_COOKIE_NAME: &str = "__Host-portico_session";
pub const SECURE_LANG_COOKIE_NAME: &str = "__Host-portico_lang";

/// The session cookie's name under these settings; the session layer reads only this one.
pub fn session_cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies { SECURE_COOKIE_NAME } else { COOKIE_NAME }
}

pub fn lang_cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies { SECURE_LANG_COOKIE_NAME } else { LANG_COOKIE_NAME }
}

/// Refresh `last_seen_at` at most this often, so a page view is not always a write.
const TOUCH_INTERVAL: TimeDelta = TimeDelta::seconds(60);

pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

pub fn session_id(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates a session for a customer who just proved who they are; returns the cookie token.
/// A fresh id at every sign-in means an id planted before sign-in is worthless after it.
pub async fn create(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    ip: Option<String>,
    user_agent: Option<String>,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Result<String, DbErr> {
    let token = new_token();
    let absolute = TimeDelta::from_std(settings.session_absolute).unwrap_or(TimeDelta::hours(12));
    sessions::ActiveModel {
        id: Set(session_id(&token)),
        customer_id: Set(customer_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + absolute),
        ip: Set(ip),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(255).collect())),
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// Looks a cookie token up. Expired sessions (idle or absolute) are deleted and answer `None`.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Result<Option<AuthContext>, DbErr> {
    let id = session_id(token);
    let Some((session, Some(customer))) = sessions::Entity::find_by_id(id.clone())
        .find_also_related(customers::Entity)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let idle = TimeDelta::from_std(settings.session_idle).unwrap_or(TimeDelta::hours(1));
    if now >= session.expires_at || now - session.last_seen_at >= idle {
        sessions::Entity::delete_by_id(id).exec(conn).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_INTERVAL {
        sessions::Entity::update_many()
            .col_expr(sessions::Column::LastSeenAt, now.into())
            .filter(sessions::Column::Id.eq(id.clone()))
            .exec(conn)
            .await?;
    }
    let display_name = match (customer.kind, &customer.company_name) {
        (CustomerKind::Company, Some(company)) if !company.is_empty() => company.clone(),
        _ => customer.name.clone(),
    };
    Ok(Some(AuthContext {
        customer_id: customer.id,
        session_id: id,
        email: customer.email.clone(),
        display_name,
        kind: customer.kind,
        lang: customer.language,
        is_staff: customer.is_staff,
    }))
}

pub async fn destroy(conn: &impl ConnectionTrait, session_id: &str) -> Result<(), DbErr> {
    sessions::Entity::delete_by_id(session_id.to_owned()).exec(conn).await?;
    Ok(())
}

/// `Set-Cookie` value carrying a session token.
pub fn session_cookie(token: &str, settings: &Settings) -> String {
    let max_age = settings.session_absolute.as_secs();
    cookie(session_cookie_name(settings), token, max_age, settings.secure_cookies)
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(settings: &Settings) -> String {
    cookie(session_cookie_name(settings), "", 0, settings.secure_cookies)
}

pub fn lang_cookie(lang: &str, settings: &Settings) -> String {
    cookie(lang_cookie_name(settings), lang, 365 * 24 * 3600, settings.secure_cookies)
}

/// Always `Path=/` and never `Domain`, as the `__Host-` prefix requires.
fn cookie(name: &str, value: &str, max_age: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
}

/// Reads one cookie from a `Cookie` request header.
pub fn read_cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "32 bytes in unpadded base64url");
        assert_eq!(session_id(&a).len(), 64);
        assert_ne!(session_id(&a), a);
    }

    #[test]
    fn cookie_flags() {
        let mut settings = Settings::default();
        let c = session_cookie("tok", &settings);
        assert!(c.starts_with("portico_session=tok; Path=/;"), "{c}");
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && !c.contains("Secure"));
        assert!(lang_cookie("hu", &settings).starts_with("portico_lang=hu;"));
        settings.secure_cookies = true;
        let c = session_cookie("tok", &settings);
        assert!(c.starts_with("__Host-portico_session=tok; Path=/;"), "{c}");
        assert!(c.ends_with("; Secure") && !c.contains("Domain"), "{c}");
        assert!(clear_session_cookie(&settings).starts_with("__Host-portico_session=;"));
        let lang = lang_cookie("hu", &settings);
        assert!(lang.starts_with("__Host-portico_lang=hu; Path=/;") && lang.ends_with("; Secure"));
        assert_eq!(read_cookie("a=1; portico_session=xyz; b=2", COOKIE_NAME), Some("xyz"));
        assert_eq!(read_cookie("a=1", COOKIE_NAME), None);
    }
}
