//! Background work that runs beside the web server: the job runner, the e-mail sender, the
//! services' lifecycle, renewal reminders and housekeeping.

use app::server::context::AppState;
use app::server::mail::delivery::{Mailer, deliver_due};
use app::server::{housekeeping, lifecycle, reminders};
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

/// Queues the renewal reminders due today (see `app::server::reminders`) every ten minutes:
/// a reminder goes out within ten minutes of its day starting, or of the service becoming
/// due for it. Several instances may run this at once: each reminder's outbox key is unique.
pub fn spawn_reminders(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(600));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
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
