//! The lifecycle of a service not renewed in time (`model::lifecycle`), applied: each
//! service's timeline from its product's days and fee, and the job that moves services along
//! and lapses unpaid orders: a renewal whose step has ended, an order of something new
//! whose proforma is long past its due date (`model::invoices::new_order_deadline`).
//!
//! Several instances may run the job at once, and a payment may settle while it runs: every
//! change is a conditional update of the row as it was read (status and dates), so a service
//! moves, and a renewal lapses, exactly once; an audit entry is written only by the update
//! that changed the row. A payment and a lapse of the same proforma meet on the proforma's
//! row: whichever changes `unpaid` first wins, and the other finds nothing to change.

use super::audit::{self, AuditEntry};
use super::context::AppState;
use super::db::begin_write;
use super::entities::{invoices, order_lines, orders, product_prices, products, services};
use super::new_services;
use crate::model::invoices::{NEW_ORDER_DAYS_AFTER_DUE, new_order_deadline};
use crate::model::lifecycle::{Policy, Timeline, applies_to};
use crate::model::renewal::{LIVE_ADDON, PERIOD_ORDERS};
use crate::model::{
    Actor, InvoiceKind, InvoiceStatus, Money, OrderStatus, ServiceKind, ServiceStatus,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use std::collections::HashMap;

/// The timeline of a service's current period; none for a service without an end date, or
/// one the lifecycle does not apply to (an addon).
pub async fn timeline(
    conn: &impl ConnectionTrait,
    service: &services::Model,
) -> Result<Option<Timeline>, DbErr> {
    Policies::default().timeline(conn, service).await
}

/// The days and restore fees of the products met so far: the job asks once per product.
#[derive(Default)]
struct Policies(HashMap<i64, (Option<products::Model>, Vec<product_prices::Model>)>);

impl Policies {
    async fn timeline(
        &mut self,
        conn: &impl ConnectionTrait,
        service: &services::Model,
    ) -> Result<Option<Timeline>, DbErr> {
        let Some(due) = service.expires_on.or(service.next_due_date) else { return Ok(None) };
        if !applies_to(service.kind) {
            return Ok(None);
        }
        let Some(product_id) = service.product_id else {
            return Ok(Some(Timeline::new(due, Policy::default_for(service.kind), None)));
        };
        if let std::collections::hash_map::Entry::Vacant(entry) = self.0.entry(product_id) {
            let product = products::Entity::find_by_id(product_id).one(conn).await?;
            let prices = product_prices::Entity::find()
                .filter(product_prices::Column::ProductId.eq(product_id))
                .all(conn)
                .await?;
            entry.insert((product, prices));
        }
        let (product, prices) = &self.0[&product_id];
        let policy = product.as_ref().map_or(Policy::default_for(service.kind), |p| {
            Policy::for_product(service.kind, p.grace_days, p.suspension_days)
        });
        Ok(Some(Timeline::new(due, policy, restore_fee(service, prices))))
    }
}

/// The product's restore fee in the service's currency: the price row of the service's own
/// billing cycle, or any row of that currency.
fn restore_fee(service: &services::Model, prices: &[product_prices::Model]) -> Option<Money> {
    let in_currency = || prices.iter().filter(|p| p.currency == service.currency);
    in_currency()
        .find(|p| p.billing_cycle == service.billing_cycle)
        .or_else(|| in_currency().next())
        .map(|p| Money::new(p.restore_fee_minor, service.currency))
}

/// What one run of the job changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Advanced {
    /// Orders whose deadline passed unpaid: order, proforma and new services cancelled.
    pub lapsed: u64,
    pub expired: u64,
    pub suspended: u64,
    pub deleted: u64,
}

impl Advanced {
    pub fn total(&self) -> u64 {
        self.lapsed + self.expired + self.suspended + self.deleted
    }
}

impl std::fmt::Display for Advanced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} unpaid orders lapsed, {} services expired, {} suspended, {} deleted",
            self.lapsed, self.expired, self.suspended, self.deleted
        )
    }
}

/// One run of the lifecycle job: first lapses the orders whose deadline passed unpaid (so no
/// renewal is paid into a step it was not priced for, and nothing new waits for ever), then
/// moves each service past its due date to the step its timeline gives for today.
pub async fn advance(state: &AppState) -> Result<Advanced, DbErr> {
    let now = state.clock.now();
    let today = now.date_naive();
    let mut done = Advanced::default();
    for proforma_id in lapsable_proformas(&state.db, today).await? {
        let txn = begin_write(&state.db).await?;
        if lapse_if_late(&txn, proforma_id, now).await? {
            done.lapsed += 1;
        }
        txn.commit().await?;
    }
    let mut policies = Policies::default();
    for service in services_past_due(&state.db, today).await? {
        let Some(timeline) = policies.timeline(&state.db, &service).await? else { continue };
        let Some(to) = timeline.moves(service.status, today) else { continue };
        let txn = begin_write(&state.db).await?;
        if move_service(&txn, &service, to, now).await? {
            match to {
                ServiceStatus::Expired => done.expired += 1,
                ServiceStatus::Suspended => done.suspended += 1,
                _ => done.deleted += 1,
            }
        }
        txn.commit().await?;
    }
    Ok(done)
}

/// Services whose due date meets `test`: in SQL, the date [`timeline`] reads (the expiry, or
/// for a service without one its next due date). The jobs that look for services by due date
/// select with this, so they and the timeline never disagree on which date counts.
pub(crate) fn due_date_where(test: impl Fn(services::Column) -> Condition) -> Condition {
    Condition::any().add(test(services::Column::ExpiresOn)).add(
        Condition::all()
            .add(services::Column::ExpiresOn.is_null())
            .add(test(services::Column::NextDueDate)),
    )
}

/// Services the calendar still moves and a renewal can still reach: not addons (renewed with
/// their service), not yet deleted or cancelled. The lifecycle job, the renew-services list,
/// the forecast and the calendar feed select with this.
pub(crate) fn still_running() -> Condition {
    Condition::all()
        .add(services::Column::Status.is_in([
            ServiceStatus::Active,
            ServiceStatus::Expired,
            ServiceStatus::Suspended,
        ]))
        .add(services::Column::Kind.ne(ServiceKind::Addon))
}

/// A service's due date is before `today`.
fn past_due(today: NaiveDate) -> Condition {
    due_date_where(|date| Condition::all().add(date.lt(today)))
}

/// The services a renewal order renews: those of its lines with a period.
async fn renewed_services(
    conn: &impl ConnectionTrait,
    order_id: i64,
) -> Result<Vec<services::Model>, DbErr> {
    services::Entity::find()
        .join(JoinType::InnerJoin, services::Relation::OrderLines.def())
        .filter(order_lines::Column::OrderId.eq(order_id))
        .filter(order_lines::Column::PeriodMonths.is_not_null())
        .order_by_asc(services::Column::Id)
        .all(conn)
        .await
}

/// The unpaid proformas of orders that may have lapsed: renewals of services past their due
/// date, and any order whose proforma is past the deadline of something new
/// ([`lapse_if_late`] decides).
async fn lapsable_proformas(
    conn: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<i64>, DbErr> {
    let orders: Vec<i64> = orders::Entity::find()
        .select_only()
        .column(orders::Column::Id)
        .distinct()
        .join(JoinType::InnerJoin, orders::Relation::OrderLines.def())
        .join(JoinType::InnerJoin, order_lines::Relation::Services.def())
        .filter(order_lines::Column::PeriodMonths.is_not_null())
        .filter(orders::Column::Kind.is_in(PERIOD_ORDERS))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .filter(past_due(today))
        .into_tuple()
        .all(conn)
        .await?;
    let unpaid_proformas = || {
        invoices::Entity::find()
            .select_only()
            .column(invoices::Column::Id)
            .distinct()
            .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
            .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
    };
    // Past the deadline of something new (`new_order_deadline`): due more than the fixed
    // days before today. Only orders that start something (a service still pending) have it.
    let due_before = today - chrono::Duration::days(NEW_ORDER_DAYS_AFTER_DUE);
    let mut proformas: Vec<i64> = unpaid_proformas()
        .join(JoinType::InnerJoin, invoices::Relation::Orders.def())
        .join(JoinType::InnerJoin, orders::Relation::OrderLines.def())
        .join(JoinType::InnerJoin, order_lines::Relation::Services.def())
        .filter(orders::Column::Kind.is_in(PERIOD_ORDERS))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .filter(services::Column::Status.eq(ServiceStatus::Pending))
        .filter(invoices::Column::DueDate.lt(due_before))
        .into_tuple()
        .all(conn)
        .await?;
    if !orders.is_empty() {
        proformas.extend(
            unpaid_proformas()
                .filter(invoices::Column::OrderId.is_in(orders))
                .into_tuple::<i64>()
                .all(conn)
                .await?,
        );
    }
    proformas.sort_unstable();
    proformas.dedup();
    Ok(proformas)
}

/// Services past their due date that the calendar may still move: not yet deleted.
async fn services_past_due(
    conn: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<services::Model>, DbErr> {
    services::Entity::find().filter(still_running()).filter(past_due(today)).all(conn).await
}

/// Moves the service to `to` if it is still as it was read: same status, same dates (a
/// payment that renewed it meanwhile changed them, and the service stays as the payment left
/// it). Returns whether this call moved it.
async fn move_service(
    txn: &DatabaseTransaction,
    service: &services::Model,
    to: ServiceStatus,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let same_date = |column: services::Column, value: Option<NaiveDate>| match value {
        Some(date) => column.eq(date),
        None => column.is_null(),
    };
    let moved = services::Entity::update_many()
        .col_expr(services::Column::Status, Expr::value(to.as_str()))
        .col_expr(services::Column::UpdatedAt, Expr::value(now))
        .filter(services::Column::Id.eq(service.id))
        .filter(services::Column::Status.eq(service.status))
        .filter(same_date(services::Column::ExpiresOn, service.expires_on))
        .filter(same_date(services::Column::NextDueDate, service.next_due_date))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Ok(false);
    }
    let action = match to {
        ServiceStatus::Expired => "service.expired",
        ServiceStatus::Suspended => "service.suspended",
        _ => "service.deleted",
    };
    let mut detail = serde_json::json!({ "from": service.status.as_str() });
    if to == ServiceStatus::Terminated {
        // Its addons end with it: nothing renews them any more.
        let ended = services::Entity::update_many()
            .col_expr(services::Column::Status, Expr::value(ServiceStatus::Terminated.as_str()))
            .col_expr(services::Column::UpdatedAt, Expr::value(now))
            .filter(services::Column::ParentId.eq(service.id))
            .filter(services::Column::Status.is_in(LIVE_ADDON))
            .exec(txn)
            .await?;
        if ended.rows_affected > 0 {
            detail["addons"] = ended.rows_affected.into();
        }
    }
    system_audit(txn, service.customer_id, action, ("service", service.id), detail, now).await?;
    Ok(true)
}

/// Cancels an order's proforma, the order and the new services it would start, if its
/// deadline passed unpaid: for a renewal, the end of the step it was ordered in
/// (`Timeline::renewal_lapsed`); for something new, [`new_order_deadline`] after the
/// proforma's due date. Called by the job, and by a payment before it marks the proforma paid,
/// so a payment that arrives late is kept as balance whether or not the job has run. Returns
/// whether this call cancelled it.
pub async fn lapse_if_late(
    txn: &DatabaseTransaction,
    proforma_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let today = now.date_naive();
    let Some(proforma) = invoices::Entity::find_by_id(proforma_id).one(txn).await? else {
        return Ok(false);
    };
    if proforma.kind != InvoiceKind::Proforma || proforma.status != InvoiceStatus::Unpaid {
        return Ok(false);
    }
    // Nothing lapses by its proforma's due date: checkout and renewal set it no later than
    // the earliest deadline of the order's lines. Every payment made in time stops here,
    // without reading the order and its services.
    if today <= proforma.due_date {
        return Ok(false);
    }
    let Some(order_id) = proforma.order_id else { return Ok(false) };
    let Some(order) = orders::Entity::find_by_id(order_id).one(txn).await? else {
        return Ok(false);
    };
    if !PERIOD_ORDERS.contains(&order.kind) || order.status != OrderStatus::AwaitingPayment {
        return Ok(false);
    }
    // A cart's order renews several services and may start new ones: it lapses with the
    // first line whose deadline passed (its proforma was due by the earliest of them).
    let mut lapsed = None;
    for service in renewed_services(txn, order.id).await? {
        // Why it lapsed, for the audit: the step a renewal's service is in, or the deadline
        // of something new.
        let why = if service.status == ServiceStatus::Pending {
            let deadline = new_order_deadline(proforma.due_date);
            (today > deadline).then(|| ("deadline", serde_json::json!(deadline)))
        } else {
            timeline(txn, &service)
                .await?
                .filter(|t| t.renewal_lapsed(order.created_at.date_naive(), today))
                .map(|t| ("stage", serde_json::json!(t.stage_on(today))))
        };
        if let Some(why) = why {
            lapsed = Some((service, why));
            break;
        }
    }
    let Some((service, (why, because))) = lapsed else { return Ok(false) };
    let cancelled = invoices::Entity::update_many()
        .col_expr(invoices::Column::Status, Expr::value(InvoiceStatus::Cancelled.as_str()))
        .filter(invoices::Column::Id.eq(proforma.id))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .exec(txn)
        .await?;
    if cancelled.rows_affected != 1 {
        return Ok(false);
    }
    orders::Entity::update_many()
        .col_expr(orders::Column::Status, Expr::value(OrderStatus::Cancelled.as_str()))
        .col_expr(orders::Column::UpdatedAt, Expr::value(now))
        .filter(orders::Column::Id.eq(order.id))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .exec(txn)
        .await?;
    new_services::cancel_pending(txn, order.id, now).await?;
    let mut detail = serde_json::json!({ "proforma": proforma.id, "service": service.id });
    detail[why] = because;
    system_audit(txn, order.customer_id, "order.lapsed", ("order", order.id), detail, now).await?;
    Ok(true)
}

/// An audit entry of something the system did for a customer (no person acted).
pub(crate) async fn system_audit(
    txn: &DatabaseTransaction,
    customer_id: i64,
    action: &str,
    subject: (&str, i64),
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit::record(
        txn,
        AuditEntry {
            customer_id: Some(customer_id),
            actor: Actor::System,
            actor_id: None,
            action,
            subject_type: subject.0,
            subject_id: Some(subject.1),
            detail: Some(detail),
            ip: None,
        },
        now,
    )
    .await
}
