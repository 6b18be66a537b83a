//! Automatic renewal from the balance (seeds 000 and 002): on its due date a service with
//! automatic renewal on is renewed for one period when the balance covers it (one ledger
//! entry, one paid document, one extension); when it does not, the customer is e-mailed once
//! and the service follows its lifecycle until a top-up renews it during the grace period.

use crate::common::TestApp;
use crate::own_service as service;
use app::model::{Currency, InvoiceKind, Lang, LedgerReason, Money, ServiceKind, ServiceStatus};
use app::server::auto_renew::{self, AutoRenewed, too_low_key};
use app::server::clock::Clock;
use app::server::entities::{balance_ledger, customers, email_outbox, invoices, services};
use app::server::{ledger, lifecycle};
use chrono::{Months, TimeDelta};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// 4,990 Ft a year plus 27 % VAT.
const RENEWAL: i64 = 4990 + 1347;

async fn auto_renewing_domain(app: &TestApp, customer: i64, name: &str, days: i64) -> i64 {
    let id = service(app, customer, (ServiceKind::Domain, name, ServiceStatus::Active), days).await;
    app.auto_renew_on(id).await;
    id
}

async fn top_up(app: &TestApp, customer_id: i64, minor: i64) {
    let credit = ledger::Credit {
        customer_id,
        amount: Money::new(minor, Currency::Huf),
        reason: LedgerReason::TopUp,
        invoice_id: None,
        payment_id: None,
    };
    ledger::credit(app.db(), credit, app.clock.now()).await.unwrap();
}

async fn balance(app: &TestApp, customer_id: i64) -> i64 {
    customers::Entity::find_by_id(customer_id).one(app.db()).await.unwrap().unwrap().balance_minor
}

async fn expires(app: &TestApp, id: i64) -> (chrono::NaiveDate, ServiceStatus) {
    let s = services::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap();
    (s.expires_on.unwrap(), s.status)
}

async fn run(app: &TestApp) -> AutoRenewed {
    auto_renew::run(&app.state).await.unwrap()
}

#[tokio::test]
async fn on_its_due_date_a_covered_service_is_renewed_once_from_the_balance() {
    let app = TestApp::empty().await;
    let kata = app.new_customer("Kiss Kata", "kata@example.test", Lang::Hu).await;
    let id = auto_renewing_domain(&app, kata, "auto.hu", 2).await;
    let (due, _) = expires(&app, id).await;
    top_up(&app, kata, 10_000).await;

    // Not before the due date: the customer may still change their mind.
    assert_eq!(run(&app).await, AutoRenewed::default());
    app.advance(TimeDelta::days(1));
    assert_eq!(run(&app).await, AutoRenewed::default());
    app.advance(TimeDelta::days(1));
    assert_eq!(run(&app).await, AutoRenewed { renewed: 1, not_covered: 0 });
    // A second instance, or the next run: nothing more.
    assert_eq!(run(&app).await, AutoRenewed::default());

    assert_eq!(
        expires(&app, id).await,
        (due.checked_add_months(Months::new(12)).unwrap(), ServiceStatus::Active)
    );
    assert_eq!(balance(&app, kata).await, 10_000 - RENEWAL);
    let taken = balance_ledger::Entity::find()
        .filter(balance_ledger::Column::CustomerId.eq(kata))
        .filter(balance_ledger::Column::Reason.eq(LedgerReason::Payment))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(
        taken.iter().map(|e| e.amount_minor).collect::<Vec<_>>(),
        vec![-RENEWAL],
        "one entry"
    );
    let paid = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(kata))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(paid.len(), 1, "one paid document");
    assert_eq!(paid[0].total_minor, RENEWAL);
    let audited = app
        .count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = 'service.auto_renewed' AND subject_id = {id}"))
        .await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_balance_too_low_is_told_once_the_service_expires_and_a_top_up_in_grace_renews_it() {
    let app = TestApp::empty().await;
    let kata = app.new_customer("Kiss Kata", "kata@example.test", Lang::Hu).await;
    let id = auto_renewing_domain(&app, kata, "kevés.hu", 0).await;
    let (due, _) = expires(&app, id).await;
    top_up(&app, kata, 1_000).await;

    assert_eq!(run(&app).await, AutoRenewed { renewed: 0, not_covered: 1 });
    assert_eq!(run(&app).await.renewed, 0);
    // Into the grace period: expired, still tried each run, still told only once.
    for _ in 0..3 {
        app.advance(TimeDelta::days(1));
        lifecycle::advance(&app.state).await.unwrap();
        assert_eq!(run(&app).await.renewed, 0);
    }
    assert_eq!(expires(&app, id).await, (due, ServiceStatus::Expired));
    let told = email_outbox::Entity::find()
        .filter(email_outbox::Column::CustomerId.eq(kata))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(told.len(), 1, "one e-mail for the period");
    assert_eq!(told[0].message_key.as_deref(), Some(too_low_key(id, due).as_str()));
    assert_eq!(told[0].to_address, "kata@example.test");
    assert!(
        told[0].subject.contains("automatikus hosszabbítása nem sikerült"),
        "{}",
        told[0].subject
    );
    assert!(told[0].body_text.contains(&format!("/services/{id}/renew")));
    assert_eq!(balance(&app, kata).await, 1_000, "nothing taken");

    // Topped up in the grace period: the next run renews it, from its due date.
    top_up(&app, kata, 10_000).await;
    assert_eq!(run(&app).await, AutoRenewed { renewed: 1, not_covered: 0 });
    assert_eq!(
        expires(&app, id).await,
        (due.checked_add_months(Months::new(12)).unwrap(), ServiceStatus::Active)
    );
    assert_eq!(balance(&app, kata).await, 11_000 - RENEWAL);
}

#[tokio::test]
async fn after_the_grace_period_automatic_renewal_no_longer_renews() {
    let app = TestApp::empty().await;
    let kata = app.new_customer("Kiss Kata", "kata@example.test", Lang::Hu).await;
    let id = auto_renewing_domain(&app, kata, "keso.hu", -31).await;
    top_up(&app, kata, 10_000).await;
    // 31 days past due: suspended by date; restoring costs a fee the customer decides on.
    assert_eq!(run(&app).await, AutoRenewed::default());
    assert_eq!(balance(&app, kata).await, 10_000);
    lifecycle::advance(&app.state).await.unwrap();
    assert_eq!(expires(&app, id).await.1, ServiceStatus::Suspended);
}
