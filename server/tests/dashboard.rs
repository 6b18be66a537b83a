//! The dashboard: which boxes the demo customers see, the delete action, and the promise that
//! the page costs the same number of queries however long a customer's history is.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::views::Dashboard;
use app::model::{AppError, CartStatus};
use app::server::entities::carts;
use app::server::usecases;
use chrono::TimeDelta;
use common::{TestApp, form, today};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

const PASSWORD: &str = "portico-demo";

async fn dashboard_of(app: &TestApp, email: &str) -> Dashboard {
    let id = app.customer_id(email).await;
    usecases::dashboard::load(app.db(), id, app.state.clock.today()).await.unwrap()
}

fn names(rows: &[app::model::views::ExpiringService]) -> Vec<(String, i64)> {
    rows.iter().map(|r| (r.domain.clone().unwrap_or_default(), r.days_left)).collect()
}

#[tokio::test]
async fn demo_company_sees_every_box() {
    let app = TestApp::demo().await;
    let d = dashboard_of(&app, "demo@portico.test").await;

    assert_eq!(d.abandoned_orders.len(), 1);
    assert_eq!(d.abandoned_orders[0].subject, "kovacs-uj.hu");
    assert_eq!(d.abandoned_orders[0].step, 2);

    assert_eq!(d.rejected_documents.len(), 1);
    assert_eq!(d.rejected_documents[0].reasons.len(), 2);

    // Soonest first; kovacs.eu (45 days) and the cancelled / suspended ones stay out.
    assert_eq!(
        names(&d.expiring_domains),
        [("kovacs-webshop.hu".into(), 5), ("kovacs.hu".into(), 12), ("kovacs-tars.hu".into(), 25)]
    );
    assert_eq!(names(&d.expiring_hosting), [("kovacs.hu".into(), 18)]);
    assert_eq!(names(&d.expiring_ssl), [("shop.kovacs.hu".into(), 9)]);

    let numbers: Vec<_> =
        d.unpaid_proformas.iter().map(|p| (p.number.as_str(), p.overdue)).collect();
    assert_eq!(numbers, [("DBK26-00006", true), ("DBK26-00005", false)]);
    assert_eq!(d.unpaid_proformas[1].total.minor, 1270, "1 000 Ft + 27 % VAT");
}

#[tokio::test]
async fn a_customer_with_nothing_pending_sees_no_box() {
    let app = TestApp::demo().await;
    let d = dashboard_of(&app, "anna@portico.test").await;
    assert!(d.is_empty(), "{d:?}");

    let cookie = app.sign_in("anna@portico.test", PASSWORD).await;
    let page = app.get("/", Some(&cookie)).await;
    assert!(page.body.contains("data-testid=\"dashboard-empty\""));
    assert!(!page.body.contains("class=\"box "));
    assert!(page.body.contains("<html lang=\"de\""));
    assert!(page.body.contains("Anna Schmidt"));
}

#[tokio::test]
async fn boxes_follow_the_calendar() {
    let app = TestApp::demo().await;
    app.advance(TimeDelta::days(20));
    let d = dashboard_of(&app, "demo@portico.test").await;
    // kovacs.hu and the webshop domain have expired (no longer "expiring"), kovacs.eu is now due.
    assert_eq!(
        names(&d.expiring_domains),
        [("kovacs-tars.hu".into(), 5), ("kovacs.eu".into(), 25)]
    );
    assert!(d.unpaid_proformas.iter().all(|p| p.overdue));
}

#[tokio::test]
async fn rendered_dashboard_is_in_hungarian_with_local_money_and_dates() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in("demo@portico.test", PASSWORD).await;
    let page = app.get("/", Some(&cookie)).await;
    let text = page.text();
    for expected in [
        "Vezérlőpult",
        "Kovács és Társa Kft.",
        "kovacs-uj.hu",
        "Hiányzik a keltezés dátuma.",
        "DBK26-00005",
        "1 270 Ft",
        "2026. 11. 28.", // the proforma's due date
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    for id in [
        "abandoned-orders",
        "rejected-documents",
        "expiring-domains",
        "expiring-hosting",
        "expiring-ssl",
        "unpaid-proformas",
    ] {
        assert!(page.body.contains(&format!("data-testid=\"{id}\"")), "box {id} missing");
    }
}

#[tokio::test]
async fn polish_customer_sees_zloty_and_polish() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in("pl@portico.test", PASSWORD).await;
    let text = app.get("/", Some(&cookie)).await.text();
    assert!(text.contains("12,50 zł"), "1016 gr + 23 % VAT = 12,50 zł");
    assert!(text.contains("nowak.pl"));
    assert!(text.contains("lang=\"pl\""));
}

#[tokio::test]
async fn deleting_an_abandoned_order_is_scoped_and_audited() {
    let app = TestApp::demo().await;
    let demo = app.customer_id("demo@portico.test").await;
    let anna = app.customer_id("anna@portico.test").await;
    let cart = dashboard_of(&app, "demo@portico.test").await.abandoned_orders[0].id;

    // Another customer's id answers exactly like a missing one, and changes nothing.
    let err = usecases::dashboard::delete_abandoned_order(&app.state, anna, cart, None)
        .await
        .unwrap_err();
    assert_eq!(err, AppError::NotFound);
    let missing = usecases::dashboard::delete_abandoned_order(&app.state, anna, 999_999, None)
        .await
        .unwrap_err();
    assert_eq!(missing, err);

    usecases::dashboard::delete_abandoned_order(&app.state, demo, cart, Some("10.0.0.1".into()))
        .await
        .unwrap();
    assert!(dashboard_of(&app, "demo@portico.test").await.abandoned_orders.is_empty());
    let row = carts::Entity::find_by_id(cart).one(app.db()).await.unwrap().unwrap();
    assert_eq!(row.status, CartStatus::Deleted);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'cart.delete' AND ip = '10.0.0.1'"
        )
        .await,
        1
    );
    // Deleted is final: a second delete is refused.
    let again = usecases::dashboard::delete_abandoned_order(&app.state, demo, cart, None)
        .await
        .unwrap_err();
    assert_eq!(again, AppError::NotFound);
}

#[tokio::test]
async fn delete_through_the_form_without_javascript() {
    let app = TestApp::demo().await;
    let cart = dashboard_of(&app, "demo@portico.test").await.abandoned_orders[0].id;
    let anna = app.sign_in("anna@portico.test", PASSWORD).await;
    app.post_form("/api/delete_abandoned_order", &form(&[("id", &cart.to_string())]), Some(&anna))
        .await;
    assert_eq!(dashboard_of(&app, "demo@portico.test").await.abandoned_orders.len(), 1);

    let cookie = app.sign_in("demo@portico.test", PASSWORD).await;
    let res = app
        .post_form(
            "/api/delete_abandoned_order",
            &form(&[("id", &cart.to_string())]),
            Some(&cookie),
        )
        .await;
    let back = res.location().unwrap_or_default();
    assert!(back.starts_with("http://127.0.0.1:3000/"), "back to the dashboard, not {back}");
    let page = app.get("/", Some(&cookie)).await;
    assert!(!page.body.contains("kovacs-uj.hu"));
}

/// The dashboard's query count must not grow with the customer's history.
#[tokio::test]
async fn dashboard_query_count_is_constant() {
    let mut app = TestApp::demo().await;
    let demo = app.customer_id("demo@portico.test").await;
    let queries = app.count_queries();
    let db = app.db().clone();
    let load = || usecases::dashboard::load(&db, demo, today());
    let (before, small) = queries.of(load()).await;
    let small = small.unwrap();

    // A much longer history: more carts, services and unpaid proformas.
    app::server::demo::seed_scale(app.db(), today(), 20, 3000).await.unwrap();
    for i in 0..40 {
        carts::ActiveModel {
            customer_id: Set(demo),
            kind: Set("domain_registration".into()),
            step: Set(1),
            data: Set(Some(serde_json::json!({ "domain": format!("extra{i}.hu") }))),
            status: Set(CartStatus::Open),
            created_at: Set(app.state.clock.now()),
            updated_at: Set(app.state.clock.now()),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
    let (after, big) = queries.of(load()).await;
    let big = big.unwrap();
    assert_eq!(before, after, "queries grew with history");
    assert_eq!(before, 1, "one statement for every box");
    assert_eq!(big.abandoned_orders.len(), small.abandoned_orders.len() + 40);
}

/// An unexpected failure shows a translated message with a reference, never internal text.
#[tokio::test]
async fn internal_errors_show_a_reference_and_no_internal_text() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in("demo@portico.test", PASSWORD).await;
    let backend = app.db().get_database_backend();
    let drop = match backend {
        sea_orm::DbBackend::Postgres => "DROP TABLE carts CASCADE",
        _ => "DROP TABLE carts",
    };
    app.db().execute_unprepared(drop).await.unwrap();

    let page = app.get("/", Some(&cookie)).await;
    let text = page.text();
    assert!(text.contains("Hivatkozási azonosító"), "no reference label");
    let reference = text.split("<code>").nth(1).and_then(|r| r.split("</code>").next()).unwrap();
    assert_eq!(reference.len(), 8, "reference {reference:?}");
    for leak in ["carts", "no such table", "does not exist", "DbErr", "sqlx"] {
        assert!(!text.contains(leak), "internal text {leak:?} shown to the user");
    }
}
