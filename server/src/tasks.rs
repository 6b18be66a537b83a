//! Background work that runs beside the web server: the job runner, the e-mail sender, the
//! services' lifecycle, automatic renewal, renewal reminders and housekeeping.

use app::server::context::AppState;
use app::server::mail::delivery::{Mailer, deliver_due};
use app::server::{auto_renew, housekeeping, lifecycle, reminders};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// Deletes what has outlived its use every ten minutes (see `housekeeping::sweep`).
pub fn spawn_housekeeping(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(600));
        loop {
            interval.tick().await;
            match housekeeping::sweep(&state.db, state.clock.now()).await {
                Ok(swept) if swept.total() > 0 => tracing::info!("housekeeping: {swept}"),
                Ok(_) => {}
                Err(err) => tracing::warn!("housekeeping failed: {err}"),
            }
        }
    })
}

/// Moves services along their lifecycle and lapses renewals left unpaid past their step
/// (see `app::server::lifecycle`) once a minute, so a service is expired, suspended or deleted
/// within a minute of its day starting. Several instances may run this at once: every change
/// is a conditional update, made once.
pub fn spawn_lifecycle(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(60));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            match lifecycle::advance(&state).await {
                Ok(done) if done.total() > 0 => tracing::info!("lifecycle: {done}"),
                Ok(_) => {}
                Err(err) => tracing::warn!("lifecycle: {err}"),
            }
        }
    })
}

/// Every ten minutes: renews from the balance the services due for automatic renewal (see
/// `app::server::auto_renew`), then queues the renewal reminders due today (see
/// `app::server::reminders`). Several instances may run this at once: a renewal is paid once
/// (row locks and conditional updates) and each e-mail's outbox key is unique.
pub fn spawn_renewals(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(600));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            match auto_renew::run(&state).await {
                Ok(done) if done.renewed + done.not_covered > 0 => tracing::info!(
                    renewed = done.renewed,
                    not_covered = done.not_covered,
                    "automatic renewal"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!("automatic renewal: {err:?}"),
            }
            match reminders::send_due(&state).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!("renewal reminders: {queued} queued"),
                Err(err) => tracing::warn!("renewal reminders: {err}"),
            }
        }
    })
}

/// Steps the background jobs (operations on servers and domains) once a second. Several
/// instances may run this at once: jobs are claimed with leases. `/healthz` answers 503 once
/// this task has ended, however it ended.
pub fn spawn_job_runner(state: AppState) -> JoinHandle<()> {
    state.runner.started();
    tokio::spawn(async move {
        let _health = MarkStoppedOnDrop(state.runner.clone());
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(err) = app::server::jobs::run_due(&state).await {
                tracing::warn!("job runner: {err}");
            }
        }
    })
}

/// Sends the e-mail outbox every two seconds. Several instances may run this at once:
/// messages are claimed with leases (see `mail::delivery`).
pub fn spawn_mail_sender(state: AppState, mailer: Mailer) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(2));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            match deliver_due(&state, &mailer).await {
                Ok(done) if done.total() > 0 => tracing::info!(
                    sent = done.sent,
                    retrying = done.retrying,
                    failed = done.failed,
                    "e-mail outbox"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!("e-mail outbox: {err}"),
            }
        }
    })
}

/// Marks the runner stopped when its task ends: returned, panicked or aborted.
struct MarkStoppedOnDrop(Arc<app::server::jobs::RunnerHealth>);

impl Drop for MarkStoppedOnDrop {
    fn drop(&mut self) {
        self.0.stopped();
    }
}
