//! Deletes what has outlived its use, so tables do not grow without bound and personal data
//! (IP addresses, user agents) is not kept longer than it serves a purpose.

use super::entities::{jobs, login_events, sessions};
use super::usecases::account::limits;
use crate::model::JobStatus;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Sign-in history is kept this long: long enough for "last sign-ins" and for looking into
/// an incident, not longer.
pub const LOGIN_EVENTS_KEPT: TimeDelta = TimeDelta::days(90);
/// Finished operations are kept this long; the service page shows the recent ones.
pub const FINISHED_JOBS_KEPT: TimeDelta = TimeDelta::days(30);

/// How many rows one sweep deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub login_events: u64,
    pub jobs: u64,
    pub sign_in_limits: u64,
}

impl Swept {
    pub fn total(&self) -> u64 {
        self.sessions + self.login_events + self.jobs + self.sign_in_limits
    }
}

impl std::fmt::Display for Swept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} expired sessions, {} old sign-in events, {} finished jobs, {} ended sign-in \
             limit windows deleted",
            self.sessions, self.login_events, self.jobs, self.sign_in_limits
        )
    }
}

/// Deletes sessions past their absolute expiry (idle ones are removed when presented), sign-in
/// events older than [`LOGIN_EVENTS_KEPT`], finished jobs older than [`FINISHED_JOBS_KEPT`],
/// and sign-in limit buckets whose window is over (spraying many e-mails leaves one each).
pub async fn sweep(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Swept, DbErr> {
    let sessions =
        sessions::Entity::delete_many().filter(sessions::Column::ExpiresAt.lt(now)).exec(conn);
    let sessions = sessions.await?.rows_affected;
    let login_events = login_events::Entity::delete_many()
        .filter(login_events::Column::OccurredAt.lt(now - LOGIN_EVENTS_KEPT))
        .exec(conn)
        .await?
        .rows_affected;
    let jobs = jobs::Entity::delete_many()
        .filter(jobs::Column::Status.is_in([JobStatus::Done, JobStatus::Failed]))
        .filter(jobs::Column::UpdatedAt.lt(now - FINISHED_JOBS_KEPT))
        .exec(conn)
        .await?
        .rows_affected;
    let sign_in_limits = limits::sweep(conn, now).await?;
    Ok(Swept { sessions, login_events, jobs, sign_in_limits })
}
