//! Database-backed sessions. The browser holds a random 256-bit token; the database holds only
//! its SHA-256, so a leaked table does not sign anybody in. Sessions live in the database so
//! they survive restarts and work across server instances.

use super::context::{AuthContext, Settings};
use super::entities::{customers, sessions};
use crate::model::{CustomerKind, Lang};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QuerySelect, Set,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

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

/// Sessions this instance found valid lately, so that page views within
/// [`Settings::session_recheck`] of the last check skip the database (README, "Security in
/// short").
/// Only page views (GET) use it: every server function, so every change, checks the database.
/// A sign-out, a new sign-in or a changed language forgets the customer's entries on the
/// instance that made it; another instance notices within `session_recheck`, as does a page
/// view that was checking the database at the very moment of the change.
#[derive(Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<String, Checked>>,
}

struct Checked {
    auth: AuthContext,
    /// Trusted until then: the check plus `session_recheck`, or the session's end if sooner.
    until: DateTime<Utc>,
}

/// More entries than this are pruned of the stale ones before another is added.
const CACHE_PRUNE_AT: usize = 10_000;

impl SessionCache {
    /// The session behind a cookie token. A page view takes this instance's check of the last
    /// `session_recheck` when there is one; anything else asks the database, and what the
    /// database says is remembered for the page views that follow.
    pub async fn lookup(
        &self,
        conn: &impl ConnectionTrait,
        token: &str,
        page_view: bool,
        now: DateTime<Utc>,
        settings: &Settings,
    ) -> Result<Option<AuthContext>, DbErr> {
        let id = session_id(token);
        if page_view
            && let Some(checked) = self.lock().get(&id)
            && now < checked.until
        {
            return Ok(Some(checked.auth.clone()));
        }
        let found = resolve(conn, id.clone(), now, settings).await?;
        let mut entries = self.lock();
        match &found {
            Some((auth, ends)) if !settings.session_recheck.is_zero() => {
                if entries.len() >= CACHE_PRUNE_AT {
                    entries.retain(|_, checked| checked.until > now);
                }
                let recheck = TimeDelta::from_std(settings.session_recheck).unwrap_or_default();
                let until = (now + recheck).min(*ends);
                entries.insert(id, Checked { auth: auth.clone(), until });
            }
            _ => {
                entries.remove(&id);
            }
        }
        Ok(found.map(|(auth, _)| auth))
    }

    /// Forgets every remembered session of a customer: signed out, or their data changed.
    pub fn forget_customer(&self, customer_id: i64) {
        self.lock().retain(|_, checked| checked.auth.customer_id != customer_id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Checked>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Looks a session up by its id: the session's customer and when the session ends, whichever of
/// its absolute or idle limits comes first. Expired sessions are deleted and answer `None`.
async fn resolve(
    conn: &impl ConnectionTrait,
    id: String,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Result<Option<(AuthContext, DateTime<Utc>)>, DbErr> {
    let Some(session) = sessions::Entity::find_by_id(id.clone())
        .select_only()
        .columns([sessions::Column::ExpiresAt, sessions::Column::LastSeenAt])
        .columns([
            customers::Column::Id,
            customers::Column::Kind,
            customers::Column::Name,
            customers::Column::CompanyName,
            customers::Column::Email,
            customers::Column::Language,
            customers::Column::IsStaff,
        ])
        .inner_join(customers::Entity)
        .into_model::<SignedIn>()
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
    let mut last_seen = session.last_seen_at;
    if now - session.last_seen_at >= TOUCH_INTERVAL {
        last_seen = now;
        sessions::Entity::update_many()
            .col_expr(sessions::Column::LastSeenAt, now.into())
            .filter(sessions::Column::Id.eq(id.clone()))
            .exec(conn)
            .await?;
    }
    let display_name = match (session.kind, session.company_name) {
        (CustomerKind::Company, Some(company)) if !company.is_empty() => company,
        _ => session.name,
    };
    let auth = AuthContext {
        customer_id: session.id,
        session_id: id,
        email: session.email,
        display_name,
        kind: session.kind,
        lang: session.language,
        is_staff: session.is_staff,
    };
    Ok(Some((auth, session.expires_at.min(last_seen + idle))))
}

/// What a request needs of its session and customer, in one statement: run on every signed-in
/// request, so it reads nine columns rather than both whole rows.
#[derive(FromQueryResult)]
struct SignedIn {
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    /// The customer's.
    id: i64,
    kind: CustomerKind,
    name: String,
    company_name: Option<String>,
    email: String,
    language: Lang,
    is_staff: bool,
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
