//! Orders (seed 002 "Aufträge"): every order with its plan, IP, period end, cost and status,
//! and one order with its lines and history.

use crate::api::orders::{CancelOrder, get_order, list_orders};
use crate::components::confirm::Confirm;
use crate::components::errors::ActionError;
use crate::components::errors::ErrorNotice;
use crate::components::facts::fact;
use crate::components::lines_table::LinesTable;
use crate::components::order_table::{CancelForm, OrderTable};
use crate::components::pager::Pager;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::OrderStatus;
use crate::model::payments::pay_href;
use crate::model::service_detail::{OrderDetail, OrderPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub mod domain;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1_u32))
    });
    let cancel = ServerAction::<CancelOrder>::new();
    let orders = Resource::new(move || page.get(), |p| list_orders(Some(p)));
    view! {
        <Title text=format!("{} · Portico", t.orders.orders_title)/>
        <h1 class="page-title">{t.orders.orders_title}</h1>
        <p class="page-lead muted">{t.orders.orders_lead}</p>
        <ActionError action=cancel/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(page) => view! { <OrderList page cancel/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderList(page: OrderPage, cancel: ServerAction<CancelOrder>) -> impl IntoView {
    let t = use_texts();
    if page.rows.is_empty() {
        return view! { <div class="empty-state"><p>{t.orders.no_orders}</p></div> }.into_any();
    }
    let OrderPage { rows, page, pages } = page;
    view! {
        <div data-testid="orders-table">
            <OrderTable orders=rows cancel compact=false/>
        </div>
        {(pages > 1)
            .then(|| {
                view! {
                    <Pager
                        page
                        pages
                        has_next=page < pages
                        href=|p| format!("/orders?page={p}")
                        test_id="orders-pager"
                    />
                }
            })}
    }
    .into_any()
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())));
    let cancel = ServerAction::<CancelOrder>::new();
    let order = Resource::new(
        move || (id.get(), cancel.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_order(id).await,
                None => Err(crate::model::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(detail) => view! { <Order detail cancel/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Order(detail: OrderDetail, cancel: ServerAction<CancelOrder>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let o = detail.order;
    let awaiting = o.status == OrderStatus::AwaitingPayment;
    let title = (t.orders.order_title)(&o.number);
    let history = detail
        .history
        .into_iter()
        .map(|e| {
            let label = match e.event.as_str() {
                "paid" => t.orders.event_paid,
                "cancelled" => t.orders.event_cancelled,
                _ => t.orders.event_created,
            };
            view! {
                <li data-testid="order-event" data-event=e.event.clone()>
                    <strong>{label}</strong> " " <span class="muted">{format::date(e.at.date_naive(), lang)} " " {e.at.format("%H:%M").to_string()} " UTC"</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{title} · Portico")/>
        <p class="breadcrumb"><a href="/orders">{t.orders.orders_title}</a></p>
        <h1 class="page-title" data-testid="order-title">
            {title.clone()} " "
            <span class=if awaiting { "badge badge--warning" } else { "badge badge--muted" } data-status=o.status.as_str()>
                {t.orders.order_status(o.status)}
            </span>
        </h1>
        <div class="detail-grid">
            <section class="box" aria-labelledby="order-facts">
                <h2 class="box-title" id="order-facts">{t.tab_details}</h2>
                <dl class="facts">
                    {fact(t.orders.col_type, t.orders.order_kind(o.kind))}
                    {fact(t.orders.col_date, format::date(o.ordered_on, lang))}
                    {o.plan.clone().map(|p| fact(t.orders.col_plan, p))}
                    {o.ip.clone().map(|ip| fact(t.orders.col_ip, ip))}
                    {o.period_end.map(|d| fact(t.orders.col_period_end, format::date(d, lang)))}
                    {fact(t.orders.col_cost, view! { <strong data-testid="order-total">{format::money(o.total, lang)}</strong> })}
                </dl>
                <div class="button-row">
                    {o.service_id.map(|id| view! { <a class="btn btn--secondary btn--small" href=format!("/services/{id}")>{t.orders.manage_service}</a> })}
                </div>
                {o.to_pay.clone().map(|proforma| view! {
                    <p>
                        <a class="btn btn--primary" href=pay_href(proforma.id) data-testid="pay"
                            aria-label=(t.payments.pay_document)(&proforma.number)>
                            {t.payments.pay}
                        </a>
                    </p>
                })}
                {awaiting.then(|| view! {
                    <Confirm
                        id="cancel-question".to_owned()
                        tone="btn btn--danger btn--small"
                        summary=t.orders.cancel_order.into_any()
                        question=t.orders.cancel_order_question
                    >
                        <CancelForm id=o.id cancel/>
                    </Confirm>
                })}
                <ActionError action=cancel/>
            </section>
            <section class="box" aria-labelledby="order-history">
                <h2 class="box-title" id="order-history">{t.orders.section_history}</h2>
                <ul class="plain-list" data-testid="order-history">{history}</ul>
            </section>
            <section class="box box--wide" aria-labelledby="order-lines">
                <h2 class="box-title" id="order-lines">{t.section_lines}</h2>
                <LinesTable lines=detail.lines reverse_charge=detail.reverse_charge/>
            </section>
        </div>
    }
}
