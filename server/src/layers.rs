//! Request layers: session resolution with the sign-in guard, CSRF, security headers.

use app::api::PUBLIC_ENDPOINTS;
use app::i18n::from_accept_language;
use app::model::{AppError, Lang};
use app::server::client_ip::client_ip;
use app::server::context::{self, AppState, ClientMeta};
use app::server::sessions;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};
use std::net::SocketAddr;

/// Pages anyone may open; every other page needs a session. `/healthz` is for load balancers
/// and service managers, which have no session.
const PUBLIC_PAGES: &[&str] = &["/login", "/healthz"];

/// The sandbox gateway's pages stand for another company's site: a customer paying through
/// a pay link has no session, and the pages show only what their signed address carries.
const SANDBOX_GATEWAY: &str = "/sandbox/gateway/";

/// A pay link's page: whoever holds the link may pay that one document (see
/// `usecases::payments::links`).
const PAY_LINK: &str = "/pay/";

/// A customer's calendar feed: calendar apps have no session; the secret address is the key
/// (see `usecases::services::calendar`).
const CALENDAR_FEED: &str = "/calendar/";

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Resolves the session cookie into an `AuthContext`, records where the request came from,
/// and sends signed-out visitors of private pages to the sign-in page.
/// Static files never get here (see `assets`): every other path a browser can ask for (GET
/// or HEAD) is a page, including one that does not exist, so a private page is never served
/// by a path that merely looks like a file name.
pub async fn session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let state = &state;
    let path = req.uri().path();
    let is_page = matches!(*req.method(), Method::GET | Method::HEAD) && !path.starts_with("/api/");
    let headers = req.headers();
    let cookies = header_str(headers, header::COOKIE).unwrap_or("");
    // Only the name these settings use: with `Secure` cookies, a plain `portico_session`
    // (which any plain-HTTP page or subdomain could plant) is ignored.
    let session_cookie = sessions::session_cookie_name(&state.settings);
    let token = sessions::read_cookie(cookies, session_cookie).map(str::to_owned);
    let lang_cookie = sessions::lang_cookie_name(&state.settings);
    let chosen_lang = sessions::read_cookie(cookies, lang_cookie).and_then(Lang::parse);
    let browser_lang = header_str(headers, header::ACCEPT_LANGUAGE).and_then(from_accept_language);
    let meta = ClientMeta {
        // The TCP peer, or behind a trusted reverse proxy the client it forwards for.
        ip: req.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| {
            client_ip(peer.ip(), headers, &state.settings.trusted_proxies).to_string()
        }),
        user_agent: header_str(headers, header::USER_AGENT).map(str::to_owned),
        preferred_lang: chosen_lang.or(browser_lang),
    };

    let auth = match &token {
        Some(token) => {
            let now = state.clock.now();
            // A page view may trust this instance's check of a moment ago; anything else,
            // every server function and so every change, asks the database.
            match state.sessions.lookup(&state.db, token, is_page, now, &state.settings).await {
                Ok(auth) => auth,
                Err(err) => {
                    tracing::error!("session lookup failed: {err}");
                    return StatusCode::SERVICE_UNAVAILABLE.into_response();
                }
            }
        }
        None => None,
    };
    let stale_cookie = token.is_some() && auth.is_none();

    let path = req.uri().path();
    if auth.is_none() && path.starts_with("/api/") && !PUBLIC_ENDPOINTS.contains(&path) {
        return with_cleared_cookie(unauthorized(&req), stale_cookie, state);
    }

    if is_page {
        let public = PUBLIC_PAGES.contains(&path)
            || path.starts_with(SANDBOX_GATEWAY)
            || path.starts_with(PAY_LINK)
            || path.starts_with(CALENDAR_FEED);
        if auth.is_none() && !public {
            let target = if stale_cookie { "/login?expired=1" } else { "/login" };
            return with_cleared_cookie(Redirect::to(target).into_response(), stale_cookie, state);
        }
        if auth.is_some() && path == "/login" {
            return Redirect::to("/").into_response();
        }
    }

    req.extensions_mut().insert(meta);
    if let Some(auth) = auth {
        req.extensions_mut().insert(auth);
    }
    with_cleared_cookie(next.run(req).await, stale_cookie, state)
}

/// A server function called without a session. The browser's own form post is sent to the
/// sign-in page; the wasm client gets the encoded `AppError::Unauthorized` it understands.
/// The server functions check the session themselves as well: this layer is the backstop that
/// the route-enumerating test relies on.
fn unauthorized(req: &Request) -> Response {
    if context::accepts_html(req.headers()) {
        return Redirect::to("/login?expired=1").into_response();
    }
    let mut res = (StatusCode::UNAUTHORIZED, AppError::Unauthorized.ser()).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Ok(path) = HeaderValue::from_str(req.uri().path()) {
        headers.insert(SERVER_FN_ERROR_HEADER, path);
    }
    res
}

fn with_cleared_cookie(mut res: Response, clear: bool, state: &AppState) -> Response {
    if clear && let Ok(v) = HeaderValue::from_str(&sessions::clear_session_cookie(&state.settings))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// The largest body a server function accepts. Every form today is a few fields; a list of
/// 13 nameservers is under 4 KB. Uploads, when they come, get their own route and limit.
pub const SERVER_FN_BODY_LIMIT: usize = 16 * 1024;

/// Reads a server function's body, bounded, whether or not it announced its length: a body
/// over [`SERVER_FN_BODY_LIMIT`] is answered 413 before anything parses a byte of it.
pub async fn limit_server_fn_body(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, SERVER_FN_BODY_LIMIT).await {
        Ok(bytes) => next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await,
        Err(_) => StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    }
}

/// Rejects cross-site mutating requests. Browsers send `Sec-Fetch-Site` (and `Origin`) on
/// every POST; a request from another site is refused before it reaches any handler.
/// Requests with neither header are not from a browser, so no ambient cookie can be abused.
pub async fn csrf(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let allowed = match header_str(headers, header::HeaderName::from_static("sec-fetch-site")) {
        Some(site) => site == "same-origin",
        None => match header_str(headers, header::ORIGIN) {
            Some(origin) => {
                let host = header_str(headers, header::HOST).unwrap_or("");
                let origin_host = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"))
                    .unwrap_or("");
                !host.is_empty() && origin_host == host
            }
            None => true,
        },
    };
    if allowed {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

/// Headers every response carries. Pages set their own CSP with a nonce (see `app::shell`);
/// everything else gets the strictest one.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let pay_link = req.uri().path().starts_with(PAY_LINK);
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    // A pay link's token is in its address: never sent on, never indexed.
    if pay_link {
        set(h, "referrer-policy", "no-referrer");
        set(h, "x-robots-tag", "noindex, nofollow");
    } else {
        set(h, "referrer-policy", "same-origin");
    }
    set(h, "cross-origin-opener-policy", "same-origin");
    set(h, "permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(h, "content-security-policy", "default-src 'none'; frame-ancestors 'none'");
    }
    if state.settings.secure_cookies {
        set(h, "strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    // Private pages and answers must not sit in any cache. (Static files are answered
    // before this layer, with their own caching.)
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}
