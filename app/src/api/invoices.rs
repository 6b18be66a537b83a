//! Invoices (`/invoices`, `/invoices/{id}`, seed 002 "Rechnungen"): the list and one document.

use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::model::invoices::InvoiceFilter;
use crate::model::invoices::{InvoiceDetail, InvoicePage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{context, usecases};

/// `filter` is the list's URL value (`unpaid`, `paid`, `all`); anything else is `unpaid`.
#[server(endpoint = "invoices")]
pub async fn list_invoices(
    filter: Option<String>,
    page: Option<u32>,
) -> Result<InvoicePage, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let filter = InvoiceFilter::parse(filter.as_deref());
    let today = state.clock.today();
    Ok(usecases::invoices::list(&state.db, user.customer_id, filter, page.unwrap_or(1), today)
        .await?)
}

#[server(endpoint = "invoice")]
pub async fn get_invoice(id: i64) -> Result<InvoiceDetail, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let today = state.clock.today();
    context::with_status(usecases::invoices::detail(&state.db, user.customer_id, id, today).await)
}

/// Seed 002: deletes an unpaid proforma and cancels its order; a browser's form post is sent
/// back to the page it came from.
#[server(endpoint = "delete_proforma")]
pub async fn delete_proforma(id: i64) -> Result<(), AppError> {
    let who = context::requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::invoices::delete_proforma(&state, &who, id).await)
}
