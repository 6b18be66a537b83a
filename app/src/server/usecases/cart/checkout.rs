//! Checkout (seed 001): the cart becomes one order with its lines (renewals, new services and
//! addons, created pending here), the promo code's discount line among them, and one
//! proforma; the cart is then empty. Paying by card opens
//! the card payment of that proforma (the api layer does, as for a single renewal).
//!
//! Exactly once: the customer's row is locked first, so two checkouts of one cart (a double
//! click, two devices, two servers) run one after the other and the second finds the first's
//! order under the same form key, or an empty cart. The services' rows are locked next, in id
//! order, like every renewal path locks its service before it looks for a renewal awaiting
//! payment, so no service ever has two. A promo code's uses are counted by a conditional
//! update ([`promo::count_use`]).

use super::{priced, promo};
use crate::model::AppError;
use crate::model::OrderStatus;
use crate::model::cart::{LineProblem, order_kind};
use crate::server::context::{AppState, Requester};
use crate::server::db::begin_write;
use crate::server::entities::{
    cart_lines, cart_promos, customers, idempotency_keys, orders, promo_redemptions,
};
use crate::server::usecases::payments::check_key;
use crate::server::usecases::services::renewal::{Ordered, order_number};
use crate::server::{audit, billing, mail, new_services};
use chrono::Datelike;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set,
};

/// What `idempotency_keys.action` says for a checkout.
const ACTION: &str = "cart.checkout";

/// Checks the cart out: one order awaiting payment and its proforma (e-mailed like every
/// proforma). `key`: the form's, so the same form sent twice answers with the same order.
/// Refused, with nothing changed, when the cart is empty, a line cannot be bought now, or
/// the promo code no longer applies: the cart page says why.
pub async fn checkout(state: &AppState, who: &Requester, key: &str) -> Result<Ordered, AppError> {
    check_key(key)?;
    let now = state.clock.now();
    let today = now.date_naive();
    let txn = begin_write(&state.db).await?;
    let customer = customers::Entity::find_by_id(who.customer_id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(done) = done_before(&txn, who.customer_id, key).await? {
        return Ok(done);
    }
    let rows = priced::rows(&txn, who.customer_id).await?;
    if rows.is_empty() {
        return Err(AppError::Invalid { field: "cart".into(), code: "cart_empty".into() });
    }
    let services = priced::services_of(&txn, who.customer_id, &rows, true).await?;
    let mut priced = priced::price(&txn, customer, rows, &services, today).await?;
    if let Some(problem) = priced.lines.iter().find_map(|l| l.view.problem) {
        return Err(super::line_refused(problem));
    }
    if let Some(refusal) = priced.refused {
        return Err(promo::refused(refusal));
    }
    let Some(currency) = priced.currency else {
        return Err(super::line_refused(LineProblem::NotRenewable));
    };
    // New services and addons exist from now on, pending until the order is paid, so the
    // order's lines name them like a renewal's name its service.
    for line in priced.lines.iter_mut() {
        if let Some(offered) = &line.offered {
            let parent = line.parent.as_ref();
            let service = new_services::create_pending(
                &txn,
                who.customer_id,
                offered,
                &line.choices,
                parent,
                now,
            )
            .await?;
            line.drafts.iter_mut().for_each(|d| d.service_id = Some(service.id));
            line.service = Some(service);
        }
    }
    let drafts = priced.drafts();
    let ordered_services: Vec<i64> =
        priced.lines.iter().filter_map(|l| l.service.as_ref().map(|s| s.id)).collect();
    let order = orders::ActiveModel {
        customer_id: Set(who.customer_id),
        number: Set(order_number(&txn, now.year()).await?),
        kind: Set(order_kind(priced.lines.iter().map(|l| l.row.kind))),
        status: Set(OrderStatus::AwaitingPayment),
        currency: Set(currency),
        total_minor: Set(billing::sum(&drafts).total),
        // One service: the order is that service's, as a renewal from its page would be.
        service_id: Set(match ordered_services.as_slice() {
            [only] => Some(*only),
            _ => None,
        }),
        reverse_charge: Set(priced.vat.is_reverse_charge()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let lines = billing::insert_order_lines(&txn, order.id, drafts).await?;
    if let (Some((code, _)), Some(discount)) = (&priced.promo, &priced.discount) {
        promo::count_use(&txn, code.id).await?;
        promo_redemptions::ActiveModel {
            promo_code_id: Set(code.id),
            customer_id: Set(who.customer_id),
            order_id: Set(order.id),
            discount_minor: Set(-discount.amounts.net),
            currency: Set(currency),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // Paid by the end of the step each renewal was ordered in (seed 000), and within the
    // usual days to pay: the earliest of them.
    let due = priced
        .lines
        .iter()
        .filter_map(|l| l.deadline)
        .fold(billing::proforma_due(today), std::cmp::min);
    let contact = mail::outbox::BillingContact::of_customer(&txn, &priced.customer).await?;
    cart_lines::Entity::delete_many()
        .filter(cart_lines::Column::CustomerId.eq(who.customer_id))
        .exec(&txn)
        .await?;
    cart_promos::Entity::delete_by_id(who.customer_id).exec(&txn).await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "order.checkout",
        ("order", order.id),
        Some(serde_json::json!({ "services": ordered_services })),
        now,
    )
    .await?;
    // Late, as its number locks the proforma series until commit (see `issue_proforma`).
    let proforma = billing::issue_proforma(&txn, &order, &lines, due, now).await?;
    mail::outbox::queue_document(&txn, &state.settings, &contact, &proforma, now).await?;
    let ordered = Ordered { order_id: order.id, proforma_id: proforma.id };
    idempotency_keys::ActiveModel {
        key: Set(key.to_owned()),
        customer_id: Set(who.customer_id),
        action: Set(ACTION.to_owned()),
        result: Set(Some(serde_json::json!([ordered.order_id, ordered.proforma_id]))),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(ordered)
}

/// The order a checkout with this form key already made, if any.
async fn done_before(
    txn: &DatabaseTransaction,
    customer_id: i64,
    key: &str,
) -> Result<Option<Ordered>, AppError> {
    let result: Option<Option<serde_json::Value>> = idempotency_keys::Entity::find_by_id(key)
        .filter(idempotency_keys::Column::CustomerId.eq(customer_id))
        .filter(idempotency_keys::Column::Action.eq(ACTION))
        .select_only()
        .column(idempotency_keys::Column::Result)
        .into_tuple()
        .one(txn)
        .await?;
    let ids: Option<(i64, i64)> = result.flatten().and_then(|v| serde_json::from_value(v).ok());
    Ok(ids.map(|(order_id, proforma_id)| Ordered { order_id, proforma_id }))
}
