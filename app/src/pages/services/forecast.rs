//! `/services/forecast`: the next twelve months, month by month, what falls due and what
//! renewing it costs per currency, with "Renew all of these" putting a month's next renewals
//! in the cart. Plain forms: it works without JavaScript.

use crate::api::cart::AddMonthToCart;
use crate::api::services::{ReplaceCalendarLink, get_calendar_link, get_forecast};
use crate::components::errors::{ActionError, ErrorNotice};
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::forecast::{Forecast, ForecastItem, ForecastMonth, month_value};
use chrono::Datelike;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForecastPage() -> impl IntoView {
    let t = use_texts();
    let forecast = Resource::new(|| (), |_| get_forecast());
    let link = Resource::new(|| (), |_| get_calendar_link());
    view! {
        <Title text=format!("{} · Portico", t.cart.forecast_title)/>
        <p class="breadcrumb"><a href="/services/renew">{t.cart.due_title}</a></p>
        <h1 class="page-title">{t.cart.forecast_title}</h1>
        <p class="page-lead muted">{t.cart.forecast_lead}</p>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match forecast.await {
                    Ok(forecast) => view! { <Months forecast/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                link.await.ok().map(|url| view! { <CalendarFeed url/> })
            })}
        </Suspense>
    }
}

/// The private calendar address (iCalendar): to copy into a calendar app, and to replace.
#[component]
fn CalendarFeed(url: Option<String>) -> impl IntoView {
    let t = use_texts();
    let replace = ServerAction::<ReplaceCalendarLink>::new();
    let has_url = url.is_some();
    view! {
        <section class="box" aria-labelledby="calendar-title" data-testid="calendar">
            <h2 class="box-title" id="calendar-title">{t.cart.calendar_title}</h2>
            <p class="muted">{t.cart.calendar_lead}</p>
            {url.map(|url| view! {
                <p class="field">
                    <label for="calendar-url">{t.cart.calendar_url_label}</label>
                    <input
                        id="calendar-url"
                        type="url"
                        readonly=true
                        value=url
                        class="calendar-url"
                        data-testid="calendar-url"
                    />
                </p>
            })}
            <ActionError action=replace/>
            <ActionForm action=replace>
                <button type="submit" class="btn btn--small btn--secondary" data-testid="calendar-replace">
                    {if has_url { t.cart.calendar_replace } else { t.cart.calendar_create }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Months(forecast: Forecast) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddMonthToCart>::new();
    if forecast.months.is_empty() {
        return view! {
            <p class="box empty-state" data-testid="forecast-empty">{t.cart.nothing_in_forecast}</p>
        }
        .into_any();
    }
    let months = forecast.months.into_iter().map(|m| month(m, add)).collect_view();
    view! {
        <ActionError action=add/>
        {months}
        <p><a class="btn btn--primary" href="/cart">{t.cart.go_to_cart}</a></p>
    }
    .into_any()
}

fn month(month: ForecastMonth, add: ServerAction<AddMonthToCart>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let name = t.cart.month_names[month.month.month0() as usize];
    let heading = (t.cart.month_heading)(name, month.month.year());
    let id = format!("month-{}", month_value(month.month));
    let totals = month
        .totals
        .iter()
        .map(
            |total| view! { <strong class="forecast-total">{format::money(*total, lang)}</strong> },
        )
        .collect_view();
    let addable = month.addable() > 0;
    let value = month_value(month.month);
    let rows = month.items.into_iter().map(item_row).collect_view();
    let (labelled_by, data_month) = (id.clone(), value.clone());
    view! {
        <section class="box" aria-labelledby=labelled_by data-testid="forecast-month" data-month=data_month>
            <div class="box-head">
                <h2 class="box-title" id=id>{heading.clone()}</h2>
                <span data-testid="forecast-totals">{totals}</span>
            </div>
            <table class="table forecast-table">
                <caption class="visually-hidden">{heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.cart.col_service}</th>
                        <th scope="col">{t.cart.col_due}</th>
                        <th scope="col" class="amount">{t.cart.col_price}</th>
                        <th scope="col"><span class="visually-hidden">{t.col_status}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {addable.then(|| view! {
                <ActionForm action=add>
                    <input type="hidden" name="month" value=value/>
                    <button type="submit" class="btn btn--small btn--secondary" data-testid="renew-month">
                        {t.cart.renew_month}
                    </button>
                </ActionForm>
            })}
        </section>
    }
}

fn item_row(item: ForecastItem) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let note = if item.awaiting {
        Some((t.cart.awaiting_payment, "badge badge--warning"))
    } else if item.in_cart {
        Some((t.cart.in_cart, "badge badge--ok"))
    } else if !item.next {
        Some((t.cart.later_renewal, "badge badge--muted"))
    } else {
        None
    };
    view! {
        <tr data-testid="forecast-item" data-service=item.service_id>
            <Cell label=t.cart.col_service>
                <a href=format!("/services/{}", item.service_id)>{item.label}</a>
            </Cell>
            <Cell label=t.cart.col_due>{format::date(item.due, lang)}</Cell>
            <Cell label=t.cart.col_price class="amount">{format::money(item.total, lang)}</Cell>
            <Cell label=t.col_status>
                {note.map(|(text, class)| view! { <span class=class>{text}</span> })}
            </Cell>
        </tr>
    }
}
