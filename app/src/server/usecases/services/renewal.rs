//! Renewing a service and buying more space (seeds 002 and 003): an order awaiting payment for
//! the service, at its price plus VAT, at most one of each kind at a time.

use super::detail::owned_for_update;
use crate::model::service_detail::renewable;
use crate::model::service_details::ServiceDetails;
use crate::model::tax::{Buyer, price_line, vat_for};
use crate::model::{AppError, OrderKind, OrderStatus, ServiceKind};
use crate::server::context::{AppState, Requester};
use crate::server::db::{ONE_ORDER_AWAITING_PAYMENT, begin_write, violates};
use crate::server::entities::{customers, order_lines, orders, services};
use crate::server::{audit, billing, mail};
use crate::server::{sequences, service_details};
use chrono::Datelike;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

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
    if !renewable(service.kind, service.status) {
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
    let line = order_lines::ActiveModel {
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
    // Seed 000: "as soon as you renew a service, a proforma is created", in this transaction.
    let contact = mail::outbox::BillingContact::of(&txn, who.customer_id).await?;
    let proforma = billing::issue_proforma(&txn, &order, &[line], now).await?;
    mail::outbox::queue_document(&txn, &state.settings, &contact, &proforma, now).await?;
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
    if let (OrderKind::Upgrade, ServiceDetails::Storage(storage)) =
        (kind, service_details::read(service))
    {
        return format!("{}: +{} GB", service.name, storage.total_gb());
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
