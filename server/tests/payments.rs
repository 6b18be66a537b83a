//! Paying a proforma by card (seed 000) through the sandbox gateway: the payment step, the
//! gateway's page and test cards, the signed webhook, and "payment received" issuing the final
//! invoice and extending the service, exactly once. The bursts of the same (50 submissions,
//! 20 deliveries, 1,000 payments at once) are in `concurrency.rs`.

#![allow(clippy::unwrap_used)]

mod common;

use app::model::payments::payable;
use app::model::{AppError, InvoiceKind, InvoiceStatus, OrderStatus, PaymentStatus};
use app::server::clock::Clock;
use app::server::context::Requester;
use app::server::entities::{invoices, orders, payments, services};
use app::server::ports::payment_sandbox::{Checkout, LATE_WEBHOOK};
use app::server::ports::payments::{EventKind, GatewayEvent, SIGNATURE_HEADER, sign};
use app::server::usecases::payments as pay;
use app::server::usecases::services::renewal;
use axum::body::Body;
use axum::http::{Request, header};
use chrono::Months;
use common::{TestApp, form, today};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";
const PASSWORD: &str = "portico-demo";

async fn who(app: &TestApp, email: &str) -> Requester {
    Requester { customer_id: app.customer_id(email).await, ip: Some("198.51.100.7".into()) }
}

/// Renews the demo company's VPS M (monthly): a new order and its unpaid proforma.
async fn vps_proforma(app: &TestApp) -> (i64, invoices::Model) {
    let demo = who(app, DEMO).await;
    let vps = app.service_id("VPS M").await;
    let order = renewal::renew(&app.state, &demo, vps, 1).await.unwrap().order_id;
    let proforma = invoices::Entity::find()
        .filter(invoices::Column::OrderId.eq(order))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    (vps, proforma)
}

fn key(n: u32) -> String {
    format!("test-key-{n:08}-abcdefgh")
}

/// The sandbox page's address, split into what its handlers read.
fn checkout_of(app: &TestApp, url: &str) -> Checkout {
    let (path, query) = url.split_once('?').unwrap();
    let id = path.strip_prefix("/sandbox/gateway/").unwrap();
    Checkout::from_query(app.state.settings.payment_webhook_secret.as_bytes(), id, query).unwrap()
}

/// Enters a card on the sandbox page as a browser would (no session: it is the gateway).
async fn enter_card(app: &TestApp, url: &str, card: &str) -> common::TestResponse {
    let req = Request::post(url)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(form(&[("card", card)])))
        .unwrap();
    app.send(req).await
}

async fn payment_of(app: &TestApp, proforma_id: i64) -> Vec<payments::Model> {
    payments::Entity::find()
        .filter(payments::Column::InvoiceId.eq(proforma_id))
        .all(app.db())
        .await
        .unwrap()
}

async fn final_invoices(app: &TestApp, proforma_id: i64) -> Vec<invoices::Model> {
    invoices::Entity::find()
        .filter(invoices::Column::ProformaId.eq(proforma_id))
        .all(app.db())
        .await
        .unwrap()
}

#[tokio::test]
async fn paying_by_card_issues_the_final_invoice_and_extends_the_service_once() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let (vps, proforma) = vps_proforma(&app).await;
    let due_before = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();

    // The payment step: amount, bank details, a fresh key.
    let options = pay::options(&app.state, demo.customer_id, proforma.id).await.unwrap();
    assert_eq!(options.invoice.total.minor, proforma.total_minor);
    assert!(options.idempotency_key.len() >= 16);

    // The form sent twice, or from another tab: one payment, one gateway page.
    let url = pay::start_card(&app.state, &demo, proforma.id, &key(1)).await.unwrap();
    assert!(url.starts_with("/sandbox/gateway/sbx_"), "{url}");
    assert_eq!(pay::start_card(&app.state, &demo, proforma.id, &key(1)).await.unwrap(), url);
    assert_eq!(pay::start_card(&app.state, &demo, proforma.id, &key(2)).await.unwrap(), url);
    assert_eq!(payment_of(&app, proforma.id).await.len(), 1);

    // The gateway's page: no session needed, labelled a sandbox, the amount to pay.
    let page = app.get(&url, None).await;
    assert_eq!(page.status.as_u16(), 200);
    assert!(page.text().contains("TESZTKÖRNYEZET") || page.text().contains("SANDBOX"));
    assert!(page.text().contains(&proforma.number));
    // An edited amount is another page: not found.
    let edited = url.replace(&format!("amount={}", proforma.total_minor), "amount=1");
    assert_eq!(app.get(&edited, None).await.status.as_u16(), 404);

    // The succeeding test card: back to the return page, paid.
    let res = enter_card(&app, &url, "4242 4242 4242 4242").await;
    let payment = payment_of(&app, proforma.id).await.remove(0);
    assert_eq!(res.location(), Some(format!("/payments/{}", payment.id).as_str()));
    assert_eq!(payment.status, PaymentStatus::Succeeded);
    let paid = invoices::Entity::find_by_id(proforma.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(paid.status, InvoiceStatus::Paid);
    assert!(!payable(paid.kind, paid.status));

    // Exactly one final invoice, in the invoice series, with the proforma's lines and total.
    let finals = final_invoices(&app, proforma.id).await;
    assert_eq!(finals.len(), 1);
    let invoice = &finals[0];
    assert_eq!(invoice.kind, InvoiceKind::Invoice);
    assert!(invoice.number.starts_with("VRS26-"), "{}", invoice.number);
    assert_eq!(invoice.total_minor, proforma.total_minor);
    assert_eq!(invoice.issue_date, today());
    let lines =
        |id| app::server::usecases::invoices::detail(app.db(), demo.customer_id, id, today());
    assert_eq!(lines(invoice.id).await.unwrap().lines, lines(proforma.id).await.unwrap().lines);

    // The order is done and the service runs one month longer.
    let order = orders::Entity::find_by_id(proforma.order_id.unwrap()).one(app.db()).await;
    assert_eq!(order.unwrap().unwrap().status, OrderStatus::Active);
    let service = services::Entity::find_by_id(vps).one(app.db()).await.unwrap().unwrap();
    let before = due_before.expires_on.or(due_before.next_due_date).unwrap();
    let after = service.expires_on.or(service.next_due_date).unwrap();
    assert_eq!(after, before.max(today()).checked_add_months(Months::new(1)).unwrap());

    // The return page says so and leads to the invoice; paying again is refused.
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let back = app.get(&format!("/payments/{}", payment.id), Some(&cookie)).await;
    assert!(back.body.contains(r#"data-status="succeeded""#));
    assert!(back.body.contains(&invoice.number));
    assert_eq!(
        pay::start_card(&app.state, &demo, proforma.id, &key(3)).await,
        Err(AppError::Conflict)
    );
    let step = app.get(&format!("/invoices/{}/pay", proforma.id), Some(&cookie)).await;
    assert!(step.body.contains(r#"data-testid="not-payable""#));
}

#[tokio::test]
async fn a_declined_card_changes_nothing_and_the_customer_can_try_again() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let (_, proforma) = vps_proforma(&app).await;
    let url = pay::start_card(&app.state, &demo, proforma.id, &key(1)).await.unwrap();

    // Not a test card: the page says so, nothing happens.
    let unknown = enter_card(&app, &url, "5555 5555 5555 4444").await;
    assert_eq!(unknown.status.as_u16(), 422);
    assert!(unknown.body.contains("card-error"));

    let res = enter_card(&app, &url, "4000 0000 0000 0002").await;
    let payment = payment_of(&app, proforma.id).await.remove(0);
    assert_eq!(res.location(), Some(format!("/payments/{}", payment.id).as_str()));
    assert_eq!(payment.status, PaymentStatus::Failed);
    let still = invoices::Entity::find_by_id(proforma.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(still.status, InvoiceStatus::Unpaid);
    assert!(final_invoices(&app, proforma.id).await.is_empty());

    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let back = app.get(&format!("/payments/{}", payment.id), Some(&cookie)).await;
    assert!(back.body.contains(r#"data-status="failed""#));
    assert!(back.body.contains(r#"data-testid="try-again""#));

    // A new attempt opens a new payment at the gateway.
    let again = pay::start_card(&app.state, &demo, proforma.id, &key(2)).await.unwrap();
    assert_ne!(again, url);
    enter_card(&app, &again, "4242424242424242").await;
    assert_eq!(final_invoices(&app, proforma.id).await.len(), 1);
}

#[tokio::test]
async fn the_confirmation_step_and_the_late_double_webhook_settle_once() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;

    // 3-D Secure-like: the card asks for a confirmation page first; refusing declines.
    let (_, proforma) = vps_proforma(&app).await;
    let url = pay::start_card(&app.state, &demo, proforma.id, &key(1)).await.unwrap();
    let res = enter_card(&app, &url, "4000 0000 0000 3220").await;
    let confirm = res.location().unwrap().to_owned();
    assert!(confirm.starts_with("/sandbox/gateway/sbx_") && confirm.contains("/confirm?"));
    assert_eq!(app.get(&confirm, None).await.status.as_u16(), 200);
    assert_eq!(payment_of(&app, proforma.id).await[0].status, PaymentStatus::Pending);
    let answer = |answer: &'static str| {
        Request::post(confirm.as_str())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form(&[("answer", answer)])))
            .unwrap()
    };
    app.send(answer("confirm")).await;
    assert_eq!(payment_of(&app, proforma.id).await[0].status, PaymentStatus::Succeeded);
    assert_eq!(final_invoices(&app, proforma.id).await.len(), 1);

    // The late card: back at once, still pending; the webhook arrives later, twice.
    let (_, proforma) = vps_proforma(&app).await;
    let url = pay::start_card(&app.state, &demo, proforma.id, &key(2)).await.unwrap();
    let res = enter_card(&app, &url, "4000 0000 0000 0259").await;
    let payment = payment_of(&app, proforma.id).await.remove(0);
    assert_eq!(res.location(), Some(format!("/payments/{}", payment.id).as_str()));
    assert_eq!(payment.status, PaymentStatus::Pending);
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let waiting = app.get(&format!("/payments/{}", payment.id), Some(&cookie)).await;
    assert!(waiting.body.contains(r#"data-status="pending""#));
    assert!(waiting.body.contains(r#"http-equiv="refresh""#), "reloads itself without JS");
    // Left on the gateway's page for long: the return page stops reloading and says so.
    let demo_id = demo.customer_id;
    let later = app.clock.now() + chrono::TimeDelta::minutes(16);
    let stale = pay::view(app.db(), demo_id, payment.id, later).await.unwrap();
    assert!(!stale.awaiting_gateway);
    assert!(
        pay::view(app.db(), demo_id, payment.id, app.clock.now()).await.unwrap().awaiting_gateway
    );
    tokio::time::sleep(LATE_WEBHOOK + std::time::Duration::from_millis(1500)).await;
    assert_eq!(payment_of(&app, proforma.id).await[0].status, PaymentStatus::Succeeded);
    assert_eq!(final_invoices(&app, proforma.id).await.len(), 1, "two deliveries, one invoice");
    let events = app.count("SELECT COUNT(*) FROM payment_events").await;
    assert_eq!(events, 2, "the 3-D Secure payment's event and the late card's one event id");
}

/// The webhook endpoint: a signed, fresh event is applied; a forged or stale one is answered
/// 400 and changes nothing; an unknown gateway is not found.
#[tokio::test]
async fn a_forged_or_stale_webhook_is_refused_and_changes_nothing() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let (_, proforma) = vps_proforma(&app).await;
    let url = pay::start_card(&app.state, &demo, proforma.id, &key(1)).await.unwrap();
    let checkout = checkout_of(&app, &url);
    let body = serde_json::to_vec(&GatewayEvent {
        id: "evt_forged_or_not".into(),
        kind: EventKind::Succeeded,
        payment: checkout.id.clone(),
        amount_minor: checkout.amount_minor,
        currency: checkout.currency.clone(),
    })
    .unwrap();
    let now = app.clock.now().timestamp();
    let secret = app.state.settings.payment_webhook_secret.clone();
    let post = |path: &str, signature: String| {
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, signature)
            .body(Body::from(body.clone()))
            .unwrap()
    };
    let hook = "/webhooks/payments/sandbox";
    for signature in [
        sign(b"not the secret", now, &body),
        sign(secret.as_bytes(), now - 301, &body),
        sign(secret.as_bytes(), now, b"another body"),
        "t=1,v1=00".to_owned(),
    ] {
        let res = app.send(post(hook, signature)).await;
        assert_eq!(res.status.as_u16(), 400);
    }
    assert_eq!(payment_of(&app, proforma.id).await[0].status, PaymentStatus::Pending);
    assert_eq!(app.count("SELECT COUNT(*) FROM payment_events").await, 0);
    let unknown = app.send(post("/webhooks/payments/stripe", sign(secret.as_bytes(), now, &body)));
    assert_eq!(unknown.await.status.as_u16(), 404);

    let res = app.send(post(hook, sign(secret.as_bytes(), now, &body))).await;
    assert_eq!(res.status.as_u16(), 200);
    assert_eq!(payment_of(&app, proforma.id).await[0].status, PaymentStatus::Succeeded);
    // The same delivery again: 200 (the gateway stops retrying), nothing more happens.
    let again = app.send(post(hook, sign(secret.as_bytes(), now, &body))).await;
    assert_eq!(again.status.as_u16(), 200);
    assert_eq!(final_invoices(&app, proforma.id).await.len(), 1);
}

/// Another customer's document cannot be paid, nor their payment seen: both answer like
/// missing ones.
#[tokio::test]
async fn another_customers_document_and_payment_answer_like_missing_ones() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let anna = who(&app, ANNA).await;
    let (_, proforma) = vps_proforma(&app).await;
    assert_eq!(
        pay::options(&app.state, anna.customer_id, proforma.id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        pay::start_card(&app.state, &anna, proforma.id, &key(1)).await,
        Err(AppError::NotFound)
    );
    assert_eq!(payments::Entity::find().count(app.db()).await.unwrap(), demo_payments(&app).await);
    pay::start_card(&app.state, &demo, proforma.id, &key(2)).await.unwrap();
    let payment = payment_of(&app, proforma.id).await.remove(0);
    assert_eq!(
        pay::view(app.db(), anna.customer_id, payment.id, app.clock.now()).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        pay::view(app.db(), anna.customer_id, i64::MAX, app.clock.now()).await,
        Err(AppError::NotFound)
    );

    let cookie = app.sign_in(ANNA, PASSWORD).await;
    let theirs = app.get(&format!("/payments/{}", payment.id), Some(&cookie)).await;
    let missing = app.get("/payments/987654321", Some(&cookie)).await;
    assert_eq!(theirs.status.as_u16(), 404);
    assert_eq!(missing.status.as_u16(), 404);
    let step = app.get(&format!("/invoices/{}/pay", proforma.id), Some(&cookie)).await;
    assert_eq!(step.status.as_u16(), 404);
    assert!(!step.body.contains(&proforma.number));
}

/// The demo world's own payments (its paid history).
async fn demo_payments(app: &TestApp) -> u64 {
    app.count("SELECT COUNT(*) FROM payments").await as u64
}

/// A bank transfer recorded by the reference the customer quoted: the wrong amount or an
/// unknown reference changes nothing; the right one settles the proforma like a card payment,
/// with an audit entry; recording it twice is refused.
#[tokio::test]
async fn a_bank_transfer_recorded_by_its_reference_settles_the_proforma_once() {
    use app::server::usecases::payments::TransferRefused;
    use rust_decimal::Decimal;
    let app = TestApp::demo().await;
    let (_, proforma) = vps_proforma(&app).await;
    let total = Decimal::from(proforma.total_minor); // forints have no decimals

    let short = pay::record_transfer(&app.state, &proforma.number, total - Decimal::ONE).await;
    assert!(matches!(short, Err(TransferRefused::AmountDiffers { .. })), "{short:?}");
    let unknown = pay::record_transfer(&app.state, "DBK26-99999", total).await;
    assert_eq!(unknown, Err(TransferRefused::UnknownReference("DBK26-99999".into())));
    assert!(payment_of(&app, proforma.id).await.is_empty());

    let recorded =
        pay::record_transfer(&app.state, &format!(" {} ", proforma.number), total).await.unwrap();
    let pay::Recorded::Invoiced(invoice) = recorded else { panic!("{recorded:?}") };
    assert!(invoice.starts_with("VRS26-"), "{invoice}");
    let payment = payment_of(&app, proforma.id).await.remove(0);
    assert_eq!(payment.method, app::model::PaymentMethod::BankTransfer);
    assert_eq!(payment.status, PaymentStatus::Succeeded);
    assert_eq!(final_invoices(&app, proforma.id).await.len(), 1);
    let recorded = app
        .count("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.transfer_recorded'")
        .await;
    assert_eq!(recorded, 1);

    let twice = pay::record_transfer(&app.state, &proforma.number, total).await;
    assert!(matches!(twice, Err(TransferRefused::NotPayable { .. })), "{twice:?}");
    assert_eq!(final_invoices(&app, proforma.id).await.len(), 1);
}

/// Seed 002 "copy the link": a pay link pays one document without signing in, shows nothing
/// else, is not sent on or indexed, dies when replaced, deleted or after 30 days, and too many
/// unknown links from one address are refused.
#[tokio::test]
async fn a_pay_link_pays_one_document_without_signing_in() {
    use app::server::usecases::payments::links;
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let anna = who(&app, ANNA).await;
    let (_, proforma) = vps_proforma(&app).await;
    let ip = Some("203.0.113.9");

    assert_eq!(links::create(&app.state, &anna, proforma.id).await, Err(AppError::NotFound));
    let old = links::create(&app.state, &demo, proforma.id).await.unwrap();
    let token = links::create(&app.state, &demo, proforma.id).await.unwrap();
    assert!(token.len() >= 40, "at least 128 bits");
    assert_eq!(links::view(&app.state, &old, ip).await, Err(AppError::NotFound), "replaced");
    let stored = format!("SELECT COUNT(*) FROM pay_links WHERE token_hash = '{token}'");
    assert_eq!(app.count(&stored).await, 0, "only the hash is stored");

    // The page, without a session: the document's number, seller and amount, nothing else.
    let page = app.get(&format!("/pay/{token}"), None).await;
    assert_eq!(page.status.as_u16(), 200);
    assert!(page.body.contains(&proforma.number));
    assert!(page.text().contains("Portico Példa Kft."));
    assert!(!page.body.contains("Kovács"), "nothing of the account");
    assert!(!page.body.contains("primary-nav"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(page.header("x-robots-tag"), Some("noindex, nofollow"));
    assert!(page.body.contains(r#"name="robots" content="noindex, nofollow""#));

    // Paid through the link: the gateway sends the payer back to the link, which says so.
    let url = links::pay(&app.state, &token, &key(1), ip).await.unwrap();
    assert!(url.contains(&format!("return=%2Fpay%2F{token}")), "{url}");
    let back = enter_card(&app, &url, "4242 4242 4242 4242").await;
    assert_eq!(back.location(), Some(format!("/pay/{token}").as_str()));
    assert_eq!(final_invoices(&app, proforma.id).await.len(), 1);
    let paid = links::view(&app.state, &token, ip).await.unwrap();
    assert!(paid.paid);
    assert_eq!(links::pay(&app.state, &token, &key(2), ip).await, Err(AppError::Conflict));

    // Deleted with its document, or 30 days old: dead.
    let (_, other) = vps_proforma(&app).await;
    let token = links::create(&app.state, &demo, other.id).await.unwrap();
    app.advance(chrono::TimeDelta::days(30) + chrono::TimeDelta::seconds(1));
    assert_eq!(links::view(&app.state, &token, ip).await, Err(AppError::NotFound), "expired");
    let fresh = links::create(&app.state, &demo, other.id).await.unwrap();
    app::server::usecases::invoices::delete_proforma(&app.state, &demo, other.id).await.unwrap();
    assert_eq!(links::view(&app.state, &fresh, ip).await, Err(AppError::NotFound), "deleted");

    // Guessing: unknown links from one address are counted, then refused.
    let ip = Some("203.0.113.77");
    for n in 0..links::MAX_BAD_LINKS_PER_IP {
        let guess = format!("guess-{n}");
        assert_eq!(links::view(&app.state, &guess, ip).await, Err(AppError::NotFound));
    }
    assert_eq!(links::view(&app.state, "guess-x", ip).await, Err(AppError::RateLimited));
    assert_eq!(
        links::view(&app.state, "guess-x", Some("198.51.100.200")).await,
        Err(AppError::NotFound),
        "another address is not blocked"
    );
}

/// One pay link for several documents: the demo company's two unpaid proformas, paid by one
/// card payment through a link without signing in. A document paid another way meanwhile
/// leaves its share to the balance; the link then says everything is paid.
#[tokio::test]
async fn one_link_pays_several_documents_with_one_card_payment() {
    use app::model::LedgerReason;
    use app::model::payments::{PAY_LINK_DAYS, pay_all_href};
    use app::server::entities::{balance_ledger, customers};
    use app::server::usecases::payments::pay_all;
    use rust_decimal::Decimal;
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let ip = Some("203.0.113.10");
    let unpaid = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(demo.customer_id))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(unpaid.len(), 2, "the demo company owes two proformas");
    let total: i64 = unpaid.iter().map(|d| d.total_minor).sum();

    // Anna owes one document at most: no pay-all link for her.
    assert_eq!(pay_all::create(&app.state, &who(&app, ANNA).await).await, Err(AppError::Conflict));
    let old = pay_all::create(&app.state, &demo).await.unwrap();
    let token = pay_all::create(&app.state, &demo).await.unwrap();
    assert_eq!(pay_all::view(&app.state, &old, ip).await, Err(AppError::NotFound), "replaced");
    let stored = format!("SELECT COUNT(*) FROM pay_all_links WHERE token_hash = '{token}'");
    assert_eq!(app.count(&stored).await, 0, "only the hash is stored");

    // The page, without a session: the seller, the numbers and what is due, nothing else.
    let page = app.get(&pay_all_href(&token), None).await;
    assert_eq!(page.status.as_u16(), 200);
    for document in &unpaid {
        assert!(page.body.contains(&document.number));
    }
    assert!(!page.body.contains("Kovács"), "nothing of the account");
    assert!(!page.body.contains("primary-nav"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(page.header("x-robots-tag"), Some("noindex, nofollow"));
    let view = pay_all::view(&app.state, &token, ip).await.unwrap();
    assert_eq!((view.documents.len(), view.due.minor), (2, total));

    // One card payment for both; while it is open, one of them is paid by bank transfer.
    let url = pay_all::pay(&app.state, &token, &key(1), ip).await.unwrap();
    assert_eq!(pay_all::pay(&app.state, &token, &key(2), ip).await.unwrap(), url, "one open");
    assert_eq!(checkout_of(&app, &url).amount_minor, total);
    let first = &unpaid[0];
    let amount = Decimal::new(first.total_minor, first.currency.exponent());
    pay::record_transfer(&app.state, &first.number, amount).await.unwrap();
    let balance = |app: &TestApp| {
        let db = app.db().clone();
        async move { customers::Entity::find_by_id(demo.customer_id).one(&db).await.unwrap().unwrap() }
    };
    let before = balance(&app).await.balance_minor;

    let back = enter_card(&app, &url, "4242 4242 4242 4242").await;
    assert_eq!(back.location(), Some(pay_all_href(&token).as_str()));
    for document in &unpaid {
        assert_eq!(final_invoices(&app, document.id).await.len(), 1, "{}", document.number);
    }
    // The transfer paid the first; the card's share of it went to the balance.
    assert_eq!(balance(&app).await.balance_minor, before + first.total_minor);
    let credited = balance_ledger::Entity::find()
        .filter(balance_ledger::Column::CustomerId.eq(demo.customer_id))
        .filter(balance_ledger::Column::Reason.eq(LedgerReason::PaymentCredited))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((credited.amount_minor, credited.invoice_id), (first.total_minor, Some(first.id)));
    let paid = pay_all::view(&app.state, &token, ip).await.unwrap();
    assert_eq!(paid.due.minor, 0);
    assert!(paid.documents.iter().all(|d| d.status == InvoiceStatus::Paid));
    assert!(app.get(&pay_all_href(&token), None).await.body.contains("pay-all-paid"));
    assert_eq!(pay_all::pay(&app.state, &token, &key(3), ip).await, Err(AppError::Conflict));
    // Its payment has no page of its own (it is not a top-up): the link's page is its page.
    let through_link = payments::Entity::find()
        .filter(payments::Column::PayAllLinkId.is_not_null())
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(through_link.status, PaymentStatus::Succeeded);
    let now = app.clock.now();
    assert_eq!(
        pay::view(app.db(), demo.customer_id, through_link.id, now).await,
        Err(AppError::NotFound)
    );

    // 30 days on, the link is dead.
    app.advance(chrono::TimeDelta::days(PAY_LINK_DAYS) + chrono::TimeDelta::seconds(1));
    assert_eq!(pay_all::view(&app.state, &token, ip).await, Err(AppError::NotFound));
}

/// On a public https address the sandbox gateway takes no payments unless the operator says
/// so: no card form, the gateway's pages and webhook not found, a crafted request refused.
#[tokio::test]
async fn where_the_sandbox_may_not_take_payments_no_card_is_offered_or_accepted() {
    use app::server::context::{AppState, Settings};
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let (_, proforma) = vps_proforma(&app).await;
    let url = pay::start_card(&app.state, &demo, proforma.id, &key(1)).await.unwrap();
    let mut off = app.clone();
    off.state = AppState::with_sandboxes(
        app.db().clone(),
        std::sync::Arc::new(app.clock.clone()),
        Settings { sandbox_payments: false, ..Settings::default() },
    );
    assert!(!off.state.card_payments());
    assert!(!pay::options(&off.state, demo.customer_id, proforma.id).await.unwrap().card);
    assert_eq!(
        pay::start_card(&off.state, &demo, proforma.id, &key(2)).await,
        Err(AppError::Invalid { field: "method".into(), code: "card_unavailable".into() })
    );
    assert_eq!(off.get(&url, None).await.status.as_u16(), 404, "no sandbox page");
    let res = enter_card(&off, &url, "4242 4242 4242 4242").await;
    assert_eq!(res.status.as_u16(), 404);
    assert_eq!(payment_of(&app, proforma.id).await[0].status, PaymentStatus::Pending);
    let cookie = off.sign_in(DEMO, PASSWORD).await;
    let step = off.get(&format!("/invoices/{}/pay", proforma.id), Some(&cookie)).await;
    assert!(!step.body.contains(r#"data-testid="pay-by-card""#));
    assert!(step.body.contains(r#"data-testid="bank-transfer""#), "the transfer details remain");
}
