//! Orders (`/orders`, `/orders/{id}`, seeds 002 and 003): the list, one order, cancelling one
//! that awaits payment; and a domain order in steps (`/orders/domain`,
//! `/orders/continue/{id}`), each step stored as the customer leaves it.

use crate::model::AppError;
use crate::model::domain_order::DomainOrderView;
#[cfg(feature = "ssr")]
use crate::model::domain_order::{Registrant, Step};
use crate::model::service_detail::{OrderDetail, OrderPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::model::refused;
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

/// The domain order's search (`/orders/domain`): starts a registration or a transfer of the
/// name and sends the browser to its first step.
#[server(endpoint = "start_domain_order")]
pub async fn start_domain_order(domain: String) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let started = usecases::orders::domain::start(&state, &who, &domain).await;
    if let Ok(id) = &started {
        leptos_axum::redirect(&crate::model::domain_order::continue_href(*id));
    }
    let back = |reason: &str| refused::href("/orders/domain", &[("domain", &domain)], reason);
    if context::sent_back_refused(&started, "domain", back) {
        return Ok(());
    }
    context::with_status(started.map(drop))
}

/// An order in steps at `step` (a step it can open), else where it continues.
#[server(endpoint = "domain_order")]
pub async fn get_domain_order(id: i64, step: Option<i32>) -> Result<DomainOrderView, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let step = step.and_then(Step::from_number);
    context::with_status(usecases::orders::domain::view(&state, &who, id, step).await)
}

#[server(endpoint = "save_domain_period")]
pub async fn save_domain_period(id: i64, years: u32) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let saved = usecases::orders::domain::save_period(&state, &who, id, years).await;
    continue_after(id, saved)
}

#[server(endpoint = "save_domain_registrant")]
pub async fn save_domain_registrant(
    id: i64,
    name: String,
    email: String,
    phone: String,
    address: String,
) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let registrant = Registrant { name, email, phone, address };
    let saved = usecases::orders::domain::save_registrant(&state, &who, id, registrant).await;
    continue_after(id, saved)
}

#[server(endpoint = "save_domain_nameservers")]
pub async fn save_domain_nameservers(id: i64, nameservers: String) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let saved = usecases::orders::domain::save_nameservers(&state, &who, id, &nameservers).await;
    continue_after(id, saved)
}

/// The review's "Add to cart": the domain goes into the cart, and the browser with it.
#[server(endpoint = "finish_domain_order")]
pub async fn finish_domain_order(id: i64) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let finished = usecases::orders::domain::finish(&state, &who, id).await;
    if finished.is_ok() {
        leptos_axum::redirect("/cart");
    }
    context::with_status(finished)
}

/// After a step is saved the browser opens the order again, at its next step.
#[cfg(feature = "ssr")]
fn continue_after(id: i64, saved: Result<(), AppError>) -> Result<(), AppError> {
    if saved.is_ok() {
        leptos_axum::redirect(&crate::model::domain_order::continue_href(id));
    }
    context::with_status(saved)
}
