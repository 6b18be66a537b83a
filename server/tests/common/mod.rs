//! Test harness: a freshly migrated database per test (a real SQLite file, or a fresh
//! PostgreSQL database when `PORTICO_TEST_PG_URL` names a server), the demo world, a clock the
//! test controls, and requests through the real router in process.

#![allow(dead_code, clippy::unwrap_used)]

pub mod maildev;
pub mod poppler;

use app::server::clock::FixedClock;
use app::server::context::Requester;
use app::server::context::{AppState, Settings};
use app::server::db::{self, Db};
use app::server::demo;
use app::server::entities::{customers, invoices, services};
use app::server::usecases::services::renewal;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, Response, StatusCode, header};
use chrono::{NaiveDate, TimeDelta};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tower::ServiceExt;

/// The pool the tests use: as in production, but a request waits a minute for a connection.
/// The bursts of `concurrency.rs` (1,000 payments at once on 16 connections) queue for the
/// pool far longer than any request would; what they test is the database's rules, not how
/// long a burst may queue.
async fn connect(url: &str) -> Db {
    let pool = db::PoolOptions { acquire_timeout: Duration::from_secs(60), ..Default::default() };
    db::connect_with(url, pool).await.unwrap()
}

/// Numbers the tests' document directories within this process.
static DOCUMENT_DIRS: AtomicUsize = AtomicUsize::new(0);

/// A fixed "today" keeps every date in the demo world and the assertions stable.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Cheap to clone (the pool and the clock are shared), so parallel requests can be sent from
/// spawned tasks.
#[derive(Clone)]
pub struct TestApp {
    pub state: AppState,
    pub clock: FixedClock,
    pub db_url: String,
    /// Where the router finds the site's static files; see [`TestApp::with_site`].
    pub options: LeptosOptions,
}

impl TestApp {
    /// An empty, migrated database.
    pub async fn empty() -> Self {
        // Before this test can render anything: see `route_list`.
        server::router::route_list();
        let db_url = fresh_database_url().await;
        let db = connect(&db_url).await;
        Migrator::up(db.pool(), None).await.unwrap();
        let clock = FixedClock::new(today().and_hms_opt(9, 0, 0).unwrap().and_utc());
        // Each test keeps uploaded files in a directory of its own.
        let documents_dir = std::env::temp_dir().join(format!(
            "portico-documents-{}-{}",
            std::process::id(),
            DOCUMENT_DIRS.fetch_add(1, Ordering::SeqCst)
        ));
        let settings = Settings { documents_dir, ..Settings::default() };
        let state = AppState::with_sandboxes(db, Arc::new(clock.clone()), settings);
        Self { state, clock, db_url, options: leptos_options() }
    }

    /// The demo world, as `portico demo` loads it.
    pub async fn demo() -> Self {
        let app = Self::empty().await;
        demo::seed(&app.state.db, &app.state.settings.secret_keys, today()).await.unwrap();
        app
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn router(&self) -> Router {
        server::router::build(self.state.clone(), self.options.clone())
    }

    /// The same app serving the static files of `site_root` (a build's `target/site`), with
    /// the build's files under `pkg/` named by hash.
    pub fn with_site(self, site_root: &str) -> Self {
        let options = LeptosOptions::builder()
            .output_name("portico")
            .site_root(site_root)
            .hash_files(true)
            .build();
        Self { options, ..self }
    }

    /// A second app on the same database, as a restart or another instance would be.
    pub async fn restarted(&self) -> Self {
        let db = connect(&self.db_url).await;
        // A new process: its own pool and nothing remembered of sessions.
        let state = AppState { db, sessions: Default::default(), ..self.state.clone() };
        Self {
            state,
            clock: self.clock.clone(),
            db_url: self.db_url.clone(),
            options: self.options.clone(),
        }
    }

    /// Sends `req` through a router built for it, so a test that changed the app's state
    /// (settings, pool, ports) is served with the change.
    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        send_through(self.router(), req).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// A same-origin HTML form post, as the browser sends it without JavaScript.
    pub async fn post_form(&self, path: &str, form: &str, cookie: Option<&str>) -> TestResponse {
        self.send(form_post(path, form, cookie)).await
    }

    /// Signs in through the real form and returns the `Cookie` header value to send.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let res = self
            .post_form("/api/login", &form(&[("email", email), ("password", password)]), None)
            .await;
        assert_eq!(res.location(), Some("/"), "sign-in of {email} failed");
        res.session_cookie().expect("session cookie")
    }

    /// The id of the customer with this e-mail address.
    pub async fn customer_id(&self, email: &str) -> i64 {
        customers::Entity::find()
            .filter(customers::Column::Email.eq(email))
            .one(self.db())
            .await
            .unwrap()
            .unwrap()
            .id
    }

    /// The signed-in customer `email` as the use cases take them.
    pub async fn requester(&self, email: &str) -> Requester {
        Requester { customer_id: self.customer_id(email).await, ip: Some("198.51.100.7".into()) }
    }

    /// `email` renews their service `service`: the new order's unpaid proforma.
    pub async fn renewal_proforma(&self, email: &str, service: &str) -> invoices::Model {
        let who = self.requester(email).await;
        let service = self.service_id(service).await;
        let ordered = renew(&self.state, &who, service).await.unwrap();
        invoices::Entity::find_by_id(ordered.proforma_id).one(self.db()).await.unwrap().unwrap()
    }

    /// The id of the (demo) service with this name.
    pub async fn service_id(&self, name: &str) -> i64 {
        services::Entity::find()
            .filter(services::Column::Name.eq(name))
            .one(self.db())
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no service {name}"))
            .id
    }

    /// Pays a proforma with the sandbox's succeeding test card, as the customer would: the
    /// gateway's page, then back to the payment's page.
    pub async fn pay_by_card(&self, who: &Requester, proforma_id: i64, key: &str) {
        self.pay_by_card_through(self.router(), who, proforma_id, key).await;
    }

    /// [`TestApp::pay_by_card`] through a router built once, as a running server has it.
    pub async fn pay_by_card_through(
        &self,
        router: Router,
        who: &Requester,
        proforma_id: i64,
        key: &str,
    ) {
        let url = app::server::usecases::payments::start_card(&self.state, who, proforma_id, key)
            .await
            .unwrap();
        let card = form(&[("card", "4242 4242 4242 4242")]);
        let res = send_through(router, form_post(&url, &card, None)).await;
        let to = res.location();
        assert!(to.is_some_and(|l| l.starts_with("/payments/")), "{to:?}");
    }

    /// A customer of their own for a test: a Hungarian person paying in forints, speaking `lang`.
    pub async fn new_customer(&self, name: &str, email: &str, lang: app::model::Lang) -> i64 {
        use app::model::{Currency, CustomerKind};
        use sea_orm::{ActiveModelTrait, Set};
        let now = app::server::clock::Clock::now(&self.clock);
        customers::ActiveModel {
            kind: Set(CustomerKind::Person),
            name: Set(name.to_owned()),
            company_name: Set(None),
            email: Set(email.to_owned()),
            password_hash: Set("-".into()),
            country: Set("HU".into()),
            language: Set(lang),
            currency: Set(Currency::Huf),
            tax_id: Set(None),
            phone: Set(None),
            address: Set(None),
            balance_minor: Set(0),
            auto_renew: Set(false),
            is_staff: Set(false),
            code_word_hash: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
        .id
    }

    /// Switches a service's automatic renewal on, as the customer's toggle would.
    pub async fn auto_renew_on(&self, service_id: i64) {
        use sea_orm::sea_query::Expr;
        services::Entity::update_many()
            .col_expr(services::Column::AutoRenew, Expr::value(true))
            .filter(services::Column::Id.eq(service_id))
            .exec(self.db())
            .await
            .unwrap();
    }

    pub fn advance(&self, by: TimeDelta) {
        self.clock.advance(by);
    }

    /// Counts the statements the app's database runs from now on (through `db()` and the
    /// state the routes use), for tests that promise a page's query count.
    pub fn count_queries(&mut self) -> QueryCounter {
        let queries = Arc::new(AtomicUsize::new(0));
        let counter = queries.clone();
        let mut db = self.state.db.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        self.state.db = db;
        QueryCounter(queries)
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let backend = self.db().get_database_backend();
        let row = self
            .db()
            .query_one_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    }
}

/// See [`TestApp::count_queries`].
pub struct QueryCounter(Arc<AtomicUsize>);

impl QueryCounter {
    /// Runs `work` and answers how many statements it made, with its result.
    pub async fn of<T>(&self, work: impl Future<Output = T>) -> (usize, T) {
        self.0.store(0, Ordering::SeqCst);
        let out = work.await;
        (self.0.load(Ordering::SeqCst), out)
    }
}

/// A same-origin HTML form post, as the browser sends it without JavaScript.
pub fn form_post(path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::REFERER, "http://127.0.0.1:3000/");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(form.to_owned())).unwrap()
}

/// Sends `req` through `router`, from a client address as a browser's would have.
pub async fn send_through(router: Router, mut req: Request<Body>) -> TestResponse {
    if req.extensions().get::<ConnectInfo<SocketAddr>>().is_none() {
        req.extensions_mut().insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 40000))));
    }
    let res = router.oneshot(req).await.unwrap();
    TestResponse::read(res).await
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder().output_name("portico").site_root("target/site").build()
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for an answer that is compressed.
    pub bytes: Vec<u8>,
}

impl TestResponse {
    async fn read(res: Response<Body>) -> Self {
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Self { status, headers, body, bytes: bytes.to_vec() }
    }

    pub fn location(&self) -> Option<&str> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok())
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    /// `portico_session=…` (or `__Host-portico_session=…` when cookies are secure) from a
    /// Set-Cookie that sets (not clears) the session.
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookies().into_iter().find_map(|c| {
            let pair = c.split(';').next()?.trim().to_owned();
            let (name, value) = pair.split_once('=')?;
            (matches!(name, "portico_session" | "__Host-portico_session") && !value.is_empty())
                .then_some(pair)
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body with no-break spaces made plain, for matching formatted money.
    pub fn text(&self) -> String {
        self.body.replace('\u{a0}', " ").replace("&nbsp;", " ")
    }
}

/// A database URL for one test: a new SQLite file, or a new PostgreSQL database.
async fn fresh_database_url() -> String {
    let unique = format!("{}_{}", std::process::id(), rand::random::<u64>());
    match std::env::var("PORTICO_TEST_PG_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = format!("portico_t_{unique}");
            let admin = db::connect(&admin_url).await.expect("PostgreSQL reachable");
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
            let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
            format!("{base}/{name}")
        }
        _ => {
            let dir = std::env::temp_dir().join("portico-tests");
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}?mode=rwc", dir.join(format!("{unique}.db")).display())
        }
    }
}

/// Renews the service for one billing cycle, the period its renewal page offers first: the
/// order and its proforma.
pub async fn renew(
    state: &AppState,
    who: &Requester,
    service_id: i64,
) -> Result<renewal::Ordered, app::model::AppError> {
    let months = match services::Entity::find_by_id(service_id).one(&state.db).await.unwrap() {
        Some(service) => app::model::renewal::cycle_months(service.billing_cycle),
        None => 12,
    };
    renewal::renew(state, who, service_id, months).await
}
