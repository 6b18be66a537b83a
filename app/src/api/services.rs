//! The services list (seed 001).

use crate::model::AppError;
use crate::model::views::ServicePage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::model::ServiceQuery;
#[cfg(feature = "ssr")]
use crate::server::{context, usecases};

/// The arguments are the page's URL query as typed: unknown values show the default view.
#[server(endpoint = "services")]
pub async fn list_services(
    status: Option<String>,
    page: Option<u32>,
    sort: Option<String>,
) -> Result<ServicePage, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let query = ServiceQuery::parse(status.as_deref(), sort.as_deref(), page);
    Ok(usecases::services::list(&state.db, user.customer_id, query).await?)
}
