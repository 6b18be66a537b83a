//! Paying (`/invoices/{id}/pay`, `/payments/{id}`, seed 000): the payment step of a proforma,
//! opening a card payment at the gateway, and the page the gateway returns to.

use crate::model::AppError;
use crate::model::payments::{PayAllView, PayLinkView, PayOptions, PaymentView};
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

/// Pays the proforma from the balance; the browser goes to the payment's page, which shows the
/// final invoice.
#[server(endpoint = "pay_from_balance")]
pub async fn pay_from_balance(invoice_id: i64) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let paid = usecases::payments::pay_from_balance(&state, &who, invoice_id).await;
    if let Ok(payment_id) = paid {
        leptos_axum::redirect(&crate::model::payments::payment_href(payment_id));
    }
    context::with_status(paid.map(drop))
}

#[server(endpoint = "payment")]
pub async fn get_payment(id: i64) -> Result<PaymentView, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let now = state.clock.now();
    context::with_status(usecases::payments::view(&state.db, user.customer_id, id, now).await)
}

/// Seed 002 "copy the link": makes the document's pay link (replacing any earlier one) and
/// returns its token; a browser's form post is sent back to the document, which shows the link
/// once.
#[server(endpoint = "create_pay_link")]
pub async fn create_pay_link(invoice_id: i64) -> Result<String, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let created = usecases::payments::links::create(&state, &who, invoice_id).await;
    if let Ok(token) = &created
        && context::plain_form_post()
    {
        leptos_axum::redirect(&format!("/invoices/{invoice_id}?pay_link={token}"));
    }
    context::with_status(created)
}

/// Public (no session): what a pay link shows.
#[server(endpoint = "pay_link")]
pub async fn get_pay_link(token: String) -> Result<PayLinkView, AppError> {
    let state = context::app_state()?;
    let ip = context::client_meta().ip;
    context::with_status(usecases::payments::links::view(&state, &token, ip.as_deref()).await)
}

/// Public (no session): pays a pay link's document by card; the browser goes to the gateway.
#[server(endpoint = "pay_by_link")]
pub async fn pay_by_link(token: String, key: String) -> Result<(), AppError> {
    let state = context::app_state()?;
    let ip = context::client_meta().ip;
    let started = usecases::payments::links::pay(&state, &token, &key, ip.as_deref()).await;
    if let Ok(url) = &started {
        leptos_axum::redirect(url);
    }
    context::with_status(started.map(drop))
}

/// Makes the customer's pay-all link for their unpaid documents (replacing any earlier one);
/// a browser's form post is sent back to the unpaid list, which shows the link once.
#[server(endpoint = "create_pay_all_link")]
pub async fn create_pay_all_link() -> Result<String, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let created = usecases::payments::pay_all::create(&state, &who).await;
    if let Ok(token) = &created
        && context::plain_form_post()
    {
        leptos_axum::redirect(&format!("/invoices?filter=unpaid&pay_all={token}"));
    }
    context::with_status(created)
}

/// Public (no session): what a pay-all link shows.
#[server(endpoint = "pay_all_link")]
pub async fn get_pay_all_link(token: String) -> Result<PayAllView, AppError> {
    let state = context::app_state()?;
    let ip = context::client_meta().ip;
    context::with_status(usecases::payments::pay_all::view(&state, &token, ip.as_deref()).await)
}

/// Public (no session): pays what a pay-all link still owes by card; the browser goes to the
/// gateway.
#[server(endpoint = "pay_all_by_link")]
pub async fn pay_all_by_link(token: String, key: String) -> Result<(), AppError> {
    let state = context::app_state()?;
    let ip = context::client_meta().ip;
    let started = usecases::payments::pay_all::pay(&state, &token, &key, ip.as_deref()).await;
    if let Ok(url) = &started {
        leptos_axum::redirect(url);
    }
    context::with_status(started.map(drop))
}
