//! Orders (`/orders`, `/orders/{id}`, seeds 002 and 003): the list with plan, IP and period
//! end, one order with its lines (net, VAT, gross) and history, cancelling one that awaits
//! payment, and the renewal orders the service pages create; a domain order in steps
//! (`domain.rs`).

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod domain;

use app::model::invoices::PROFORMA_DAYS_TO_PAY;
use app::model::{AppError, InvoiceKind, InvoiceStatus, OrderStatus};
use app::server::context::Requester;
use app::server::entities::{invoices, services};
use app::server::usecases::orders;
use app::server::usecases::services::renewal;
use chrono::TimeDelta;
use common::{TestApp, today};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

const DEMO: &str = "demo@portico.test";
const ANNA: &str = "anna@portico.test";

async fn who(app: &TestApp, email: &str) -> Requester {
    Requester { customer_id: app.customer_id(email).await, ip: Some("198.51.100.7".into()) }
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await
}

#[tokio::test]
async fn renewing_creates_one_order_awaiting_payment_which_can_be_cancelled() {
    let app = TestApp::demo().await;
    let demo = who(&app, DEMO).await;
    let vps = app.service_id("VPS M").await;

    let order = renewal::renew(&app.state, &demo, vps, 1).await.unwrap().order_id;
    // Asked again, for another period: the waiting order, not a second one.
    let again = renewal::renew(&app.state, &demo, vps, 3).await.unwrap();
    assert_eq!(again.order_id, order, "no second order");
    let d = orders::detail(app.db(), demo.customer_id, order).await.unwrap();
    assert_eq!(d.order.status, OrderStatus::AwaitingPayment);
    // A month of VPS M and, to the same day, of its daily backup addon (1 500 Ft a month).
    assert_eq!(d.order.total.minor, 14_605, "11 500 Ft + 27 % VAT");
    assert_eq!(d.order.number, "R-2026-00001");
    assert_eq!(d.order.ip.as_deref(), Some("185.51.190.12"));
    let lines: Vec<_> = d.lines.iter().map(|l| (l.net.minor, l.vat_rate_bp, l.vat.minor)).collect();
    assert_eq!(lines, [(10_000, 2700, 2_700), (1_500, 2700, 405)]);
    let gross: i64 = d.lines.iter().map(|l| l.gross.minor).sum();
    assert_eq!(gross, d.order.total.minor, "the lines add up to the total");
    assert!(!d.reverse_charge);
    assert_eq!(d.history.len(), 1);

    // Seed 000: renewing creates the proforma, with the order's lines and total, once.
    let proformas = invoices::Entity::find()
        .filter(invoices::Column::OrderId.eq(order))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(proformas.len(), 1, "one proforma, also after the repeated request");
    let proforma = &proformas[0];
    assert_eq!(proforma.kind, InvoiceKind::Proforma);
    assert_eq!(proforma.status, InvoiceStatus::Unpaid);
    assert!(proforma.number.starts_with("DBK26-"), "{}", proforma.number);
    assert_eq!(proforma.due_date, today() + TimeDelta::days(PROFORMA_DAYS_TO_PAY));
    let document =
        app::server::usecases::invoices::detail(app.db(), demo.customer_id, proforma.id, today())
            .await
            .unwrap();
    assert_eq!(document.invoice.total, d.order.total);
    assert_eq!(document.lines, d.lines, "the order's lines, as priced");
    // "Pay" on the order, in the orders list and on the service's page leads to its payment.
    assert_eq!(d.order.to_pay.as_ref().map(|p| p.id), Some(proforma.id));
    let listed = orders::list(app.db(), demo.customer_id, 1).await.unwrap();
    let row = listed.rows.iter().find(|o| o.id == order).unwrap();
    assert_eq!(row.to_pay.as_ref().map(|p| p.number.as_str()), Some(proforma.number.as_str()));

    orders::cancel(&app.state, &demo, order).await.unwrap();
    assert_eq!(orders::cancel(&app.state, &demo, order).await, Err(AppError::Conflict));
    let d = orders::detail(app.db(), demo.customer_id, order).await.unwrap();
    assert_eq!(d.order.status, OrderStatus::Cancelled);
    assert_eq!(d.history.last().unwrap().event, "cancelled");

    // A paid order cannot be cancelled; an unpaid one takes its proforma with it.
    let list = orders::list(app.db(), demo.customer_id, 1).await.unwrap();
    let paid = list.rows.iter().find(|o| o.number == "R-2026-0311").unwrap();
    assert_eq!(orders::cancel(&app.state, &demo, paid.id).await, Err(AppError::Conflict));
    let unpaid = list.rows.iter().find(|o| o.number == "R-2026-0352").unwrap();
    orders::cancel(&app.state, &demo, unpaid.id).await.unwrap();
    let open_proformas = app
        .count(&format!(
            "SELECT COUNT(*) FROM invoices WHERE order_id = {} AND status = 'unpaid'",
            unpaid.id
        ))
        .await;
    assert_eq!(open_proformas, 0);
    assert_eq!(audit_count(&app, "order.cancel").await, 2);
}

#[tokio::test]
async fn vat_follows_the_customer_reverse_charge_is_stated_and_unknown_countries_are_refused() {
    let app = TestApp::demo().await;
    let anna = who(&app, ANNA).await;
    let anna_service = services::Entity::find()
        .filter(services::Column::CustomerId.eq(anna.customer_id))
        .filter(services::Column::Kind.ne(app::model::ServiceKind::Addon))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let db = app.db().clone();
    let set_customer = |sql: String| {
        let db = db.clone();
        async move { db.execute_unprepared(&sql).await.unwrap() }
    };

    // A German company with a VAT id: reverse charge, 0 %, and the order says why.
    set_customer(format!(
        "UPDATE customers SET kind = 'company', tax_id = 'DE811234567' WHERE id = {}",
        anna.customer_id
    ))
    .await;
    let order = common::renew(&app.state, &anna, anna_service.id).await.unwrap().order_id;
    let d = orders::detail(app.db(), anna.customer_id, order).await.unwrap();
    assert!(d.reverse_charge);
    assert_eq!(d.lines[0].vat_rate_bp, 0);
    assert_eq!(d.order.total.minor, anna_service.price_minor, "no VAT added");
    let cookie = app.sign_in(ANNA, "portico-demo").await;
    let page = app.get(&format!("/orders/{order}"), Some(&cookie)).await;
    assert!(page.text().contains("Steuerschuldnerschaft des Leistungsempfängers"), "stated");
    orders::cancel(&app.state, &anna, order).await.unwrap();

    // A country without known VAT rules is refused, never charged 0 %.
    set_customer(format!("UPDATE customers SET country = 'US' WHERE id = {}", anna.customer_id))
        .await;
    assert_eq!(
        common::renew(&app.state, &anna, anna_service.id).await,
        Err(AppError::Invalid { field: "country".into(), code: "vat_unknown_country".into() })
    );
}

#[tokio::test]
async fn orders_list_shows_plan_ip_and_period_end() {
    let app = TestApp::demo().await;
    let list = orders::list(app.db(), app.customer_id(DEMO).await, 1).await.unwrap();
    assert_eq!(list.rows.len(), 6);
    let vps = list.rows.iter().find(|o| o.number == "R-2026-0340").unwrap();
    assert_eq!(vps.plan.as_deref(), Some("VPS M"));
    assert_eq!(vps.ip.as_deref(), Some("185.51.190.12"));
    assert_eq!(vps.period_end, Some(common::today() + TimeDelta::days(14)));
    // Newest first.
    assert!(list.rows.windows(2).all(|w| w[0].ordered_on >= w[1].ordered_on));
    let anna = orders::list(app.db(), app.customer_id(ANNA).await, 1).await.unwrap();
    assert!(anna.rows.iter().all(|o| !o.number.starts_with("R-2026-03")));
}
