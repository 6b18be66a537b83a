//! Background work that runs beside the web server: the job runner and housekeeping.

use app::server::context::AppState;
use app::server::housekeeping;
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

/// Marks the runner stopped when its task ends: returned, panicked or aborted.
struct MarkStoppedOnDrop(Arc<app::server::jobs::RunnerHealth>);

impl Drop for MarkStoppedOnDrop {
    fn drop(&mut self) {
        self.0.stopped();
    }
}
