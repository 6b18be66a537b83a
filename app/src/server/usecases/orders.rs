//! Orders (seeds 002 and 003): the list, one order with its lines and history, cancelling an
//! order that awaits payment, and asking to renew a service.

use super::operations::Requester;
use super::service_detail::owned_for_update;
use crate::model::service_detail::{
    OrderDetail, OrderEvent, OrderLineView, OrderPage, OrderRow, renewable,
};
use crate::model::tax::{Buyer, price_line, vat_for};
use crate::model::{AppError, InvoiceStatus, Money, OrderKind, OrderStatus, ServiceKind};
use crate::server::audit;
use crate::server::context::AppState;
use crate::server::db::{ONE_ORDER_AWAITING_PAYMENT, begin_write, violates};
use crate::server::entities::{audit_log, customers, invoices, order_lines, orders, services};
use crate::server::sequences;
use chrono::Datelike;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::Value;

pub const ORDERS_PER_PAGE: u32 = 20;

fn row(order: orders::Model, service: Option<&services::Model>) -> OrderRow {
    OrderRow {
        id: order.id,
        number: order.number,
        kind: order.kind,
        status: order.status,
        total: Money::new(order.total_minor, order.currency),
        ordered_on: order.created_at.date_naive(),
        service_id: order.service_id,
        plan: service.map(|s| s.name.clone()),
        ip: service
            .and_then(|s| s.details.as_ref())
            .and_then(|d| d.get("ip"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        period_end: service.and_then(|s| s.next_due_date),
    }
}

/// The orders of one service, newest first (seed 003 "ordini associati al prodotto").
pub async fn of_service(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    service: &services::Model,
) -> Result<Vec<OrderRow>, DbErr> {
    let rows = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(orders::Column::ServiceId.eq(service.id))
        .order_by_desc(orders::Column::CreatedAt)
        .order_by_desc(orders::Column::Id)
        .limit(20)
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|o| row(o, Some(service))).collect())
}

/// One page of the customer's orders, newest first: a count and one joined query.
pub async fn list(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    page: u32,
) -> Result<OrderPage, DbErr> {
    let scoped = orders::Entity::find().filter(orders::Column::CustomerId.eq(customer_id));
    let total = scoped.clone().count(conn).await?;
    let pages =
        u32::try_from(total.div_ceil(u64::from(ORDERS_PER_PAGE))).unwrap_or(u32::MAX).max(1);
    let page = page.clamp(1, pages);
    let rows = scoped
        .find_also_related(services::Entity)
        .order_by_desc(orders::Column::CreatedAt)
        .order_by_desc(orders::Column::Id)
        .limit(u64::from(ORDERS_PER_PAGE))
        .offset(u64::from(page - 1) * u64::from(ORDERS_PER_PAGE))
        .all(conn)
        .await?;
    Ok(OrderPage { rows: rows.into_iter().map(|(o, s)| row(o, s.as_ref())).collect(), page, pages })
}

pub async fn detail(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<OrderDetail, AppError> {
    let (order, service) = orders::Entity::find_by_id(id)
        .filter(orders::Column::CustomerId.eq(customer_id))
        .find_also_related(services::Entity)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(id))
        .order_by_asc(order_lines::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|l| OrderLineView {
            description: l.description,
            quantity: l.quantity,
            unit_price: Money::new(l.unit_price_minor, order.currency),
            net: Money::new(l.amount_minor, order.currency),
            vat_rate_bp: l.tax_rate_bp,
            vat: Money::new(l.tax_minor, order.currency),
            gross: Money::new(l.total_minor, order.currency),
        })
        .collect();
    let mut history = vec![OrderEvent { at: order.created_at, event: "created".into() }];
    let paid = invoices::Entity::find()
        .filter(invoices::Column::OrderId.eq(id))
        .filter(invoices::Column::PaidAt.is_not_null())
        .order_by_asc(invoices::Column::PaidAt)
        .one(conn)
        .await?;
    if let Some(at) = paid.and_then(|i| i.paid_at) {
        history.push(OrderEvent { at, event: "paid".into() });
    }
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::SubjectType.eq("order"))
        .filter(audit_log::Column::SubjectId.eq(id))
        .filter(audit_log::Column::CustomerId.eq(customer_id))
        .order_by_asc(audit_log::Column::CreatedAt)
        .all(conn)
        .await?;
    history.extend(logged.into_iter().filter_map(|entry| {
        let event = match entry.action.as_str() {
            "order.cancel" => "cancelled",
            // Renewals and upgrades are created at that moment: "created" says it already.
            _ => return None,
        };
        Some(OrderEvent { at: entry.created_at, event: event.into() })
    }));
    history.sort_by_key(|e| e.at);
    let reverse_charge = order.reverse_charge;
    Ok(OrderDetail { order: row(order, service.as_ref()), lines, reverse_charge, history })
}

/// Cancels an order that awaits payment (seed 003 "Annulla"), with its unpaid proformas.
/// Any other state, or another customer's order, is refused.
pub async fn cancel(state: &AppState, who: &Requester, id: i64) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let result = orders::Entity::update_many()
        .col_expr(orders::Column::Status, Expr::value(OrderStatus::Cancelled.as_str()))
        .col_expr(orders::Column::UpdatedAt, Expr::value(now))
        .filter(orders::Column::Id.eq(id))
        .filter(orders::Column::CustomerId.eq(who.customer_id))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        let exists = orders::Entity::find_by_id(id)
            .filter(orders::Column::CustomerId.eq(who.customer_id))
            .one(&txn)
            .await?
            .is_some();
        return Err(if exists { AppError::Conflict } else { AppError::NotFound });
    }
    invoices::Entity::update_many()
        .col_expr(invoices::Column::Status, Expr::value(InvoiceStatus::Cancelled.as_str()))
        .filter(invoices::Column::OrderId.eq(id))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .exec(&txn)
        .await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "order.cancel",
        ("order", id),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Asks to renew a service for its next billing period (seed 002 "Auftrag verlängern"): a
/// renewal order awaiting payment, at the service's price plus VAT. Asking again while one
/// awaits payment returns that order instead of a second one. Returns the order's id.
pub async fn renew(state: &AppState, who: &Requester, service_id: i64) -> Result<i64, AppError> {
    service_order(state, who, service_id, OrderKind::Renewal).await
}

/// Asks for more archive space (seed 003 "Aumenta spazio"): an upgrade order awaiting payment
/// that doubles the space, priced like the current plan. Like a renewal, asking again returns
/// the waiting order. Only storage services have space to increase.
pub async fn increase_space(
    state: &AppState,
    who: &Requester,
    service_id: i64,
) -> Result<i64, AppError> {
    service_order(state, who, service_id, OrderKind::Upgrade).await
}

async fn service_order(
    state: &AppState,
    who: &Requester,
    service_id: i64,
    kind: OrderKind,
) -> Result<i64, AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // "No order awaits payment yet" is read before the order is written: the service row stays
    // locked until commit, so a second request for it (a double click, another tab) waits here
    // and then finds this order.
    let service = owned_for_update(&txn, who.customer_id, service_id).await?;
    if !renewable(service.status) || service.kind == ServiceKind::Addon {
        return Err(AppError::Conflict);
    }
    if kind == OrderKind::Upgrade && service.kind != ServiceKind::Storage {
        return Err(AppError::NotFound);
    }
    if let Some(order) = awaiting_payment(&txn, who.customer_id, service_id, kind).await? {
        return Ok(order.id);
    }
    let customer = customers::Entity::find_by_id(who.customer_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let vat = vat_for(&Buyer {
        country: &customer.country,
        kind: customer.kind,
        vat_id: customer.tax_id.as_deref(),
    })
    .map_err(|err| {
        tracing::warn!(customer = customer.id, "order refused: {err}");
        AppError::Invalid { field: "country".into(), code: "vat_unknown_country".into() }
    })?;
    let amounts = price_line(service.price_minor, 1, vat.rate());
    let number = order_number(&txn, now.year()).await?;
    let inserted = orders::ActiveModel {
        customer_id: Set(who.customer_id),
        number: Set(number),
        kind: Set(kind),
        status: Set(OrderStatus::AwaitingPayment),
        currency: Set(service.currency),
        total_minor: Set(amounts.total),
        service_id: Set(Some(service_id)),
        reverse_charge: Set(vat.is_reverse_charge()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let order = match inserted {
        Ok(order) => order,
        // The partial unique index is the last guard behind the row lock: whatever slipped
        // past it is answered like a repeated request, with the order that is waiting.
        Err(err) if violates(&err, &ONE_ORDER_AWAITING_PAYMENT) => {
            txn.rollback().await?;
            let waiting = awaiting_payment(&state.db, who.customer_id, service_id, kind).await?;
            return waiting.map(|o| o.id).ok_or(AppError::Conflict);
        }
        Err(err) => return Err(err.into()),
    };
    order_lines::ActiveModel {
        order_id: Set(order.id),
        product_id: Set(service.product_id),
        service_id: Set(Some(service_id)),
        description: Set(line_description(&service, kind)),
        billing_cycle: Set(Some(service.billing_cycle.as_str().to_owned())),
        quantity: Set(1),
        unit_price_minor: Set(service.price_minor),
        amount_minor: Set(amounts.net),
        tax_rate_bp: Set(i32::try_from(vat.rate().0).unwrap_or(i32::MAX)),
        tax_minor: Set(amounts.tax),
        total_minor: Set(amounts.total),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        if kind == OrderKind::Upgrade { "order.upgrade" } else { "order.renew" },
        ("order", order.id),
        Some(serde_json::json!({ "service": service_id })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(order.id)
}

/// The service's order of `kind` that awaits payment, if any (at most one: a unique index).
async fn awaiting_payment(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    service_id: i64,
    kind: OrderKind,
) -> Result<Option<orders::Model>, DbErr> {
    orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(orders::Column::ServiceId.eq(service_id))
        .filter(orders::Column::Kind.eq(kind))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .one(conn)
        .await
}

fn line_description(service: &services::Model, kind: OrderKind) -> String {
    if kind == OrderKind::Upgrade {
        let gb = service
            .details
            .as_ref()
            .and_then(|d| d.get("space_total_mb"))
            .and_then(Value::as_i64)
            .unwrap_or_default()
            / 1024;
        return format!("{}: +{gb} GB", service.name);
    }
    match &service.domain {
        Some(d) if *d != service.name => format!("{} ({d})", service.name),
        _ => service.name.clone(),
    }
}

/// Order numbers come from their own gap-free yearly series, `R-2026-00001`.
async fn order_number(conn: &impl ConnectionTrait, year: i32) -> Result<String, DbErr> {
    let seq = sequences::next(conn, "ORDER", year).await?;
    Ok(format!("R-{year}-{seq:05}"))
}
