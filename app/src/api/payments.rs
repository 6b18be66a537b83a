//! Paying (`/invoices/{id}/pay`, `/payments/{id}`, seed 000): the payment step of a proforma,
//! opening a card payment at the gateway, and the page the gateway returns to.

use crate::model::AppError;
use crate::model::payments::{PayOptions, PaymentView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::context::{self, requester};
#[cfg(feature = "ssr")]
use crate::server::usecases;

#[server(endpoint = "pay_options")]
pub async fn get_pay_options(invoice_id: i64) -> Result<PayOptions, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    context::with_status(usecases::payments::options(&state, user.customer_id, invoice_id).await)
}

/// Opens a card payment and sends the browser to the gateway's page. `key` is the one the
/// payment step's form carries: the same form sent twice opens one payment.
#[server(endpoint = "pay_by_card")]
pub async fn pay_by_card(invoice_id: i64, key: String) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let started = usecases::payments::start_card(&state, &who, invoice_id, &key).await;
    if let Ok(url) = &started {
        leptos_axum::redirect(url);
    }
    context::with_status(started.map(drop))
}

#[server(endpoint = "payment")]
pub async fn get_payment(id: i64) -> Result<PaymentView, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    context::with_status(usecases::payments::view(&state.db, user.customer_id, id).await)
}
