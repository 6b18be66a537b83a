//! Orders (seeds 002 and 003): the list, one order with its lines and history, cancelling an
//! order that awaits payment, and asking to renew a service.

use crate::model::invoices::Reference;
use crate::model::money::PricedLine;
use crate::model::service_detail::{OrderDetail, OrderEvent, OrderPage, OrderRow};
use crate::model::{AppError, InvoiceKind, InvoiceStatus, Money, OrderStatus};
use crate::server::audit;
use crate::server::context::{AppState, Requester};
use crate::server::db::begin_write;
use crate::server::entities::{audit_log, invoices, order_lines, orders, services};
use crate::server::{new_services, service_details};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

pub mod domain;

pub const ORDERS_PER_PAGE: u32 = 20;

fn row(
    order: orders::Model,
    service: Option<&services::Model>,
    to_pay: &mut HashMap<i64, Reference>,
) -> OrderRow {
    OrderRow {
        to_pay: to_pay.remove(&order.id),
        id: order.id,
        number: order.number,
        kind: order.kind,
        status: order.status,
        total: Money::new(order.total_minor, order.currency),
        ordered_on: order.created_at.date_naive(),
        service_id: order.service_id,
        plan: service.map(|s| s.name.clone()),
        ip: service.and_then(service_details::server).map(|s| s.ip).filter(|ip| !ip.is_empty()),
        period_end: service.and_then(|s| s.next_due_date),
    }
}

/// What "Pay" pays for each of these orders: its proforma, while that is payable. One query
/// for a whole page of orders.
pub(crate) async fn proformas_to_pay(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    order_ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Reference>, DbErr> {
    let ids: Vec<i64> = order_ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let proformas = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(customer_id))
        .filter(invoices::Column::OrderId.is_in(ids))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .all(conn)
        .await?;
    Ok(proformas
        .into_iter()
        .filter_map(|p| Some((p.order_id?, Reference { id: p.id, number: p.number })))
        .collect())
}

/// The orders of one service, newest first (seed 003 "ordini associati al prodotto"): its own,
/// and a cart's order that renews it among others.
pub async fn of_service(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    service: &services::Model,
) -> Result<Vec<OrderRow>, DbErr> {
    let rows = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(
            Condition::any().add(orders::Column::ServiceId.eq(service.id)).add(
                orders::Column::Id.in_subquery(
                    Query::select()
                        .column(order_lines::Column::OrderId)
                        .from(order_lines::Entity)
                        .and_where(order_lines::Column::ServiceId.eq(service.id))
                        .to_owned(),
                ),
            ),
        )
        .order_by_desc(orders::Column::CreatedAt)
        .order_by_desc(orders::Column::Id)
        .limit(20)
        .all(conn)
        .await?;
    let mut to_pay = proformas_to_pay(conn, customer_id, rows.iter().map(|o| o.id)).await?;
    Ok(rows.into_iter().map(|o| row(o, Some(service), &mut to_pay)).collect())
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
    let mut to_pay = proformas_to_pay(conn, customer_id, rows.iter().map(|(o, _)| o.id)).await?;
    let rows = rows.into_iter().map(|(o, s)| row(o, s.as_ref(), &mut to_pay)).collect();
    Ok(OrderPage { rows, page, pages })
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
        .map(|l| PricedLine {
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
    let mut to_pay = proformas_to_pay(conn, customer_id, [order.id]).await?;
    let reverse_charge = order.reverse_charge;
    Ok(OrderDetail {
        order: row(order, service.as_ref(), &mut to_pay),
        lines,
        reverse_charge,
        history,
    })
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
    new_services::cancel_pending(&txn, id, now).await?;
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
