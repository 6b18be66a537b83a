//! Pay links (seed 002 "copy the link"): pay one document without signing in, for whoever the
//! customer sends the link to (an accountant). The token is 256 random bits, stored only as
//! its SHA-256; a link expires after [`PAY_LINK_DAYS`], dies when a new one is made for the
//! same document or the document is deleted, and shows only that document's number, seller,
//! amount and due date. Unknown tokens are counted per client address (IPv6 by /64) with the
//! sign-in limits' buckets: [`MAX_BAD_LINKS_PER_IP`] in their window, then 429.

use super::open_card_payment;
use crate::model::invoices::is_overdue;
use crate::model::payments::{PAY_LINK_DAYS, PayLinkView, pay_link_href, payable};
use crate::model::{AppError, InvoiceStatus, Money};
use crate::server::audit;
use crate::server::client_ip;
use crate::server::context::{AppState, Requester};
use crate::server::db::begin_write;
use crate::server::entities::{invoices, pay_links};
use crate::server::sessions::{new_token, session_id};
use crate::server::usecases::account::limits::{self, Bucket};
use crate::server::usecases::invoices::owned_for_update;
use chrono::TimeDelta;
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, ModelTrait, QueryFilter, Set};

/// Unknown or dead tokens one client address may try within the limits' window.
pub const MAX_BAD_LINKS_PER_IP: i32 = 20;

/// Makes the document's pay link, replacing any earlier one, and returns its token (shown
/// once: only its hash is kept).
pub async fn create(
    state: &AppState,
    who: &Requester,
    invoice_id: i64,
) -> Result<String, AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let invoice = owned_for_update(&txn, who.customer_id, invoice_id).await?;
    if !payable(invoice.kind, invoice.status) {
        return Err(AppError::Conflict);
    }
    // A new link kills the old one.
    pay_links::Entity::delete_many()
        .filter(pay_links::Column::InvoiceId.eq(invoice.id))
        .exec(&txn)
        .await?;
    let token = new_token();
    pay_links::ActiveModel {
        invoice_id: Set(invoice.id),
        token_hash: Set(session_id(&token)),
        expires_at: Set(now + TimeDelta::days(PAY_LINK_DAYS)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "pay_link.create",
        ("invoice", invoice.id),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// The document a live link pays, counted against the client's limit when it is not one.
async fn resolve(
    state: &AppState,
    token: &str,
    ip: Option<&str>,
) -> Result<invoices::Model, AppError> {
    let now = state.clock.now();
    counted(state, ip, async {
        let found = pay_links::Entity::find()
            .filter(pay_links::Column::TokenHash.eq(session_id(token)))
            .filter(pay_links::Column::ExpiresAt.gt(now))
            .one(&state.db)
            .await?;
        let invoice = match found {
            Some(link) => link.find_related(invoices::Entity).one(&state.db).await?,
            None => None,
        };
        // A deleted (cancelled) document's link is dead.
        Ok(invoice.filter(|invoice| invoice.status != InvoiceStatus::Cancelled))
    })
    .await
}

/// What `lookup` finds for a link's token; when it finds nothing, the client's address is
/// charged one unknown or dead link (every kind of link shares the limit), and past the limit
/// nothing is looked up at all: 429.
pub(super) async fn counted<T>(
    state: &AppState,
    ip: Option<&str>,
    lookup: impl Future<Output = Result<Option<T>, DbErr>>,
) -> Result<T, AppError> {
    let now = state.clock.now();
    let buckets: Vec<Bucket> = ip
        .map(|ip| Bucket {
            key: format!("pay_link:{}", client_ip::bucket(ip)),
            limit: MAX_BAD_LINKS_PER_IP,
        })
        .into_iter()
        .collect();
    let reservation = match limits::reserve(&state.db, &buckets, now).await? {
        Ok(reservation) => reservation,
        Err(_retry) => return Err(AppError::RateLimited),
    };
    match lookup.await? {
        Some(found) => {
            reservation.release().await?;
            Ok(found)
        }
        None => {
            reservation.fail(now).await?;
            Err(AppError::NotFound)
        }
    }
}

/// What the link's page shows.
pub async fn view(
    state: &AppState,
    token: &str,
    ip: Option<&str>,
) -> Result<PayLinkView, AppError> {
    let invoice = resolve(state, token, ip).await?;
    Ok(PayLinkView {
        overdue: is_overdue(invoice.status, invoice.due_date, state.clock.today()),
        paid: invoice.status == InvoiceStatus::Paid,
        number: invoice.number,
        seller: state.settings.seller.name.clone(),
        amount: Money::new(invoice.total_minor, invoice.currency),
        due_date: invoice.due_date,
        card: state.card_payments(),
        idempotency_key: new_token(),
    })
}

/// Pays the link's document by card: the same payment as the customer's own (one open payment
/// per document), made in the customer's name from the payer's address, and the gateway sends
/// the payer back to the link's page.
pub async fn pay(
    state: &AppState,
    token: &str,
    key: &str,
    ip: Option<&str>,
) -> Result<String, AppError> {
    let invoice = resolve(state, token, ip).await?;
    let payer = Requester { customer_id: invoice.customer_id, ip: ip.map(str::to_owned) };
    open_card_payment(state, &payer, invoice.id, key, Some(&pay_link_href(token))).await
}
