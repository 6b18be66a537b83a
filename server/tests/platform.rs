//! How the server treats what any client can send, and how it keeps its tables: body limits,
//! timeouts, methods, the page gate, static files, hostile headers, database guards and
//! retention. Through the real router where a request is involved.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::{Currency, JobStatus, LoginResult, OrderKind, OrderStatus};
use app::server::context::Settings;
use app::server::db::{
    self, ONE_ORDER_AWAITING_PAYMENT, ONE_UNFINISHED_JOB, PoolOptions, violates,
};
use app::server::entities::{jobs, login_events, orders};
use app::server::housekeeping;
use app::server::jobs::{NewJob, enqueue};
use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode, header};
use chrono::TimeDelta;
use common::{TestApp, form};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

const DEMO: &str = "demo@portico.test";

fn api_post(path: &str, cookie: &str, body: Body) -> Request<Body> {
    Request::post(path)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(body)
        .unwrap()
}

async fn vps(app: &TestApp) -> i64 {
    app.service_id("VPS M").await
}

#[tokio::test]
async fn an_oversized_request_is_refused_before_anything_reads_it() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, "portico-demo").await;
    let vps = vps(&app).await;
    let jobs_before = app.count("SELECT COUNT(*) FROM jobs").await;

    // 2 MB of nameservers: refused by size, at once, with nothing written.
    let flood: String = (0..100_000).map(|i| format!("ns{i}.example.com\n")).collect();
    let body = format!("id={vps}&op=nameservers&{}", form(&[("argument", &flood)]));
    let started = Instant::now();
    let res = app.send(api_post("/api/request_operation", &cookie, Body::from(body))).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.body);
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());

    // Inside the body limit but longer than any valid argument: a clear message, no job.
    let long: String = (0..600).map(|i| format!("ns{i}.a.hu\n")).collect();
    let body = format!("id={vps}&op=nameservers&{}", form(&[("argument", &long)]));
    let res = app.send(api_post("/api/request_operation", &cookie, Body::from(body))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("too_long"), "{}", res.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM jobs").await, jobs_before);
}

#[tokio::test]
async fn a_server_function_answers_only_post_and_says_nothing_else() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, "portico-demo").await;
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        for method in [Method::GET, Method::HEAD, Method::PUT] {
            let req = Request::builder()
                .method(method.clone())
                .uri(path)
                .header(header::COOKIE, &cookie)
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty())
                .unwrap();
            let res = app.send(req).await;
            assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert_eq!(res.body, "", "{method} {path} leaked framework text");
        }
    }
    // A name no server function has: a plain 404, whatever the method.
    for method in [Method::GET, Method::POST] {
        let req = Request::builder()
            .method(method.clone())
            .uri("/api/no_such_function")
            .header(header::COOKIE, &cookie)
            .header("sec-fetch-site", "same-origin")
            .body(Body::empty())
            .unwrap();
        let res = app.send(req).await;
        assert_eq!((res.status, res.body.as_str()), (StatusCode::NOT_FOUND, ""), "{method}");
    }
}

#[tokio::test]
async fn a_request_whose_body_never_arrives_is_timed_out() {
    let mut app = TestApp::demo().await;
    // Signed in first: a password check on a busy machine may itself take 300 ms.
    let cookie = app.sign_in(DEMO, "portico-demo").await;
    let settings =
        Settings { request_timeout: Duration::from_millis(300), ..(*app.state.settings).clone() };
    app.state.settings = Arc::new(settings);
    let trickle = futures_util::stream::pending::<Result<Bytes, std::io::Error>>();
    let started = Instant::now();
    let res =
        app.send(api_post("/api/request_operation", &cookie, Body::from_stream(trickle))).await;
    assert_eq!(res.status, StatusCode::REQUEST_TIMEOUT);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_runaway_statement_is_cancelled_by_postgresql() {
    let app = TestApp::empty().await;
    if app.db().get_database_backend() != DbBackend::Postgres {
        // SQLite has no statement timeout; its writers wait at most its busy_timeout (the same
        // 15 s).
        return;
    }
    let row = app.db().query_one_raw(sea_orm::Statement::from_string(
        DbBackend::Postgres,
        "SHOW statement_timeout",
    ));
    let shown: String = row.await.unwrap().unwrap().try_get_by_index(0).unwrap();
    assert_eq!(shown, "15s", "every pooled connection carries the timeout");

    let short = PoolOptions {
        connections: 1,
        statement_timeout: Duration::from_millis(200),
        ..PoolOptions::default()
    };
    let conn = db::connect_with(&app.db_url, short).await.unwrap();
    let started = Instant::now();
    let slow = conn.execute_unprepared("SELECT pg_sleep(5)").await;
    assert!(slow.is_err(), "a 5 s statement ran to its end");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn an_absurd_accept_language_is_harmless() {
    let app = TestApp::demo().await;
    for header_value in ["en;q=5000000", "de;q=99999999999999999999999", "hu;q=-1, it;q=1e9"] {
        let req = Request::get("/login")
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, header_value)
            .body(Body::empty())
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::OK, "{header_value}");
    }
}

#[tokio::test]
async fn every_path_that_is_not_a_static_file_is_a_gated_page() {
    let app = TestApp::demo().await;
    // Paths that look like file names are pages all the same: no session, no page.
    for path in ["/services/1.json", "/orders/1.pdf", "/x.y", "/services/1/../1.txt"] {
        assert_eq!(app.get(path, None).await.location(), Some("/login"), "{path}");
    }
    // HEAD is a page request like GET.
    let head = |cookie: Option<&str>| {
        let mut req = Request::head("/");
        if let Some(cookie) = cookie {
            req = req.header(header::COOKIE, cookie);
        }
        req.body(Body::empty()).unwrap()
    };
    let res = app.send(head(None)).await;
    assert_eq!(res.location(), Some("/login"));
    let cookie = app.sign_in(DEMO, "portico-demo").await;
    assert_eq!(app.send(head(Some(&cookie))).await.status, StatusCode::OK);
}

/// A site root as a release build leaves it: hashed files under `pkg/` with their brotli and
/// gzip copies (marked, so the test sees which copy it got), and a plain file at the root.
fn built_site() -> String {
    let root = std::env::temp_dir().join(format!("portico-site-{}", rand::random::<u64>()));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    let write = |name: &str, body: &[u8]| std::fs::write(root.join(name), body).unwrap();
    write("pkg/portico.Ab12Cd34.css", b"body { color: black }");
    write("pkg/portico.Ab12Cd34.css.br", b"brotli copy");
    write("pkg/portico.Ab12Cd34.css.gz", b"gzip copy");
    write("favicon.svg", b"<svg/>");
    root.to_str().unwrap().to_owned()
}

fn get_asset(path: &str, headers: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut req = Request::get(path);
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    req.body(Body::empty()).unwrap()
}

/// Pages are made per request and compressed for speed: gzip at a low level, even for a
/// browser that also takes brotli (brotli's default level cost half of a signed-in request),
/// and still to less than half the size.
#[tokio::test]
async fn pages_are_gzipped_fast_even_when_brotli_is_accepted() {
    use std::io::Read as _;
    let app = TestApp::demo().await;
    let browser = (header::ACCEPT_ENCODING, "gzip, deflate, br, zstd");
    let page = app.send(get_asset("/login", &[browser])).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-encoding"), Some("gzip"));
    let mut html = String::new();
    flate2::read::GzDecoder::new(&page.bytes[..]).read_to_string(&mut html).unwrap();
    assert!(html.contains(r#"<form method="post" action="/api/login">"#), "{html}");
    assert!(page.bytes.len() * 2 < html.len(), "{} of {} bytes", page.bytes.len(), html.len());

    let plain = app.send(get_asset("/login", &[(header::ACCEPT_ENCODING, "br")])).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert!(plain.body.contains(r#"<form method="post" action="/api/login">"#));
}

#[tokio::test]
async fn static_files_are_served_precompressed_and_cached_for_good_without_a_session() {
    let app = TestApp::demo().await.with_site(&built_site());
    let css = "/pkg/portico.Ab12Cd34.css";
    let stale = (header::COOKIE, "portico_session=no-such-session");
    let page = app.get("/", Some(stale.1)).await;
    assert!(page.set_cookies().iter().any(|c| c.starts_with("portico_session=;")), "a page does");

    // The smallest copy the browser accepts, made at build time; never compressed here.
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), "brotli copy"),
        ("gzip", Some("gzip"), "gzip copy"),
        ("br;q=0, gzip", Some("gzip"), "gzip copy"),
        ("identity", None, "body { color: black }"),
    ] {
        let res =
            app.send(get_asset(css, &[(header::ACCEPT_ENCODING, accept), stale.clone()])).await;
        assert_eq!(res.status, StatusCode::OK, "{accept}");
        assert_eq!(res.header("content-encoding"), encoding, "{accept}");
        assert_eq!(res.body, body, "{accept}");
        assert_eq!(res.header("content-type"), Some("text/css; charset=utf-8"));
        assert_eq!(res.header("cache-control"), Some("public, max-age=31536000, immutable"));
        assert_eq!(res.header("vary"), Some("accept-encoding"));
        assert!(res.set_cookies().is_empty(), "an asset does not look the session up");
    }

    // A file without a hash in its name is revalidated, and not sent again when unchanged.
    let icon = app.send(get_asset("/favicon.svg", &[])).await;
    assert_eq!((icon.status, icon.header("cache-control")), (StatusCode::OK, Some("no-cache")));
    assert_eq!(icon.header("content-type"), Some("image/svg+xml"));
    // Opened on its own, an SVG is a document: it runs nothing.
    assert_eq!(
        icon.header("content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    let etag = icon.header("etag").unwrap().to_owned();
    let again = app.send(get_asset("/favicon.svg", &[(header::IF_NONE_MATCH, &etag)])).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());

    // A file name the build did not make is a page like any other: sign in first.
    assert_eq!(app.get("/pkg/portico.css", None).await.location(), Some("/login"));

    // Even with the database gone, assets answer while pages cannot.
    app.db().clone().close().await.unwrap();
    assert_eq!(app.get("/", Some(stale.1)).await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app.send(get_asset(css, &[stale])).await.status, StatusCode::OK);
}

#[tokio::test]
async fn housekeeping_deletes_old_sign_in_events_and_finished_jobs_only() {
    let app = TestApp::demo().await;
    let now = app.state.clock.now();
    let customer = app.customer_id(DEMO).await;
    for (days_ago, email) in [(91, "old@portico.test"), (89, "recent@portico.test")] {
        login_events::ActiveModel {
            customer_id: Set(None),
            email: Set(email.into()),
            ip: Set(Some("203.0.113.5".into())),
            user_agent: Set(None),
            result: Set(LoginResult::BadCredentials),
            occurred_at: Set(now - TimeDelta::days(days_ago)),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
    let service = vps(&app).await;
    let mut job_ids = Vec::new();
    for (days_ago, status) in [
        (31, JobStatus::Done),
        (31, JobStatus::Failed),
        (29, JobStatus::Done),
        (31, JobStatus::Pending),
    ] {
        let new = NewJob {
            customer_id: customer,
            service_id: service,
            op: app::model::Operation::Reboot,
            argument: None,
        };
        let id = enqueue(app.db(), new, now - TimeDelta::days(days_ago)).await.unwrap();
        jobs::Entity::update_many()
            .col_expr(jobs::Column::Status, sea_orm::sea_query::Expr::value(status.as_str()))
            .filter(jobs::Column::Id.eq(id))
            .exec(app.db())
            .await
            .unwrap();
        job_ids.push(id);
    }

    let swept = housekeeping::sweep(app.db(), now).await.unwrap();
    assert_eq!((swept.login_events, swept.jobs), (1, 2));
    let emails: Vec<String> = login_events::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.email)
        .collect();
    assert!(emails.contains(&"recent@portico.test".to_owned()));
    assert!(!emails.contains(&"old@portico.test".to_owned()));
    let left: Vec<i64> =
        jobs::Entity::find().all(app.db()).await.unwrap().into_iter().map(|j| j.id).collect();
    assert!(!left.contains(&job_ids[0]) && !left.contains(&job_ids[1]));
    assert!(left.contains(&job_ids[2]), "a recent finished job stays");
    assert!(left.contains(&job_ids[3]), "an unfinished job stays, however old");
}

/// The embedded SQLite is built with the query planner stability guarantee
/// (`.cargo/config.toml`). Without it every statement with a LIMIT or a comparison a partial
/// index could use is compiled again each time it runs, and the dashboard took 1.8 times the CPU.
#[tokio::test]
async fn sqlite_compiles_each_statement_once() {
    let app = TestApp::empty().await;
    if app.db().get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let rows = app
        .db()
        .query_all_raw(sea_orm::Statement::from_string(DbBackend::Sqlite, "PRAGMA compile_options"))
        .await
        .unwrap();
    let options: Vec<String> = rows.iter().map(|r| r.try_get_by_index(0).unwrap()).collect();
    assert!(options.iter().any(|o| o == "ENABLE_QPSG"), "compiled with {options:?}");
}

/// SQLite's own wait for its write lock polls (sleeps of 1, 2, 5 ... ms), so a writer could be
/// overtaken again and again by newer ones and the lock stood free while all of them slept.
/// Write transactions of one process queue for it instead: they start in the order they asked,
/// each as soon as the one before it ends, committed or dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_writers_take_their_turns_in_order() {
    let app = TestApp::empty().await;
    if app.db().get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let first = db::begin_write(app.db()).await.unwrap();
    let (started, mut order) = tokio::sync::mpsc::unbounded_channel();
    let mut writers = Vec::new();
    for n in 0..8 {
        let (db, started) = (app.db().clone(), started.clone());
        writers.push(tokio::spawn(async move {
            let txn = db::begin_write(&db).await.unwrap();
            started.send(n).unwrap();
            txn.commit().await.unwrap();
        }));
        // Each has asked before the next one is spawned.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Nobody writes while a transaction holds the turn, however long it takes.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(order.try_recv().is_err());
    drop(first);
    for writer in writers {
        writer.await.unwrap();
    }
    drop(started);
    let mut seen = Vec::new();
    while let Some(n) = order.recv().await {
        seen.push(n);
    }
    assert_eq!(seen, (0..8).collect::<Vec<_>>());
}

#[tokio::test]
async fn the_unique_guards_are_in_the_schema_and_recognised_on_both_databases() {
    let app = TestApp::demo().await;
    let customer = app.customer_id(DEMO).await;
    let service = vps(&app).await;
    let now = app.state.clock.now();
    let order = |number: &str| orders::ActiveModel {
        customer_id: Set(customer),
        number: Set(number.to_owned()),
        kind: Set(OrderKind::Renewal),
        status: Set(OrderStatus::AwaitingPayment),
        currency: Set(Currency::Huf),
        total_minor: Set(100),
        service_id: Set(Some(service)),
        reverse_charge: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    order("T-1").insert(app.db()).await.unwrap();
    let second = order("T-2").insert(app.db()).await.unwrap_err();
    assert!(violates(&second, &ONE_ORDER_AWAITING_PAYMENT), "{second}");
    // Another unique index is not mistaken for it: a repeated number is a fault.
    let mut repeat = order("T-1");
    repeat.kind = Set(OrderKind::Upgrade);
    let repeated_number = repeat.insert(app.db()).await.unwrap_err();
    assert!(!violates(&repeated_number, &ONE_ORDER_AWAITING_PAYMENT), "{repeated_number}");

    let job = || NewJob {
        customer_id: customer,
        service_id: service,
        op: app::model::Operation::Reboot,
        argument: None,
    };
    enqueue(app.db(), job(), now).await.unwrap();
    let err = enqueue(app.db(), job(), now).await.unwrap_err();
    assert!(violates(&err, &ONE_UNFINISHED_JOB), "{err}");
}
