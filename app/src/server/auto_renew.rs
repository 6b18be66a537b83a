//! Automatic renewal from the balance (seeds 000 and 002): a service whose automatic renewal
//! is on is renewed for one billing period on its due date, paid from the customer's balance
//! when the balance covers it: one ledger entry, one paid document, one extension. When it
//! does not, the customer is e-mailed once for the period and the job tries again each run of
//! the grace period (a top-up renews it then); after that the service follows its lifecycle.
//!
//! Exactly once per period, with several instances and the customer paying by card at the
//! same moment: the renewal is the ordinary one (one order awaiting payment per service, under
//! the service's row lock and a unique index), and its proforma is paid from the balance by
//! the ordinary payment, which pays only a proforma still unpaid under its row lock and takes
//! the balance with a conditional update. Whoever comes second finds the proforma paid and
//! changes nothing; a card payment that arrives after the balance paid is kept as balance.

use super::context::{AppState, Requester};
use super::entities::{customers, services};
use super::mail::compose;
use super::mail::outbox::{self, BillingContact};
use super::usecases::payments::pay_from_balance;
use super::usecases::services::renewal;
use super::{db::begin_write, lifecycle};
use crate::model::balance::covers;
use crate::model::renewal::{cycle_months, renew_href};
use crate::model::{AppError, Money, ServiceKind, ServiceStatus};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AutoRenewed {
    pub renewed: u64,
    /// Services whose renewal the balance did not cover this run.
    pub not_covered: u64,
}

/// The outbox key of the "balance too low" e-mail: once per service and period.
pub fn too_low_key(service_id: i64, due: NaiveDate) -> String {
    format!("auto-renew-too-low-{service_id}-{due}")
}

/// One run: every service with automatic renewal on whose renewal is due today
/// (`Timeline::auto_renewal_due`) is renewed from the balance, or its customer told why not.
pub async fn run(state: &AppState) -> Result<AutoRenewed, AppError> {
    let today = state.clock.today();
    let mut done = AutoRenewed::default();
    for service in candidates(&state.db, today).await? {
        let Some(timeline) = lifecycle::timeline(&state.db, &service).await? else { continue };
        if !timeline.auto_renewal_due(today) {
            continue;
        }
        // The customer's own renewal, made by the system on their behalf: no address of theirs.
        let who = Requester { customer_id: service.customer_id, ip: None };
        match renew_from_balance(state, &who, &service, timeline.due).await {
            Ok(Outcome::Renewed) => done.renewed += 1,
            Ok(Outcome::PaidMeanwhile) => {}
            Ok(Outcome::NotCovered { balance, needed }) => {
                done.not_covered += 1;
                tell_not_covered(state, &service, timeline.due, balance, needed).await?;
            }
            // One service's trouble (its customer's country without VAT rules, say) does not
            // hold up the others; it is tried again next run.
            Err(err) => tracing::warn!(service = service.id, "automatic renewal: {err:?}"),
        }
    }
    Ok(done)
}

enum Outcome {
    Renewed,
    /// Another instance, or the customer by card, paid this period's renewal first.
    PaidMeanwhile,
    NotCovered {
        balance: Money,
        needed: Money,
    },
}

async fn renew_from_balance(
    state: &AppState,
    who: &Requester,
    service: &services::Model,
    due: NaiveDate,
) -> Result<Outcome, AppError> {
    let months = cycle_months(service.billing_cycle);
    // Priced as the renewal page prices it (or the renewal already waiting, at its price).
    let options = renewal::options(state, who, service.id).await?;
    let needed = match &options.waiting {
        Some(waiting) => waiting.total,
        None => match options.choices.iter().find(|c| c.months == months) {
            Some(choice) => choice.total,
            None => return Ok(Outcome::PaidMeanwhile),
        },
    };
    let customer = customers::Entity::find_by_id(who.customer_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let balance = Money::new(customer.balance_minor, customer.currency);
    if !covers(balance, needed) {
        return Ok(Outcome::NotCovered { balance, needed });
    }
    // Only the period this run saw: a payment may have renewed it since.
    let ordered = match renewal::renew_due(state, who, service.id, months, due).await {
        Ok(ordered) => ordered,
        Err(AppError::Conflict) => return Ok(Outcome::PaidMeanwhile),
        Err(err) => return Err(err),
    };
    match pay_from_balance(state, who, ordered.proforma_id).await {
        Ok(payment) => {
            let txn = begin_write(&state.db).await?;
            let detail = serde_json::json!({ "payment": payment, "months": months });
            lifecycle::system_audit(
                &txn,
                who.customer_id,
                "service.auto_renewed",
                ("service", service.id),
                detail,
                state.clock.now(),
            )
            .await?;
            txn.commit().await?;
            Ok(Outcome::Renewed)
        }
        Err(AppError::Conflict) => Ok(Outcome::PaidMeanwhile),
        // Another payment took the balance between the reading above and this one.
        Err(AppError::Invalid { code, .. }) if code == "balance_too_low" => {
            Ok(Outcome::NotCovered { balance, needed })
        }
        Err(err) => Err(err),
    }
}

/// Services with automatic renewal on, due today or before, that may still be renewed.
async fn candidates(
    conn: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<services::Model>, DbErr> {
    services::Entity::find()
        .filter(services::Column::AutoRenew.eq(true))
        .filter(services::Column::Status.is_in([ServiceStatus::Active, ServiceStatus::Expired]))
        .filter(services::Column::Kind.ne(ServiceKind::Addon))
        .filter(lifecycle::due_date_where(|date| Condition::all().add(date.lte(today))))
        .all(conn)
        .await
}

/// The e-mail saying the balance did not cover the renewal: once per service and period.
async fn tell_not_covered(
    state: &AppState,
    service: &services::Model,
    due: NaiveDate,
    balance: Money,
    needed: Money,
) -> Result<(), DbErr> {
    let txn = begin_write(&state.db).await?;
    let contact = BillingContact::of(&txn, service.customer_id).await?;
    let to = contact.addressee(&state.settings.links_origin);
    let mail = compose::auto_renewal_not_covered(
        &to,
        &state.settings.seller,
        &renewal::label(service),
        due,
        (balance, needed),
        &renew_href(service.id),
    );
    let outgoing = contact.message(too_low_key(service.id, due), mail);
    if outbox::queue(&txn, outgoing, state.clock.now()).await? {
        let detail = serde_json::json!({ "balance": balance.minor, "needed": needed.minor });
        let subject = ("service", service.id);
        let now = state.clock.now();
        lifecycle::system_audit(
            &txn,
            service.customer_id,
            "service.auto_renew_not_covered",
            subject,
            detail,
            now,
        )
        .await?;
    }
    txn.commit().await
}
