//! Sends the outbox over SMTP (`lettre`). Each call of [`deliver_due`] claims a batch of due
//! messages, sends them at once, and records each outcome; the server calls it every few
//! seconds (`server::tasks`). What keeps a message from going out twice when several
//! instances send, as the job runner does (`jobs.rs`):
//!
//! - A claim is a lease on the database's clock with a fresh token. On PostgreSQL the claim
//!   skips rows another instance has locked (`FOR UPDATE SKIP LOCKED`); on SQLite the write
//!   transaction serialises claimers.
//! - The lease (two minutes) outlasts a send (SMTP timeout 30 s), and every write after the
//!   send is fenced by the token: `WHERE id = ? AND lease_token = ?`.
//! - What no lease can cover: a sender that dies after the SMTP server accepted a message
//!   but before recording it. The message is sent again when its lease runs out, with the
//!   same `Message-ID`, by which mail clients show it once.
//!
//! A failed attempt is tried again after a back-off (1, 2, 4 ... minutes, at most 6 hours);
//! a permanent refusal (an SMTP 5xx, an impossible address) or the tenth failure marks the
//! message failed, with the error kept for the operator.

use crate::model::OutboxStatus;
use crate::server::context::AppState;
use crate::server::db::{self, begin_write};
use crate::server::entities::email_outbox;
use crate::server::usecases::invoices as documents;
use chrono::{DateTime, TimeDelta, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::time::Duration;

/// How many messages one call claims and sends at once.
const BATCH: u64 = 16;
/// How long a claim holds: longer than a send can take.
const LEASE: TimeDelta = TimeDelta::minutes(2);
/// The longest one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts before a message is given up as failed.
pub const MAX_ATTEMPTS: i32 = 10;

/// An SMTP server to send through, and the sender's address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `url` as `lettre` reads it: `smtp://host:25` (plain), `smtp://host:587?tls=required`
    /// (STARTTLS), `smtps://user:password@host:465` (TLS); `from` as `Name <address>`.
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP address {}: {e}", redact(url)))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = from.parse().map_err(|e| format!("sender address {from}: {e}"))?;
        Ok(Self { transport, from })
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// What one call of [`deliver_due`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    /// Failed this time, to be tried again.
    pub retrying: usize,
    /// Given up.
    pub failed: usize,
}

impl Delivered {
    pub fn total(&self) -> usize {
        self.sent + self.retrying + self.failed
    }
}

/// Sends every message due now, batch after batch, until none is left.
pub async fn deliver_due(state: &AppState, mailer: &Mailer) -> Result<Delivered, DbErr> {
    let mut done = Delivered::default();
    loop {
        let (token, batch) = claim(state).await?;
        if batch.is_empty() {
            return Ok(done);
        }
        let mut sends = tokio::task::JoinSet::new();
        for row in batch {
            let (state, mailer, token) = (state.clone(), mailer.clone(), token.clone());
            sends.spawn(async move { deliver(&state, &mailer, row, &token).await });
        }
        while let Some(result) = sends.join_next().await {
            match result {
                Ok(Ok(Outcome::Sent)) => done.sent += 1,
                Ok(Ok(Outcome::Retrying)) => done.retrying += 1,
                Ok(Ok(Outcome::Failed)) => done.failed += 1,
                Ok(Err(err)) => return Err(err),
                // A panicking send leaves its row claimed: its lease runs out and it is retried.
                Err(join) => tracing::error!("e-mail send task: {join}"),
            }
        }
    }
}

/// Claims up to [`BATCH`] due messages: pending ones whose back-off has passed, and claimed
/// ones whose sender's lease ran out.
async fn claim(state: &AppState) -> Result<(String, Vec<email_outbox::Model>), DbErr> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let lease_clock = db::now(&txn).await?;
    let mut query = email_outbox::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(email_outbox::Column::Status.eq(OutboxStatus::Pending))
                        .add(
                            Condition::any()
                                .add(email_outbox::Column::NextAttemptAt.is_null())
                                .add(email_outbox::Column::NextAttemptAt.lte(now)),
                        ),
                )
                .add(
                    Condition::all()
                        .add(email_outbox::Column::Status.eq(OutboxStatus::Sending))
                        .add(email_outbox::Column::LeaseUntil.lt(lease_clock)),
                ),
        )
        .order_by_asc(email_outbox::Column::Id)
        .limit(BATCH);
    if txn.get_database_backend() == DbBackend::Postgres {
        query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = query.all(&txn).await?;
    let token = crate::server::sessions::new_token();
    if !rows.is_empty() {
        email_outbox::Entity::update_many()
            .col_expr(email_outbox::Column::Status, Expr::value(OutboxStatus::Sending.as_str()))
            .col_expr(email_outbox::Column::LeaseUntil, Expr::value(lease_clock + LEASE))
            .col_expr(email_outbox::Column::LeaseToken, Expr::value(token.clone()))
            .col_expr(
                email_outbox::Column::Attempts,
                Expr::col(email_outbox::Column::Attempts).add(1),
            )
            .filter(email_outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    let rows = rows.into_iter().map(|r| email_outbox::Model { attempts: r.attempts + 1, ..r });
    Ok((token, rows.collect()))
}

enum Outcome {
    Sent,
    Retrying,
    Failed,
}

/// Builds, sends and records one claimed message.
async fn deliver(
    state: &AppState,
    mailer: &Mailer,
    row: email_outbox::Model,
    token: &str,
) -> Result<Outcome, DbErr> {
    let sent = match build(state, mailer, &row).await {
        Ok(message) => mailer.transport.send(message).await.map(drop).map_err(|err| {
            let permanent = err.is_permanent();
            (err.to_string(), permanent)
        }),
        Err(refused) => Err(refused),
    };
    let now = state.clock.now();
    let fenced = email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(email_outbox::Column::Id.eq(row.id))
        .filter(email_outbox::Column::LeaseToken.eq(token));
    let (update, outcome) = match sent {
        Ok(()) => (
            fenced
                .col_expr(email_outbox::Column::Status, Expr::value(OutboxStatus::Sent.as_str()))
                .col_expr(email_outbox::Column::SentAt, Expr::value(now))
                .col_expr(email_outbox::Column::LastError, Expr::value(Option::<String>::None)),
            Outcome::Sent,
        ),
        Err((error, permanent)) => {
            let give_up = permanent || row.attempts >= MAX_ATTEMPTS;
            tracing::warn!(
                mail = row.id,
                attempt = row.attempts,
                give_up,
                "e-mail not sent: {error}"
            );
            let status = if give_up { OutboxStatus::Failed } else { OutboxStatus::Pending };
            (
                fenced
                    .col_expr(email_outbox::Column::Status, Expr::value(status.as_str()))
                    .col_expr(email_outbox::Column::LastError, Expr::value(error))
                    .col_expr(
                        email_outbox::Column::NextAttemptAt,
                        Expr::value(now + back_off(row.attempts)),
                    ),
                if give_up { Outcome::Failed } else { Outcome::Retrying },
            )
        }
    };
    update.exec(&state.db).await?;
    Ok(outcome)
}

/// The wait before attempt `attempts + 1`: one minute, doubling, at most six hours.
pub fn back_off(attempts: i32) -> TimeDelta {
    // `std::cmp::min`: sea-query's `ExprTrait` has a `min` of its own for every type.
    let doublings = std::cmp::min(u32::try_from(attempts.saturating_sub(1)).unwrap_or(0), 9);
    std::cmp::min(TimeDelta::minutes(1 << doublings), TimeDelta::hours(6))
}

/// The message as it goes out: text and HTML as alternatives, the document's PDF attached.
/// An address or header that cannot be sent is a permanent refusal.
async fn build(
    state: &AppState,
    mailer: &Mailer,
    row: &email_outbox::Model,
) -> Result<Message, (String, bool)> {
    let refuse = |what: &str, err: String| (format!("{what}: {err}"), true);
    let to: Mailbox = row.to_address.parse().map_err(|e| refuse("recipient", format!("{e}")))?;
    let mut builder = Message::builder().from(mailer.from.clone()).to(to).subject(&row.subject);
    if let Some(key) = &row.message_key {
        builder = builder.message_id(Some(format!("<{key}@{}>", mailer.from.email.domain())));
    }
    let body = MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
    let body = match (row.customer_id, row.invoice_id) {
        (Some(customer_id), Some(invoice_id)) => {
            // Rendered now, not stored: a document never changes once issued.
            let file = documents::pdf(state, customer_id, invoice_id)
                .await
                .map_err(|e| (format!("attachment: {e}"), false))?;
            let pdf =
                ContentType::parse("application/pdf").map_err(|e| refuse("pdf", format!("{e}")))?;
            MultiPart::mixed()
                .multipart(body)
                .singlepart(Attachment::new(file.file_name).body(file.bytes, pdf))
        }
        _ => body,
    };
    builder.multipart(body).map_err(|e| refuse("message", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_a_minute_up_to_six_hours() {
        let minutes: Vec<i64> = (1..=11).map(|a| back_off(a).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);
    }

    #[test]
    fn the_password_never_reaches_a_message() {
        assert_eq!(redact("smtps://me:secret@mail.example:465"), "smtps://***@mail.example:465");
        assert_eq!(redact("smtp://127.0.0.1:1025"), "smtp://127.0.0.1:1025");
    }
}
