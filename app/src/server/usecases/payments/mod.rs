//! Paying a proforma by card (seed 000): the payment step, opening a payment at the gateway,
//! the return page, and "payment received" from the gateway's signed webhook.
//!
//! Exactly once, whatever repeats itself (a double click, several tabs, a gateway delivering a
//! webhook twice, two server instances): opening a payment locks the proforma's row, and a
//! unique index allows one pending payment per document; an event is recorded under a unique
//! (gateway, event id) before it acts; and each state change is a conditional update
//! (`pending -> succeeded`, `unpaid -> paid`) whose row count says whether this transaction
//! made it. The final invoice's unique `proforma_id` is the last guard.

pub mod links;
pub mod pay_all;
pub mod top_up;

use crate::model::balance::covers;
use crate::model::invoices::Reference;
use crate::model::lifecycle::reactivated_by_renewal;
use crate::model::payments::{
    GATEWAY_ANSWER_WAIT_MINUTES, PayOptions, PaymentView, payable, payment_href,
};
use crate::model::renewal::{PERIOD_ORDERS, cycle_months, renewed_until};
use crate::model::service_details::ServiceDetails;
use crate::model::{
    Actor, AppError, InvoiceKind, InvoiceStatus, LedgerReason, Money, OrderKind, OrderStatus,
    PaymentMethod, PaymentStatus, ServiceKind, ServiceStatus,
};
use crate::server::audit::{self, AuditEntry};
use crate::server::context::{AppState, Requester};
use crate::server::db::{ONE_PENDING_PAYMENT, UniqueGuard, begin_write, violates};
use crate::server::entities::{
    balance_ledger, customers, invoices, order_lines, orders, payment_documents, payment_events,
    payments, services,
};
use crate::server::ports::payments::{EventKind, GatewayEvent, NewPayment, verify_webhook};
use crate::server::usecases::invoices::{owned, owned_for_update, row};
use crate::server::{billing, ledger, lifecycle, mail, new_services, service_details};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait, IntoCondition};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};

/// A webhook's event may be recorded once per gateway; a repeat finds its id taken.
const ONE_EVENT: UniqueGuard = UniqueGuard {
    index: "idx_payment_events_gateway_event_id",
    sqlite_columns: "payment_events.gateway, payment_events.event_id",
};

/// A pay form's idempotency key is used once.
const KEY_TAKEN: UniqueGuard = UniqueGuard {
    index: "idx_payments_idempotency_key",
    sqlite_columns: "payments.idempotency_key",
};

/// The payment step of an unpaid proforma: what it costs, and how to pay it.
pub async fn options(
    state: &AppState,
    customer_id: i64,
    invoice_id: i64,
) -> Result<PayOptions, AppError> {
    let invoice = owned(&state.db, customer_id, invoice_id).await?;
    if !payable(invoice.kind, invoice.status) {
        return Err(AppError::Conflict);
    }
    let customer = customers::Entity::find_by_id(customer_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PayOptions {
        balance: Money::new(customer.balance_minor, customer.currency),
        invoice: row(invoice, state.clock.today()),
        bank: state.settings.seller.bank.clone(),
        iban: state.settings.seller.iban.clone(),
        card: state.card_payments(),
        idempotency_key: crate::server::sessions::new_token(),
    })
}

/// Opens a card payment for the proforma at the gateway and returns the gateway's page to
/// send the customer to. The same `key` (the same form sent twice), or any submission while
/// a payment of the proforma is open, answers with that payment's page.
pub async fn start_card(
    state: &AppState,
    who: &Requester,
    invoice_id: i64,
    key: &str,
) -> Result<String, AppError> {
    open_card_payment(state, who, invoice_id, key, None).await
}

/// [`start_card`], with where the gateway sends the payer back: the payment's page, or
/// `return_to` (a pay link's page, for a payer without a session).
pub(crate) async fn open_card_payment(
    state: &AppState,
    who: &Requester,
    invoice_id: i64,
    key: &str,
    return_to: Option<&str>,
) -> Result<String, AppError> {
    if !state.card_payments() {
        return Err(AppError::Invalid { field: "method".into(), code: "card_unavailable".into() });
    }
    check_key(key)?;
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // The proforma stays locked until commit: a second submission waits here, then finds
    // the payment this one opened.
    let invoice = owned_for_update(&txn, who.customer_id, invoice_id).await?;
    // Paid or deleted meanwhile: nothing to pay, even where a payment was left open.
    if !payable(invoice.kind, invoice.status) {
        return Err(AppError::Conflict);
    }
    if let Some(open) = open_payment(&txn, invoice.id).await? {
        txn.commit().await?;
        return Ok(create_at_gateway(state, &open, &invoice.number, return_to).await?.url);
    }
    let amount = Money::new(invoice.total_minor, invoice.currency);
    let inserted =
        card_payment(state, who.customer_id, Some(invoice.id), amount, key, now).insert(&txn).await;
    let payment = match inserted {
        Ok(payment) => payment,
        // Behind the row lock, the unique indexes: whatever slipped past it is answered like
        // a repeated submission.
        Err(err) if violates(&err, &ONE_PENDING_PAYMENT) || violates(&err, &KEY_TAKEN) => {
            txn.rollback().await?;
            let open = open_payment(&state.db, invoice_id).await?.ok_or(AppError::Conflict)?;
            return Ok(create_at_gateway(state, &open, &invoice.number, return_to).await?.url);
        }
        Err(err) => return Err(err.into()),
    };
    // The gateway is asked inside the transaction, with the payment's own key: if the commit
    // fails, the next attempt asks again with a new payment, and the abandoned hosted page
    // can never settle anything (its webhook names no payment Portico knows).
    let hosted = create_at_gateway(state, &payment, &invoice.number, return_to).await?;
    let mut active: payments::ActiveModel = payment.into();
    active.gateway_txn_id = Set(Some(hosted.id));
    active.update(&txn).await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "payment.start",
        ("invoice", invoice.id),
        Some(serde_json::json!({ "method": "card" })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(hosted.url)
}

/// Pays the proforma from the customer's balance, when the balance covers it whole
/// ([`covers`]): in one transaction the balance goes down with its ledger entry, and the
/// proforma is settled like a card payment (final invoice, service extended, receipt queued).
/// Returns the payment, whose page shows the final invoice.
///
/// Exactly once: the proforma's row is locked and must still be payable, and the balance is
/// taken with a conditional update (`WHERE balance_minor >= amount`), so two documents paid at
/// once from a balance that covers one of them leave one paid and the balance at or above
/// zero; the database refuses a negative balance in any case.
pub async fn pay_from_balance(
    state: &AppState,
    who: &Requester,
    invoice_id: i64,
) -> Result<i64, AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let invoice = owned_for_update(&txn, who.customer_id, invoice_id).await?;
    if !payable(invoice.kind, invoice.status) {
        return Err(AppError::Conflict);
    }
    let customer = customers::Entity::find_by_id(who.customer_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let amount = Money::new(invoice.total_minor, invoice.currency);
    let too_low = || AppError::Invalid { field: "balance".into(), code: "balance_too_low".into() };
    if !covers(Money::new(customer.balance_minor, customer.currency), amount) {
        return Err(too_low());
    }
    let taken = customers::Entity::update_many()
        .col_expr(
            customers::Column::BalanceMinor,
            Expr::col(customers::Column::BalanceMinor).sub(amount.minor),
        )
        .filter(customers::Column::Id.eq(who.customer_id))
        .filter(customers::Column::Currency.eq(amount.currency))
        .filter(customers::Column::BalanceMinor.gte(amount.minor))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        // Another payment took the balance since it was read.
        return Err(too_low());
    }
    let payment = settled_payment(&invoice, PaymentMethod::Balance, now).insert(&txn).await?;
    balance_ledger::ActiveModel {
        customer_id: Set(who.customer_id),
        currency: Set(amount.currency),
        amount_minor: Set(-amount.minor),
        reason: Set(LedgerReason::Payment),
        invoice_id: Set(Some(invoice.id)),
        payment_id: Set(Some(payment.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "payment.balance",
        ("invoice", invoice.id),
        Some(serde_json::json!({ "payment": payment.id })),
        now,
    )
    .await?;
    settle(state, &txn, &payment, now).await?;
    txn.commit().await?;
    Ok(payment.id)
}

/// A card payment about to be opened at the gateway: of a document, or (no document) a top-up.
fn card_payment(
    state: &AppState,
    customer_id: i64,
    invoice_id: Option<i64>,
    amount: Money,
    key: &str,
    now: DateTime<Utc>,
) -> payments::ActiveModel {
    payments::ActiveModel {
        customer_id: Set(customer_id),
        invoice_id: Set(invoice_id),
        method: Set(PaymentMethod::Card),
        gateway: Set(state.payments.name().to_owned()),
        gateway_txn_id: Set(None),
        status: Set(PaymentStatus::Pending),
        currency: Set(amount.currency),
        amount_minor: Set(amount.minor),
        idempotency_key: Set(Some(key.to_owned())),
        created_at: Set(now),
        settled_at: Set(None),
        ..Default::default()
    }
}

/// A payment of the whole document that arrived without a gateway (from the balance, a bank
/// transfer staff recorded): settled as it is written.
fn settled_payment(
    document: &invoices::Model,
    method: PaymentMethod,
    now: DateTime<Utc>,
) -> payments::ActiveModel {
    payments::ActiveModel {
        customer_id: Set(document.customer_id),
        invoice_id: Set(Some(document.id)),
        method: Set(method),
        // No gateway: recorded under the method's name.
        gateway: Set(method.as_str().to_owned()),
        gateway_txn_id: Set(None),
        status: Set(PaymentStatus::Succeeded),
        currency: Set(document.currency),
        amount_minor: Set(document.total_minor),
        idempotency_key: Set(None),
        created_at: Set(now),
        settled_at: Set(Some(now)),
        ..Default::default()
    }
}

/// A pay form's idempotency key as the form carries it: 16 to 64 URL-safe characters.
pub(crate) fn check_key(key: &str) -> Result<(), AppError> {
    let key_ok = (16..=64).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if key_ok {
        Ok(())
    } else {
        Err(AppError::Invalid { field: "key".into(), code: "bad_request".into() })
    }
}

async fn open_payment(
    conn: &impl ConnectionTrait,
    invoice_id: i64,
) -> Result<Option<payments::Model>, DbErr> {
    payments::Entity::find()
        .filter(payments::Column::InvoiceId.eq(invoice_id))
        .filter(payments::Column::Status.eq(PaymentStatus::Pending))
        .one(conn)
        .await
}

/// Asks the gateway for the payment's hosted page. Asked again for an open payment, with the
/// same key, it answers with the same page.
async fn create_at_gateway(
    state: &AppState,
    payment: &payments::Model,
    number: &str,
    return_to: Option<&str>,
) -> Result<crate::server::ports::payments::HostedPayment, AppError> {
    let key = payment.idempotency_key.clone().unwrap_or_else(|| format!("payment-{}", payment.id));
    let return_url = return_to.map_or_else(|| payment_href(payment.id), str::to_owned);
    state
        .payments
        .create(&NewPayment {
            idempotency_key: &key,
            amount_minor: payment.amount_minor,
            currency: payment.currency.as_str(),
            description: number,
            return_url: &return_url,
        })
        .await
        .map_err(|err| {
            tracing::warn!(payment = payment.id, "payment gateway: {err}");
            AppError::Busy
        })
}

/// A card payment as its return page shows it: scoped to the customer.
pub async fn view(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    payment_id: i64,
    now: DateTime<Utc>,
) -> Result<PaymentView, AppError> {
    let (payment, invoice) = payments::Entity::find_by_id(payment_id)
        .filter(payments::Column::CustomerId.eq(customer_id))
        // A payment through a pay-all link has no page of its own: the link's page is its
        // return page, and this one would take it for a top-up.
        .filter(payments::Column::PayAllLinkId.is_null())
        .find_also_related(invoices::Entity)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let final_invoice = match &invoice {
        Some(invoice) => invoices::Entity::find()
            .filter(invoices::Column::ProformaId.eq(invoice.id))
            .filter(invoices::Column::CustomerId.eq(customer_id))
            .one(conn)
            .await?
            .map(|f| Reference { id: f.id, number: f.number }),
        None => None,
    };
    let waited = now - payment.created_at;
    Ok(PaymentView {
        awaiting_gateway: payment.status == PaymentStatus::Pending
            && waited < chrono::TimeDelta::minutes(GATEWAY_ANSWER_WAIT_MINUTES),
        id: payment.id,
        status: payment.status,
        amount: Money::new(payment.amount_minor, payment.currency),
        invoice: invoice.map(|i| Reference { id: i.id, number: i.number }),
        final_invoice,
    })
}

/// Why a webhook was not acted on; the gateway sees the status and retries what it may.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookRefused {
    /// 404: no such gateway here.
    #[error("unknown gateway")]
    UnknownGateway,
    /// 400: not signed by the gateway, or too old. Nothing changes.
    #[error("bad signature: {0}")]
    Signature(String),
    /// 422: the event contradicts the payment it names (another amount or currency).
    #[error("event does not match its payment")]
    Mismatch,
    /// 500: try again later.
    #[error("storage: {0}")]
    Storage(String),
}

impl From<DbErr> for WebhookRefused {
    fn from(err: DbErr) -> Self {
        WebhookRefused::Storage(err.to_string())
    }
}

/// What a webhook delivery did.
#[derive(Debug, PartialEq, Eq)]
pub enum WebhookOutcome {
    /// This delivery made the change.
    Applied,
    /// Already seen or already settled: nothing changed.
    Repeated,
    /// It names no payment Portico opened: kept out, answered 200 so the gateway stops.
    Unknown,
}

/// The gateway's webhook: checks the signature, then applies the event once.
pub async fn webhook(
    state: &AppState,
    gateway: &str,
    signature: Option<&str>,
    body: &[u8],
) -> Result<WebhookOutcome, WebhookRefused> {
    if gateway != state.payments.name() || !state.card_payments() {
        return Err(WebhookRefused::UnknownGateway);
    }
    let now = state.clock.now();
    let secret = state.settings.payment_webhook_secret.as_bytes();
    let event = verify_webhook(secret, signature, body, now.timestamp())
        .map_err(|err| WebhookRefused::Signature(err.to_string()))?;
    received(state, gateway, &event, now).await
}

/// The use case "payment received" (or declined), in one transaction: the event's record,
/// the payment, the proforma, the final invoice, the order and the service it renews.
async fn received(
    state: &AppState,
    gateway: &str,
    event: &GatewayEvent,
    now: DateTime<Utc>,
) -> Result<WebhookOutcome, WebhookRefused> {
    let txn = begin_write(&state.db).await?;
    let recorded = payment_events::ActiveModel {
        gateway: Set(gateway.to_owned()),
        event_id: Set(event.id.clone()),
        received_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match recorded {
        Ok(_) => {}
        Err(err) if violates(&err, &ONE_EVENT) => return Ok(WebhookOutcome::Repeated),
        Err(err) => return Err(err.into()),
    }
    let status = match event.kind {
        EventKind::Succeeded => PaymentStatus::Succeeded,
        EventKind::Failed => PaymentStatus::Failed,
    };
    // The usual delivery in one statement: the payment it names, still pending, moves to its
    // outcome. Anything refused below returns without committing, so nothing of it stays.
    let moved = payments::Entity::update_many()
        .col_expr(payments::Column::Status, Expr::value(status.as_str()))
        .col_expr(payments::Column::SettledAt, Expr::value(now))
        .filter(payments::Column::Gateway.eq(gateway))
        .filter(payments::Column::GatewayTxnId.eq(event.payment.as_str()))
        .filter(payments::Column::Status.eq(PaymentStatus::Pending))
        .exec_with_returning(&txn)
        .await?;
    let payment = match moved.into_iter().next() {
        Some(payment) => payment,
        None => {
            let known = payments::Entity::find()
                .filter(payments::Column::Gateway.eq(gateway))
                .filter(payments::Column::GatewayTxnId.eq(event.payment.as_str()))
                .one(&txn)
                .await?;
            let Some(payment) = known else {
                tracing::warn!(gateway, payment = event.payment, "webhook for an unknown payment");
                return Ok(WebhookOutcome::Unknown);
            };
            check_amount(&payment, event)?;
            // Settled by an earlier event: this one is recorded and changes nothing.
            txn.commit().await?;
            return Ok(WebhookOutcome::Repeated);
        }
    };
    check_amount(&payment, event)?;
    if status == PaymentStatus::Succeeded {
        settle(state, &txn, &payment, now).await?;
    }
    txn.commit().await?;
    Ok(WebhookOutcome::Applied)
}

/// A gateway's event must name the amount and currency its payment was opened for.
fn check_amount(payment: &payments::Model, event: &GatewayEvent) -> Result<(), WebhookRefused> {
    if payment.amount_minor != event.amount_minor || payment.currency.as_str() != event.currency {
        tracing::error!(
            payment = payment.id,
            "webhook amount or currency differs from the payment"
        );
        return Err(WebhookRefused::Mismatch);
    }
    Ok(())
}

/// Money has arrived for `payment`: each document it pays is marked paid, its final invoice
/// issued and its order fulfilled; a document cancelled or paid otherwise meanwhile leaves its
/// share to the customer's balance. A payment of no document is a top-up. Returns the final
/// invoices issued.
///
/// Locks are taken in one order by every settlement, so two of them never wait on each other
/// in a circle (PostgreSQL): the documents' rows (by id), then the customer's row (credits),
/// then the invoice series (numbers, last).
async fn settle(
    state: &AppState,
    txn: &DatabaseTransaction,
    payment: &payments::Model,
    now: DateTime<Utc>,
) -> Result<Vec<invoices::Model>, DbErr> {
    let mut covered: Vec<(i64, i64)> = if payment.pay_all_link_id.is_some() {
        payment_documents::Entity::find()
            .filter(payment_documents::Column::PaymentId.eq(payment.id))
            .all(txn)
            .await?
            .into_iter()
            .map(|d| (d.invoice_id, d.amount_minor))
            .collect()
    } else if let Some(proforma_id) = payment.invoice_id {
        vec![(proforma_id, payment.amount_minor)]
    } else {
        // A top-up: the money is the balance's.
        credit_balance(txn, payment, None, payment.amount_minor, LedgerReason::TopUp, now).await?;
        audit_system(txn, payment, "balance.top_up", ("payment", payment.id), now).await?;
        return Ok(Vec::new());
    };
    covered.sort_unstable();
    let mut paid = Vec::new();
    for &(proforma_id, amount_minor) in &covered {
        // Paid by its due date: nothing of it can have lapsed (its due date is never later
        // than its lines' deadlines), and one statement marks it paid.
        let mut marked = mark_paid(txn, proforma_id, Some(now.date_naive()), now).await?;
        if marked.is_none() {
            // Later: a renewal whose step ended unpaid no longer renews, cancelled here if
            // the lifecycle job has not done it yet, so its money goes to the balance below.
            lifecycle::lapse_if_late(txn, proforma_id, now).await?;
            marked = mark_paid(txn, proforma_id, None, now).await?;
        }
        if let Some(proforma) = marked {
            paid.push(proforma);
        } else {
            let reason = LedgerReason::PaymentCredited;
            credit_balance(txn, payment, Some(proforma_id), amount_minor, reason, now).await?;
            audit_system(txn, payment, "payment.credited", ("invoice", proforma_id), now).await?;
        }
    }
    if paid.is_empty() {
        return Ok(Vec::new());
    }
    for proforma in &paid {
        if let Some(order_id) = proforma.order_id {
            fulfil(state, txn, order_id, now).await?;
        }
    }
    let contact = mail::outbox::BillingContact::of(txn, payment.customer_id).await?;
    // Last, the numbers: from here the invoice series is locked until commit.
    let mut issued = Vec::with_capacity(paid.len());
    for proforma in &paid {
        let invoice = billing::issue_final_invoice(txn, proforma, now).await?;
        // The receipt, with the final invoice attached, commits with the payment.
        mail::outbox::queue_document(txn, &state.settings, &contact, &invoice, now).await?;
        audit_system(txn, payment, "payment.received", ("invoice", invoice.id), now).await?;
        issued.push(invoice);
    }
    Ok(issued)
}

/// Marks the proforma paid if it is still unpaid (and, with `due_by`, due on that day or
/// later): the proforma as it is now, or `None` when it was not.
async fn mark_paid(
    txn: &DatabaseTransaction,
    proforma_id: i64,
    due_by: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Option<invoices::Model>, DbErr> {
    let mut update = invoices::Entity::update_many()
        .col_expr(invoices::Column::Status, Expr::value(InvoiceStatus::Paid.as_str()))
        .col_expr(invoices::Column::PaidAt, Expr::value(now))
        .filter(invoices::Column::Id.eq(proforma_id))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid));
    if let Some(day) = due_by {
        update = update.filter(invoices::Column::DueDate.gte(day));
    }
    Ok(update.exec_with_returning(txn).await?.into_iter().next())
}

/// The audit entry of a settlement step: the system acted, on behalf of `payment`.
async fn audit_system(
    txn: &DatabaseTransaction,
    payment: &payments::Model,
    action: &str,
    subject: (&str, i64),
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit::record(
        txn,
        AuditEntry {
            customer_id: Some(payment.customer_id),
            actor: Actor::System,
            actor_id: None,
            action,
            subject_type: subject.0,
            subject_id: Some(subject.1),
            detail: Some(serde_json::json!({ "payment": payment.id })),
            ip: None,
        },
        now,
    )
    .await
}

/// The paid order moves on: a renewal extends each service it renews by the months ordered
/// (and makes it active again where the lifecycle had stopped it), more space doubles the
/// space; either order is then active. Other orders stay paid until provisioned.
async fn fulfil(
    state: &AppState,
    txn: &DatabaseTransaction,
    order_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(order) = order_and_periods(txn, order_id).await? else { return Ok(()) };
    let done = match order.kind {
        kind if PERIOD_ORDERS.contains(&kind) => {
            let today = state.clock.today();
            // New ends by service id: an addon's line follows its service's (an addon is
            // always younger than its service, so its service came first in id order).
            let mut ends: Vec<(i64, NaiveDate)> = Vec::new();
            for (service_id, months) in order.periods {
                let service = services::Entity::find_by_id(service_id).lock_exclusive().one(txn);
                let Some(service) = service.await? else { continue };
                if service.kind == ServiceKind::Addon && months.is_none() {
                    let parent_end = ends.iter().find(|(id, _)| Some(*id) == service.parent_id);
                    if let Some(&(_, until)) = parent_end {
                        run_addon_to(txn, service, until, now).await?;
                    }
                    continue;
                }
                let months = months.unwrap_or_else(|| cycle_months(service.billing_cycle));
                let id = service.id;
                let until = if service.status == ServiceStatus::Pending {
                    new_services::start(txn, service, months, today, now).await?
                } else {
                    extend(txn, service, months, today, now).await?
                };
                ends.push((id, until));
            }
            true
        }
        OrderKind::Upgrade => {
            let service = match order.service_id {
                Some(id) => services::Entity::find_by_id(id).lock_exclusive().one(txn).await?,
                None => None,
            };
            if let Some(service) = service
                && let ServiceDetails::Storage(mut storage) = service_details::read(&service)
            {
                storage.space_total_mb *= 2;
                let details = service_details::write(
                    service.details.as_ref(),
                    &ServiceDetails::Storage(storage),
                );
                let mut active: services::ActiveModel = service.into();
                active.details = Set(Some(details));
                active.updated_at = Set(now);
                active.update(txn).await?;
            }
            true
        }
        _ => false,
    };
    let status = if done { OrderStatus::Active } else { OrderStatus::Paid };
    orders::Entity::update_many()
        .col_expr(orders::Column::Status, Expr::value(status.as_str()))
        .col_expr(orders::Column::UpdatedAt, Expr::value(now))
        .filter(orders::Column::Id.eq(order_id))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .exec(txn)
        .await?;
    Ok(())
}

/// Extends a renewed service by `months` from its due date, and makes it active again where
/// the lifecycle had stopped it. Returns its new end.
async fn extend(
    txn: &DatabaseTransaction,
    service: services::Model,
    months: u32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<NaiveDate, DbErr> {
    let due = service.expires_on.or(service.next_due_date);
    let until = renewed_until(due, months, today);
    let mut active: services::ActiveModel = service.clone().into();
    if service.expires_on.is_some() {
        active.expires_on = Set(Some(until));
    }
    if service.next_due_date.is_some() || service.expires_on.is_none() {
        active.next_due_date = Set(Some(until));
    }
    if reactivated_by_renewal(service.status, due, until, today) {
        active.status = Set(ServiceStatus::Active);
    }
    active.updated_at = Set(now);
    active.update(txn).await?;
    Ok(until)
}

/// An addon paid with its service's renewal runs to the service's new end `until` (its
/// line charged it from its own end: `model::renewal::addon_catch_up`).
async fn run_addon_to(
    txn: &DatabaseTransaction,
    addon: services::Model,
    until: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if addon.expires_on.or(addon.next_due_date).is_some_and(|end| end >= until) {
        return Ok(());
    }
    let mut active: services::ActiveModel = addon.into();
    active.expires_on = Set(Some(until));
    active.next_due_date = Set(Some(until));
    active.updated_at = Set(now);
    active.update(txn).await?;
    Ok(())
}

/// A paid order as fulfilment needs it: its kind, its own service (more space), and the
/// services its lines name with the months each is renewed or started for.
struct PaidOrder {
    kind: OrderKind,
    service_id: Option<i64>,
    /// The period of each service's first line (the customer's choice; a restore fee's or an
    /// addon's line has none), by service id, so settlements lock services in one order.
    /// `None`: an order made before periods were recorded, which renews for the service's
    /// billing cycle, or an addon following its service.
    periods: Vec<(i64, Option<u32>)>,
}

/// A row of [`order_and_periods`]: the order's kind and service, a line's service and period.
type OrderLineRow = (OrderKind, Option<i64>, Option<i64>, Option<i32>);

/// Reads [`PaidOrder`] in one query: the order with its lines that name a service.
async fn order_and_periods(
    txn: &DatabaseTransaction,
    order_id: i64,
) -> Result<Option<PaidOrder>, DbErr> {
    let service_lines = orders::Relation::OrderLines.def().on_condition(|_, lines| {
        Expr::col((lines, order_lines::Column::ServiceId)).is_not_null().into_condition()
    });
    let rows: Vec<OrderLineRow> = orders::Entity::find_by_id(order_id)
        .select_only()
        .column(orders::Column::Kind)
        .column(orders::Column::ServiceId)
        .column(order_lines::Column::ServiceId)
        .column(order_lines::Column::PeriodMonths)
        .join(JoinType::LeftJoin, service_lines)
        .order_by_asc(order_lines::Column::ServiceId)
        .order_by_asc(order_lines::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let Some(&(kind, service_id, _, _)) = rows.first() else { return Ok(None) };
    let mut periods: Vec<(i64, Option<u32>)> = Vec::new();
    for (_, _, line_service, months) in rows {
        let Some(line_service) = line_service else { continue };
        if periods.last().is_none_or(|&(last, _)| last != line_service) {
            periods.push((line_service, months.and_then(|m| u32::try_from(m).ok())));
        }
    }
    Ok(Some(PaidOrder { kind, service_id, periods }))
}

/// Money received that pays no document goes to the customer's balance, with its ledger
/// entry: a top-up, or a payment's share for a document no longer payable.
async fn credit_balance(
    txn: &DatabaseTransaction,
    payment: &payments::Model,
    invoice_id: Option<i64>,
    amount_minor: i64,
    reason: LedgerReason,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let credit = ledger::Credit {
        customer_id: payment.customer_id,
        amount: Money::new(amount_minor, payment.currency),
        reason,
        invoice_id,
        payment_id: Some(payment.id),
    };
    ledger::credit(txn, credit, now).await
}

/// Why a bank transfer could not be recorded: said to the operator, nothing changes.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransferRefused {
    #[error("no proforma has the number {0}")]
    UnknownReference(String),
    #[error("{number} is {status} and cannot be paid; return the transfer or credit it by hand")]
    NotPayable { number: String, status: &'static str },
    #[error(
        "the transfer is {given} {currency}, {number} asks for {expected} {currency}: record the exact amount"
    )]
    AmountDiffers { number: String, given: Decimal, expected: Decimal, currency: &'static str },
    #[error("database: {0}")]
    Storage(String),
}

impl From<DbErr> for TransferRefused {
    fn from(err: DbErr) -> Self {
        TransferRefused::Storage(err.to_string())
    }
}

/// A bank transfer that arrived for a proforma, recorded by staff by the reference the
/// customer quoted (`portico record-transfer`): the same settlement as a card payment (final
/// invoice, service extended, order active), with an audit entry of who recorded it. A
/// renewal's transfer that arrives after its step ended (seed 000) renews nothing: the renewal
/// lapses and the money is kept as the customer's balance, as a late card payment is.
pub async fn record_transfer(
    state: &AppState,
    reference: &str,
    amount: Decimal,
) -> Result<Recorded, TransferRefused> {
    let now = state.clock.now();
    let reference = reference.trim();
    let txn = begin_write(&state.db).await?;
    let proforma = invoices::Entity::find()
        .filter(invoices::Column::Number.eq(reference))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| TransferRefused::UnknownReference(reference.to_owned()))?;
    if !payable(proforma.kind, proforma.status) {
        return Err(TransferRefused::NotPayable {
            number: proforma.number,
            status: proforma.status.as_str(),
        });
    }
    let scale = Decimal::from(10_i64.pow(proforma.currency.exponent()));
    let expected = Decimal::from(proforma.total_minor) / scale;
    if amount != expected {
        return Err(TransferRefused::AmountDiffers {
            number: proforma.number,
            given: amount,
            expected,
            currency: proforma.currency.as_str(),
        });
    }
    let payment = settled_payment(&proforma, PaymentMethod::BankTransfer, now).insert(&txn).await?;
    // The proforma's row is locked: settling either pays it or, for a lapsed renewal, keeps
    // the money as balance.
    let recorded = match settle(state, &txn, &payment, now).await?.pop() {
        Some(invoice) => Recorded::Invoiced(invoice.number),
        None => Recorded::KeptAsBalance,
    };
    audit::record(
        &txn,
        AuditEntry {
            customer_id: Some(proforma.customer_id),
            actor: Actor::Staff,
            actor_id: None,
            action: "payment.transfer_recorded",
            subject_type: "payment",
            subject_id: Some(payment.id),
            detail: Some(serde_json::json!({
                "reference": reference,
                "amount": amount.to_string(),
                "via": "portico record-transfer",
            })),
            ip: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(recorded)
}

/// What recording a transfer did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// The proforma is paid; the final invoice with this number was issued.
    Invoiced(String),
    /// The proforma's renewal had lapsed unpaid: the money is the customer's balance.
    KeptAsBalance,
}
