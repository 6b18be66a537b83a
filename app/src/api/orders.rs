//! Orders (`/orders`, `/orders/{id}`, seeds 002 and 003): the list, one order, cancelling one
//! that awaits payment.

use crate::model::AppError;
use crate::model::service_detail::{OrderDetail, OrderPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::context::{self, requester};
#[cfg(feature = "ssr")]
use crate::server::usecases;

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
