//! Sign-in, sessions, CSRF, headers and the rule that every server function needs a session.

#![allow(clippy::unwrap_used)]

mod common;

use app::api::PUBLIC_ENDPOINTS;
use app::model::AppError;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::TimeDelta;
use common::{TestApp, form};

const DEMO: &str = "demo@portico.test";
const PASSWORD: &str = "portico-demo";

fn login_form(email: &str, password: &str) -> String {
    form(&[("email", email), ("password", password)])
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_records_the_login() {
    let app = TestApp::demo().await;
    let res =
        app.post_form("/api/login", &login_form("  Demo@Portico.TEST ", PASSWORD), None).await;
    assert_eq!(res.location(), Some("/"));
    let set_cookie = res.set_cookies().join("\n");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Strict"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "plain-HTTP demo must not set Secure");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM login_events WHERE result = 'success' \
             AND ip = '10.0.0.1' AND email = 'demo@portico.test'"
        )
        .await,
        1
    );

    // The cookie opens the dashboard, in the customer's language, with the company name.
    let cookie = res.session_cookie().unwrap();
    let page = app.get("/", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Kovács és Társa Kft."));
    assert!(page.body.contains("<html lang=\"hu\""), "{}", &page.body[..200.min(page.body.len())]);
}

#[tokio::test]
async fn secure_cookie_when_served_over_tls() {
    let mut app = TestApp::demo().await;
    let mut settings = (*app.state.settings).clone();
    settings.secure_cookies = true;
    app.state.settings = std::sync::Arc::new(settings);
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert!(res.set_cookies().iter().any(|c| c.ends_with("; Secure")));
    assert!(res.header("strict-transport-security").is_some());
}

#[tokio::test]
async fn unknown_email_and_wrong_password_answer_the_same() {
    let app = TestApp::demo().await;
    let unknown =
        app.post_form("/api/login", &login_form("nobody@portico.test", "x-password"), None).await;
    let wrong = app.post_form("/api/login", &login_form(DEMO, "not-the-password"), None).await;
    for res in [&unknown, &wrong] {
        assert_eq!(res.status, StatusCode::FOUND);
        assert_eq!(res.location(), Some("/login?error=invalid"));
        assert!(res.session_cookie().is_none());
    }
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_events WHERE result = 'bad_credentials'").await,
        2
    );
}

#[tokio::test]
async fn too_many_failures_for_one_email_lock_it_even_with_the_right_password() {
    let app = TestApp::demo().await;
    for _ in 0..5 {
        let res = app.post_form("/api/login", &login_form(DEMO, "wrong"), None).await;
        assert_eq!(res.location(), Some("/login?error=invalid"));
    }
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited"));
    assert!(res.session_cookie().is_none());
    // Other accounts from elsewhere are unaffected, and the lock ends after the window.
    app.sign_in("anna@portico.test", PASSWORD).await;
    app.advance(TimeDelta::minutes(16));
    app.sign_in(DEMO, PASSWORD).await;
}

#[tokio::test]
async fn too_many_failures_from_one_ip_lock_that_ip() {
    let app = TestApp::demo().await;
    for i in 0..20 {
        let res = app
            .post_form("/api/login", &login_form(&format!("spray{i}@example.com"), "guess"), None)
            .await;
        assert_eq!(res.location(), Some("/login?error=invalid"));
    }
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited"));
}

#[tokio::test]
async fn signing_in_again_replaces_the_session_id() {
    let app = TestApp::demo().await;
    let first = app.sign_in(DEMO, PASSWORD).await;
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), Some(&first)).await;
    let second = res.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1, "old session ended");
    assert_eq!(app.get("/", Some(&first)).await.location(), Some("/login?expired=1"));
    assert_eq!(app.get("/", Some(&second)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn sessions_expire_when_idle_and_after_the_absolute_limit() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    app.advance(TimeDelta::minutes(59));
    assert_eq!(app.get("/", Some(&cookie)).await.status, StatusCode::OK);
    app.advance(TimeDelta::minutes(61));
    let res = app.get("/", Some(&cookie)).await;
    assert_eq!(res.location(), Some("/login?expired=1"));
    assert!(res.set_cookies().iter().any(|c| c.starts_with("portico_session=;")));

    // Used every 50 minutes, a session still ends 12 hours after sign-in.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    for _ in 0..14 {
        app.advance(TimeDelta::minutes(50));
        assert_eq!(app.get("/", Some(&cookie)).await.status, StatusCode::OK);
    }
    app.advance(TimeDelta::minutes(50));
    assert_eq!(app.get("/", Some(&cookie)).await.location(), Some("/login?expired=1"));
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let other_instance = app.restarted().await;
    let page = other_instance.get("/", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Kovács és Társa Kft."));
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let res = app.post_form("/api/logout", "", Some(&cookie)).await;
    assert_eq!(res.location(), Some("/login?signed_out=1"));
    assert!(res.set_cookies().iter().any(|c| c.starts_with("portico_session=;")));
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM login_events WHERE result = 'logout'").await, 1);
    assert_eq!(app.get("/", Some(&cookie)).await.location(), Some("/login?expired=1"));
}

#[tokio::test]
async fn private_pages_send_visitors_to_sign_in() {
    let app = TestApp::demo().await;
    assert_eq!(app.get("/", None).await.location(), Some("/login"));
    let login = app.get("/login", None).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.body.contains("type=\"password\""));
    // Signed in, the sign-in page forwards to the dashboard.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    assert_eq!(app.get("/login", Some(&cookie)).await.location(), Some("/"));
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let post = |site: Option<&str>, origin: Option<&str>| {
        let mut req = Request::post("/api/logout")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(site) = site {
            req = req.header("sec-fetch-site", site);
        }
        if let Some(origin) = origin {
            req = req.header(header::ORIGIN, origin);
        }
        req.body(Body::empty()).unwrap()
    };
    let refused = [
        (Some("cross-site"), Some("https://evil.example")),
        (Some("same-site"), Some("http://sub.127.0.0.1:3000")),
        (None, Some("https://evil.example")),
    ];
    for (site, origin) in refused {
        let res = app.send(post(site, origin)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{site:?} {origin:?}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1, "nothing happened");
    let res = app.send(post(Some("same-origin"), Some("http://127.0.0.1:3000"))).await;
    assert_ne!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_csp() {
    let app = TestApp::demo().await;
    let page = app.get("/login", None).await;
    let csp = page.header("content-security-policy").unwrap();
    let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
    assert!(script_src.contains("'nonce-"), "{csp}");
    assert!(script_src.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!script_src.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    // Every inline script carries the nonce.
    let nonce = script_src.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    for tag in page.body.match_indices("<script").map(|(i, _)| &page.body[i..]) {
        let open = &tag[..tag.find('>').unwrap()];
        if !open.contains(" src=") {
            assert!(
                open.contains(&format!("nonce=\"{nonce}\"")),
                "inline script without nonce: {open}"
            );
        }
    }
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
}

/// Every registered server function either is on the reviewed public list, or refuses to run
/// without a session.
#[tokio::test]
async fn every_server_function_needs_a_session_unless_reviewed_public() {
    let app = TestApp::demo().await;
    let registered: Vec<_> = leptos::server_fn::axum::server_fn_paths().collect();
    assert!(registered.len() >= 6, "server functions registered: {registered:?}");
    for public in PUBLIC_ENDPOINTS {
        assert!(
            registered.iter().any(|(path, _)| path == public),
            "{public} is on the public list but not registered"
        );
    }
    for (path, method) in registered {
        if PUBLIC_ENDPOINTS.contains(&path) {
            continue;
        }
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from("id=1"))
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path} answered without a session");
        let error: AppError = serde_json::from_str(&res.body).unwrap();
        assert_eq!(error, AppError::Unauthorized, "{path}");
    }
}

#[tokio::test]
async fn the_health_check_needs_no_session_and_fails_without_the_database() {
    let app = TestApp::empty().await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, StatusCode::OK, "a load balancer has no session");
    assert_eq!(res.body, "ok");

    // The clone shares the pool: closing it is the database going away under the server.
    app.db().clone().close().await.unwrap();
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
}
