//! One service's page (`/services/{id}`): each operation through its state machine and the
//! job runner with the sandbox data centre and registry, rejected transitions, other
//! customers' ids, the audit log, sealed secrets, auto-renew, renewal orders, and the traffic
//! charts.

use crate::common::TestApp;
use app::model::service_detail::{ServiceDetail, ServiceInfo};
use app::model::{AppError, JobStatus, Operation, OrderStatus, PowerState, TrafficPeriod};
use app::server::context::Requester;
use app::server::context::{AppState, Settings};
use app::server::entities::{jobs, services};
use app::server::jobs::run_due;
use app::server::secrets::{self, KeyRing};
use app::server::usecases::orders;
use app::server::usecases::services::detail as service_detail;
use app::server::usecases::services::operations;
use app::server::usecases::services::renewal;
use chrono::TimeDelta;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use std::sync::Arc;

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";

async fn who(app: &TestApp, email: &str) -> Requester {
    Requester { customer_id: app.customer_id(email).await, ip: Some("198.51.100.7".into()) }
}

async fn detail(app: &TestApp, email: &str, id: i64) -> ServiceDetail {
    let customer = app.customer_id(email).await;
    service_detail::detail(&app.state, customer, id).await.unwrap()
}

async fn power(app: &TestApp, id: i64) -> PowerState {
    match detail(app, DEMO, id).await.info {
        ServiceInfo::Server(s) => s.power.unwrap(),
        other => panic!("not a server: {other:?}"),
    }
}

/// Lets the sandbox finish whatever runs: steps the runner, moves the clock, steps again.
async fn settle(app: &TestApp) {
    for _ in 0..4 {
        run_due(&app.state).await.unwrap();
        app.advance(TimeDelta::seconds(30));
    }
    run_due(&app.state).await.unwrap();
}

async fn ask(app: &TestApp, id: i64, op: Operation, arg: Option<&str>) -> Result<i64, AppError> {
    operations::request(&app.state, &who(app, DEMO).await, id, op, arg).await
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await
}

/// The `details` column of every service as the database stores it: what a stolen backup or
/// a database client would see.
async fn stored_details(app: &TestApp) -> String {
    let backend = app.db().get_database_backend();
    let sql = "SELECT CAST(details AS TEXT) FROM services WHERE details IS NOT NULL";
    let rows = app.db().query_all_raw(Statement::from_string(backend, sql)).await.unwrap();
    let texts: Vec<String> =
        rows.iter().map(|row| row.try_get_by_index::<String>(0).unwrap()).collect();
    assert!(texts.len() > 10, "the demo's services are there");
    texts.join("\n")
}

/// The demo's server passwords, as `demo.rs` writes them.
const DEMO_PASSWORDS: [&str; 4] =
    ["Vq7-demo-Kp2m", "Hx4-demo-Lt9w", "Ds2-demo-Wq5n", "Kvm-demo-83Rz"];

/// The public development key the demo (and `TestApp`) seals with, in `PORTICO_SECRET_KEYS` form.
const DEV_KEY: &str = "dev:cG9ydGljby1wdWJsaWMtZGV2ZWxvcG1lbnQta2V5ISE=";

/// The same app with another `PORTICO_SECRET_KEYS`, as after a restart with new settings.
fn with_keys(app: &TestApp, spec: &str) -> AppState {
    let settings = Settings { secret_keys: KeyRing::parse(spec).unwrap(), ..Settings::default() };
    AppState { settings: Arc::new(settings), ..app.state.clone() }
}

#[tokio::test]
async fn a_reboot_runs_in_the_background_and_reports_progress() {
    let app = TestApp::demo().await;
    let vps = app.service_id("VPS M").await;
    let before = detail(&app, DEMO, vps).await;
    assert!(before.state_age_minutes > 29 * 24 * 60, "the demo's state is a month old");

    let job = ask(&app, vps, Operation::Reboot, None).await.unwrap();
    let page = detail(&app, DEMO, vps).await;
    assert!(page.busy(), "the page shows the reboot as unfinished");
    assert_eq!(page.operations[0].op, Operation::Reboot);
    assert_eq!(audit_count(&app, "server.reboot").await, 1);

    // First step starts it at the data centre; the page still never called out.
    assert_eq!(run_due(&app.state).await.unwrap(), 1);
    app.advance(TimeDelta::seconds(3));
    run_due(&app.state).await.unwrap();
    let row = jobs::Entity::find_by_id(job).one(app.db()).await.unwrap().unwrap();
    assert_eq!(row.status, JobStatus::Pending);
    assert!(row.external_ref.is_some());
    assert!((1..100).contains(&row.progress), "progress {}", row.progress);
    // Nothing is due until the poll interval has passed.
    assert_eq!(run_due(&app.state).await.unwrap(), 0);

    settle(&app).await;
    let page = detail(&app, DEMO, vps).await;
    assert!(!page.busy());
    assert_eq!(page.operations[0].status, JobStatus::Done);
    assert_eq!(page.operations[0].progress, 100);
    assert_eq!(power(&app, vps).await, PowerState::Running);
    assert!(page.state_age_minutes < 5, "the state is fresh after the operation");
}

#[tokio::test]
async fn power_actions_follow_the_state_machine() {
    let app = TestApp::demo().await;
    let vps = app.service_id("VPS L").await;

    // A running server cannot be activated.
    assert_eq!(ask(&app, vps, Operation::Activate, None).await, Err(AppError::Conflict));
    ask(&app, vps, Operation::Disable, None).await.unwrap();
    // One operation at a time.
    assert_eq!(ask(&app, vps, Operation::Reboot, None).await, Err(AppError::Conflict));
    settle(&app).await;
    assert_eq!(power(&app, vps).await, PowerState::Disabled);

    // Disabled: no reboot, no second disable; block and activate are allowed.
    assert_eq!(ask(&app, vps, Operation::Reboot, None).await, Err(AppError::Conflict));
    assert_eq!(ask(&app, vps, Operation::Disable, None).await, Err(AppError::Conflict));
    ask(&app, vps, Operation::Block, None).await.unwrap();
    settle(&app).await;
    assert_eq!(power(&app, vps).await, PowerState::Blocked);
    ask(&app, vps, Operation::Activate, None).await.unwrap();
    settle(&app).await;
    assert_eq!(power(&app, vps).await, PowerState::Running);

    // Power actions make no sense on a domain.
    let domain = app.service_id("kovacs.hu").await;
    assert_eq!(ask(&app, domain, Operation::Reboot, None).await, Err(AppError::NotFound));
}

#[tokio::test]
async fn another_customers_service_is_never_touched() {
    let app = TestApp::demo().await;
    let vps = app.service_id("VPS M").await;
    let domain = app.service_id("kovacs.hu").await;
    let anna = who(&app, ANNA).await;
    let jobs_before = app.count("SELECT COUNT(*) FROM jobs").await;

    for (id, op) in [(vps, Operation::Reboot), (domain, Operation::EppCode)] {
        assert_eq!(
            operations::request(&app.state, &anna, id, op, None).await,
            Err(AppError::NotFound)
        );
    }
    assert_eq!(
        operations::reveal_access(&app.state, &anna, vps).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        operations::reveal_epp_code(&app.state, &anna, domain).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        operations::set_auto_renew(&app.state, &anna, domain, false).await,
        Err(AppError::NotFound)
    );
    assert_eq!(renewal::renew(&app.state, &anna, vps, 1).await, Err(AppError::NotFound));
    assert_eq!(
        service_detail::detail(&app.state, anna.customer_id, vps).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        service_detail::traffic(&app.state, anna.customer_id, vps, TrafficPeriod::Day)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    let demo_order =
        orders::list(app.db(), app.customer_id(DEMO).await, 1).await.unwrap().rows[0].id;
    assert_eq!(orders::cancel(&app.state, &anna, demo_order).await, Err(AppError::NotFound));
    assert_eq!(
        orders::detail(app.db(), anna.customer_id, demo_order).await.unwrap_err(),
        AppError::NotFound
    );

    assert_eq!(app.count("SELECT COUNT(*) FROM jobs").await, jobs_before);
    assert!(detail(&app, DEMO, vps).await.auto_renew);
}

#[tokio::test]
async fn reverse_dns_is_validated_and_the_data_centre_may_refuse_it() {
    let app = TestApp::demo().await;
    let vps = app.service_id("VPS M").await;

    for (input, code) in [
        ("mail", "hostname_needs_domain"),
        ("bad_name.kovacs.hu", "hostname_bad_label"),
        ("", "hostname_empty"),
    ] {
        assert_eq!(
            ask(&app, vps, Operation::ReverseDns, Some(input)).await,
            Err(AppError::Invalid { field: "hostname".into(), code: code.into() }),
            "{input:?}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM jobs").await, 0, "refused input makes no job");

    ask(&app, vps, Operation::ReverseDns, Some("Mail.Kovacs.hu.")).await.unwrap();
    settle(&app).await;
    let rdns = |d: ServiceDetail| match d.info {
        ServiceInfo::Server(s) => s.reverse_dns,
        _ => unreachable!(),
    };
    assert_eq!(rdns(detail(&app, DEMO, vps).await), "mail.kovacs.hu");

    // The sandbox refuses names under .invalid, as a resolver check would; nothing changes.
    ask(&app, vps, Operation::ReverseDns, Some("host.kovacs.invalid")).await.unwrap();
    settle(&app).await;
    let page = detail(&app, DEMO, vps).await;
    assert_eq!(page.operations[0].status, JobStatus::Failed);
    assert_eq!(page.operations[0].error.as_deref(), Some("rdns_rejected"));
    assert_eq!(rdns(page), "mail.kovacs.hu");
}

#[tokio::test]
async fn reinstall_takes_an_image_from_the_list() {
    let app = TestApp::demo().await;
    let server = app.service_id("Dedikált szerver DS-2").await;
    assert_eq!(
        ask(&app, server, Operation::Reinstall, Some("TempleOS")).await,
        Err(AppError::Invalid { field: "image".into(), code: "image_unknown".into() })
    );
    ask(&app, server, Operation::Reinstall, Some("AlmaLinux 9")).await.unwrap();
    settle(&app).await;
    match detail(&app, DEMO, server).await.info {
        ServiceInfo::Server(s) => {
            assert_eq!(s.os, "AlmaLinux 9");
            assert_eq!(s.kvm_url.as_deref(), Some("https://kvm.portico.test/ds2-40"));
        }
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn access_data_is_shown_on_request_and_audited() {
    let app = TestApp::demo().await;
    let server = app.service_id("Dedikált szerver DS-2").await;
    let page = serde_json::to_string(&detail(&app, DEMO, server).await).unwrap();
    assert!(!page.contains("Ds2-demo-Wq5n"), "the page itself never carries the password");

    let access =
        operations::reveal_access(&app.state, &who(&app, DEMO).await, server).await.unwrap();
    assert_eq!(access.username, "root");
    assert_eq!(access.password, "Ds2-demo-Wq5n");
    assert_eq!(access.kvm_user.as_deref(), Some("kovacs-kvm"));
    assert_eq!(audit_count(&app, "server.access.reveal").await, 1);
}

#[tokio::test]
async fn server_passwords_and_the_epp_code_are_stored_only_sealed() {
    let app = TestApp::demo().await;
    let stored = stored_details(&app).await;
    for plain in DEMO_PASSWORDS {
        assert!(!stored.contains(plain), "{plain} is stored in plain text");
    }
    for field in ["\"root_password\"", "\"kvm_password\"", "\"epp_code\""] {
        assert!(!stored.contains(field), "a plain {field} is stored");
    }
    // PostgreSQL may space the JSON differently: count keys and envelopes apart.
    assert_eq!(stored.matches("\"root_password_sealed\"").count(), 3);
    assert_eq!(stored.matches("\"kvm_password_sealed\"").count(), 1);
    assert_eq!(stored.matches("\"sealed:v1:dev:").count(), 4);

    // Revealing opens them, and each reveal is audited.
    let demo = who(&app, DEMO).await;
    let server = app.service_id("Dedikált szerver DS-2").await;
    let access = operations::reveal_access(&app.state, &demo, server).await.unwrap();
    assert_eq!(access.password, "Ds2-demo-Wq5n");
    assert_eq!(access.kvm_password.as_deref(), Some("Kvm-demo-83Rz"));
    let vps = app.service_id("VPS M").await;
    let access = operations::reveal_access(&app.state, &demo, vps).await.unwrap();
    assert_eq!((access.password.as_str(), access.kvm_password), ("Vq7-demo-Kp2m", None));
    assert_eq!(audit_count(&app, "server.access.reveal").await, 2);

    // The EPP code the registrar sends is sealed the moment it is stored.
    let domain = app.service_id("kovacs.hu").await;
    ask(&app, domain, Operation::EppCode, None).await.unwrap();
    settle(&app).await;
    let code = operations::reveal_epp_code(&app.state, &demo, domain).await.unwrap();
    assert_eq!(code.len(), 15);
    let stored = stored_details(&app).await;
    assert!(!stored.contains(&code), "the EPP code is stored in plain text");
    assert!(!stored.contains("\"epp_code\""));
    assert_eq!(stored.matches("\"epp_code_sealed\"").count(), 1);
    assert_eq!(stored.matches("\"sealed:v1:dev:").count(), 5);
    assert_eq!(audit_count(&app, "domain.epp_code.reveal").await, 1);

    // A sealed value copied onto another server does not open there.
    let vps_l = app.service_id("VPS L").await;
    let row = services::Entity::find_by_id(server).one(app.db()).await.unwrap().unwrap();
    let copied = row.details.unwrap()["root_password_sealed"].clone();
    let mut target = services::Entity::find_by_id(vps_l).one(app.db()).await.unwrap().unwrap();
    let mut details = target.details.take().unwrap();
    details["root_password_sealed"] = copied;
    services::Entity::update_many()
        .col_expr(services::Column::Details, sea_orm::sea_query::Expr::value(details))
        .filter(services::Column::Id.eq(vps_l))
        .exec(app.db())
        .await
        .unwrap();
    let refused = operations::reveal_access(&app.state, &demo, vps_l).await.unwrap_err();
    assert!(matches!(refused, AppError::Internal { .. }), "{refused:?}");
    assert_eq!(audit_count(&app, "server.access.reveal").await, 2, "nothing was shown");
}

#[tokio::test]
async fn the_epp_code_is_shown_only_through_an_audited_reveal() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let domain = app.service_id("kovacs.hu").await;
    // Nothing to show before the registrar has sent a code.
    assert_eq!(
        operations::reveal_epp_code(&app.state, &demo, domain).await,
        Err(AppError::Conflict)
    );
    ask(&app, domain, Operation::EppCode, None).await.unwrap();
    settle(&app).await;

    let page = detail(&app, DEMO, domain).await;
    let ServiceInfo::Domain(info) = &page.info else { panic!("not a domain") };
    assert!(info.epp_code_ready);
    let page = serde_json::to_string(&page).unwrap();
    assert_eq!(audit_count(&app, "domain.epp_code.reveal").await, 0, "viewing is not revealing");

    let code = operations::reveal_epp_code(&app.state, &demo, domain).await.unwrap();
    assert!(!page.contains(&code), "the page's read model carries the EPP code");
    assert_eq!(operations::reveal_epp_code(&app.state, &demo, domain).await.unwrap(), code);
    assert_eq!(audit_count(&app, "domain.epp_code.reveal").await, 2, "each reveal is logged");
    let entry = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'domain.epp_code.reveal' \
             AND subject_id = {domain} AND customer_id = {} AND ip = '198.51.100.7'",
            demo.customer_id
        ))
        .await;
    assert_eq!(entry, 2);

    // Another customer's domain answers like a missing one; a server has no EPP code.
    let anna = who(&app, ANNA).await;
    assert_eq!(
        operations::reveal_epp_code(&app.state, &anna, domain).await,
        Err(AppError::NotFound)
    );
    let server = app.service_id("VPS M").await;
    assert_eq!(
        operations::reveal_epp_code(&app.state, &demo, server).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        operations::reveal_epp_code(&app.state, &demo, 999_999).await,
        Err(AppError::NotFound)
    );
    assert_eq!(audit_count(&app, "domain.epp_code.reveal").await, 2);
}

#[tokio::test]
async fn the_epp_code_travels_only_in_the_reveal_response() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    let app = TestApp::demo().await;
    let domain = app.service_id("kovacs.hu").await;
    ask(&app, domain, Operation::EppCode, None).await.unwrap();
    settle(&app).await;
    let code =
        operations::reveal_epp_code(&app.state, &who(&app, DEMO).await, domain).await.unwrap();

    let cookie = app.sign_in(DEMO, "portico-demo").await;
    let page = app.get(&format!("/services/{domain}"), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("data-testid=\"show-epp-code\""), "the reveal button is shown");
    assert!(!page.text().contains(&code), "the page carries the EPP code");

    let reveal = |cookie: &str| {
        Request::post("/api/reveal_epp_code")
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, cookie)
            .body(Body::from(format!("id={domain}")))
            .unwrap()
    };
    let shown = app.send(reveal(&cookie)).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<String>(&shown.body).unwrap(), code);
    assert_eq!(audit_count(&app, "domain.epp_code.reveal").await, 2);

    let anna = app.sign_in(ANNA, "portico-demo").await;
    let refused = app.send(reveal(&anna)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(!refused.body.contains(&code));
    assert_eq!(audit_count(&app, "domain.epp_code.reveal").await, 2);
}

#[tokio::test]
async fn rotating_the_secret_key_re_seals_every_value() {
    let app = TestApp::demo().await;
    assert!(KeyRing::parse(DEV_KEY).unwrap().seals_with_development_key());
    let demo = who(&app, DEMO).await;
    let server = app.service_id("Dedikált szerver DS-2").await;
    let vps = app.service_id("VPS M").await;
    let domain = app.service_id("kovacs.hu").await;
    ask(&app, domain, Operation::EppCode, None).await.unwrap();
    settle(&app).await;
    let code = operations::reveal_epp_code(&app.state, &demo, domain).await.unwrap();
    // A plain value written by a version from before sealing.
    let mut row = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
    let mut details = row.details.take().unwrap();
    details["kvm_password"] = "Legacy-plain-kvm".into();
    services::Entity::update_many()
        .col_expr(services::Column::Details, sea_orm::sea_query::Expr::value(details))
        .filter(services::Column::Id.eq(vps))
        .exec(app.db())
        .await
        .unwrap();

    // A new key goes first, the old one stays behind it: everything still opens.
    let new_key = "k2026:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    let both = with_keys(&app, &format!("{new_key},{DEV_KEY}"));
    let access = operations::reveal_access(&both, &demo, server).await.unwrap();
    assert_eq!(access.password, "Ds2-demo-Wq5n");
    assert_eq!(operations::reveal_epp_code(&both, &demo, domain).await.unwrap(), code);
    // The new key alone cannot open what the old one sealed: no secret is shown.
    let new_only = with_keys(&app, new_key);
    let refused = operations::reveal_access(&new_only, &demo, server).await.unwrap_err();
    assert!(matches!(refused, AppError::Internal { .. }), "{refused:?}");

    // 4 passwords and the EPP code re-sealed, 1 plain value sealed.
    let resealed = secrets::rotate(app.db(), &both.settings.secret_keys).await.unwrap();
    assert_eq!(resealed, 6);
    let stored = stored_details(&app).await;
    assert!(!stored.contains("sealed:v1:dev:"), "a value is still sealed with the old key");
    assert_eq!(stored.matches("sealed:v1:k2026:").count(), 6);
    assert!(!stored.contains("Legacy-plain-kvm") && !stored.contains("\"kvm_password\""));
    assert_eq!(secrets::rotate(app.db(), &both.settings.secret_keys).await.unwrap(), 0);

    // The old key removed: every value opens with the new key alone.
    let access = operations::reveal_access(&new_only, &demo, server).await.unwrap();
    assert_eq!(access.password, "Ds2-demo-Wq5n");
    assert_eq!(access.kvm_password.as_deref(), Some("Kvm-demo-83Rz"));
    let access = operations::reveal_access(&new_only, &demo, vps).await.unwrap();
    assert_eq!(access.password, "Vq7-demo-Kp2m");
    assert_eq!(access.kvm_password.as_deref(), Some("Legacy-plain-kvm"));
    assert_eq!(operations::reveal_epp_code(&new_only, &demo, domain).await.unwrap(), code);
    // Rotation left the state's age alone: it is what the data centre last reported.
    assert!(detail(&app, DEMO, server).await.state_age_minutes > 29 * 24 * 60);

    // Rotating with a ring that lacks the key of a stored value stops, and says which.
    let other = KeyRing::parse("k2027:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=").unwrap();
    let err = secrets::rotate(app.db(), &other).await.unwrap_err().to_string();
    assert!(err.contains("k2026") && err.contains("PORTICO_SECRET_KEYS"), "{err}");
}

#[tokio::test]
async fn domain_nameservers_lock_and_epp_code() {
    let app = TestApp::demo().await;
    let domain = app.service_id("kovacs.hu").await;
    let too_many: Vec<String> = (1..=14).map(|i| format!("ns{i}.kovacs.hu")).collect();
    for (input, code) in [
        ("ns1.kovacs.hu".to_owned(), "nameservers_too_few"),
        (too_many.join("\n"), "nameservers_too_many"),
        ("ns1.kovacs.hu\nns1.kovacs.hu".to_owned(), "nameservers_duplicate"),
        ("ns1.kovacs.hu\nns_2.kovacs.hu".to_owned(), "hostname_bad_label"),
    ] {
        assert_eq!(
            ask(&app, domain, Operation::Nameservers, Some(&input)).await,
            Err(AppError::Invalid { field: "nameservers".into(), code: code.into() })
        );
    }
    ask(&app, domain, Operation::Nameservers, Some("ns1.dns.hu\nns2.dns.hu\nns3.dns.hu"))
        .await
        .unwrap();
    settle(&app).await;
    let info = |d: ServiceDetail| match d.info {
        ServiceInfo::Domain(info) => info,
        _ => unreachable!(),
    };
    let now = info(detail(&app, DEMO, domain).await);
    assert_eq!(now.nameservers, ["ns1.dns.hu", "ns2.dns.hu", "ns3.dns.hu"]);
    assert!(now.locked);
    assert_eq!(now.contacts.len(), 3);

    // The demo domain is locked: locking again is refused, unlocking works.
    assert_eq!(ask(&app, domain, Operation::Lock, None).await, Err(AppError::Conflict));
    ask(&app, domain, Operation::Unlock, None).await.unwrap();
    settle(&app).await;
    assert!(!info(detail(&app, DEMO, domain).await).locked);

    assert!(!info(detail(&app, DEMO, domain).await).epp_code_ready);
    ask(&app, domain, Operation::EppCode, None).await.unwrap();
    settle(&app).await;
    assert!(info(detail(&app, DEMO, domain).await).epp_code_ready);
    let code =
        operations::reveal_epp_code(&app.state, &who(&app, DEMO).await, domain).await.unwrap();
    assert_eq!(code.len(), 15);
    assert_eq!(audit_count(&app, "domain.epp_code").await, 1);
    assert_eq!(audit_count(&app, "domain.epp_code.reveal").await, 1);

    // A nameserver that does not answer: the registry refuses, the old set stays.
    ask(&app, domain, Operation::Nameservers, Some("ns1.gone.invalid\nns2.dns.hu")).await.unwrap();
    settle(&app).await;
    let page = detail(&app, DEMO, domain).await;
    assert_eq!(page.operations[0].error.as_deref(), Some("nameserver_unreachable"));
    assert_eq!(info(page).nameservers.len(), 3);
}

#[tokio::test]
async fn auto_renew_toggle_decides_the_renew_button_and_is_audited() {
    let app = TestApp::demo().await;
    let storage = app.service_id("Archív tárhely 100 GB").await;
    let page = detail(&app, DEMO, storage).await;
    // Seed 003: 75 % is above 70 %, 60 days is within 90, auto-renew off shows "Renew".
    match &page.info {
        ServiceInfo::Storage(s) => {
            assert_eq!(s.percent_used(), 75);
            assert!(s.space_warning());
            assert_eq!(s.panel_username, "kovacs-archiv");
        }
        other => panic!("{other:?}"),
    }
    assert!(page.expiry_warning());
    assert!(page.shows_renew());

    let demo = who(&app, DEMO).await;
    operations::set_auto_renew(&app.state, &demo, storage, true).await.unwrap();
    assert!(!detail(&app, DEMO, storage).await.shows_renew());
    // The same value again changes and logs nothing.
    operations::set_auto_renew(&app.state, &demo, storage, true).await.unwrap();
    assert_eq!(audit_count(&app, "service.auto_renew.on").await, 1);
    operations::set_auto_renew(&app.state, &demo, storage, false).await.unwrap();
    assert!(detail(&app, DEMO, storage).await.shows_renew());
    assert_eq!(audit_count(&app, "service.auto_renew.off").await, 1);

    // A far expiry is not red.
    let pl = app.service_id("kovacs.pl").await;
    assert!(!detail(&app, DEMO, pl).await.expiry_warning());
}

#[tokio::test]
async fn an_addon_offers_no_renewal_of_its_own_and_the_server_agrees() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, "portico-demo").await;
    let addon = app.service_id("Napi mentés").await;
    // One rule for the page and the use cases: an addon renews with the service it is
    // attached to, so its page offers neither "Renew" nor the automatic renewal toggle ...
    let page = app.get(&format!("/services/{addon}"), Some(&cookie)).await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    assert!(!page.body.contains("data-testid=\"renew\""), "no renew button");
    assert!(!page.body.contains("data-testid=\"auto-renew-toggle\""), "no toggle");
    assert!(!detail(&app, DEMO, addon).await.shows_renew());
    // ... the list's row menu has no "Renew" for it ...
    let list = app.get("/services", Some(&cookie)).await;
    assert!(!list.body.contains(&format!("href=\"/services/{addon}#renewal\"")));
    assert!(
        list.body
            .contains(&format!("href=\"/services/{}#renewal\"", app.service_id("VPS M").await))
    );
    // ... and the server refuses both, as the page promised.
    let demo = who(&app, DEMO).await;
    assert_eq!(renewal::renew(&app.state, &demo, addon, 1).await, Err(AppError::Conflict));
    assert_eq!(
        operations::set_auto_renew(&app.state, &demo, addon, false).await,
        Err(AppError::Conflict)
    );
}

#[tokio::test]
async fn traffic_charts_have_the_bars_of_their_period() {
    let app = TestApp::demo().await;
    let vps = app.service_id("VPS M").await;
    let customer = app.customer_id(DEMO).await;
    for (period, bars) in [
        (TrafficPeriod::Day, 24),
        (TrafficPeriod::Week, 7),
        (TrafficPeriod::Month, 30),
        (TrafficPeriod::Year, 12),
    ] {
        let chart = service_detail::traffic(&app.state, customer, vps, period).await.unwrap();
        assert_eq!(chart.buckets.len(), bars, "{period:?}");
        assert!(chart.buckets.windows(2).all(|w| w[0].start < w[1].start));
        let sum: i64 = chart.buckets.iter().map(|b| b.bytes_in).sum();
        assert_eq!(sum, chart.total_in);
        assert!(chart.total_out > chart.total_in, "a web server sends more than it receives");
        let empty = chart.buckets.iter().filter(|b| b.bytes_in == 0).count();
        assert!(empty <= 1, "{period:?}: {empty} empty bars");
    }
    let day = service_detail::traffic(&app.state, customer, vps, TrafficPeriod::Day).await.unwrap();
    let year =
        service_detail::traffic(&app.state, customer, vps, TrafficPeriod::Year).await.unwrap();
    assert!(year.total_in > day.total_in * 100);
    let storage = app.service_id("Archív tárhely 100 GB").await;
    assert_eq!(
        service_detail::traffic(&app.state, customer, storage, TrafficPeriod::Day)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn a_job_whose_runner_died_is_taken_over_after_its_lease() {
    let app = TestApp::demo().await;
    let vps = app.service_id("VPS M").await;
    let job = ask(&app, vps, Operation::Reboot, None).await.unwrap();
    // Claimed by a runner that then vanished: status running with a lease. Leases are on the
    // database's clock, whatever the application's clock says.
    let lease = |until: &str| {
        format!(
            "UPDATE jobs SET status = 'running', lease_token = 'gone', \
             lease_until = '{until}' WHERE id = {job}"
        )
    };
    app.db().execute_unprepared(&lease("2999-01-01T00:00:00Z")).await.unwrap();
    app.advance(TimeDelta::days(1));
    assert_eq!(run_due(&app.state).await.unwrap(), 0, "the lease still holds");
    app.db().execute_unprepared(&lease("2000-01-01T00:00:00Z")).await.unwrap();
    settle(&app).await;
    let row = jobs::Entity::find_by_id(job).one(app.db()).await.unwrap().unwrap();
    assert_eq!(row.status, JobStatus::Done);
}

#[tokio::test]
async fn the_server_page_renders_in_hungarian_with_tabs() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, "portico-demo").await;
    let vps = app.service_id("Dedikált szerver DS-2").await;
    let page = app.get(&format!("/services/{vps}"), Some(&cookie)).await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    let text = page.text();
    for expected in [
        "<html lang=\"hu\"",
        "185.51.188.40",
        "https://kvm.portico.test/ds2-40",
        "?tab=network",
        "?tab=traffic",
        "data-power=\"running\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    assert!(!text.contains("Ds2-demo-Wq5n"));
    let traffic =
        app.get(&format!("/services/{vps}?tab=traffic&period=week"), Some(&cookie)).await.text();
    assert!(traffic.contains("data-bars=\"7\""), "week chart rendered on the server");
    let network = app.get(&format!("/services/{vps}?tab=network"), Some(&cookie)).await.text();
    assert!(network.contains("0c:c4:7a:91:20:5e"));

    // The dashboard's expiry boxes lead to the service and to its renewal (seed 000).
    let domain = app.service_id("kovacs.hu").await;
    let dashboard = app.get("/", Some(&cookie)).await.text();
    assert!(dashboard.contains(&format!("href=\"/services/{domain}\"")));
    assert!(dashboard.contains(&format!("href=\"/services/{domain}/renew\"")));

    let anna_service = services::Entity::find()
        .filter(services::Column::CustomerId.eq(app.customer_id(ANNA).await))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let foreign = app.get(&format!("/services/{}", anna_service.id), Some(&cookie)).await;
    assert_eq!(foreign.status, axum::http::StatusCode::NOT_FOUND);
    assert!(!foreign.text().contains(&anna_service.name), "another customer's service leaked");
}

#[tokio::test]
async fn more_archive_space_is_an_upgrade_order_only_for_storage() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let storage = app.service_id("Archív tárhely 100 GB").await;
    let order = renewal::increase_space(&app.state, &demo, storage).await.unwrap().order_id;
    assert_eq!(renewal::increase_space(&app.state, &demo, storage).await.unwrap().order_id, order);
    let d = orders::detail(app.db(), demo.customer_id, order).await.unwrap();
    assert_eq!(d.order.kind, app::model::OrderKind::Upgrade);
    assert_eq!(d.lines[0].description, "Archív tárhely 100 GB: +100 GB");
    assert_eq!(d.order.total.minor, 30_480, "24 000 Ft + 27 % VAT");
    let vps = app.service_id("VPS M").await;
    assert_eq!(renewal::increase_space(&app.state, &demo, vps).await, Err(AppError::NotFound));
    // The storage page lists the new order awaiting payment.
    let page = detail(&app, DEMO, storage).await;
    assert_eq!(page.orders[0].status, OrderStatus::AwaitingPayment);
}

#[tokio::test]
async fn refusals_answer_with_their_http_status_and_form_posts_still_go_back() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, "portico-demo").await;
    let vps = app.service_id("VPS M").await;
    let fetch = |form: String| {
        Request::post("/api/request_operation")
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(form))
            .unwrap()
    };
    let bad = app.send(fetch(format!("id={vps}&op=reverse_dns&argument=mail"))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("hostname_needs_domain"));
    let conflict = app.send(fetch(format!("id={vps}&op=activate"))).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    let ok = app.send(fetch(format!("id={vps}&op=reboot"))).await;
    assert_eq!(ok.status, StatusCode::OK);
    // Without JavaScript the browser is sent back to the page, refused or not.
    let form_post = app
        .post_form("/api/request_operation", &format!("id={vps}&op=reboot"), Some(&cookie))
        .await;
    assert_eq!(form_post.status, StatusCode::FOUND);

    // A refused entry goes back to its editor as typed, with the reason.
    let sent = format!("id={vps}&op=reverse_dns&argument=mail");
    let res = app.post_form("/api/request_operation", &sent, Some(&cookie)).await;
    let back = res.location().unwrap().to_owned();
    let expected = "tab=network&hostname=mail&refused=hostname%5Fneeds%5Fdomain";
    assert_eq!(back, format!("/services/{vps}?{expected}"));
    let page = app.get(&back, Some(&cookie)).await.text();
    assert!(page.contains(r#"value="mail""#), "{page}");
    assert!(page.contains("a teljes nevet adja meg a domainnel együtt"), "{page}");
    let domain = app.service_id("kovacs-tars.hu").await;
    let sent = format!("id={domain}&op=nameservers&argument=ns9.example.org");
    let res = app.post_form("/api/request_operation", &sent, Some(&cookie)).await;
    let back = res.location().unwrap().to_owned();
    let page = app.get(&back, Some(&cookie)).await.text();
    assert!(page.contains("ns9.example.org"), "{page}");
    assert!(page.contains("adjon meg legalább 2 névszervert"), "{page}");
}
