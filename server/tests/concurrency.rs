//! "Exactly once" under real concurrency: many requests at the same moment, each on its own
//! pooled connection (`tokio::spawn`), as double clicks, several tabs and several customers
//! produce them. Run on SQLite and, with `PORTICO_TEST_PG_URL`, on PostgreSQL, where write
//! transactions are not serialised and only row locks and unique indexes keep the rules.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::{
    AppError, BillingCycle, Currency, CustomerKind, JobStatus, Lang, Operation, OrderStatus,
    ServiceKind, ServiceStatus,
};
use app::server::clock::Clock;
use app::server::context::AppState;
use app::server::context::Requester;
use app::server::entities::{customers, jobs, orders, services};
use app::server::usecases::orders as order_cases;
use app::server::usecases::services::operations;
use app::server::usecases::services::renewal;
use common::TestApp;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeSet;

/// Rounds per test: one round on the old code already failed most of the time on PostgreSQL;
/// several make a pass on a lucky schedule unlikely.
const ROUNDS: usize = 5;

fn who(customer_id: i64) -> Requester {
    Requester { customer_id, ip: Some("198.51.100.9".into()) }
}

async fn customer(app: &TestApp, n: usize) -> i64 {
    let now = app.clock.now();
    customers::ActiveModel {
        kind: Set(CustomerKind::Person),
        name: Set(format!("Load Customer {n}")),
        company_name: Set(None),
        email: Set(format!("load{n}@load.portico.test")),
        password_hash: Set("-".into()),
        country: Set("HU".into()),
        language: Set(Lang::Hu),
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
    .insert(app.db())
    .await
    .unwrap()
    .id
}

async fn service(app: &TestApp, customer_id: i64, kind: ServiceKind, name: &str) -> i64 {
    let now = app.clock.now();
    services::ActiveModel {
        customer_id: Set(customer_id),
        product_id: Set(None),
        kind: Set(kind),
        name: Set(name.to_owned()),
        domain: Set(Some(name.to_owned())),
        status: Set(ServiceStatus::Active),
        billing_cycle: Set(BillingCycle::Monthly),
        currency: Set(Currency::Huf),
        price_minor: Set(4990),
        next_due_date: Set(None),
        expires_on: Set(None),
        auto_renew: Set(false),
        details: Set(Some(serde_json::json!({ "ip": "192.0.2.10", "power": "running" }))),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap()
    .id
}

/// Runs `n` copies of a request at once, each in its own task, and returns their answers.
async fn at_once<T, F, Fut>(state: &AppState, n: usize, request: F) -> Vec<Result<T, AppError>>
where
    T: Send + 'static,
    F: Fn(AppState, usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let tasks: Vec<_> = (0..n).map(|i| tokio::spawn(request(state.clone(), i))).collect();
    let mut answers = Vec::with_capacity(n);
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[tokio::test]
async fn a_burst_of_renewals_of_one_service_creates_one_order() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let domain = service(&app, customer_id, ServiceKind::Domain, "burst.hu").await;
    for round in 0..ROUNDS {
        let answers = at_once(&app.state, 32, move |state, _| async move {
            renewal::renew(&state, &who(customer_id), domain).await
        })
        .await;
        // Every click answers with the same order: no error, no second order.
        let ids: BTreeSet<i64> = answers.iter().map(|a| *a.as_ref().unwrap()).collect();
        assert_eq!(ids.len(), 1, "round {round}: {answers:?}");
        let waiting = orders::Entity::find()
            .filter(orders::Column::ServiceId.eq(domain))
            .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(waiting.len(), 1, "round {round}");
        order_cases::cancel(&app.state, &who(customer_id), waiting[0].id).await.unwrap();
    }
}

#[tokio::test]
async fn renewals_by_many_customers_at_once_get_gap_free_unique_numbers() {
    let app = TestApp::empty().await;
    let mut targets = Vec::new();
    for n in 0..50 {
        let customer_id = customer(&app, n).await;
        for s in 0..4 {
            let id = service(&app, customer_id, ServiceKind::Domain, &format!("c{n}s{s}.hu")).await;
            targets.push((customer_id, id));
        }
    }
    let targets = std::sync::Arc::new(targets);
    let answers = at_once(&app.state, 200, move |state, i| {
        let (customer_id, service_id) = targets[i];
        async move { renewal::renew(&state, &who(customer_id), service_id).await }
    })
    .await;
    let failed: Vec<_> = answers.iter().filter(|a| a.is_err()).collect();
    assert!(failed.is_empty(), "{} of 200 renewals failed: {failed:?}", failed.len());

    let numbers: Vec<String> =
        orders::Entity::find().all(app.db()).await.unwrap().into_iter().map(|o| o.number).collect();
    assert_eq!(numbers.len(), 200);
    let mut seqs: Vec<u32> =
        numbers.iter().map(|n| n.rsplit('-').next().unwrap().parse().unwrap()).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=200).collect::<Vec<u32>>(), "numbers 1..=200, no gap, no repeat");
}

#[tokio::test]
async fn a_burst_of_reboots_queues_one_job() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let vps = service(&app, customer_id, ServiceKind::Vps, "vps.burst.hu").await;
    for round in 0..ROUNDS {
        let answers = at_once(&app.state, 32, move |state, _| async move {
            operations::request(&state, &who(customer_id), vps, Operation::Reboot, None).await
        })
        .await;
        let queued = answers.iter().filter(|a| a.is_ok()).count();
        let refused = answers.iter().filter(|a| **a == Err(AppError::Conflict)).count();
        assert_eq!((queued, refused), (1, 31), "round {round}: {answers:?}");
        let unfinished = jobs::Entity::find()
            .filter(jobs::Column::ServiceId.eq(vps))
            .filter(jobs::Column::Status.is_in([JobStatus::Pending, JobStatus::Running]))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(unfinished.len(), 1, "round {round}: one reboot reaches the data centre");
        // The reboot finishes; the next round starts from an idle server.
        jobs::Entity::update_many()
            .col_expr(jobs::Column::Status, Expr::value(JobStatus::Done.as_str()))
            .filter(jobs::Column::ServiceId.eq(vps))
            .exec(app.db())
            .await
            .unwrap();
    }
}
