//! Background housekeeping that runs beside the web server.

use app::server::context::AppState;
use app::server::entities::sessions;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::Duration;

/// Deletes sessions past their absolute expiry every ten minutes. Idle ones are removed when
/// presented; this keeps abandoned ones from piling up. Sign-in limit buckets whose window is
/// over go too (spraying many e-mails leaves one per address).
pub fn spawn_session_sweeper(state: AppState) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(600));
        loop {
            interval.tick().await;
            let now = state.clock.now();
            if let Err(err) = sessions::Entity::delete_many()
                .filter(sessions::Column::ExpiresAt.lt(now))
                .exec(&state.db)
                .await
            {
                tracing::warn!("session sweep failed: {err}");
            }
            if let Err(err) = app::server::usecases::login::limits::sweep(&state.db, now).await {
                tracing::warn!("sign-in limit sweep failed: {err}");
            }
        }
    });
}

/// Steps the background jobs (operations on servers and domains) once a second. Several
/// instances may run this at once: jobs are claimed with leases.
pub fn spawn_job_runner(state: AppState) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(err) = app::server::jobs::run_due(&state).await {
                tracing::warn!("job runner: {err}");
            }
        }
    });
}
