//! Topping the balance up by card (`/balance`): a card payment for no document. When the
//! gateway reports it paid, the webhook's settlement credits the balance with a ledger entry
//! (`settle`), exactly once like every payment.

use super::{KEY_TAKEN, card_payment, check_key, create_at_gateway};
use crate::model::balance::{TopUpForm, parse_top_up, top_up_limits};
use crate::model::payments::payment_href;
use crate::model::{AppError, Currency, PaymentStatus};
use crate::server::audit;
use crate::server::context::{AppState, Requester};
use crate::server::db::{begin_write, violates};
use crate::server::entities::{customers, payments};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// What the gateway's page names the payment: there is no document number to show.
pub const DESCRIPTION: &str = "Portico balance top-up";

/// The balance page's top-up form, where card payments are taken.
pub fn form(state: &AppState, currency: Currency) -> Option<TopUpForm> {
    state.card_payments().then(|| {
        let (min, max) = top_up_limits(currency);
        TopUpForm { min, max, idempotency_key: crate::server::sessions::new_token() }
    })
}

/// Opens a card payment of `amount` (as typed, in the customer's currency) for the balance and
/// returns the gateway's page. The same form sent twice (the same `key`) opens one payment.
pub async fn start(
    state: &AppState,
    who: &Requester,
    amount: &str,
    key: &str,
) -> Result<String, AppError> {
    if !state.card_payments() {
        return Err(AppError::Invalid { field: "method".into(), code: "card_unavailable".into() });
    }
    check_key(key)?;
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let customer = customers::Entity::find_by_id(who.customer_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let amount = parse_top_up(amount, customer.currency)
        .map_err(|code| AppError::Invalid { field: "amount".into(), code: code.into() })?;
    if let Some(opened) = by_key(&txn, who.customer_id, key).await? {
        txn.commit().await?;
        return again(state, &opened).await;
    }
    let inserted = card_payment(state, who.customer_id, None, amount, key, now).insert(&txn).await;
    let payment = match inserted {
        Ok(payment) => payment,
        // The same form, sent twice at once: the other submission's payment.
        Err(err) if violates(&err, &KEY_TAKEN) => {
            txn.rollback().await?;
            let opened =
                by_key(&state.db, who.customer_id, key).await?.ok_or(AppError::Conflict)?;
            return again(state, &opened).await;
        }
        Err(err) => return Err(err.into()),
    };
    let hosted = create_at_gateway(state, &payment, DESCRIPTION, None).await?;
    let payment_id = payment.id;
    let mut active: payments::ActiveModel = payment.into();
    active.gateway_txn_id = Set(Some(hosted.id));
    active.update(&txn).await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "balance.top_up.start",
        ("payment", payment_id),
        Some(serde_json::json!({ "amount_minor": amount.minor })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(hosted.url)
}

/// Where a form sent again goes: the gateway's page while its payment is open, the payment's
/// own page once the gateway has answered (a paid top-up is never offered for payment again).
async fn again(state: &AppState, payment: &payments::Model) -> Result<String, AppError> {
    if payment.status == PaymentStatus::Pending {
        Ok(create_at_gateway(state, payment, DESCRIPTION, None).await?.url)
    } else {
        Ok(payment_href(payment.id))
    }
}

/// The customer's payment opened with `key`; another customer's key is not theirs to reuse.
async fn by_key(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    key: &str,
) -> Result<Option<payments::Model>, AppError> {
    let found =
        payments::Entity::find().filter(payments::Column::IdempotencyKey.eq(key)).one(conn).await?;
    match found {
        Some(payment) if payment.customer_id == customer_id && payment.invoice_id.is_none() => {
            Ok(Some(payment))
        }
        Some(_) => Err(AppError::Conflict),
        None => Ok(None),
    }
}
