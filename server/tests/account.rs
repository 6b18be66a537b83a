//! Sign-in, sessions, CSRF, headers and the rule that every server function needs a session.

#![allow(clippy::unwrap_used)]

mod common;

use app::api::PUBLIC_ENDPOINTS;
use app::model::AppError;
use app::server::client_ip::{ForwardedHeader, TrustedProxies};
use app::server::password::HashGate;
use app::server::usecases::account::limits;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::TimeDelta;
use common::{TestApp, TestResponse, form};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

const DEMO: &str = "demo@portico.test";
const PASSWORD: &str = "portico-demo";

fn login_form(email: &str, password: &str) -> String {
    form(&[("email", email), ("password", password)])
}

/// A sign-in form post from the TCP peer `peer`, with extra headers (`X-Forwarded-For`, …).
async fn login_from(
    app: &TestApp,
    peer: &str,
    headers: &[(&str, &str)],
    email: &str,
    password: &str,
) -> TestResponse {
    let mut req = Request::post("/api/login")
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let mut req = req.body(Body::from(login_form(email, password))).unwrap();
    req.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    app.send(req).await
}

/// A sign-in from a client that is not a browser form (`Accept: application/json`).
async fn login_json(app: &TestApp, email: &str, password: &str) -> TestResponse {
    let req = Request::post("/api/login")
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(login_form(email, password)))
        .unwrap();
    app.send(req).await
}

async fn get_with(
    app: &TestApp,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> TestResponse {
    let mut req = Request::get(path).header(header::ACCEPT, "text/html");
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

fn trusting(app: &mut TestApp, proxies: &str) {
    let mut settings = (*app.state.settings).clone();
    settings.trusted_proxies =
        TrustedProxies::parse(proxies, ForwardedHeader::XForwardedFor).unwrap();
    app.state.settings = Arc::new(settings);
}

/// `failures` and `in_flight` of a sign-in limit bucket (0, 0 when it has no row).
async fn bucket(app: &TestApp, key: &str) -> (i64, i64) {
    let of = |col: &str| {
        format!(
            "SELECT COALESCE(MAX(CAST({col} AS BIGINT)), 0) FROM sign_in_limits \
             WHERE bucket = '{key}'"
        )
    };
    (app.count(&of("failures")).await, app.count(&of("in_flight")).await)
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

/// What `server::config` chooses for a server listening beyond loopback (see its unit tests,
/// and `server/tests/process.rs` for the whole path from `PORTICO_LISTEN`).
#[tokio::test]
async fn secure_cookies_are_host_prefixed_and_only_that_name_is_read() {
    let mut app = TestApp::demo().await;
    let mut settings = (*app.state.settings).clone();
    settings.secure_cookies = true;
    app.state.settings = Arc::new(settings);
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    let set_cookie = res.set_cookies().join("\n");
    assert!(set_cookie.starts_with("__Host-portico_session="), "{set_cookie}");
    assert!(set_cookie.contains("; Path=/;") && set_cookie.ends_with("; Secure"), "{set_cookie}");
    assert!(!set_cookie.to_ascii_lowercase().contains("domain="), "{set_cookie}");
    assert!(res.header("strict-transport-security").is_some());

    let cookie = res.session_cookie().unwrap();
    assert_eq!(app.get("/", Some(&cookie)).await.status, StatusCode::OK);
    // The same token under the plain name (as a plain-HTTP page or a subdomain could plant
    // it) is not a session.
    let plain = cookie.replacen("__Host-", "", 1);
    assert_eq!(app.get("/", Some(&plain)).await.location(), Some("/login"));

    let lang = app.post_form("/api/set_language", "lang=pl", None).await;
    let lang_cookie = lang.set_cookies().join("\n");
    assert!(lang_cookie.starts_with("__Host-portico_lang=pl; Path=/;"), "{lang_cookie}");
    assert!(lang_cookie.ends_with("; Secure"), "{lang_cookie}");
    let page = get_with(&app, "/login", &[(header::COOKIE, "__Host-portico_lang=pl")]).await;
    assert!(page.body.contains("<html lang=\"pl\""));
    let page = get_with(&app, "/login", &[(header::COOKIE, "portico_lang=pl")]).await;
    assert!(page.body.contains("<html lang=\"en\""));

    let logout = app.post_form("/api/logout", "", Some(&cookie)).await;
    assert!(logout.set_cookies().iter().any(|c| c.starts_with("__Host-portico_session=;")));
}

#[tokio::test]
async fn cookies_on_a_loopback_server_keep_the_plain_name_without_secure() {
    let app = TestApp::demo().await;
    assert!(!app.state.settings.secure_cookies, "the default settings are loopback's");
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    let set_cookie = res.set_cookies().join("\n");
    assert!(set_cookie.starts_with("portico_session="), "{set_cookie}");
    assert!(!set_cookie.contains("Secure") && !set_cookie.contains("__Host-"), "{set_cookie}");
    assert!(res.header("strict-transport-security").is_none());
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
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=15"));
    assert!(res.session_cookie().is_none());
    // Other accounts are unaffected, and the lock ends with the window.
    app.sign_in("anna@portico.test", PASSWORD).await;
    app.advance(TimeDelta::minutes(15));
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
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=15"));
    // The same customer from another address is not affected.
    let res = login_from(&app, "10.0.0.2:40000", &[], DEMO, PASSWORD).await;
    assert_eq!(res.location(), Some("/"));
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

/// A page view trusts this instance's check of its session for two seconds (README,
/// "Sessions"): signed out on another instance, the session still shows pages here for at
/// most that long, and changes nothing meanwhile; on the instance that signed out, or that
/// changed the language, the next page knows at once.
#[tokio::test]
async fn page_views_trust_a_session_check_for_two_seconds_and_changes_never() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    assert!(app.get("/", Some(&cookie)).await.body.contains("<html lang=\"hu\""));

    let other_instance = app.restarted().await;
    let out = other_instance.post_form("/api/logout", "", Some(&cookie)).await;
    assert_eq!(out.location(), Some("/login?signed_out=1"));
    assert_eq!(other_instance.get("/", Some(&cookie)).await.location(), Some("/login?expired=1"));

    app.advance(TimeDelta::milliseconds(1900));
    assert_eq!(app.get("/", Some(&cookie)).await.status, StatusCode::OK, "checked 1.9 s ago");
    let open_carts = "SELECT COUNT(*) FROM carts WHERE status = 'open'";
    let before = app.count(open_carts).await;
    let cart = app.count("SELECT MIN(id) FROM carts WHERE status = 'open'").await.to_string();
    let delete = form(&[("id", &cart)]);
    let change = app.post_form("/api/delete_abandoned_order", &delete, Some(&cookie)).await;
    assert_eq!(change.location(), Some("/login?expired=1"), "a change asks the database");
    assert_eq!(app.count(open_carts).await, before);
    app.advance(TimeDelta::milliseconds(100));
    assert_eq!(app.get("/", Some(&cookie)).await.location(), Some("/login?expired=1"));

    // The instance that makes the change forgets what it remembered of the customer at once.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    assert!(app.get("/", Some(&cookie)).await.body.contains("<html lang=\"hu\""));
    app.post_form("/api/set_language", "lang=de", Some(&cookie)).await;
    assert!(app.get("/", Some(&cookie)).await.body.contains("<html lang=\"de\""));
    app.post_form("/api/logout", "", Some(&cookie)).await;
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

/// Every server function there is, each reviewed for authentication and for scoping to the
/// signed-in customer. A new one fails this test until it is added here, on purpose.
const REVIEWED_SERVER_FUNCTIONS: &[&str] = &[
    "/api/add_addon_to_cart",
    "/api/add_due_to_cart",
    "/api/add_month_to_cart",
    "/api/add_product_to_cart",
    "/api/add_to_cart",
    "/api/apply_promo",
    "/api/balance",
    "/api/calendar_link",
    "/api/cancel_order",
    "/api/cart",
    "/api/catalogue",
    "/api/catalogue_addons",
    "/api/checkout",
    "/api/create_pay_all_link",
    "/api/create_pay_link",
    "/api/dashboard",
    "/api/delete_abandoned_order",
    "/api/delete_proforma",
    "/api/domain_order",
    "/api/due_services",
    "/api/finish_domain_order",
    "/api/forecast",
    "/api/increase_space",
    "/api/invoice",
    "/api/invoices",
    "/api/login",
    "/api/logout",
    "/api/order",
    "/api/orders",
    "/api/pay_all_by_link",
    "/api/pay_all_link",
    "/api/pay_by_card",
    "/api/pay_by_link",
    "/api/pay_from_balance",
    "/api/pay_link",
    "/api/pay_options",
    "/api/payment",
    "/api/remove_from_cart",
    "/api/remove_promo",
    "/api/renew_service",
    "/api/renewal_options",
    "/api/replace_calendar_link",
    "/api/request_operation",
    "/api/reveal_access",
    "/api/reveal_epp_code",
    "/api/save_domain_nameservers",
    "/api/save_domain_period",
    "/api/save_domain_registrant",
    "/api/service",
    "/api/services",
    "/api/set_auto_renew",
    "/api/set_cart_period",
    "/api/set_language",
    "/api/start_domain_order",
    "/api/top_up",
    "/api/traffic",
    "/api/viewer",
];

/// Every registered server function either is on the reviewed public list, or refuses to run
/// without a session; and the registered set is exactly the reviewed one.
#[tokio::test]
async fn every_server_function_needs_a_session_unless_reviewed_public() {
    let app = TestApp::demo().await;
    let registered: Vec<_> = leptos::server_fn::axum::server_fn_paths().collect();
    let mut paths: Vec<&str> = registered.iter().map(|(path, _)| *path).collect();
    paths.sort_unstable();
    assert_eq!(
        paths, REVIEWED_SERVER_FUNCTIONS,
        "the registered server functions differ from the reviewed list: review the new one \
         (does it call require_user and scope every query to the customer?) and add it"
    );
    for public in PUBLIC_ENDPOINTS {
        assert!(paths.contains(public), "{public} is on the public list but not registered");
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

// ---------------------------------------------------------------------------------------
// Sign-in limits under load, what a refusal says, and where a client is counted.
// ---------------------------------------------------------------------------------------

/// Sends `n` sign-in form posts at once from spawned tasks (real parallel requests over the
/// pool); `attempt(i)` gives the e-mail and password of the i-th.
async fn burst(
    app: &TestApp,
    n: usize,
    attempt: impl Fn(usize) -> (String, String),
) -> Vec<TestResponse> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let app = app.clone();
            let (email, password) = attempt(i);
            tokio::spawn(async move {
                app.post_form("/api/login", &login_form(&email, &password), None).await
            })
        })
        .collect();
    let mut responses = Vec::with_capacity(n);
    for task in tasks {
        responses.push(task.await.unwrap());
    }
    responses
}

/// How many answers went to each place: (invalid, rate limited, busy).
fn outcomes(responses: &[TestResponse]) -> (u64, u64, u64) {
    let (mut invalid, mut limited, mut busy) = (0, 0, 0);
    for res in responses {
        match res.location() {
            Some("/login?error=invalid") => invalid += 1,
            Some(l) if l.starts_with("/login?error=rate_limited&wait=") => limited += 1,
            Some("/login?error=busy") => busy += 1,
            other => panic!("unexpected answer {} {other:?}", res.status),
        }
    }
    (invalid, limited, busy)
}

/// A hash gate that never answers "busy" (it waits up to a minute), so that only the sign-in
/// limits decide how many passwords are checked.
fn patient_hashing(app: &mut TestApp) {
    app.state.hashing = Arc::new(HashGate::new(2, Duration::from_secs(60)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_parallel_wrong_passwords_for_one_email_evaluate_at_most_five_hashes() {
    let mut app = TestApp::demo().await;
    patient_hashing(&mut app);
    let responses = burst(&app, 200, |_| (DEMO.to_owned(), "wrong".to_owned())).await;
    let (invalid, limited, busy) = outcomes(&responses);
    let hashes = app.state.hashing.evaluations();
    assert!(hashes <= 5, "{hashes} password hashes evaluated for one e-mail (limit 5)");
    assert_eq!(busy, 0);
    assert_eq!(hashes, 5, "each of the five slots was checked");
    assert_eq!(invalid, hashes, "every hashed attempt answered 'invalid'");
    assert_eq!(invalid + limited, 200);
    let (failures, in_flight) = bucket(&app, "email:demo@portico.test").await;
    assert_eq!(failures, i64::try_from(invalid).unwrap());
    assert_eq!(in_flight, 0, "every slot was given back");
    // The history still has every attempt.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_events").await,
        i64::try_from(invalid + limited).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_parallel_attempts_spraying_emails_from_one_ip_evaluate_at_most_twenty_hashes()
{
    let mut app = TestApp::demo().await;
    patient_hashing(&mut app);
    let responses =
        burst(&app, 200, |i| (format!("spray{i}@example.com"), "guess".to_owned())).await;
    let (invalid, _, busy) = outcomes(&responses);
    let hashes = app.state.hashing.evaluations();
    assert!(hashes <= 20, "{hashes} password hashes evaluated from one address (limit 20)");
    assert_eq!((busy, hashes), (0, 20));
    assert_eq!(invalid, hashes);
    assert_eq!(bucket(&app, "ip:10.0.0.1").await, (i64::try_from(hashes).unwrap(), 0));
    // E-mail slots taken by attempts the address limit refused were given back uncounted.
    assert_eq!(app.count("SELECT COUNT(*) FROM sign_in_limits WHERE in_flight <> 0").await, 0);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM sign_in_limits WHERE failures > 0 AND bucket LIKE 'email:%'"
        )
        .await,
        i64::try_from(hashes).unwrap()
    );
}

#[tokio::test]
async fn refused_attempts_do_not_extend_the_lock() {
    let app = TestApp::demo().await;
    for _ in 0..5 {
        let res = app.post_form("/api/login", &login_form(DEMO, "wrong"), None).await;
        assert_eq!(res.location(), Some("/login?error=invalid"));
    }
    // Someone keeps trying all through the window, even with the right password.
    for _ in 1..=14 {
        app.advance(TimeDelta::minutes(1));
        let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
        assert!(res.location().unwrap().starts_with("/login?error=rate_limited&wait="));
    }
    assert_eq!(app.state.hashing.evaluations(), 5, "refused attempts hash nothing");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_events WHERE result = 'rate_limited'").await,
        14
    );
    // 15 minutes after the first failure the customer is let in.
    app.advance(TimeDelta::minutes(1));
    app.sign_in(DEMO, PASSWORD).await;
}

#[tokio::test]
async fn the_refusal_tells_the_time_until_the_next_attempt() {
    let app = TestApp::demo().await;
    for _ in 0..5 {
        app.post_form("/api/login", &login_form(DEMO, "wrong"), None).await;
    }
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=15"));
    app.advance(TimeDelta::minutes(3));
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=12"));

    // A client that is not a browser form gets 429 with the seconds in Retry-After.
    let res = login_json(&app, DEMO, PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.header("retry-after"), Some("720"));
    assert_eq!(serde_json::from_str::<AppError>(&res.body).unwrap(), AppError::RateLimited);
    app.advance(TimeDelta::seconds(11 * 60 + 30));
    let res = login_json(&app, DEMO, PASSWORD).await;
    assert_eq!(res.header("retry-after"), Some("30"));
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=1"), "rounded up");

    // The sign-in page says it in the visitor's language, with its plural forms.
    let page = |lang: &'static str, wait: u32| {
        let app = app.clone();
        async move {
            let path = format!("/login?error=rate_limited&wait={wait}");
            let res = get_with(&app, &path, &[(header::ACCEPT_LANGUAGE, lang)]).await;
            assert_eq!(res.status, StatusCode::OK);
            res.text()
        }
    };
    assert!(page("en", 12).await.contains("Please wait 12 minutes and try again."));
    assert!(page("en", 1).await.contains("Please wait 1 minute and try again."));
    assert!(page("hu", 12).await.contains("Kérjük, várjon 12 percet, majd próbálja újra."));
    assert!(page("pl", 12).await.contains("Prosimy odczekać 12 minut i spróbować ponownie."));
    assert!(page("pl", 3).await.contains("Prosimy odczekać 3 minuty i spróbować ponownie."));
    assert!(page("pl", 1).await.contains("Prosimy odczekać 1 minutę i spróbować ponownie."));
    assert!(page("de", 2).await.contains("Bitte warten Sie 2 Minuten"));
    assert!(page("it", 12).await.contains("Attenda 12 minuti e riprovi."));
}

#[tokio::test]
async fn when_every_hash_slot_is_taken_sign_in_answers_busy_and_hashes_nothing() {
    let app = TestApp::demo().await;
    let held = app.state.hashing.hold_all().await.unwrap();

    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert_eq!(res.location(), Some("/login?error=busy"));
    assert!(res.session_cookie().is_none());
    let res = login_json(&app, DEMO, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.header("retry-after"), Some("1"));
    assert_eq!(serde_json::from_str::<AppError>(&res.body).unwrap(), AppError::Busy);
    // The page the form is sent to says so, with the same status.
    let page = get_with(&app, "/login?error=busy", &[(header::ACCEPT_LANGUAGE, "de")]).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.header("retry-after"), Some("1"));
    assert!(page.text().contains("Der Server ist gerade ausgelastet."));

    assert_eq!(app.state.hashing.evaluations(), 0);
    assert_eq!(bucket(&app, "email:demo@portico.test").await, (0, 0), "nothing counted");
    assert_eq!(bucket(&app, "ip:10.0.0.1").await, (0, 0));
    drop(held);
    app.sign_in(DEMO, PASSWORD).await;
    assert_eq!(app.state.hashing.evaluations(), 1);
}

#[tokio::test]
async fn slots_never_settled_free_themselves_within_a_minute() {
    let app = TestApp::demo().await;
    // Five checks started and never settled: the process died, or the clients hung up.
    let buckets = limits::buckets(DEMO, Some("10.0.0.9"));
    for _ in 0..5 {
        let slot = limits::reserve(app.db(), &buckets, app.state.clock.now()).await.unwrap();
        drop(slot.unwrap());
    }
    let res = app.post_form("/api/login", &login_form(DEMO, PASSWORD), None).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=1"));
    app.advance(limits::STALE_RESERVATION);
    app.sign_in(DEMO, PASSWORD).await;
}

#[tokio::test]
async fn forwarding_headers_count_only_from_trusted_proxies() {
    let mut app = TestApp::demo().await;
    trusting(&mut app, "127.0.0.1/32");
    let proxy = "127.0.0.1:50000";
    // Behind the proxy, one customer's 20 failures lock only that customer's address.
    for i in 0..20 {
        let xff = [("x-forwarded-for", "203.0.113.5")];
        let res = login_from(&app, proxy, &xff, &format!("spray{i}@example.com"), "guess").await;
        assert_eq!(res.location(), Some("/login?error=invalid"));
    }
    let res = login_from(&app, proxy, &[("x-forwarded-for", "203.0.113.5")], DEMO, PASSWORD).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=15"));
    let res = login_from(&app, proxy, &[("x-forwarded-for", "203.0.113.6")], DEMO, PASSWORD).await;
    assert_eq!(res.location(), Some("/"), "another customer behind the same proxy");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM login_events WHERE ip = '203.0.113.6' AND result = 'success'"
        )
        .await,
        1,
        "the history has the customer's address, not the proxy's"
    );

    // From any other peer the header is ignored: changing it does not escape the limit.
    let direct = "198.51.100.9:40000";
    for i in 0..20 {
        let xff = format!("192.0.2.{i}");
        let res = login_from(
            &app,
            direct,
            &[("x-forwarded-for", &xff)],
            &format!("s{i}@example.com"),
            "x",
        )
        .await;
        assert_eq!(res.location(), Some("/login?error=invalid"));
    }
    let res = login_from(&app, direct, &[("x-forwarded-for", "192.0.2.99")], DEMO, PASSWORD).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=15"));
    assert_eq!(app.count("SELECT COUNT(*) FROM login_events WHERE ip LIKE '192.0.2.%'").await, 0);
}

#[tokio::test]
async fn the_client_is_the_rightmost_hop_that_is_not_a_trusted_proxy() {
    let mut app = TestApp::demo().await;
    // The test peer 10.0.0.1 is the outer proxy; 10.1.2.3 an inner one.
    trusting(&mut app, "10.0.0.0/8");
    // The client forges entries on the left; every attempt is still counted as 203.0.113.5.
    for i in 0..20 {
        let xff = format!("198.51.100.{i}, 203.0.113.5, 10.1.2.3");
        let res = login_from(&app, "10.0.0.1:40000", &[("x-forwarded-for", &xff)], DEMO, "x").await;
        assert!(res.location().unwrap().starts_with("/login?error="));
    }
    assert_eq!(bucket(&app, "ip:203.0.113.5").await.0, 5, "5 wrong passwords for DEMO counted");
    assert_eq!(app.count("SELECT COUNT(*) FROM login_events WHERE ip = '203.0.113.5'").await, 20);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sign_in_limits WHERE bucket LIKE 'ip:198.%'").await,
        0
    );
}

#[tokio::test]
async fn ipv6_clients_in_one_64_share_a_bucket() {
    let app = TestApp::demo().await;
    for i in 0..20 {
        // Every attempt from another address of the same /64.
        let peer = format!("[2001:db8:1:2::{:x}]:40000", i + 1);
        let res = login_from(&app, &peer, &[], &format!("spray{i}@example.com"), "guess").await;
        assert_eq!(res.location(), Some("/login?error=invalid"));
    }
    let res = login_from(&app, "[2001:db8:1:2:ffff::1]:40000", &[], DEMO, PASSWORD).await;
    assert_eq!(res.location(), Some("/login?error=rate_limited&wait=15"));
    let res = login_from(&app, "[2001:db8:1:3::1]:40000", &[], DEMO, PASSWORD).await;
    assert_eq!(res.location(), Some("/"), "the next /64 is someone else");
    assert_eq!(bucket(&app, "ip:2001:db8:1:2::/64").await.0, 20);
}
