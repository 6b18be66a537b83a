//! A service not renewed in time (seed 000): renewed only when ordered and paid before its due
//! date, then expired (renewable at the usual price during its grace period), suspended
//! (restorable for the renewal plus the product's fee), deleted. The clock moves through whole
//! periods; the lifecycle job runs as it would each minute.

use crate::common::{TestApp, form, today};
use app::model::lifecycle::Stage;
use app::model::{AppError, InvoiceStatus, LedgerReason, OrderStatus, ServiceStatus};
use app::server::clock::Clock;
use app::server::entities::{balance_ledger, invoices, order_lines, orders, services};
use app::server::lifecycle::{self, Advanced};
use app::server::usecases::payments as pay;
use app::server::usecases::services::renewal;
use chrono::{Months, NaiveDate, TimeDelta};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const DEMO: &str = "demo@portico.test";
const PASSWORD: &str = "portico-demo";

async fn service(app: &TestApp, id: i64) -> services::Model {
    services::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

async fn proforma(app: &TestApp, id: i64) -> invoices::Model {
    invoices::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

async fn order(app: &TestApp, id: i64) -> orders::Model {
    orders::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

/// Moves the clock on to `day` (at the same time of day) and runs the lifecycle job.
async fn on(app: &TestApp, day: NaiveDate) -> Advanced {
    let by = day - app.clock.today();
    app.advance(by);
    lifecycle::advance(&app.state).await.unwrap()
}

async fn credited(app: &TestApp, customer_id: i64) -> Vec<i64> {
    balance_ledger::Entity::find()
        .filter(balance_ledger::Column::CustomerId.eq(customer_id))
        .filter(balance_ledger::Column::Reason.eq(LedgerReason::PaymentCredited))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.amount_minor)
        .collect()
}

async fn audited(app: &TestApp, action: &str, subject: i64) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND subject_id = {subject}"
    ))
    .await
}

#[tokio::test]
async fn a_renewal_unpaid_at_the_due_date_lapses_and_money_arriving_later_is_kept_as_balance() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    // kovacs-webshop.hu expires in 5 days: the renewal must be paid by then, not in 8 days.
    let id = app.service_id("kovacs-webshop.hu").await;
    let domain = service(&app, id).await;
    let due = domain.expires_on.unwrap();
    assert_eq!(due, today() + TimeDelta::days(5));
    let page = renewal::options(&app.state, &demo, id).await.unwrap();
    assert_eq!((page.stage, page.deadline), (Some(Stage::Active), Some(due)));
    let ordered = renewal::renew(&app.state, &demo, id, 12).await.unwrap();
    let unpaid = proforma(&app, ordered.proforma_id).await;
    assert_eq!(unpaid.due_date, due, "payable until the due date, the seed's deadline");
    // The customer starts paying by card on the due date but the money arrives a day later.
    on(&app, due).await;
    let url = app::server::usecases::payments::start_card(
        &app.state,
        &demo,
        unpaid.id,
        "lifecycle-late-card-0001",
    )
    .await
    .unwrap();

    // The day after the due date, before the job has run: the payment does not renew.
    app.advance(TimeDelta::days(1));
    let res = app.post_form(&url, &form(&[("card", "4242 4242 4242 4242")]), None).await;
    assert!(res.location().is_some_and(|l| l.starts_with("/payments/")));
    let after = service(&app, id).await;
    assert_eq!(after.expires_on, Some(due), "not extended");
    assert_eq!(proforma(&app, unpaid.id).await.status, InvoiceStatus::Cancelled);
    assert_eq!(order(&app, ordered.order_id).await.status, OrderStatus::Cancelled);
    assert_eq!(credited(&app, demo.customer_id).await, vec![unpaid.total_minor], "kept as balance");
    assert_eq!(audited(&app, "order.lapsed", ordered.order_id).await, 1);

    // The job then marks the domain expired, once however often it runs.
    let run = lifecycle::advance(&app.state).await.unwrap();
    assert_eq!(run.lapsed, 0, "the payment lapsed it already");
    assert_eq!(service(&app, id).await.status, ServiceStatus::Expired);
    assert_eq!(lifecycle::advance(&app.state).await.unwrap().total(), 0);
    assert_eq!(audited(&app, "service.expired", id).await, 1);
}

#[tokio::test]
async fn the_job_lapses_an_unpaid_renewal_and_the_proforma_can_no_longer_be_paid() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let id = app.service_id("kovacs-tars.hu").await;
    let due = service(&app, id).await.expires_on.unwrap();
    let ordered = renewal::renew(&app.state, &demo, id, 24).await.unwrap();
    // 25 days ahead: the usual 8 days to pay, well before the due date.
    assert_eq!(proforma(&app, ordered.proforma_id).await.due_date, today() + TimeDelta::days(8));
    // Overdue but before the due date: still payable, nothing lapses.
    on(&app, due).await;
    assert_eq!(proforma(&app, ordered.proforma_id).await.status, InvoiceStatus::Unpaid);
    assert_eq!(service(&app, id).await.status, ServiceStatus::Active);

    let run = on(&app, due + TimeDelta::days(1)).await;
    assert!(run.lapsed >= 1 && run.expired >= 1, "{run}");
    assert_eq!(proforma(&app, ordered.proforma_id).await.status, InvoiceStatus::Cancelled);
    assert_eq!(order(&app, ordered.order_id).await.status, OrderStatus::Cancelled);
    assert_eq!(service(&app, id).await.status, ServiceStatus::Expired);
    let refused = app::server::usecases::payments::start_card(
        &app.state,
        &demo,
        ordered.proforma_id,
        "lifecycle-lapsed-0001",
    )
    .await;
    assert_eq!(refused, Err(AppError::Conflict), "a cancelled proforma is not paid");
    // The service page says where it is: expired, renewable until the grace period ends.
    let page = renewal::options(&app.state, &demo, id).await.unwrap();
    assert!(page.waiting.is_none(), "the lapsed renewal no longer waits");
    assert_eq!(page.stage, Some(Stage::Grace));
    assert_eq!(page.deadline, Some(due + TimeDelta::days(30)));
}

#[tokio::test]
async fn renewed_in_its_grace_period_a_service_continues_from_its_due_date() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let id = app.service_id("kovacs-tars.hu").await;
    let due = service(&app, id).await.expires_on.unwrap();
    on(&app, due + TimeDelta::days(10)).await;
    assert_eq!(service(&app, id).await.status, ServiceStatus::Expired);

    let page = renewal::options(&app.state, &demo, id).await.unwrap();
    assert_eq!(page.restore_fee, None, "the usual price during grace");
    let year = page.choices.iter().find(|c| c.months == 12).unwrap().clone();
    assert_eq!(year.until, due.checked_add_months(Months::new(12)).unwrap(), "no gap, no gift");
    let ordered = renewal::renew(&app.state, &demo, id, 12).await.unwrap();
    let unpaid = proforma(&app, ordered.proforma_id).await;
    assert_eq!(unpaid.total_minor, year.total.minor);
    app.pay_by_card(&demo, unpaid.id, "lifecycle-grace-renewal-0001").await;
    let after = service(&app, id).await;
    assert_eq!(after.expires_on, Some(year.until));
    assert_eq!(after.status, ServiceStatus::Active, "renewed: active again");
    assert_eq!(lifecycle::advance(&app.state).await.unwrap().total(), 0);
}

#[tokio::test]
async fn restoring_a_suspended_service_costs_the_products_fee_on_its_own_line() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    // The demo's e-mail package is 20 days past due: past 14 days of grace, suspended, and a
    // catalogue product's whose restore fee is half its price (9,950 Ft).
    let id = app.service_id("E-mail csomag").await;
    let suspended = service(&app, id).await;
    let due = suspended.expires_on.unwrap();
    let page = renewal::options(&app.state, &demo, id).await.unwrap();
    assert_eq!(page.stage, Some(Stage::Suspended));
    let fee = page.restore_fee.unwrap();
    assert_eq!(fee.minor, 9950);
    let year = page.choices.iter().find(|c| c.months == 12).unwrap().clone();
    let vat = |net: i64| (net * 27 + 50) / 100;
    let expected = suspended.price_minor + vat(suspended.price_minor) + fee.minor + vat(fee.minor);
    assert_eq!(year.total.minor, expected, "renewal and fee, each with 27 % VAT");

    let ordered = renewal::renew(&app.state, &demo, id, 12).await.unwrap();
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(ordered.order_id))
        .order_by_asc(order_lines::Column::Id)
        .all(app.db())
        .await
        .unwrap();
    let described: Vec<_> = lines.iter().map(|l| l.description.as_str()).collect();
    assert_eq!(
        described,
        ["E-mail csomag (kovacs-tars.hu)", "E-mail csomag (kovacs-tars.hu): Visszaállítási díj"]
    );
    let unpaid = proforma(&app, ordered.proforma_id).await;
    assert_eq!(unpaid.total_minor, year.total.minor, "the proforma asks what the page showed");
    app.pay_by_card(&demo, unpaid.id, "lifecycle-restore-renewal-0001").await;
    let after = service(&app, id).await;
    assert_eq!(after.expires_on, Some(due.checked_add_months(Months::new(12)).unwrap()));
    assert_eq!(after.status, ServiceStatus::Active);
}

#[tokio::test]
async fn the_calendar_moves_a_service_through_every_step_once_and_then_it_cannot_be_renewed() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let id = app.service_id("kovacs.hu").await;
    let due = service(&app, id).await.expires_on.unwrap();
    let steps = [
        (due, ServiceStatus::Active),
        (due + TimeDelta::days(1), ServiceStatus::Expired),
        (due + TimeDelta::days(30), ServiceStatus::Expired),
        (due + TimeDelta::days(31), ServiceStatus::Suspended),
        (due + TimeDelta::days(60), ServiceStatus::Suspended),
        (due + TimeDelta::days(61), ServiceStatus::Terminated),
    ];
    for (day, status) in steps {
        on(&app, day).await;
        // A second instance running the job on the same day changes nothing more.
        assert_eq!(lifecycle::advance(&app.state).await.unwrap().total(), 0, "{day}");
        assert_eq!(service(&app, id).await.status, status, "{day}");
    }
    for action in ["service.expired", "service.suspended", "service.deleted"] {
        assert_eq!(audited(&app, action, id).await, 1, "{action}");
    }
    // Seed 000's unpaid renewal of kovacs.hu lapsed at the due date with the rest.
    let lapsed = app
        .count("SELECT COUNT(*) FROM orders WHERE number = 'R-2026-0352' AND status = 'cancelled'")
        .await;
    assert_eq!(lapsed, 1);
    assert_eq!(renewal::options(&app.state, &demo, id).await.unwrap_err(), AppError::Conflict);
    assert_eq!(renewal::renew(&app.state, &demo, id, 12).await, Err(AppError::Conflict));
}

#[tokio::test]
async fn deleted_by_date_is_not_renewable_even_before_the_job_marks_it() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let id = app.service_id("kovacs.hu").await;
    let due = service(&app, id).await.expires_on.unwrap();
    app.advance(due + TimeDelta::days(61) - today());
    assert_eq!(service(&app, id).await.status, ServiceStatus::Active, "the job has not run");
    assert_eq!(renewal::renew(&app.state, &demo, id, 12).await, Err(AppError::Conflict));
}

#[tokio::test]
async fn a_service_suspended_by_staff_inside_its_period_is_not_moved_or_lifted_by_the_calendar() {
    let app = TestApp::demo().await;
    let id = app.service_id("kovacs-tars.hu").await;
    services::Entity::update_many()
        .col_expr(services::Column::Status, Expr::value(ServiceStatus::Suspended.as_str()))
        .filter(services::Column::Id.eq(id))
        .exec(app.db())
        .await
        .unwrap();
    let due = service(&app, id).await.expires_on.unwrap();
    on(&app, due + TimeDelta::days(5)).await;
    assert_eq!(service(&app, id).await.status, ServiceStatus::Suspended, "not moved back");
    on(&app, due + TimeDelta::days(61)).await;
    assert_eq!(service(&app, id).await.status, ServiceStatus::Terminated, "but on at deletion");
}

#[tokio::test]
async fn the_service_page_shows_the_timeline_with_todays_step_in_the_customers_language() {
    let app = TestApp::demo().await;
    let cookie = app.sign_in(DEMO, PASSWORD).await;
    let id = app.service_id("E-mail csomag").await;
    let page = app.get(&format!("/services/{id}"), Some(&cookie)).await;
    assert_eq!(page.status.as_u16(), 200);
    let body = page.body;
    assert!(body.contains(r#"data-testid="lifecycle""#));
    assert!(body.contains("Ha nem hosszabbítja meg"), "the title, in Hungarian");
    // Four steps, today's (suspended) marked, with the fee and the deletion date.
    for stage in ["active", "grace", "suspended", "deleted"] {
        assert!(body.contains(&format!(r#"data-stage="{stage}""#)), "{stage}");
    }
    let now = body.find(r#"aria-current="step""#).unwrap();
    let suspended = body.find(r#"data-stage="suspended""#).unwrap();
    assert!(now.abs_diff(suspended) < 200, "today's step is the suspended one");
    assert!(body.contains("A visszaállítás díja 9"), "the restore fee");
    let deleted = today() - TimeDelta::days(20) + TimeDelta::days(45);
    assert!(body.contains(&app::format::date(deleted, app::model::Lang::Hu)), "deletion date");

    // Its renewal page says the fee is in every price.
    let renew = app.get(&format!("/services/{id}/renew"), Some(&cookie)).await;
    assert!(renew.body.contains(r#"data-testid="restore-fee""#));
    assert!(renew.body.contains(r#"data-testid="renew-by""#));
}

#[tokio::test]
async fn a_transfer_recorded_after_the_due_date_is_kept_as_balance_and_renews_nothing() {
    let app = TestApp::demo().await;
    let demo = app.requester(DEMO).await;
    let id = app.service_id("kovacs-webshop.hu").await;
    let due = service(&app, id).await.expires_on.unwrap();
    let ordered = renewal::renew(&app.state, &demo, id, 12).await.unwrap();
    let unpaid = proforma(&app, ordered.proforma_id).await;
    app.advance(due + TimeDelta::days(1) - today());
    let amount = rust_decimal::Decimal::from(unpaid.total_minor);
    let recorded = pay::record_transfer(&app.state, &unpaid.number, amount).await.unwrap();
    assert_eq!(recorded, pay::Recorded::KeptAsBalance);
    assert_eq!(service(&app, id).await.expires_on, Some(due), "not extended");
    assert_eq!(credited(&app, demo.customer_id).await, vec![unpaid.total_minor]);
    assert_eq!(order(&app, ordered.order_id).await.status, OrderStatus::Cancelled);
}
