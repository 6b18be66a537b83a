//! `/services/renew` (seed 001 "renew services"): what falls due within a horizon (60 days
//! unless chosen), each with the price of a period, "Add to cart" per row and "Add all". Plain
//! forms: the page works without JavaScript, and a choice of horizon lives in the URL.

use crate::api::cart::{AddDueToCart, AddToCart};
use crate::api::services::get_due_services;
use crate::components::errors::{ActionError, ErrorNotice};
use crate::components::submit_on_change::SubmitOnChange;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::cart::{DUE_HORIZONS, DueRow, DueServices, due_horizon};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DueServicesPage() -> impl IntoView {
    let t = use_texts();
    let horizon = use_query_map()
        .with_untracked(|q| due_horizon(q.get("within").and_then(|v| v.parse().ok())));
    let due = Resource::new(move || horizon, |h| get_due_services(Some(h)));
    view! {
        <Title text=format!("{} · Portico", t.cart.due_title)/>
        <p class="breadcrumb"><a href="/services">{t.nav_services}</a></p>
        <h1 class="page-title">{t.cart.due_title}</h1>
        <p class="page-lead muted">{t.cart.due_lead}</p>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match due.await {
                    Ok(due) => view! { <DueList due/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DueList(due: DueServices) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddToCart>::new();
    let add_all = ServerAction::<AddDueToCart>::new();
    let DueServices { horizon_days, rows, cart_lines } = due;
    let addable = rows.iter().any(|r| !r.in_cart && r.awaiting_order_id.is_none());
    let table = if rows.is_empty() {
        view! {
            <p class="empty-state" data-testid="due-empty">{(t.cart.nothing_due)(horizon_days)}</p>
        }
        .into_any()
    } else {
        let rows = rows.into_iter().map(|row| due_row(row, add)).collect_view();
        view! {
            <table class="table due-table" data-testid="due-table">
                <caption class="visually-hidden">{t.cart.due_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.cart.col_service}</th>
                        <th scope="col">{t.cart.col_due}</th>
                        <th scope="col" class="amount">{t.cart.col_price}</th>
                        <th scope="col"><span class="visually-hidden">{t.col_actions}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <form method="get" action="/services/renew" class="filter-bar" data-testid="due-horizon">
            <SubmitOnChange>
                <div class="filter-field">
                    <label for="due-within">{t.cart.label_horizon}</label>
                    <select id="due-within" name="within">
                        {DUE_HORIZONS
                            .iter()
                            .map(|&days| view! {
                                <option value=days selected=days == horizon_days>
                                    {(t.cart.horizon_days)(days)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </SubmitOnChange>
            <button type="submit" class="btn btn--small btn--secondary">{t.cart.show}</button>
        </form>
        <section class="box">
            <ActionError action=add/>
            <ActionError action=add_all/>
            {table}
            <div class="button-row">
                {addable.then(|| view! {
                    <ActionForm action=add_all>
                        <input type="hidden" name="horizon" value=horizon_days/>
                        <button type="submit" class="btn btn--secondary" data-testid="add-all">
                            {t.cart.add_all}
                        </button>
                    </ActionForm>
                })}
                <a class="btn btn--secondary" href="/services/forecast" data-testid="forecast-link">
                    {t.cart.forecast_title}
                </a>
                {(cart_lines > 0).then(|| view! {
                    <a class="btn btn--primary" href="/cart" data-testid="go-to-cart">
                        {(t.cart.cart_count)(cart_lines)}
                    </a>
                })}
            </div>
        </section>
    }
}

fn due_row(row: DueRow, add: ServerAction<AddToCart>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let DueRow { service_id, label, due, days_left, months, total, in_cart, awaiting_order_id } =
        row;
    let add_label = (t.cart.add_named)(&label);
    let action = match (awaiting_order_id, in_cart) {
        (Some(order_id), _) => view! {
            <a class="btn btn--small btn--secondary" href=format!("/orders/{order_id}")>
                {t.cart.awaiting_payment}
            </a>
        }
        .into_any(),
        (None, true) => view! { <span class="badge badge--ok">{t.cart.in_cart}</span> }.into_any(),
        (None, false) => view! {
            <ActionForm action=add>
                <input type="hidden" name="service" value=service_id/>
                <button
                    type="submit"
                    class="btn btn--small btn--primary"
                    aria-label=add_label
                    data-testid="add-to-cart"
                >
                    {t.cart.add_to_cart}
                </button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <tr data-testid="due-row" data-service=service_id>
            <Cell label=t.cart.col_service>
                <a href=format!("/services/{service_id}")>{label}</a>
                <span class="muted small cell-note">{(t.services.period)(months)}</span>
            </Cell>
            <Cell label=t.cart.col_due>
                <span class:text-danger=days_left < 0>{format::date(due, lang)}</span>
                " " <span class="muted small">"(" {(t.days_left)(days_left)} ")"</span>
            </Cell>
            <Cell label=t.cart.col_price class="amount">{format::money(total, lang)}</Cell>
            <Cell label=t.col_actions>{action}</Cell>
        </tr>
    }
}
