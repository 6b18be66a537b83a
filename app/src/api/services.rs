//! A customer's services (`/services`, `/services/{id}`, seeds 001-003): the list, one
//! service's page with its traffic, the operations asked of it, access data and the EPP code
//! on request, automatic renewal, renewing and more space. Every function takes the signed-in
//! customer from the session and passes it to the use case, which answers `NotFound` for
//! anyone else's service.

use crate::model::AppError;
use crate::model::cart::DueServices;
use crate::model::forecast::Forecast;
use crate::model::renewal::{PayWith, RenewalOptions};
use crate::model::service_detail::{AccessData, ServiceDetail, TrafficChart};
use crate::model::views::ServicePage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::model::{Operation, ServiceQuery, TrafficPeriod, refused};
#[cfg(feature = "ssr")]
use crate::server::context::{self, requester};
#[cfg(feature = "ssr")]
use crate::server::usecases;

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
    Ok(usecases::services::list::list(&state.db, user.customer_id, query).await?)
}

#[server(endpoint = "service")]
pub async fn get_service(id: i64) -> Result<ServiceDetail, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    context::with_status(usecases::services::detail::detail(&state, user.customer_id, id).await)
}

/// `/services/renew`: what falls due within `horizon` days (the URL's; an unknown one shows
/// the default).
#[server(endpoint = "due_services")]
pub async fn get_due_services(horizon: Option<i64>) -> Result<DueServices, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::services::due::list(&state, &who, horizon).await)
}

/// `/services/forecast`: the next twelve months' renewals and their cost.
#[server(endpoint = "forecast")]
pub async fn get_forecast() -> Result<Forecast, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::services::due::forecast(&state, &who).await)
}

/// The address of the customer's private calendar feed, if they have made one.
#[server(endpoint = "calendar_link")]
pub async fn get_calendar_link() -> Result<Option<String>, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let token = usecases::services::calendar::token(&state, &who).await;
    context::with_status(token.map(|t| t.map(|t| calendar_url(&t))))
}

/// Makes the calendar feed's address, or replaces it (the old one stops working).
#[server(endpoint = "replace_calendar_link")]
pub async fn replace_calendar_link() -> Result<String, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let token = usecases::services::calendar::replace(&state, &who).await;
    context::with_status(token.map(|t| calendar_url(&t)))
}

#[cfg(feature = "ssr")]
fn calendar_url(token: &str) -> String {
    format!("{}{}", context::public_origin(), usecases::services::calendar::path(token))
}

/// `period` as in the URL; anything unknown shows the day.
#[server(endpoint = "traffic")]
pub async fn get_traffic(id: i64, period: String) -> Result<TrafficChart, AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let period = TrafficPeriod::parse(&period).unwrap_or(TrafficPeriod::Day);
    context::with_status(
        usecases::services::detail::traffic(&state, user.customer_id, id, period).await,
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
    let requested =
        usecases::services::operations::request(&state, &who, id, op, argument.as_deref())
            .await
            .map(drop);
    // A refused host name or nameserver list goes back to its editor with what was typed
    // (the field's name, and the tab the editor is on).
    let editor = match op {
        Operation::ReverseDns => Some(("hostname", Some(("tab", "network")))),
        Operation::Nameservers => Some(("nameservers", None)),
        _ => None,
    };
    if let Some((field, tab)) = editor {
        let typed = argument.as_deref().unwrap_or_default();
        let back = |reason: &str| {
            let fields: Vec<_> = tab.into_iter().chain([(field, typed)]).collect();
            refused::href(&format!("/services/{id}"), &fields, reason)
        };
        if context::sent_back_refused(&requested, field, back) {
            return Ok(());
        }
    }
    context::with_status(requested)
}

#[server(endpoint = "reveal_access")]
pub async fn reveal_access(id: i64) -> Result<AccessData, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::services::operations::reveal_access(&state, &who, id).await)
}

/// A domain's EPP code, once the registrar has sent it; each reveal is audit-logged.
#[server(endpoint = "reveal_epp_code")]
pub async fn reveal_epp_code(id: i64) -> Result<String, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::services::operations::reveal_epp_code(&state, &who, id).await)
}

/// `on` is the value the toggle switches to.
#[server(endpoint = "set_auto_renew")]
pub async fn set_auto_renew(id: i64, on: bool) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::services::operations::set_auto_renew(&state, &who, id, on).await)
}

/// The renewal page of a service (seed 000): the periods with their prices, how to pay, and
/// a renewal already awaiting payment.
#[server(endpoint = "renewal_options")]
pub async fn get_renewal_options(id: i64) -> Result<RenewalOptions, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(usecases::services::renewal::options(&state, &who, id).await)
}

/// Renews a service for `months` (seed 000) and sends the browser on: to the card gateway's
/// page when paying by card (`key`, as on the payment step, makes a repeated form open one
/// payment), else to the proforma. A renewal already awaiting payment is the one paid.
#[server(endpoint = "renew_service")]
pub async fn renew_service(
    id: i64,
    months: u32,
    pay: PayWith,
    key: String,
) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let next = match usecases::services::renewal::renew(&state, &who, id, months).await {
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

/// Seed 003 "increase space": returns the upgrade order's id; a browser's form post is sent
/// on to the order.
#[server(endpoint = "increase_space")]
pub async fn increase_space(id: i64) -> Result<i64, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let ordered = usecases::services::renewal::increase_space(&state, &who, id).await;
    open_order(ordered.map(|o| o.order_id))
}

#[cfg(feature = "ssr")]
fn open_order(created: Result<i64, AppError>) -> Result<i64, AppError> {
    if let Ok(order_id) = created
        && context::plain_form_post()
    {
        leptos_axum::redirect(&format!("/orders/{order_id}"));
    }
    context::with_status(created)
}
