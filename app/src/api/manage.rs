//! A service's page (seeds 002 and 003): its details, traffic, and what the customer can ask
//! of it. Every function takes the signed-in customer from the session and passes it to the
//! use case, which answers `NotFound` for anyone else's service.

use crate::model::AppError;
use crate::model::service_detail::{AccessData, ServiceDetail, TrafficChart};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::model::{Operation, TrafficPeriod};
#[cfg(feature = "ssr")]
use crate::server::{context, usecases, usecases::operations::Requester};

#[cfg(feature = "ssr")]
fn requester() -> Result<Requester, AppError> {
    let user = context::require_user()?;
    Ok(Requester { customer_id: user.customer_id, ip: context::client_meta().ip })
}

#[server(endpoint = "service")]
pub async fn get_service(id: i64) -> Result<ServiceDetail, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    context::with_status(usecases::service_detail::detail(&state, user.customer_id, id).await)
}

/// `period` as in the URL; anything unknown shows the day.
#[server(endpoint = "traffic")]
pub async fn get_traffic(id: i64, period: String) -> Result<TrafficChart, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let period = TrafficPeriod::parse(&period).unwrap_or(TrafficPeriod::Day);
    context::with_status(
        usecases::service_detail::traffic(&state, user.customer_id, id, period).await,
    )
}

/// Power actions, reinstall, reverse DNS and the domain operations. `op` is an
/// [`Operation`] name; `argument` the image, host name or nameservers.
#[server(endpoint = "request_operation")]
pub async fn request_operation(
    id: i64,
    op: String,
    argument: Option<String>,
) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let Some(op) = Operation::parse(&op) else {
        return context::with_status(Err(AppError::Invalid {
            field: "op".into(),
            code: "bad_request".into(),
        }));
    };
    context::with_status(
        usecases::operations::request(&state, &who, id, op, argument.as_deref()).await.map(drop),
    )
}

#[server(endpoint = "reveal_access")]
pub async fn reveal_access(id: i64) -> Result<AccessData, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::operations::reveal_access(&state, &who, id).await)
}

/// A domain's EPP code, once the registrar has sent it; each reveal is audit-logged.
#[server(endpoint = "reveal_epp_code")]
pub async fn reveal_epp_code(id: i64) -> Result<String, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::operations::reveal_epp_code(&state, &who, id).await)
}

/// `on` is the value the toggle switches to.
#[server(endpoint = "set_auto_renew")]
pub async fn set_auto_renew(id: i64, on: bool) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::operations::set_auto_renew(&state, &who, id, on).await)
}
