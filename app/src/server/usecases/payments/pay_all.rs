//! One pay link for several documents (issue 9): for an accountant who pays everything at
//! once. The customer makes it on the invoices list for their unpaid proformas in their
//! currency (at least [`PAY_ALL_MIN_DOCUMENTS`]); whoever holds it sees only the seller and,
//! per document, its number, amount, due date and whether it is paid, and pays what is still
//! unpaid with one card payment. The token is 256 random bits stored as its SHA-256; the link
//! lives [`PAY_LINK_DAYS`] days, a new one replaces it, and unknown tokens count against the
//! same per-address limit as single pay links.
//!
//! Exactly once: the link's row is locked while a payment is opened and a partial unique index
//! allows one pending payment per link; the payment records the documents it covers with their
//! amounts (`payment_documents`), and its settlement pays exactly those, leaving the share of a
//! document paid otherwise meanwhile to the customer's balance (`settle`).

use super::links::counted;
use super::{KEY_TAKEN, card_payment, check_key, create_at_gateway};
use crate::model::invoices::is_overdue;
use crate::model::payments::{
    PAY_ALL_MAX_DOCUMENTS, PAY_LINK_DAYS, PayAllDocument, PayAllView, pay_all_href, pay_all_offered,
};
use crate::model::{AppError, InvoiceKind, InvoiceStatus, Money, PaymentStatus};
use crate::server::audit;
use crate::server::context::{AppState, Requester};
use crate::server::db::{UniqueGuard, begin_write, violates};
use crate::server::entities::{
    customers, invoices, pay_all_documents, pay_all_links, payment_documents, payments,
};
use crate::server::sessions::{new_token, session_id};
use chrono::TimeDelta;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// One open card payment per pay-all link.
const ONE_PENDING_PAY_ALL: UniqueGuard = UniqueGuard {
    index: "idx_payments_one_pending_pay_all",
    sqlite_columns: "payments.pay_all_link_id",
};

/// Makes the customer's pay-all link for their unpaid proformas in their currency (oldest due
/// first, at most [`PAY_ALL_MAX_DOCUMENTS`]), replacing any earlier one, and returns its token
/// (shown once). Fewer than two such documents: nothing to make (`Conflict`).
pub async fn create(state: &AppState, who: &Requester) -> Result<String, AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let customer = customers::Entity::find_by_id(who.customer_id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let documents = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(who.customer_id))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .filter(invoices::Column::Currency.eq(customer.currency))
        .order_by_asc(invoices::Column::DueDate)
        .order_by_asc(invoices::Column::Id)
        .limit(PAY_ALL_MAX_DOCUMENTS)
        .all(&txn)
        .await?;
    if !pay_all_offered(documents.len()) {
        return Err(AppError::Conflict);
    }
    // A new link kills the old one.
    pay_all_links::Entity::delete_many()
        .filter(pay_all_links::Column::CustomerId.eq(who.customer_id))
        .exec(&txn)
        .await?;
    let token = new_token();
    let link = pay_all_links::ActiveModel {
        customer_id: Set(who.customer_id),
        token_hash: Set(session_id(&token)),
        currency: Set(customer.currency),
        expires_at: Set(now + TimeDelta::days(PAY_LINK_DAYS)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for document in &documents {
        pay_all_documents::ActiveModel {
            pay_all_link_id: Set(link.id),
            invoice_id: Set(document.id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let numbers: Vec<&str> = documents.iter().map(|d| d.number.as_str()).collect();
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "pay_all_link.create",
        ("pay_all_link", link.id),
        Some(serde_json::json!({ "documents": numbers })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// The live link and its documents (due first), counted against the client's limit when it
/// is not one. A link whose documents were all deleted is dead.
async fn resolve(
    state: &AppState,
    token: &str,
    ip: Option<&str>,
) -> Result<(pay_all_links::Model, Vec<invoices::Model>), AppError> {
    let now = state.clock.now();
    counted(state, ip, async {
        let Some(link) = pay_all_links::Entity::find()
            .filter(pay_all_links::Column::TokenHash.eq(session_id(token)))
            .filter(pay_all_links::Column::ExpiresAt.gt(now))
            .one(&state.db)
            .await?
        else {
            return Ok(None);
        };
        let documents = documents_of(&state.db, &link).await?;
        let live = documents.iter().any(|d| d.status != InvoiceStatus::Cancelled);
        Ok(live.then_some((link, documents)))
    })
    .await
}

/// The link's documents, the customer's own only, oldest due first.
async fn documents_of(
    conn: &impl ConnectionTrait,
    link: &pay_all_links::Model,
) -> Result<Vec<invoices::Model>, DbErr> {
    let rows = pay_all_documents::Entity::find()
        .find_also_related(invoices::Entity)
        .filter(pay_all_documents::Column::PayAllLinkId.eq(link.id))
        .filter(invoices::Column::CustomerId.eq(link.customer_id))
        .order_by_asc(invoices::Column::DueDate)
        .order_by_asc(invoices::Column::Id)
        .all(conn)
        .await?;
    Ok(rows.into_iter().filter_map(|(_, invoice)| invoice).collect())
}

/// What the link's page shows.
pub async fn view(state: &AppState, token: &str, ip: Option<&str>) -> Result<PayAllView, AppError> {
    let (link, documents) = resolve(state, token, ip).await?;
    let today = state.clock.today();
    let due =
        documents.iter().filter(|d| d.status == InvoiceStatus::Unpaid).map(|d| d.total_minor).sum();
    Ok(PayAllView {
        seller: state.settings.seller.name.clone(),
        documents: documents
            .into_iter()
            .map(|d| PayAllDocument {
                overdue: is_overdue(d.status, d.due_date, today),
                amount: Money::new(d.total_minor, d.currency),
                number: d.number,
                due_date: d.due_date,
                status: d.status,
            })
            .collect(),
        due: Money::new(due, link.currency),
        card: state.card_payments(),
        idempotency_key: new_token(),
    })
}

/// Pays the link's documents still unpaid with one card payment, in the customer's name from
/// the payer's address; the gateway sends the payer back to the link's page. The same form sent
/// twice, or any submission while the link's payment is open, answers with that payment's page;
/// nothing left to pay answers `Conflict`.
pub async fn pay(
    state: &AppState,
    token: &str,
    key: &str,
    ip: Option<&str>,
) -> Result<String, AppError> {
    if !state.card_payments() {
        return Err(AppError::Invalid { field: "method".into(), code: "card_unavailable".into() });
    }
    check_key(key)?;
    let (link, _) = resolve(state, token, ip).await?;
    let return_to = pay_all_href(token);
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // The link stays locked until commit: a second submission waits here, then finds the
    // payment this one opened.
    pay_all_links::Entity::find_by_id(link.id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(open) = open_payment(&txn, link.id).await? {
        let numbers = covered_numbers(&txn, open.id).await?;
        txn.commit().await?;
        return Ok(create_at_gateway(state, &open, &numbers, Some(&return_to)).await?.url);
    }
    let unpaid: Vec<invoices::Model> = documents_of(&txn, &link)
        .await?
        .into_iter()
        .filter(|d| d.status == InvoiceStatus::Unpaid && d.currency == link.currency)
        .collect();
    if unpaid.is_empty() {
        return Err(AppError::Conflict);
    }
    let amount = Money::new(unpaid.iter().map(|d| d.total_minor).sum(), link.currency);
    let mut payment = card_payment(state, link.customer_id, None, amount, key, now);
    payment.pay_all_link_id = Set(Some(link.id));
    let payment = match payment.insert(&txn).await {
        Ok(payment) => payment,
        // Behind the row lock, the unique indexes: answered like a repeated submission.
        Err(err) if violates(&err, &ONE_PENDING_PAY_ALL) || violates(&err, &KEY_TAKEN) => {
            txn.rollback().await?;
            return Ok(return_to);
        }
        Err(err) => return Err(err.into()),
    };
    for document in &unpaid {
        payment_documents::ActiveModel {
            payment_id: Set(payment.id),
            invoice_id: Set(document.id),
            amount_minor: Set(document.total_minor),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let numbers: Vec<&str> = unpaid.iter().map(|d| d.number.as_str()).collect();
    let hosted = create_at_gateway(state, &payment, &numbers.join(", "), Some(&return_to)).await?;
    let payment_id = payment.id;
    let mut active: payments::ActiveModel = payment.into();
    active.gateway_txn_id = Set(Some(hosted.id));
    active.update(&txn).await?;
    audit::customer_action(
        &txn,
        link.customer_id,
        ip.map(str::to_owned),
        "pay_all.start",
        ("payment", payment_id),
        Some(serde_json::json!({ "documents": numbers })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(hosted.url)
}

/// The link's open card payment, if one is waiting at the gateway.
async fn open_payment(
    conn: &impl ConnectionTrait,
    link_id: i64,
) -> Result<Option<payments::Model>, DbErr> {
    payments::Entity::find()
        .filter(payments::Column::PayAllLinkId.eq(link_id))
        .filter(payments::Column::Status.eq(PaymentStatus::Pending))
        .one(conn)
        .await
}

/// The numbers of the documents `payment_id` covers, as the gateway's page names them.
async fn covered_numbers(conn: &impl ConnectionTrait, payment_id: i64) -> Result<String, DbErr> {
    let covered = payment_documents::Entity::find()
        .find_also_related(invoices::Entity)
        .filter(payment_documents::Column::PaymentId.eq(payment_id))
        .order_by_asc(payment_documents::Column::Id)
        .all(conn)
        .await?;
    let numbers: Vec<String> =
        covered.into_iter().filter_map(|(_, d)| d.map(|d| d.number)).collect();
    Ok(numbers.join(", "))
}
