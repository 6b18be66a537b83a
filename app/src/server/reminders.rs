//! Renewal reminders by e-mail (seed 000: from 60 days before the due date): 60, 30, 14, 7
//! and 1 day before, each once per service and period, to the billing mailbox in the
//! customer's language, with a link to the service's renewal page.
//!
//! Exactly once, with any number of instances running the job: every reminder is an outbox
//! message whose key names the service, the due date and the reminder, and the outbox's
//! unique key drops a second copy in the same statement that would write it. A renewal moves
//! the due date, so the next period's reminders have keys of their own.

use super::context::AppState;
use super::db::begin_write;
use super::entities::{email_outbox, services};
use super::lifecycle;
use super::mail::compose;
use super::mail::outbox::{self, BillingContact};
use crate::model::reminders::{REMINDER_DAYS, reminder_due};
use crate::model::renewal::renew_href;
use crate::model::{ServiceKind, ServiceStatus};
use crate::server::usecases::services::renewal::label;
use chrono::{NaiveDate, TimeDelta};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::HashSet;

/// How many keys one query checks at a time.
const KEYS_PER_QUERY: usize = 500;

/// The outbox key of a service's reminder: once per service, due date and reminder.
pub fn message_key(service_id: i64, due: NaiveDate, days: i64) -> String {
    format!("renewal-reminder-{service_id}-{due}-{days}")
}

/// One run of the job: queues each reminder due today that has not been queued before.
/// Returns how many it queued.
pub async fn send_due(state: &AppState) -> Result<u64, DbErr> {
    let today = state.clock.today();
    let mut due_now = Vec::new();
    for service in due_within(&state.db, today).await? {
        let Some(due) = service.expires_on.or(service.next_due_date) else { continue };
        let Some(days) = reminder_due((due - today).num_days()) else { continue };
        due_now.push((message_key(service.id, due, days), service, due));
    }
    let queued_before = already_queued(&state.db, &due_now).await?;
    let mut queued = 0;
    for (key, service, due) in due_now {
        if queued_before.contains(&key) {
            continue;
        }
        let txn = begin_write(&state.db).await?;
        let contact = BillingContact::of(&txn, service.customer_id).await?;
        let to = contact.addressee(&state.settings.links_origin);
        let mail = compose::renewal_reminder(
            &to,
            &state.settings.seller,
            &compose::Renewable {
                label: &label(&service),
                due,
                days_left: (due - today).num_days(),
                auto_renew: service.auto_renew,
            },
            &renew_href(service.id),
        );
        if outbox::queue(&txn, contact.message(key, mail), state.clock.now()).await? {
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// The services a reminder may be due for: active, renewable on their own, and due within the
/// earliest reminder's days.
async fn due_within(
    conn: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<services::Model>, DbErr> {
    let last = today + TimeDelta::days(REMINDER_DAYS[0]);
    let within = |date: services::Column| Condition::all().add(date.gte(today)).add(date.lte(last));
    services::Entity::find()
        .filter(services::Column::Status.eq(ServiceStatus::Active))
        // Addons are renewed with their service (`lifecycle::applies_to`).
        .filter(services::Column::Kind.ne(ServiceKind::Addon))
        .filter(lifecycle::due_date_where(within))
        .all(conn)
        .await
}

/// Which of the reminders' keys are in the outbox already (sent or waiting).
async fn already_queued(
    conn: &impl ConnectionTrait,
    due_now: &[(String, services::Model, NaiveDate)],
) -> Result<HashSet<String>, DbErr> {
    let mut found = HashSet::new();
    for chunk in due_now.chunks(KEYS_PER_QUERY) {
        let keys: Vec<&str> = chunk.iter().map(|(key, ..)| key.as_str()).collect();
        let rows: Vec<Option<String>> = email_outbox::Entity::find()
            .select_only()
            .column(email_outbox::Column::MessageKey)
            .filter(email_outbox::Column::MessageKey.is_in(keys))
            .into_tuple()
            .all(conn)
            .await?;
        found.extend(rows.into_iter().flatten());
    }
    Ok(found)
}
