//! Orders (seeds 002 and 003): the list, one order, cancelling and renewing.

use crate::model::AppError;
use crate::model::service_detail::{OrderDetail, OrderPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{context, usecases, usecases::operations::Requester};

#[cfg(feature = "ssr")]
fn requester() -> Result<Requester, AppError> {
    let user = context::require_user()?;
    Ok(Requester { customer_id: user.customer_id, ip: context::client_meta().ip })
}

#[server(endpoint = "orders")]
pub async fn list_orders(page: Option<u32>) -> Result<OrderPage, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    Ok(usecases::orders::list(&state.db, user.customer_id, page.unwrap_or(1)).await?)
}

#[server(endpoint = "order")]
pub async fn get_order(id: i64) -> Result<OrderDetail, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    context::with_status(usecases::orders::detail(&state.db, user.customer_id, id).await)
}

#[server(endpoint = "cancel_order")]
pub async fn cancel_order(id: i64) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::orders::cancel(&state, &who, id).await)
}

/// Returns the renewal order's id; the page then opens it.
#[server(endpoint = "renew_service")]
pub async fn renew_service(id: i64) -> Result<i64, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::orders::renew(&state, &who, id).await)
}

/// Seed 003 "increase space": returns the upgrade order's id; the page then opens it.
#[server(endpoint = "increase_space")]
pub async fn increase_space(id: i64) -> Result<i64, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::orders::increase_space(&state, &who, id).await)
}
