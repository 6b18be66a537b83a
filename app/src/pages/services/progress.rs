//! Following a running operation (an island): the page shows the operation as started, and
//! this asks for the service every 1.5 s; once nothing runs any more it reloads the page,
//! which then shows the outcome. Without JavaScript the customer reloads by hand.

use leptos::prelude::*;

#[island]
pub fn FollowProgress(id: i64) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    poll(id);
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[cfg(feature = "hydrate")]
fn poll(id: i64) {
    use crate::api::services::get_service;
    use crate::model::AppError;
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                match get_service(id).await {
                    Ok(detail) if detail.busy() => poll(id),
                    // A passing failure (the server restarting, a slow database): ask again.
                    Err(AppError::Internal { .. } | AppError::Busy) => poll(id),
                    // Finished, or the page has nothing more to show (signed out, gone): the
                    // reloaded page says which.
                    _ => {
                        let _ = window().location().reload();
                    }
                }
            });
        },
        std::time::Duration::from_millis(1500),
    );
}
