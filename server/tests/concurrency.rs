//! "Exactly once" under real concurrency: many requests at the same moment, each on its own
//! pooled connection (`tokio::spawn`), as double clicks, several tabs and several customers
//! produce them. Run on SQLite and, with `PORTICO_TEST_PG_URL`, on PostgreSQL, where write
//! transactions are not serialised and only row locks and unique indexes keep the rules.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::renewal::renewed_until;
use app::model::{
    AppError, BillingCycle, Currency, InvoiceKind, InvoiceStatus, JobStatus, Lang, Operation,
    OrderStatus, PaymentStatus, ServiceKind, ServiceStatus,
};
use app::server::clock::Clock;
use app::server::context::AppState;
use app::server::context::Requester;
use app::server::entities::{
    balance_ledger, customers, invoices, jobs, orders, payments, services,
};
use app::server::ports::payment_sandbox::{self, Checkout};
use app::server::ports::payments::{EventKind, GatewayEvent};
use app::server::usecases::orders as order_cases;
use app::server::usecases::payments::{self as payment_cases, WebhookOutcome};
use app::server::usecases::services::operations;
use app::server::usecases::services::renewal;
use app::server::{auto_renew, lifecycle};
use common::TestApp;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::collections::BTreeSet;

/// Rounds per test: one round on the old code already failed most of the time on PostgreSQL;
/// several make a pass on a lucky schedule unlikely.
const ROUNDS: usize = 5;

fn who(customer_id: i64) -> Requester {
    Requester { customer_id, ip: Some("198.51.100.9".into()) }
}

async fn customer(app: &TestApp, n: usize) -> i64 {
    let email = format!("load{n}@load.portico.test");
    app.new_customer(&format!("Load Customer {n}"), &email, Lang::Hu).await
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
        // Double clicks and other tabs, some of them with another period chosen.
        let answers = at_once(&app.state, 32, move |state, i| async move {
            let months = [1, 3, 6, 12][i % 4];
            renewal::renew(&state, &who(customer_id), domain, months).await.map(|o| o.order_id)
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
        let proformas = invoices::Entity::find()
            .filter(invoices::Column::OrderId.eq(waiting[0].id))
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(proformas, 1, "round {round}: one proforma for the one order");
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
        async move { common::renew(&state, &who(customer_id), service_id).await }
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

    // Each order has its proforma, numbered in the proforma series without gap or repeat.
    let proformas = invoices::Entity::find().all(app.db()).await.unwrap();
    assert_eq!(proformas.len(), 200);
    assert!(proformas.iter().all(|p| p.kind == InvoiceKind::Proforma && p.order_id.is_some()));
    let mut seqs: Vec<i32> = proformas.iter().map(|p| p.seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=200).collect::<Vec<i32>>(), "proformas 1..=200, no gap, no repeat");
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

// ---------------------------------------------------------------------------------------
// Paying (issue 9): one capture, one final invoice, one extension, whatever repeats itself.
// ---------------------------------------------------------------------------------------

fn pay_key(round: usize, i: usize) -> String {
    format!("burst-{round:04}-{i:04}-key-abcdef")
}

/// The sandbox page's address, as its handlers read it.
fn checkout_of(state: &AppState, url: &str) -> Checkout {
    let (path, query) = url.split_once('?').unwrap();
    let id = path.strip_prefix("/sandbox/gateway/").unwrap();
    Checkout::from_query(state.settings.payment_webhook_secret.as_bytes(), id, query).unwrap()
}

/// Renews `service` and returns the proforma the renewal created.
async fn renewed(app: &TestApp, customer_id: i64, service: i64) -> invoices::Model {
    let order = common::renew(&app.state, &who(customer_id), service).await.unwrap().order_id;
    invoices::Entity::find()
        .filter(invoices::Column::OrderId.eq(order))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

/// Rounds of the pay burst: the issue asks for 100.
const PAY_ROUNDS: usize = 100;

/// 50 customers' clicks on "Pay by card" for one proforma at once, each going on to pay at
/// the gateway with the succeeding card: one payment captured, one final invoice, the service
/// extended by exactly one period. Repeated with a new renewal each round.
#[tokio::test]
async fn fifty_pay_submissions_at_once_capture_one_payment() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let vps = service(&app, customer_id, ServiceKind::Vps, "burst-vps").await;
    let mut until = None;
    for round in 0..PAY_ROUNDS {
        let proforma = renewed(&app, customer_id, vps).await;
        let answers = at_once(&app.state, 50, move |state, i| async move {
            let url = payment_cases::start_card(
                &state,
                &who(customer_id),
                proforma.id,
                &pay_key(round, i),
            )
            .await?;
            let checkout = checkout_of(&state, &url);
            payment_sandbox::deliver(&state, &checkout, EventKind::Succeeded)
                .await
                .map_err(|e| AppError::Internal { reference: e.to_string() })?;
            Ok(url)
        })
        .await;
        // A click that comes after the payment went through is told it is paid already.
        assert!(
            answers.iter().all(|a| matches!(a, Ok(_) | Err(AppError::Conflict))),
            "round {round}: {answers:?}"
        );
        let urls: BTreeSet<String> = answers.into_iter().filter_map(Result::ok).collect();
        assert_eq!(urls.len(), 1, "round {round}: one gateway page for every click");
        let captured = payments::Entity::find()
            .filter(payments::Column::InvoiceId.eq(proforma.id))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(captured.len(), 1, "round {round}: one payment");
        assert_eq!(captured[0].status, PaymentStatus::Succeeded, "round {round}");
        let finals = invoices::Entity::find()
            .filter(invoices::Column::ProformaId.eq(proforma.id))
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(finals, 1, "round {round}: one final invoice");
        let service = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
        let expected = renewed_until(until, 1, app.clock.today());
        assert_eq!(service.next_due_date, Some(expected), "round {round}: one extension");
        until = service.next_due_date;
    }
    let finals: Vec<i32> = invoices::Entity::find()
        .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.seq)
        .collect();
    assert_eq!(finals.len(), PAY_ROUNDS);
}

/// The gateway delivering the same webhook 20 times at once: one transition.
#[tokio::test]
async fn the_same_webhook_twenty_times_at_once_applies_once() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let vps = service(&app, customer_id, ServiceKind::Vps, "hook-vps").await;
    for round in 0..ROUNDS {
        let proforma = renewed(&app, customer_id, vps).await;
        let url = payment_cases::start_card(
            &app.state,
            &who(customer_id),
            proforma.id,
            &pay_key(round, 0),
        )
        .await
        .unwrap();
        let checkout = checkout_of(&app.state, &url);
        let answers = webhook_at_once(&app.state, &checkout, &format!("evt_round_{round}")).await;
        let applied = answers.iter().filter(|a| **a == Ok(WebhookOutcome::Applied)).count();
        assert_eq!(applied, 1, "round {round}: {answers:?}");
        assert!(answers.iter().all(Result::is_ok), "round {round}: every delivery answered 200");
        let finals = invoices::Entity::find()
            .filter(invoices::Column::ProformaId.eq(proforma.id))
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(finals, 1, "round {round}");
    }
}

/// The gateway's success event for `checkout`, delivered 20 times at once.
async fn webhook_at_once(
    state: &AppState,
    checkout: &Checkout,
    event_id: &str,
) -> Vec<Result<WebhookOutcome, AppError>> {
    let body = std::sync::Arc::new(
        serde_json::to_vec(&GatewayEvent {
            id: event_id.to_owned(),
            kind: EventKind::Succeeded,
            payment: checkout.id.clone(),
            amount_minor: checkout.amount_minor,
            currency: checkout.currency.clone(),
        })
        .unwrap(),
    );
    at_once(state, 20, move |state, _| {
        let body = body.clone();
        async move {
            payment_sandbox::deliver_body(&state, &body)
                .await
                .map_err(|e| AppError::Internal { reference: e.to_string() })
        }
    })
    .await
}

/// Makes `service` one just bought: pending, never started, so paying its order starts it.
async fn as_new(app: &TestApp, service: i64) {
    services::Entity::update_many()
        .col_expr(services::Column::Status, Expr::value(ServiceStatus::Pending.as_str()))
        .col_expr(services::Column::ExpiresOn, Expr::value(Option::<chrono::NaiveDate>::None))
        .col_expr(services::Column::NextDueDate, Expr::value(Option::<chrono::NaiveDate>::None))
        .filter(services::Column::Id.eq(service))
        .exec(app.db())
        .await
        .unwrap();
}

/// A new server's payment confirmed by 20 deliveries of its webhook at once: the server is
/// started once and the data centre asked to set it up once (one `create` job).
#[tokio::test]
async fn a_new_server_paid_by_twenty_webhooks_at_once_is_set_up_once() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    for round in 0..ROUNDS {
        let vps = service(&app, customer_id, ServiceKind::Vps, &format!("setup-{round}")).await;
        let proforma = renewed(&app, customer_id, vps).await;
        as_new(&app, vps).await;
        let key = format!("setup-payment-{round:04}-key");
        let url = payment_cases::start_card(&app.state, &who(customer_id), proforma.id, &key)
            .await
            .unwrap();
        let checkout = checkout_of(&app.state, &url);
        let answers = webhook_at_once(&app.state, &checkout, &format!("evt_setup_{round}")).await;
        assert!(answers.iter().all(Result::is_ok), "round {round}: {answers:?}");

        let setups = jobs::Entity::find()
            .filter(jobs::Column::ServiceId.eq(vps))
            .filter(jobs::Column::Kind.eq(Operation::Create.as_str()))
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(setups, 1, "round {round}");
        let service = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
        assert_eq!(service.status, ServiceStatus::Active, "round {round}");
        let power = service.details.as_ref().and_then(|d| d.get("power")).cloned();
        assert_eq!(power, Some(serde_json::json!("installing")), "round {round}");
    }
}

/// 1,000 customers paying 1,000 different proformas at once: final invoice numbers 1..=1000,
/// no gap, no repeat.
#[tokio::test]
async fn a_thousand_payments_at_once_number_their_invoices_without_gap() {
    let app = TestApp::empty().await;
    let mut proformas = Vec::new();
    for n in 0..1000 {
        let customer_id = customer(&app, n).await;
        let id = service(&app, customer_id, ServiceKind::Domain, &format!("pay{n}.hu")).await;
        let proforma = renewed(&app, customer_id, id).await;
        proformas.push((customer_id, proforma.id));
    }
    let proformas = std::sync::Arc::new(proformas);
    let answers = at_once(&app.state, 1000, move |state, i| {
        let (customer_id, proforma_id) = proformas[i];
        async move {
            let url =
                payment_cases::start_card(&state, &who(customer_id), proforma_id, &pay_key(0, i))
                    .await?;
            payment_sandbox::deliver(&state, &checkout_of(&state, &url), EventKind::Succeeded)
                .await
                .map_err(|e| AppError::Internal { reference: e.to_string() })
        }
    })
    .await;
    let failed: Vec<_> = answers.iter().filter(|a| a.is_err()).collect();
    assert!(failed.is_empty(), "{} of 1000 payments failed: {failed:?}", failed.len());
    let mut seqs: Vec<i32> = invoices::Entity::find()
        .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.seq)
        .collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=1000).collect::<Vec<i32>>(),
        "final invoices 1..=1000, no gap, no repeat"
    );
}

/// Two proformas paid from a balance that covers either but not both, each clicked 10 times at
/// once, 10 rounds: one document paid per round, the balance never below zero, and the ledger
/// adding up to it.
#[tokio::test]
async fn two_documents_racing_for_one_balance_pay_one() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let first = service(&app, customer_id, ServiceKind::Vps, "balance-a").await;
    let second = service(&app, customer_id, ServiceKind::Vps, "balance-b").await;
    for round in 0..10 {
        let a = renewed(&app, customer_id, first).await;
        let b = renewed(&app, customer_id, second).await;
        // Enough for either one, one unit short of both.
        let balance = a.total_minor + b.total_minor - 1;
        customers::Entity::update_many()
            .col_expr(customers::Column::BalanceMinor, Expr::value(balance))
            .filter(customers::Column::Id.eq(customer_id))
            .exec(app.db())
            .await
            .unwrap();
        let ids = [a.id, b.id];
        let answers = at_once(&app.state, 20, move |state, i| async move {
            payment_cases::pay_from_balance(&state, &who(customer_id), ids[i % 2]).await
        })
        .await;
        let paid: Vec<_> = invoices::Entity::find()
            .filter(invoices::Column::Id.is_in(ids))
            .filter(invoices::Column::Status.eq(InvoiceStatus::Paid))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(paid.len(), 1, "round {round}: {answers:?}");
        assert_eq!(answers.iter().filter(|a| a.is_ok()).count(), 1, "round {round}");
        let left = customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap().unwrap();
        assert_eq!(left.balance_minor, balance - paid[0].total_minor, "round {round}");
        // Settle the other one by hand so the next round can renew both again.
        for id in ids {
            invoices::Entity::update_many()
                .col_expr(invoices::Column::Status, Expr::value(InvoiceStatus::Cancelled.as_str()))
                .filter(invoices::Column::Id.eq(id))
                .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
                .exec(app.db())
                .await
                .unwrap();
        }
        orders::Entity::update_many()
            .col_expr(orders::Column::Status, Expr::value(OrderStatus::Cancelled.as_str()))
            .filter(orders::Column::CustomerId.eq(customer_id))
            .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
            .exec(app.db())
            .await
            .unwrap();
    }
    let ledger: i64 = balance_ledger::Entity::find()
        .filter(balance_ledger::Column::CustomerId.eq(customer_id))
        .all(app.db())
        .await
        .unwrap()
        .iter()
        .map(|e| e.amount_minor)
        .sum();
    let paid_total: i64 = payments::Entity::find()
        .filter(payments::Column::CustomerId.eq(customer_id))
        .all(app.db())
        .await
        .unwrap()
        .iter()
        .map(|p| p.amount_minor)
        .sum();
    assert_eq!(ledger, -paid_total, "every payment from the balance has its ledger entry");
}

/// Twenty operators (or one impatient one) crediting the same paid invoice at once, in several
/// rounds: one credit note per invoice, its amount credited to the balance once, the credit note
/// series without a gap.
#[tokio::test]
async fn twenty_credits_of_one_invoice_at_once_issue_one_credit_note() {
    use app::server::usecases::invoices::credit_note::{self, CreditRefused};
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let service_id = service(&app, customer_id, ServiceKind::Vps, "credited").await;
    let mut credited_total = 0;
    for round in 0..ROUNDS {
        let proforma = renewed(&app, customer_id, service_id).await;
        let amount = rust_decimal::Decimal::new(proforma.total_minor, proforma.currency.exponent());
        let recorded =
            payment_cases::record_transfer(&app.state, &proforma.number, amount).await.unwrap();
        let payment_cases::Recorded::Invoiced(number) = recorded else { panic!("{recorded:?}") };
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let (state, number) = (app.state.clone(), number.clone());
                tokio::spawn(
                    async move { credit_note::credit_invoice(&state, &number, "refund").await },
                )
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        let issued: Vec<_> = answers.iter().filter_map(|a| a.as_ref().ok()).collect();
        assert_eq!(issued.len(), 1, "round {round}: {answers:?}");
        assert!(
            answers.iter().filter_map(|a| a.as_ref().err()).all(|e| matches!(
                e,
                CreditRefused::AlreadyCredited { credit_note, .. }
                    if *credit_note == issued[0].credit_note.number
            )),
            "round {round}: {answers:?}"
        );
        credited_total += proforma.total_minor;
    }
    let notes = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(customer_id))
        .filter(invoices::Column::Kind.eq(InvoiceKind::CreditNote))
        .all(app.db())
        .await
        .unwrap();
    let mut seqs: Vec<i32> = notes.iter().map(|n| n.seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=ROUNDS as i32).collect::<Vec<_>>(), "one credit note a round, no gap");
    let customer = customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(customer.balance_minor, credited_total, "each invoice credited once");
}

/// Twenty payers at once on one pay-all link (an accountant's double click, several tabs), each
/// going on to pay at the gateway, in several rounds: one payment per round, each document
/// paid once with one final invoice, nothing credited to the balance.
#[tokio::test]
async fn twenty_payments_of_one_pay_all_link_at_once_pay_each_document_once() {
    use app::server::usecases::payments::pay_all;
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let first = service(&app, customer_id, ServiceKind::Vps, "all-a").await;
    let second = service(&app, customer_id, ServiceKind::Vps, "all-b").await;
    for round in 0..ROUNDS {
        let a = renewed(&app, customer_id, first).await;
        let b = renewed(&app, customer_id, second).await;
        let token = pay_all::create(&app.state, &who(customer_id)).await.unwrap();
        let answers = at_once(&app.state, 20, move |state, i| {
            let token = token.clone();
            async move {
                let url = pay_all::pay(&state, &token, &pay_key(round, i), None).await?;
                if let Some(rest) = url.strip_prefix("/sandbox/gateway/") {
                    let checkout = checkout_of(&state, &format!("/sandbox/gateway/{rest}"));
                    payment_sandbox::deliver(&state, &checkout, EventKind::Succeeded)
                        .await
                        .map_err(|e| AppError::Internal { reference: e.to_string() })?;
                }
                Ok(url)
            }
        })
        .await;
        // A payer who comes after the payment went through is told there is nothing to pay.
        assert!(
            answers.iter().all(|a| matches!(a, Ok(_) | Err(AppError::Conflict))),
            "round {round}: {answers:?}"
        );
        let opened = payments::Entity::find()
            .filter(payments::Column::PayAllLinkId.is_not_null())
            .filter(payments::Column::CreatedAt.gte(app.clock.now()))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(opened.len(), 1, "round {round}: one payment");
        assert_eq!(opened[0].amount_minor, a.total_minor + b.total_minor);
        for proforma in [&a, &b] {
            let finals = invoices::Entity::find()
                .filter(invoices::Column::ProformaId.eq(proforma.id))
                .count(app.db())
                .await
                .unwrap();
            assert_eq!(finals, 1, "round {round}: one final invoice for {}", proforma.number);
        }
        app.advance(chrono::TimeDelta::seconds(1));
    }
    let customer = customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(customer.balance_minor, 0, "nothing paid twice, nothing kept");
}

/// Makes `service` due on `day` (its last paid day).
async fn due_on(app: &TestApp, service: i64, day: chrono::NaiveDate) {
    services::Entity::update_many()
        .col_expr(services::Column::NextDueDate, Expr::value(day))
        .filter(services::Column::Id.eq(service))
        .exec(app.db())
        .await
        .unwrap();
}

/// A job that runs beside the web server, as each instance runs it.
#[derive(Clone, Copy)]
enum Job {
    Lifecycle,
    AutoRenew,
}

impl Job {
    async fn run(self, state: AppState) -> Result<(), String> {
        match self {
            Job::Lifecycle => lifecycle::advance(&state).await.map(drop).map_err(|e| e.to_string()),
            Job::AutoRenew => auto_renew::run(&state).await.map(drop).map_err(|e| format!("{e:?}")),
        }
    }
}

/// Runs `job` on each instance and delivers the card payment, all at once.
async fn jobs_racing_a_payment(
    job: Job,
    instances: &[TestApp],
    state: &AppState,
    checkout: Checkout,
) {
    let mut tasks = Vec::new();
    for instance in instances {
        tasks.push(tokio::spawn(job.run(instance.state.clone())));
    }
    let state = state.clone();
    tasks.push(tokio::spawn(async move {
        payment_sandbox::deliver(&state, &checkout, EventKind::Succeeded)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }));
    for task in tasks {
        task.await.unwrap().unwrap();
    }
}

/// Seed 000: a renewal is paid before the due date or not at all. The money for a renewal
/// ordered before its due date arrives the day after, while three instances run the lifecycle
/// job: each round the renewal lapses once, its money is kept as balance once, the service is
/// not extended and is marked expired once.
#[tokio::test]
async fn a_late_payment_racing_three_lifecycle_jobs_lapses_once_and_is_credited_once() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let instances = [app.restarted().await, app.restarted().await, app.restarted().await];
    let mut kept = 0;
    for round in 0..ROUNDS {
        let vps = service(&app, customer_id, ServiceKind::Vps, &format!("late-{round}")).await;
        let due = app.clock.today();
        due_on(&app, vps, due).await;
        let proforma = renewed(&app, customer_id, vps).await;
        assert_eq!(proforma.due_date, due, "round {round}: payable until the due date");
        let key = format!("late-payment-{round:04}-key");
        let url = payment_cases::start_card(&app.state, &who(customer_id), proforma.id, &key)
            .await
            .unwrap();
        let checkout = checkout_of(&app.state, &url);
        app.advance(chrono::TimeDelta::days(1));
        jobs_racing_a_payment(Job::Lifecycle, &instances, &app.state, checkout).await;

        let service = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
        assert_eq!(service.next_due_date, Some(due), "round {round}: not extended");
        assert_eq!(service.status, ServiceStatus::Expired, "round {round}");
        let proforma = invoices::Entity::find_by_id(proforma.id).one(app.db()).await.unwrap();
        assert_eq!(proforma.as_ref().unwrap().status, InvoiceStatus::Cancelled, "round {round}");
        let credits = balance_ledger::Entity::find()
            .filter(balance_ledger::Column::InvoiceId.eq(proforma.as_ref().unwrap().id))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(credits.len(), 1, "round {round}: kept as balance once");
        kept += credits[0].amount_minor;
        for (action, subject) in
            [("order.lapsed", proforma.unwrap().order_id.unwrap()), ("service.expired", vps)]
        {
            let sql = format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND subject_id = {subject}"
            );
            assert_eq!(app.count(&sql).await, 1, "round {round}: {action} once");
        }
    }
    let customer = customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(customer.balance_minor, kept, "every late payment kept, once");
}

/// An order of something new can be paid until 14 days after its proforma's due date. Its
/// card payment arrives the day after that while three instances run the lifecycle job: each
/// round the order lapses once, the service it would have started is cancelled, and the money
/// is kept as balance once.
#[tokio::test]
async fn a_late_payment_for_something_new_racing_three_lifecycle_jobs_lapses_once() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let instances = [app.restarted().await, app.restarted().await, app.restarted().await];
    let mut kept = 0;
    for round in 0..ROUNDS {
        // A server bought, not renewed: its order starts it, so it waits pending.
        let vps = service(&app, customer_id, ServiceKind::Vps, &format!("new-{round}")).await;
        let proforma = renewed(&app, customer_id, vps).await;
        as_new(&app, vps).await;
        let deadline = app::model::invoices::new_order_deadline(proforma.due_date);
        let key = format!("new-late-payment-{round:04}-key");
        let url = payment_cases::start_card(&app.state, &who(customer_id), proforma.id, &key)
            .await
            .unwrap();
        let checkout = checkout_of(&app.state, &url);
        app.advance(chrono::TimeDelta::days((deadline - app.clock.today()).num_days() + 1));
        jobs_racing_a_payment(Job::Lifecycle, &instances, &app.state, checkout).await;

        let service = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
        assert_eq!(service.status, ServiceStatus::Cancelled, "round {round}: never started");
        let proforma = invoices::Entity::find_by_id(proforma.id).one(app.db()).await.unwrap();
        let proforma = proforma.unwrap();
        assert_eq!(proforma.status, InvoiceStatus::Cancelled, "round {round}");
        let credits = balance_ledger::Entity::find()
            .filter(balance_ledger::Column::InvoiceId.eq(proforma.id))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(credits.len(), 1, "round {round}: kept as balance once");
        kept += credits[0].amount_minor;
        let order = proforma.order_id.unwrap();
        let sql = format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'order.lapsed' AND subject_id = {order}"
        );
        assert_eq!(app.count(&sql).await, 1, "round {round}: lapsed once");
    }
    let customer = customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(customer.balance_minor, kept, "every late payment kept, once");
}

/// A renewal ordered and paid in the grace period, while three instances run the lifecycle
/// job that moves the still-active service to expired: whichever comes first, the service ends
/// up active and extended once from its due date; the job never marks a renewed service
/// expired.
#[tokio::test]
async fn a_payment_in_the_grace_period_racing_three_lifecycle_jobs_renews_once() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let instances = [app.restarted().await, app.restarted().await, app.restarted().await];
    // More rounds than elsewhere: the job reading the service just before the payment commits
    // is a narrow window (without the dates in its update, about one run in two fails).
    for round in 0..4 * ROUNDS {
        let vps = service(&app, customer_id, ServiceKind::Vps, &format!("grace-{round}")).await;
        let due = app.clock.today() - chrono::TimeDelta::days(1);
        due_on(&app, vps, due).await;
        let proforma = renewed(&app, customer_id, vps).await;
        let key = format!("grace-payment-{round:04}-key");
        let url = payment_cases::start_card(&app.state, &who(customer_id), proforma.id, &key)
            .await
            .unwrap();
        jobs_racing_a_payment(
            Job::Lifecycle,
            &instances,
            &app.state,
            checkout_of(&app.state, &url),
        )
        .await;

        let service = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
        assert_eq!(service.next_due_date, Some(renewed_until(Some(due), 1, app.clock.today())));
        assert_eq!(service.status, ServiceStatus::Active, "round {round}: renewed and active");
        let status = invoices::Entity::find_by_id(proforma.id).one(app.db()).await.unwrap();
        assert_eq!(status.unwrap().status, InvoiceStatus::Paid, "round {round}");
        app.advance(chrono::TimeDelta::days(1));
    }
}

/// Seed 002's automatic renewal from the balance racing the customer paying the same renewal
/// by card, with three instances running the job: each round the service is extended once,
/// one final invoice is issued, and the customer pays once (whichever way went second is
/// refused or kept as balance), the balance never below zero and always its ledger's sum.
#[tokio::test]
async fn automatic_renewal_on_three_instances_racing_a_card_payment_renews_once() {
    let app = TestApp::empty().await;
    let customer_id = customer(&app, 1).await;
    let credit = app::server::ledger::Credit {
        customer_id,
        amount: app::model::Money::new(1_000_000, Currency::Huf),
        reason: app::model::LedgerReason::TopUp,
        invoice_id: None,
        payment_id: None,
    };
    app::server::ledger::credit(app.db(), credit, app.clock.now()).await.unwrap();
    let instances = [app.restarted().await, app.restarted().await, app.restarted().await];
    for round in 0..ROUNDS {
        let vps = service(&app, customer_id, ServiceKind::Vps, &format!("auto-{round}")).await;
        let due = app.clock.today();
        due_on(&app, vps, due).await;
        app.auto_renew_on(vps).await;
        let before = customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap();
        let before = before.unwrap().balance_minor;
        // The customer renews it themselves and pays by card just as the job runs.
        let proforma = renewed(&app, customer_id, vps).await;
        let key = format!("auto-race-{round:04}-key");
        let url = payment_cases::start_card(&app.state, &who(customer_id), proforma.id, &key)
            .await
            .unwrap();
        let checkout = checkout_of(&app.state, &url);
        jobs_racing_a_payment(Job::AutoRenew, &instances, &app.state, checkout).await;

        let service = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
        let once = renewed_until(Some(due), 1, app.clock.today());
        assert_eq!(service.next_due_date, Some(once), "round {round}: extended once");
        let finals = invoices::Entity::find()
            .filter(invoices::Column::ProformaId.eq(proforma.id))
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(finals, 1, "round {round}: one final invoice");
        let customer = customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap();
        let after = customer.unwrap().balance_minor;
        assert_eq!(after, before, "round {round}: paid once, by card or by balance");
        let ledger: i64 = balance_ledger::Entity::find()
            .filter(balance_ledger::Column::CustomerId.eq(customer_id))
            .all(app.db())
            .await
            .unwrap()
            .iter()
            .map(|e| e.amount_minor)
            .sum();
        assert_eq!(after, ledger, "round {round}: the balance is its ledger's sum");
        app.advance(chrono::TimeDelta::days(1));
    }
}

#[tokio::test]
async fn a_domain_order_finished_from_many_tabs_at_once_goes_into_the_cart_once() {
    use app::model::domain_order::Registrant;
    use app::server::usecases::orders::domain;
    let app = TestApp::demo().await;
    let demo = app.requester("demo@portico.test").await;
    let id = domain::start(&app.state, &demo, "egyszer-kovacs.hu").await.unwrap();
    domain::save_period(&app.state, &demo, id, 1).await.unwrap();
    let registrant = Registrant {
        name: "Kovács és Társa Kft.".into(),
        email: "peter@kovacs.hu".into(),
        phone: "+36 1 234 5678".into(),
        address: "Fő utca 14., 1011 Budapest".into(),
    };
    domain::save_registrant(&app.state, &demo, id, registrant).await.unwrap();
    domain::save_nameservers(&app.state, &demo, id, "ns1.portico.test\nns2.portico.test")
        .await
        .unwrap();
    let answers = at_once(&app.state, 16, move |state, _| {
        let demo = demo.clone();
        async move { domain::finish(&state, &demo, id).await }
    })
    .await;
    assert_eq!(answers.iter().filter(|a| a.is_ok()).count(), 1, "{answers:?}");
    assert!(answers.iter().all(|a| a.is_ok() || a == &Err(AppError::NotFound)));
    assert_eq!(app.count("SELECT COUNT(*) FROM cart_lines WHERE kind = 'new'").await, 1);
}

#[tokio::test]
async fn a_document_reviewed_by_several_people_at_once_is_decided_once() {
    use app::model::DocumentStatus;
    use app::server::entities::documents;
    use app::server::usecases::documents::{Review, review};
    let app = TestApp::demo().await;
    let customer_id = app.customer_id("demo@portico.test").await;
    let now = app.state.clock.now();
    let document = documents::ActiveModel {
        customer_id: Set(customer_id),
        kind: Set("hu_transfer_declaration".into()),
        file_name: Set("nyilatkozat.pdf".into()),
        status: Set(DocumentStatus::Submitted),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let answers = at_once(&app.state, 12, move |state, i| async move {
        let decision =
            if i % 2 == 0 { Review::Accept } else { Review::Reject(vec![format!("reason {i}")]) };
        review(&state, document.id, decision).await
    })
    .await;
    assert_eq!(answers.iter().filter(|a| a.is_ok()).count(), 1, "{answers:?}");
    assert!(answers.iter().all(|a| a.is_ok() || a == &Err(AppError::Conflict)));
    let decided =
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('document.accept', 'document.reject')";
    assert_eq!(app.count(decided).await, 1);
}
