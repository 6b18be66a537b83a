//! What a server function or a page render can know about its request: the shared state,
//! the signed-in customer (resolved by the session layer) and the client's address.

use super::client_ip::TrustedProxies;
use super::clock::Clock;
use super::errors::internal;
use super::jobs::{RunnerHealth, RunnerTiming};
use super::password::HashGate;
use super::ports::payment_sandbox::SandboxGateway;
use super::ports::payments::PaymentGateway;
use super::ports::sandbox::{SandboxProvisioner, SandboxRegistrar};
use super::ports::{Provisioner, Registrar};
use super::secrets::KeyRing;
use super::sessions::SessionCache;
use crate::model::seller::Seller;
use crate::model::{AppError, CustomerKind, Lang};
use crate::server::db::Db;
use axum::http::request::Parts;
use leptos::prelude::use_context;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    /// The data centre; a sandbox unless a real adapter is configured.
    pub provisioner: Arc<dyn Provisioner>,
    /// The domain registry; a sandbox unless a real adapter is configured.
    pub registrar: Arc<dyn Registrar>,
    /// The card payment gateway; the sandbox unless a real adapter is configured.
    pub payments: Arc<dyn PaymentGateway>,
    /// Whether this process's job runner is alive (`/healthz`).
    pub runner: Arc<RunnerHealth>,
    /// Bounds the password checks running at once (about one per core).
    pub hashing: Arc<HashGate>,
    /// Sessions this instance checked lately, for page views.
    pub sessions: Arc<SessionCache>,
}

impl AppState {
    /// The state with the sandbox data centre and registry (demo, tests, and until a real
    /// adapter is written; see the README).
    pub fn with_sandboxes(db: Db, clock: Arc<dyn Clock>, settings: Settings) -> Self {
        Self {
            provisioner: Arc::new(SandboxProvisioner::new(db.pool().clone(), clock.clone())),
            registrar: Arc::new(SandboxRegistrar::new(db.pool().clone(), clock.clone())),
            payments: Arc::new(SandboxGateway::new(&settings.payment_webhook_secret)),
            runner: Arc::new(RunnerHealth::default()),
            db,
            clock,
            settings: Arc::new(settings),
            hashing: Arc::new(HashGate::per_core()),
            sessions: Arc::new(SessionCache::default()),
        }
    }

    /// Whether paying by card is offered and accepted: a real gateway, or the sandbox where it
    /// is allowed.
    pub fn card_payments(&self) -> bool {
        self.payments.name() != crate::server::ports::payment_sandbox::GATEWAY
            || self.settings.sandbox_payments
    }
}

/// The sandbox gateway's webhook secret when none is set: public, so never for a real gateway.
pub const DEVELOPMENT_WEBHOOK_SECRET: &str = "portico-sandbox-webhook-secret";

#[derive(Clone, Debug)]
pub struct Settings {
    /// Adds `Secure` to cookies and names them with the `__Host-` prefix; on unless the
    /// server listens on loopback only (see `server::config`).
    pub secure_cookies: bool,
    /// Reverse proxies whose forwarding header names the client; none by default.
    pub trusted_proxies: TrustedProxies,
    /// A session unused for this long is over.
    pub session_idle: Duration,
    /// A session is over this long after sign-in, used or not.
    pub session_absolute: Duration,
    /// A page view trusts this instance's check of its session for this long
    /// (`PORTICO_SESSION_RECHECK_SECONDS`, 0 to check every time); see `SessionCache`.
    pub session_recheck: Duration,
    /// Leases and timeouts of the job runner.
    pub jobs: RunnerTiming,
    /// A request not answered within this is answered 408 and its work dropped.
    pub request_timeout: Duration,
    /// Seals the secrets stored in the database (`PORTICO_SECRET_KEYS`); the default is the
    /// public development key.
    pub secret_keys: KeyRing,
    /// Who issues the documents (`PORTICO_SELLER_*`); the default is an example company.
    pub seller: Seller,
    /// Verifies the payment gateway's webhooks (`PORTICO_PAYMENT_WEBHOOK_SECRET`); the
    /// default is a public development value that only the sandbox gateway uses.
    pub payment_webhook_secret: String,
    /// `PORTICO_PUBLIC_URL`: the address customers use, for links given out (pay links).
    pub public_url: Option<String>,
    /// Where links in e-mails point: `PORTICO_PUBLIC_URL`, else the address the server
    /// listens on. E-mails are written without a request to take a host from.
    pub links_origin: String,
    /// Whether the sandbox card gateway takes payments (`PORTICO_SANDBOX_PAYMENTS`): on for the
    /// demo and tests, off by default on a public `https://` address, where a test card must
    /// never pay a real invoice.
    pub sandbox_payments: bool,
    /// Where uploaded documents' files are kept, outside the database
    /// (`PORTICO_DOCUMENTS_DIR`, default `documents` in the working directory). Several
    /// instances share one (a network file system).
    pub documents_dir: std::path::PathBuf,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trusted_proxies: TrustedProxies::default(),
            session_idle: Duration::from_secs(60 * 60),
            session_absolute: Duration::from_secs(12 * 60 * 60),
            session_recheck: Duration::from_secs(2),
            jobs: RunnerTiming::default(),
            request_timeout: Duration::from_secs(30),
            secret_keys: KeyRing::development(),
            seller: Seller::example(),
            payment_webhook_secret: DEVELOPMENT_WEBHOOK_SECRET.to_owned(),
            public_url: None,
            links_origin: "http://127.0.0.1:3000".to_owned(),
            sandbox_payments: true,
            documents_dir: std::path::PathBuf::from("documents"),
        }
    }
}

/// The signed-in customer, put into the request's extensions by the session layer.
#[derive(Clone, Debug)]
pub struct AuthContext {
    pub customer_id: i64,
    /// The stored session id (a hash of the cookie token).
    pub session_id: String,
    pub email: String,
    pub display_name: String,
    pub kind: CustomerKind,
    pub lang: Lang,
    pub is_staff: bool,
}

/// Where a request came from, for login records and the audit log.
#[derive(Clone, Debug, Default)]
pub struct ClientMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The language the browser asks for (Accept-Language) or the visitor chose (cookie).
    pub preferred_lang: Option<Lang>,
}

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("AppState missing from context"))
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The signed-in customer, or `None`.
pub fn current_user() -> Option<AuthContext> {
    request_parts().and_then(|p| p.extensions.get::<AuthContext>().cloned())
}

/// The first line of every server function that is not on the public list.
pub fn require_user() -> Result<AuthContext, AppError> {
    current_user().ok_or(AppError::Unauthorized)
}

/// Who asks a use case to change something, from where: what it checks ownership against and
/// writes to the audit log.
#[derive(Clone, Debug)]
pub struct Requester {
    pub customer_id: i64,
    pub ip: Option<String>,
}

/// The signed-in customer as a [`Requester`]; the first line of a server function that
/// changes something.
pub fn requester() -> Result<Requester, AppError> {
    let user = require_user()?;
    Ok(Requester { customer_id: user.customer_id, ip: client_meta().ip })
}

/// The address links given out start with: `PORTICO_PUBLIC_URL`, or else the host this
/// request came to (a demo on loopback).
pub fn public_origin() -> String {
    let configured = app_state().ok().and_then(|s| s.settings.public_url.clone());
    configured.map(|url| url.trim_end_matches('/').to_owned()).unwrap_or_else(|| {
        let host = request_parts()
            .and_then(|p| p.headers.get(axum::http::header::HOST)?.to_str().ok().map(str::to_owned))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        format!("http://{host}")
    })
}

pub fn client_meta() -> ClientMeta {
    request_parts().and_then(|p| p.extensions.get::<ClientMeta>().cloned()).unwrap_or_default()
}

/// The language of this response: the customer's setting, else the visitor's choice or
/// browser, else English.
pub fn request_lang() -> Lang {
    lang_of(current_user().as_ref(), Some(&client_meta()))
}

/// [`request_lang`] from a request's extensions, for a handler outside Leptos.
pub fn lang_of(user: Option<&AuthContext>, meta: Option<&ClientMeta>) -> Lang {
    user.map(|u| u.lang).or_else(|| meta.and_then(|m| m.preferred_lang)).unwrap_or(Lang::En)
}

/// Whether a request asks for a page (`Accept: text/html`): a browser loading an address or
/// posting a form itself, as opposed to the wasm calling a server function for data.
pub fn accepts_html(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// A browser's plain form post (no JavaScript ran it), which wants a page, a redirect, rather
/// than data.
pub fn plain_form_post() -> bool {
    request_parts()
        .is_some_and(|p| p.method == axum::http::Method::POST && accepts_html(&p.headers))
}

/// Whether `result` refused the `field` of a form posted without JavaScript. Then the browser
/// is sent to `back(reason)` (a `model::refused::href` of the form's page, with what was typed)
/// and the server function answers `Ok`: the page says why and nothing typed is lost.
pub fn sent_back_refused<T>(
    result: &Result<T, AppError>,
    field: &str,
    back: impl FnOnce(&str) -> String,
) -> bool {
    match result {
        Err(AppError::Invalid { field: refused, code })
            if refused == field && plain_form_post() =>
        {
            leptos_axum::redirect(&back(code));
            true
        }
        _ => false,
    }
}

/// Gives a refused request its HTTP status (401, 404, 409, 422, 429, 503) instead of the server
/// functions' default 500, so logs and monitors tell a customer's mistake from a fault. A
/// plain form post (no JavaScript) keeps the redirect back to its page.
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    use axum::http::StatusCode;
    let Err(error) = &result else { return result };
    // A page rendered on the server gets the status too: a missing service is a 404 page.
    let form_post = plain_form_post();
    let status = match error {
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict => StatusCode::CONFLICT,
        AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal { .. } => return result,
    };
    if !form_post && let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(status);
    }
    result
}
