//! A service's own page (seeds 002 and 003): what it is and its last known state, what can be
//! done with it, and its orders. Servers get tabs (details, network, traffic) in the URL, so
//! each tab is a link that works without JavaScript.
//!
//! The page never waits for a data centre or registry: it shows the state stored by the last
//! finished operation, with its age, and while an operation runs an island follows it and
//! reloads the page when it has finished.

use super::progress::FollowProgress;
use super::{domain, renewal, server, simple, traffic};
use crate::api::orders::CancelOrder;
use crate::api::services::IncreaseSpace;
use crate::api::services::{RequestOperation, SetAutoRenew, get_service};
use crate::components::errors::ErrorNotice;
use crate::components::service_status::ServiceStatusBadge;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::service_detail::{ServiceDetail, ServiceInfo};
use crate::model::{AppError, TrafficPeriod};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The forms of the page. Rendered on the server: each posts, and the server sends the
/// browser back to the page (or, for a new order, to the order); a refusal comes back with
/// the page and shows beside the form that caused it.
#[derive(Clone, Copy)]
pub(crate) struct Actions {
    pub operation: ServerAction<RequestOperation>,
    pub auto_renew: ServerAction<SetAutoRenew>,
    pub increase_space: ServerAction<IncreaseSpace>,
    pub cancel: ServerAction<CancelOrder>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Details,
    Network,
    Traffic,
}

impl Tab {
    fn parse(s: Option<&str>) -> Tab {
        match s {
            Some("network") => Tab::Network,
            Some("traffic") => Tab::Traffic,
            _ => Tab::Details,
        }
    }
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())));
    let tab = Memo::new(move |_| query.with(|q| Tab::parse(q.get("tab").as_deref())));
    let period = Memo::new(move |_| {
        query.with(|q| {
            q.get("period").and_then(|p| TrafficPeriod::parse(&p)).unwrap_or(TrafficPeriod::Day)
        })
    });
    let actions = Actions {
        operation: ServerAction::new(),
        auto_renew: ServerAction::new(),
        increase_space: ServerAction::new(),
        cancel: ServerAction::new(),
    };
    let service = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_service(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );

    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match service.await {
                    Ok(detail) => view! { <Service detail tab=tab.get() period actions/> }.into_any(),
                    Err(error) => view! {
                        <Title text=format!("{} · Portico", t.services.all_services)/>
                        <ErrorNotice error/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Service(
    detail: ServiceDetail,
    tab: Tab,
    period: Memo<TrafficPeriod>,
    actions: Actions,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let is_server = matches!(detail.info, ServiceInfo::Server(_));
    let subtitle = detail.domain.clone().filter(|d| *d != detail.name);
    let age = (t.services.minutes_ago)(detail.state_age_minutes);
    let base = format!("/services/{}", detail.id);
    let body = match (&detail.info, tab) {
        (ServiceInfo::Server(info), Tab::Network) => {
            view! { <server::Network id=detail.id info=info.clone() busy=detail.busy()/> }
                .into_any()
        }
        (ServiceInfo::Server(_), Tab::Traffic) => {
            view! { <traffic::Traffic id=detail.id period base=base.clone()/> }.into_any()
        }
        (ServiceInfo::Server(info), Tab::Details) => {
            view! { <server::Details detail=detail.clone() info=info.clone() actions/> }.into_any()
        }
        (ServiceInfo::Storage(info), _) => {
            view! { <simple::Storage detail=detail.clone() info=info.clone() actions/> }.into_any()
        }
        (ServiceInfo::Hosting(info), _) => {
            view! { <simple::Hosting detail=detail.clone() info=info.clone() actions/> }.into_any()
        }
        (ServiceInfo::Ssl(info), _) => {
            view! { <simple::Ssl detail=detail.clone() info=info.clone() actions/> }.into_any()
        }
        (ServiceInfo::Domain(info), _) => {
            view! { <domain::Domain detail=detail.clone() info=info.clone() actions/> }.into_any()
        }
        (ServiceInfo::Other, _) => {
            view! { <renewal::Renewal detail=detail.clone() actions/> }.into_any()
        }
    };
    let show_orders = !(is_server && tab != Tab::Details);
    let busy = detail.busy();
    view! {
        <Title text=format!("{} · Portico", detail.name)/>
        <p class="breadcrumb">
            <a href="/services">{t.services.all_services}</a>
        </p>
        <header class="service-head" data-testid="service-head">
            <h1 class="page-title">
                {detail.name.clone()} " " <ServiceStatusBadge status=detail.status/>
            </h1>
            <p class="page-lead muted">
                {subtitle.map(|d| view! { <span>{d}</span> " · " })}
                <span>
                    {format::money(detail.price, lang)} " / " {t.services.billing_cycle(detail.cycle)}
                </span>
                " · "
                <span data-testid="state-age">{t.services.state_reported} ": " {age}</span>
            </p>
        </header>
        {busy.then(|| view! { <FollowProgress id=detail.id/> })}
        {is_server.then(|| view! { <Tabs base=base.clone() tab/> })}
        <div class="service-body">{body}</div>
        {show_orders.then(|| view! { <renewal::Orders orders=detail.orders.clone() cancel=actions.cancel/> })}
    }
}

#[component]
fn Tabs(base: String, tab: Tab) -> impl IntoView {
    let t = use_texts();
    let link = |target: Tab, query: &str, label: &'static str| {
        let href = format!("{base}{query}");
        let current = (tab == target).then_some("page");
        view! {
            <li>
                <a href=href class="tab" aria-current=current>{label}</a>
            </li>
        }
    };
    view! {
        <nav class="tabs" aria-label=t.services.tabs_label>
            <ul>
                {link(Tab::Details, "", t.tab_details)}
                {link(Tab::Network, "?tab=network", t.services.tab_network)}
                {link(Tab::Traffic, "?tab=traffic", t.services.tab_traffic)}
            </ul>
        </nav>
    }
}
