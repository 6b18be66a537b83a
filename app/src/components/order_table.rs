//! The table of orders, shared by the orders list and a service's own orders (seed 003), and
//! the confirmed cancel form of an order that awaits payment.

use crate::api::orders::CancelOrder;
use crate::components::confirm::Confirm;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::OrderStatus;
use crate::model::payments::pay_href;
use crate::model::service_detail::OrderRow;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The orders table of the orders page and of a service's page. `compact` leaves out the
/// columns that repeat the service (plan, IP, period end).
#[component]
pub fn OrderTable(
    orders: Vec<OrderRow>,
    cancel: ServerAction<CancelOrder>,
    compact: bool,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let rows = orders
        .into_iter()
        .map(|o| {
            let awaiting = o.status == OrderStatus::AwaitingPayment;
            let question = format!("cancel-order-{}", o.id);
            let number = o.number.clone();
            let shown_number = o.number.clone();
            let href = format!("/orders/{}", o.id);
            view! {
                <tr data-testid="order-row" data-number=o.number.clone()>
                    <Cell label=t.col_number>
                        <a href=href>{shown_number}</a>
                    </Cell>
                    <Cell label=t.orders.col_type>{t.orders.order_kind(o.kind)}</Cell>
                    {(!compact)
                        .then(|| {
                            view! {
                                <Cell label=t.orders.col_plan>
                                    {match (o.plan.clone(), o.service_id) {
                                        (Some(plan), Some(id)) => view! { <a href=format!("/services/{id}")>{plan}</a> }.into_any(),
                                        _ => view! { <span class="muted">"–"</span> }.into_any(),
                                    }}
                                </Cell>
                                <Cell label=t.orders.col_ip>{o.ip.clone().unwrap_or_default()}</Cell>
                                <Cell label=t.orders.col_period_end class="date">
                                    {o.period_end.map(|d| format::date(d, lang))}
                                </Cell>
                            }
                        })}
                    <Cell label=t.orders.col_date class="date">{format::date(o.ordered_on, lang)}</Cell>
                    <Cell label=t.orders.col_cost class="amount">{format::money(o.total, lang)}</Cell>
                    <Cell label=t.col_status>
                        <span
                            class=if awaiting { "badge badge--warning" } else { "badge badge--muted" }
                            data-status=o.status.as_str()
                        >
                            {t.orders.order_status(o.status)}
                        </span>
                    </Cell>
                    <Cell label=t.col_actions class="actions">
                        // Seed 002: manage the service, or renew it (its renewal box).
                        {o.service_id
                            .filter(|_| !compact && !awaiting)
                            .map(|id| {
                                view! {
                                    <a class="btn btn--small btn--secondary" href=format!("/services/{id}")>
                                        {t.manage}
                                    </a>
                                    <a class="btn btn--small btn--secondary" href=format!("/services/{id}#renewal")>
                                        {t.renew}
                                    </a>
                                }
                            })}
                        {awaiting
                            .then(|| {
                                view! {
                                    // The payment step of its proforma (an old order without one:
                                    // its page).
                                    <a class="btn btn--small btn--primary" href=o.to_pay.as_ref().map_or_else(|| format!("/orders/{}", o.id), |p| pay_href(p.id))>
                                        {t.orders.pay}
                                    </a>
                                    <Confirm
                                        id=question
                                        tone="btn btn--danger btn--small"
                                        summary=view! {
                                            {t.orders.cancel_order}
                                            <span class="visually-hidden">" " {number}</span>
                                        }
                                            .into_any()
                                        question=t.orders.cancel_order_question
                                    >
                                        <CancelForm id=o.id cancel/>
                                    </Confirm>
                                }
                            })}
                    </Cell>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table orders-table">
            <caption class="visually-hidden">{t.orders.orders_title}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.col_number}</th>
                    <th scope="col">{t.orders.col_type}</th>
                    {(!compact)
                        .then(|| {
                            view! {
                                <th scope="col">{t.orders.col_plan}</th>
                                <th scope="col">{t.orders.col_ip}</th>
                                <th scope="col">{t.orders.col_period_end}</th>
                            }
                        })}
                    <th scope="col">{t.orders.col_date}</th>
                    <th scope="col" class="amount">{t.orders.col_cost}</th>
                    <th scope="col">{t.col_status}</th>
                    <th scope="col">
                        <span class="visually-hidden">{t.col_actions}</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The form behind "cancel the order" (seed 003: confirmed first).
#[component]
pub fn CancelForm(id: i64, cancel: ServerAction<CancelOrder>) -> impl IntoView {
    let t = use_texts();
    view! {
        <ActionForm action=cancel>
            <input type="hidden" name="id" value=id/>
            <button type="submit" class="btn btn--danger btn--small">{t.orders.cancel_order_confirm}</button>
        </ActionForm>
    }
}
