use crate::model::AppError;
use crate::model::views::Dashboard;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{context, usecases};

#[server(endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    Ok(usecases::dashboard::load(&state.db, user.customer_id, state.clock.today()).await?)
}

#[server(endpoint = "delete_abandoned_order")]
pub async fn delete_abandoned_order(id: i64) -> Result<(), AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let ip = context::client_meta().ip;
    context::with_status(
        usecases::dashboard::delete_abandoned_order(&state, user.customer_id, id, ip).await,
    )
}
