//! The balance (`/balance`): what the customer holds, every movement of it, and topping it up.

use crate::model::AppError;
use crate::model::balance::BalanceView;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::model::{balance::BALANCE_HREF, refused};
#[cfg(feature = "ssr")]
use crate::server::{context, usecases};

#[server(endpoint = "balance")]
pub async fn get_balance(page: Option<u32>) -> Result<BalanceView, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    usecases::balance::view(&state, user.customer_id, page.unwrap_or(1)).await
}

/// Opens a card payment that tops the balance up by `amount` (as typed, in the customer's
/// currency) and sends the browser to the gateway's page; `key` is the form's.
#[server(endpoint = "top_up")]
pub async fn top_up(amount: String, key: String) -> Result<(), AppError> {
    let who = context::requester()?;
    let state = context::app_state()?;
    let started = usecases::payments::top_up::start(&state, &who, &amount, &key).await;
    if let Ok(url) = &started {
        leptos_axum::redirect(url);
    }
    let back = |code: &str| refused::href(BALANCE_HREF, &[("amount", &amount)], code);
    if context::sent_back_refused(&started, "amount", back) {
        return Ok(());
    }
    context::with_status(started.map(drop))
}
