//! The balance (seed 002 "Saldo"): paying a proforma from it, its ledger and the page that
//! lists it, and the database's refusal of a negative balance. The race of two documents for
//! one balance is in `concurrency.rs`.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::{AppError, InvoiceKind, InvoiceStatus, LedgerReason, PaymentMethod};
use app::server::clock::Clock;
use app::server::entities::{balance_ledger, customers, email_outbox, invoices, payments};
use app::server::ports::payment_sandbox::LATE_WEBHOOK;
use app::server::usecases::balance;
use app::server::usecases::payments as pay;
use common::TestApp;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement,
};

const ANNA: &str = "anna@portico.test";
const DEMO: &str = "demo@portico.test";
const PASSWORD: &str = "portico-demo";

async fn balance_of(app: &TestApp, customer_id: i64) -> i64 {
    customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap().unwrap().balance_minor
}

#[tokio::test]
async fn paying_from_the_balance_settles_the_proforma_once_and_books_it_in_the_ledger() {
    let app = TestApp::demo().await;
    let anna = app.requester(ANNA).await;
    let proforma = app.renewal_proforma(ANNA, "anna-schmidt.de").await;
    assert_eq!(balance_of(&app, anna.customer_id).await, 2000);

    // The payment step offers the balance (20 € covers the renewal).
    let options = pay::options(&app.state, anna.customer_id, proforma.id).await.unwrap();
    assert_eq!(options.balance.minor, 2000);
    let cookie = app.sign_in(ANNA, PASSWORD).await;
    let step = app.get(&format!("/invoices/{}/pay", proforma.id), Some(&cookie)).await;
    assert!(step.body.contains(r#"data-testid="pay-from-balance""#), "{}", step.body);

    let payment_id = pay::pay_from_balance(&app.state, &anna, proforma.id).await.unwrap();
    // Once: the second attempt finds the proforma paid.
    assert_eq!(
        pay::pay_from_balance(&app.state, &anna, proforma.id).await,
        Err(AppError::Conflict)
    );

    let paid = invoices::Entity::find_by_id(proforma.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(paid.status, InvoiceStatus::Paid);
    let finals = invoices::Entity::find()
        .filter(invoices::Column::ProformaId.eq(proforma.id))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(finals.len(), 1);
    assert_eq!(finals[0].kind, InvoiceKind::Invoice);
    let payment = payments::Entity::find_by_id(payment_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(payment.method, PaymentMethod::Balance);
    assert_eq!(payment.amount_minor, proforma.total_minor);

    // The balance went down by the total, with its ledger entry naming the document.
    let left = 2000 - proforma.total_minor;
    assert_eq!(balance_of(&app, anna.customer_id).await, left);
    let ledger = balance_ledger::Entity::find()
        .filter(balance_ledger::Column::CustomerId.eq(anna.customer_id))
        .order_by_desc(balance_ledger::Column::Id)
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(ledger[0].reason, LedgerReason::Payment);
    assert_eq!(ledger[0].amount_minor, -proforma.total_minor);
    assert_eq!(ledger[0].invoice_id, Some(proforma.id));
    assert_eq!(ledger.iter().map(|e| e.amount_minor).sum::<i64>(), left);

    // The receipt is queued with the payment, and the payment's page shows the final invoice.
    let receipt = email_outbox::Entity::find()
        .filter(email_outbox::Column::InvoiceId.eq(finals[0].id))
        .one(app.db())
        .await
        .unwrap();
    assert!(receipt.is_some());
    let page = app.get(&format!("/payments/{payment_id}"), Some(&cookie)).await;
    assert!(page.body.contains(r#"data-status="succeeded""#));
    assert!(page.body.contains(&finals[0].number));

    // The balance page: the balance now, each movement with the balance it left.
    let view = balance::view(&app.state, anna.customer_id, 1).await.unwrap();
    assert_eq!(view.balance.minor, left);
    let after: Vec<_> = view.entries.iter().map(|e| (e.reason, e.balance_after.minor)).collect();
    assert_eq!(after, [(LedgerReason::Payment, left), (LedgerReason::TopUp, 2000)]);
    assert_eq!(view.entries[0].document.as_ref().unwrap().number, proforma.number);
    let page = app.get("/balance", Some(&cookie)).await;
    assert_eq!(page.status.as_u16(), 200);
    assert_eq!(page.body.matches(r#"data-testid="ledger-row""#).count(), 2);
    assert!(page.body.contains(&proforma.number));
}

#[tokio::test]
async fn a_balance_that_does_not_cover_the_document_pays_nothing() {
    let app = TestApp::demo().await;
    // The demo company holds nothing: no balance section at all, and a crafted request fails.
    let demo = app.requester(DEMO).await;
    let proforma = app.renewal_proforma(DEMO, "VPS M").await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let step = app.get(&format!("/invoices/{}/pay", proforma.id), Some(&cookie)).await;
    assert!(!step.body.contains(r#"data-testid="pay-balance""#));
    let refused = pay::pay_from_balance(&app.state, &demo, proforma.id).await;
    assert_eq!(
        refused,
        Err(AppError::Invalid { field: "balance".into(), code: "balance_too_low".into() })
    );
    let still = invoices::Entity::find_by_id(proforma.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(still.status, InvoiceStatus::Unpaid);
    assert_eq!(balance_of(&app, demo.customer_id).await, 0);

    // Anna's 20 € against a dearer renewal: the step says the balance does not cover it.
    let anna = app.requester(ANNA).await;
    customers::Entity::update_many()
        .col_expr(customers::Column::BalanceMinor, sea_orm::sea_query::Expr::value(1_i64))
        .filter(customers::Column::Id.eq(anna.customer_id))
        .exec(app.db())
        .await
        .unwrap();
    let dear = app.renewal_proforma(ANNA, "anna-schmidt.de").await;
    let cookie = app.sign_in(ANNA, PASSWORD).await;
    let step = app.get(&format!("/invoices/{}/pay", dear.id), Some(&cookie)).await;
    assert!(step.body.contains(r#"data-testid="balance-too-low""#), "{}", step.body);
    assert!(pay::pay_from_balance(&app.state, &anna, dear.id).await.is_err());
    assert_eq!(balance_of(&app, anna.customer_id).await, 1);

    // Another customer's proforma answers like a missing one.
    assert_eq!(
        pay::pay_from_balance(&app.state, &anna, proforma.id).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn the_database_refuses_a_negative_balance() {
    let app = TestApp::demo().await;
    let anna = app.customer_id(ANNA).await;
    let backend = app.db().get_database_backend();
    let sql =
        format!("UPDATE customers SET balance_minor = balance_minor - 2001 WHERE id = {anna}");
    let err = app.db().execute_raw(Statement::from_string(backend, sql)).await.unwrap_err();
    assert!(err.to_string().contains("balance_never_negative"), "{err}");
    assert_eq!(balance_of(&app, anna).await, 2000);
}

#[tokio::test]
async fn the_ledger_pages_carry_the_running_balance_across() {
    let app = TestApp::demo().await;
    let anna = app.customer_id(ANNA).await;
    let start = app.clock.now();
    // 30 top-ups of 1..=30 cents after the demo's 20 €.
    for n in 1..=30_i64 {
        balance_ledger::ActiveModel {
            customer_id: sea_orm::Set(anna),
            currency: sea_orm::Set(app::model::Currency::Eur),
            amount_minor: sea_orm::Set(n),
            reason: sea_orm::Set(LedgerReason::TopUp),
            invoice_id: sea_orm::Set(None),
            payment_id: sea_orm::Set(None),
            created_at: sea_orm::Set(start + chrono::TimeDelta::minutes(n)),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
    let total = 2000 + (1..=30).sum::<i64>();
    customers::Entity::update_many()
        .col_expr(customers::Column::BalanceMinor, sea_orm::sea_query::Expr::value(total))
        .filter(customers::Column::Id.eq(anna))
        .exec(app.db())
        .await
        .unwrap();
    let first = balance::view(&app.state, anna, 1).await.unwrap();
    let second = balance::view(&app.state, anna, 2).await.unwrap();
    assert_eq!((first.entries.len(), first.has_next), (20, true));
    assert_eq!((second.entries.len(), second.has_next), (11, false));
    assert_eq!(first.entries[0].balance_after.minor, total);
    // Each row's balance is the one before it less that row's movement, across the page break.
    let rows: Vec<_> = first.entries.iter().chain(&second.entries).collect();
    for pair in rows.windows(2) {
        assert_eq!(pair[1].balance_after.minor, pair[0].balance_after.minor - pair[0].amount.minor);
    }
    assert_eq!(rows.last().unwrap().balance_after.minor, 2000);
}

/// Enters `card` on the sandbox gateway's page at `url`, as the payer's browser would.
async fn enter_card(app: &TestApp, url: &str, card: &str) -> common::TestResponse {
    let req = axum::http::Request::post(url)
        .header(axum::http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(common::form(&[("card", card)])))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn a_top_up_by_card_credits_the_balance_once() {
    let app = TestApp::demo().await;
    let anna = app.requester(ANNA).await;
    let key = "top-up-key-0000000001";
    let cookie = app.sign_in(ANNA, PASSWORD).await;
    let page = app.get("/balance", Some(&cookie)).await;
    assert!(page.body.contains(r#"data-testid="top-up""#));

    // Amounts as typed, refused with the reason and nothing opened.
    for (typed, code) in
        [("zehn", "amount_invalid"), ("4,99", "amount_too_small"), ("9999", "amount_too_large")]
    {
        let refused = pay::top_up::start(&app.state, &anna, typed, key).await;
        assert_eq!(refused, Err(AppError::Invalid { field: "amount".into(), code: code.into() }));
    }
    // Without JavaScript the form comes back with what was typed and why it was refused.
    let form = common::form(&[("amount", "4,99"), ("key", key)]);
    let back = app.post_form("/api/top_up", &form, Some(&cookie)).await;
    let location = back.location().unwrap().to_owned();
    assert_eq!(location, "/balance?amount=4%2C99&refused=amount%5Ftoo%5Fsmall");
    let page = app.get(&location, Some(&cookie)).await;
    assert!(page.body.contains(r#"value="4,99""#), "{}", page.body);
    assert!(page.body.contains("Das ist weniger als die kleinste Aufladung."));

    let url = pay::top_up::start(&app.state, &anna, "25,50", key).await.unwrap();
    // The same form again: the same payment.
    assert_eq!(pay::top_up::start(&app.state, &anna, "25,50", key).await.unwrap(), url);
    let opened = payments::Entity::find()
        .filter(payments::Column::CustomerId.eq(anna.customer_id))
        .filter(payments::Column::InvoiceId.is_null())
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0].amount_minor, 2550);

    // The card whose webhook arrives late and twice: the balance goes up once.
    let back = enter_card(&app, &url, "4000 0000 0000 0259").await;
    assert_eq!(back.location(), Some(format!("/payments/{}", opened[0].id).as_str()));
    tokio::time::sleep(LATE_WEBHOOK + std::time::Duration::from_millis(1500)).await;
    assert_eq!(balance_of(&app, anna.customer_id).await, 2000 + 2550);
    let top_ups = balance_ledger::Entity::find()
        .filter(balance_ledger::Column::PaymentId.eq(opened[0].id))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(top_ups.len(), 1);
    assert_eq!((top_ups[0].reason, top_ups[0].amount_minor), (LedgerReason::TopUp, 2550));

    // Its page says so and leads to the balance.
    let page = app.get(&format!("/payments/{}", opened[0].id), Some(&cookie)).await;
    assert!(page.body.contains(r#"data-status="succeeded""#));
    assert!(page.body.contains(r#"data-testid="view-balance""#));
    // The form sent again after it was paid (back button, resubmit) leads to that page, not
    // to the gateway, and opens nothing.
    let again = pay::top_up::start(&app.state, &anna, "25,50", key).await.unwrap();
    assert_eq!(again, format!("/payments/{}", opened[0].id));
    assert_eq!(balance_of(&app, anna.customer_id).await, 2000 + 2550);
    // Another customer's top-up key is not reusable, and its page is not theirs.
    let demo = app.requester(DEMO).await;
    assert_eq!(pay::top_up::start(&app.state, &demo, "5000", key).await, Err(AppError::Conflict));
    let demo_cookie = app.sign_in(DEMO, PASSWORD).await;
    let other = app.get(&format!("/payments/{}", opened[0].id), Some(&demo_cookie)).await;
    assert_eq!(other.status.as_u16(), 404);
}
