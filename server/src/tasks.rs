//! Background work that runs beside the web server: the job runner, the e-mail sender and
//! housekeeping.

use app::server::context::AppState;
use app::server::housekeeping;
use app::server::mail::delivery::{Mailer, deliver_due};
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
