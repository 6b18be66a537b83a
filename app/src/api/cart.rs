//! The cart (`/cart`, seed 001) and what fills it (`/services/renew`). Every function takes
//! the signed-in customer from the session; a line or service of anyone else answers
//! `NotFound`. A browser's plain form post (no JavaScript) is sent back to the page it came
//! from, or on to the cart, the proforma or the card page.

use crate::model::AppError;
use crate::model::cart::CartView;
use crate::model::renewal::PayWith;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::model::refused;
#[cfg(feature = "ssr")]
use crate::server::context::{self, requester};
#[cfg(feature = "ssr")]
use crate::server::usecases::{self, cart};

#[server(endpoint = "cart")]
pub async fn get_cart() -> Result<CartView, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(cart::view(&state, &who).await)
}

/// Puts a service's renewal in the cart, for `months` or its own cycle.
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(service: i64, months: Option<u32>) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(cart::add(&state, &who, service, months).await)
}

/// "Add all" of `/services/renew`: returns how many lines were added; a form post goes on to
/// the cart.
#[server(endpoint = "add_due_to_cart")]
pub async fn add_due_to_cart(horizon: Option<i64>) -> Result<usize, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let added = cart::add_due(&state, &who, horizon.unwrap_or_default()).await;
    if added.is_ok() && context::plain_form_post() {
        leptos_axum::redirect("/cart");
    }
    context::with_status(added)
}

/// "Renew all of these" on the forecast: `month` as `2027-03`. A form post goes on to the cart.
#[server(endpoint = "add_month_to_cart")]
pub async fn add_month_to_cart(month: String) -> Result<usize, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let Some(month) = crate::model::forecast::parse_month(&month) else {
        return context::with_status(Err(AppError::Invalid {
            field: "month".into(),
            code: "bad_request".into(),
        }));
    };
    let added = cart::add_month(&state, &who, month).await;
    if added.is_ok() && context::plain_form_post() {
        leptos_axum::redirect("/cart");
    }
    context::with_status(added)
}

#[server(endpoint = "set_cart_period")]
pub async fn set_cart_period(line: i64, months: u32) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(cart::set_period(&state, &who, line, months).await)
}

#[server(endpoint = "remove_from_cart")]
pub async fn remove_from_cart(line: i64) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(cart::remove(&state, &who, line).await)
}

#[server(endpoint = "apply_promo")]
pub async fn apply_promo(code: String) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let applied = cart::apply_promo(&state, &who, &code).await;
    let back = |reason: &str| refused::href("/cart", &[("code", &code)], reason);
    if context::sent_back_refused(&applied, "code", back) {
        return Ok(());
    }
    context::with_status(applied)
}

#[server(endpoint = "remove_promo")]
pub async fn remove_promo() -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(cart::remove_promo(&state, &who).await)
}

/// Checks the cart out and sends the browser on: to the card gateway's page when paying by
/// card (`key` makes a repeated form one order and one payment), else to the proforma.
#[server(endpoint = "checkout")]
pub async fn checkout(pay: PayWith, key: String) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let next = match cart::checkout::checkout(&state, &who, &key).await {
        Ok(ordered) if pay == PayWith::Card => {
            usecases::payments::start_card(&state, &who, ordered.proforma_id, &key).await
        }
        Ok(ordered) => Ok(format!("/invoices/{}", ordered.proforma_id)),
        Err(err) => Err(err),
    };
    if let Ok(url) = &next {
        leptos_axum::redirect(url);
    }
    context::with_status(next.map(drop))
}
