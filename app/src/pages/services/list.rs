//! The services list (seed 001): actions, a status filter, and everything the customer bought,
//! one page at a time. The view lives in the URL, so filter and pages work without JavaScript.

use crate::api::services::list_services;
use crate::components::errors::ErrorNotice;
use crate::components::pager::Pager;
use crate::components::service_status::ServiceStatusBadge;
use crate::components::submit_on_change::SubmitOnChange;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{Texts, use_lang, use_texts};
use crate::model::service_detail::renewable;
use crate::model::views::{ServicePage, ServiceRow};
use crate::model::{Lang, ServiceQuery, ServiceSort};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ServicesPage() -> impl IntoView {
    let t = use_texts();
    let url = use_query_map();
    // Rendered once on the server: a new view is a new page load.
    let query = url.with_untracked(|q| {
        ServiceQuery::from_url(
            q.get("status").as_deref(),
            q.get("sort").as_deref(),
            q.get("page").as_deref(),
        )
    });
    let services = Resource::new(
        move || query,
        |q| {
            list_services(
                q.status.map(|s| s.as_str().to_owned()),
                Some(q.page),
                Some(q.sort.as_str().to_owned()),
            )
        },
    );

    view! {
        <Title text=format!("{} · Portico", t.services.services_title)/>
        <h1 class="page-title">{t.services.services_title}</h1>
        <p class="page-lead muted">{t.services.services_lead}</p>
        <ServiceActions/>
        <ServiceFilter query/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match services.await {
                    Ok(page) => view! { <ServiceList page/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Seed 001 "Czynności": where to go from here. New orders and addons join when ordering
/// exists; until then only what works is offered.
#[component]
fn ServiceActions() -> impl IntoView {
    let t = use_texts();
    view! {
        <section
            class="box services-actions"
            aria-labelledby="services-actions-title"
            data-testid="services-actions"
        >
            <h2 class="box-title" id="services-actions-title">{t.services.services_actions}</h2>
            <ul class="action-links">
                <li>
                    <a class="btn btn--small btn--secondary" href="/services/renew">
                        {t.services.renew_services}
                    </a>
                </li>
                <li>
                    <a class="btn btn--small btn--secondary" href="/orders">{t.nav_orders}</a>
                </li>
                <li>
                    <a class="btn btn--small btn--secondary" href="/catalogue" data-testid="new-order">
                        {t.new_order}
                    </a>
                </li>
                <li>
                    <a class="btn btn--small btn--secondary" href="/catalogue/addons" data-testid="view-addons">
                        {t.view_addons}
                    </a>
                </li>
            </ul>
        </section>
    }
}

/// A GET form, so the filter works without JavaScript; with it, a new choice applies at once
/// and the button stays for keyboard users.
#[component]
fn ServiceFilter(query: ServiceQuery) -> impl IntoView {
    let t = use_texts();
    view! {
        <form method="get" action="/services">
            <SubmitOnChange>
            <div class="filter-bar" data-testid="services-filter">
                <div class="filter-field">
                    <label for="services-status">{t.services.filter_view}</label>
                    <select
                        id="services-status"
                        name="status"
                    >
                        <option value="" selected=query.status.is_none()>
                            {t.services.filter_all}
                        </option>
                        {ServiceQuery::STATUSES
                            .iter()
                            .map(|status| {
                                let status = *status;
                                view! {
                                    <option
                                        value=status.as_str()
                                        selected=query.status == Some(status)
                                    >
                                        {t.services.service_status(status)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="filter-field">
                    <label for="services-sort">{t.services.sort_by}</label>
                    <select id="services-sort" name="sort">
                        {ServiceSort::ALL
                            .iter()
                            .map(|sort| {
                                let sort = *sort;
                                view! {
                                    <option
                                        value=sort.as_str()
                                        selected=query.sort == sort
                                    >
                                        {sort_name(t, sort)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn--small btn--secondary">{t.services.show}</button>
            </div>
            </SubmitOnChange>
        </form>
    }
}

fn sort_name(t: &Texts, sort: ServiceSort) -> &'static str {
    match sort {
        ServiceSort::Due => t.services.col_next_due,
        ServiceSort::Name => t.col_name,
        ServiceSort::Status => t.col_status,
    }
}

#[component]
fn ServiceList(page: ServicePage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    if page.rows.is_empty() {
        return view! {
            <div class="empty-state" data-testid="services-empty">
                <p>{t.services.no_services}</p>
            </div>
        }
        .into_any();
    }
    let ServicePage { rows, query, pages, .. } = page;
    let rows = rows.into_iter().map(|row| service_row(t, lang, row)).collect_view();
    view! {
        <table class="table services-table" data-testid="services-table">
            <caption class="visually-hidden">{t.services.services_title}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.services.col_service}</th>
                    <th scope="col" class="amount">{t.services.col_price}</th>
                    <th scope="col">{t.services.col_next_due}</th>
                    <th scope="col">{t.col_status}</th>
                    <th scope="col">
                        <span class="visually-hidden">{t.col_actions}</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {(pages > 1)
            .then(|| {
                view! {
                    <Pager
                        page=query.page
                        pages
                        has_next=query.page < pages
                        href=move |p| query.with_page(p).href()
                        test_id="services-pager"
                    />
                }
            })}
    }
    .into_any()
}

fn service_row(t: &'static Texts, lang: Lang, s: ServiceRow) -> impl IntoView {
    let manage = format!("/services/{}", s.id);
    let name_href = manage.clone();
    // The domain says which of several same-named services ("SSL DV") this is.
    let other_domain = s.domain.clone().filter(|d| *d != s.name);
    let menu_label = match &other_domain {
        Some(domain) => (t.services.actions_for)(&format!("{} ({domain})", s.name)),
        None => (t.services.actions_for)(&s.name),
    };
    view! {
        <tr>
            // One wrapper per cell: on phones a cell is a flex row of label and content.
            <Cell label=t.services.col_service>
                <span>
                    // Clicking the service opens its management page (seed 001).
                    <a href=name_href>
                        <strong>{s.name.clone()}</strong>
                    </a>
                    {other_domain.map(|d| view! { <br/> <span class="muted">{d}</span> })}
                </span>
            </Cell>
            <Cell label=t.services.col_price class="amount">
                <span>
                    {format::money(s.price, lang)}
                    <span class="muted">{format!(" / {}", t.services.billing_cycle(s.cycle))}</span>
                </span>
            </Cell>
            <Cell label=t.services.col_next_due class="date">
                {match s.next_due_date {
                    Some(d) => format::date(d, lang).into_any(),
                    None => view! { <span class="muted">{t.services.no_due_date}</span> }.into_any(),
                }}
            </Cell>
            <Cell label=t.col_status>
                <ServiceStatusBadge status=s.status/>
            </Cell>
            <Cell label=t.col_actions class="actions">
                <RowMenu id=s.id label=menu_label manage renewable=renewable(s.kind, s.status)/>
            </Cell>
        </tr>
    }
}

/// The "three dots" menu (seed 001): a disclosure, so it opens without JavaScript. Invoices
/// and tickets join the menu when those areas exist.
#[component]
fn RowMenu(id: i64, label: String, manage: String, renewable: bool) -> impl IntoView {
    let t = use_texts();
    view! {
        <details class="row-menu">
            <summary class="btn btn--small btn--secondary" aria-label=label>
                "⋯"
            </summary>
            <ul class="row-menu-list">
                <li>
                    <a href=manage>{t.manage}</a>
                </li>
                {renewable
                    .then(|| {
                        view! {
                            <li>
                                <a href=format!("/services/{id}#renewal")>{t.renew}</a>
                            </li>
                        }
                    })}
                <li>
                    <a href=format!("/services/{id}#service-orders-title")>{t.nav_orders}</a>
                </li>
            </ul>
        </details>
    }
}
