//! Renewal (seed 003): expiry in red from 90 days before, the automatic renewal toggle, the
//! renew button only while automatic renewal is off; and the orders of the service.

use super::{ActionError, Actions, fact};
use crate::api::orders::CancelOrder;
use crate::components::confirm::Confirm;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::OrderStatus;
use crate::model::service_detail::{OrderRow, ServiceDetail, renewable};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn Renewal(detail: ServiceDetail, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let m = t.m;
    let lang = use_lang();
    let id = detail.id;
    let warn = detail.expiry_warning();
    let expires = detail.expires_on.map(|d| {
        view! {
            <span class:text-danger=warn data-testid="expiry" data-warning=warn.to_string()>
                {format::date(d, lang)}
                {detail.days_left.map(|n| view! { " " <span class="muted">"(" {(t.days_left)(n)} ")"</span> })}
            </span>
        }
    });
    let next_due = detail.next_due_date.map(|d| format::date(d, lang));
    let on = detail.auto_renew;
    let can_change = renewable(detail.status);
    view! {
        <section class="box" aria-labelledby="renewal-title" data-testid="renewal" id="renewal">
            <h2 class="box-title" id="renewal-title">{m.section_renewal}</h2>
            <dl class="facts">
                {expires.map(|e| fact(m.label_expires, e))}
                {next_due.map(|d| fact(m.label_next_due, d))}
                {fact(
                    m.auto_renew,
                    view! {
                        <span
                            class=if on { "badge badge--ok" } else { "badge badge--muted" }
                            data-testid="auto-renew-state"
                        >
                            {if on { m.auto_renew_active } else { m.auto_renew_inactive }}
                        </span>
                    },
                )}
            </dl>
            <div class="button-row">
                {can_change
                    .then(|| {
                        view! {
                            <ActionForm action=actions.auto_renew>
                                <input type="hidden" name="id" value=id/>
                                <input type="hidden" name="on" value=(!on).to_string()/>
                                <button
                                    type="submit"
                                    class="btn btn--secondary btn--small"
                                    data-testid="auto-renew-toggle"
                                >
                                    <span class="visually-hidden">{m.auto_renew} ": "</span>
                                    {if on { m.turn_off } else { m.turn_on }}
                                </button>
                            </ActionForm>
                        }
                    })}
                {detail
                    .shows_renew()
                    .then(|| {
                        view! {
                            <ActionForm action=actions.renew>
                                <input type="hidden" name="id" value=id/>
                                <button
                                    type="submit"
                                    class="btn btn--primary btn--small"
                                    data-testid="renew"
                                >
                                    {m.renew_now}
                                </button>
                            </ActionForm>
                        }
                    })}
            </div>
            {detail.shows_renew().then(|| view! { <p class="muted small">{m.renew_note}</p> })}
            <ActionError action=actions.auto_renew/>
            <ActionError action=actions.renew/>
        </section>
    }
}

/// The orders of this service (seed 003): awaiting payment shows pay and cancel.
#[component]
pub fn Orders(orders: Vec<OrderRow>, cancel: ServerAction<CancelOrder>) -> impl IntoView {
    let m = use_texts().m;
    if orders.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="box" aria-labelledby="service-orders-title" data-testid="service-orders">
            <h2 class="box-title" id="service-orders-title">{m.section_orders}</h2>
            <ActionError action=cancel/>
            <OrderTable orders cancel compact=true/>
        </section>
    }
    .into_any()
}

/// The orders table of the orders page and of a service's page. `compact` leaves out the
/// columns that repeat the service (plan, IP, period end).
#[component]
pub fn OrderTable(
    orders: Vec<OrderRow>,
    cancel: ServerAction<CancelOrder>,
    compact: bool,
) -> impl IntoView {
    let t = use_texts();
    let m = t.m;
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
                    <Cell label=m.col_type>{m.order_kind(o.kind)}</Cell>
                    {(!compact)
                        .then(|| {
                            view! {
                                <Cell label=m.col_plan>
                                    {match (o.plan.clone(), o.service_id) {
                                        (Some(plan), Some(id)) => view! { <a href=format!("/services/{id}")>{plan}</a> }.into_any(),
                                        _ => view! { <span class="muted">"–"</span> }.into_any(),
                                    }}
                                </Cell>
                                <Cell label=m.col_ip>{o.ip.clone().unwrap_or_default()}</Cell>
                                <Cell label=m.col_period_end class="date">
                                    {o.period_end.map(|d| format::date(d, lang))}
                                </Cell>
                            }
                        })}
                    <Cell label=m.col_date class="date">{format::date(o.ordered_on, lang)}</Cell>
                    <Cell label=m.col_cost class="amount">{format::money(o.total, lang)}</Cell>
                    <Cell label=t.col_status>
                        <span
                            class=if awaiting { "badge badge--warning" } else { "badge badge--muted" }
                            data-status=o.status.as_str()
                        >
                            {m.order_status(o.status)}
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
                                    <a class="btn btn--small btn--primary" href=format!("/orders/{}", o.id)>
                                        {m.pay}
                                    </a>
                                    <Confirm
                                        id=question
                                        tone="btn btn--danger btn--small"
                                        summary=view! {
                                            {m.cancel_order}
                                            <span class="visually-hidden">" " {number}</span>
                                        }
                                            .into_any()
                                        question=m.cancel_order_question
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
            <caption class="visually-hidden">{m.orders_title}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.col_number}</th>
                    <th scope="col">{m.col_type}</th>
                    {(!compact)
                        .then(|| {
                            view! {
                                <th scope="col">{m.col_plan}</th>
                                <th scope="col">{m.col_ip}</th>
                                <th scope="col">{m.col_period_end}</th>
                            }
                        })}
                    <th scope="col">{m.col_date}</th>
                    <th scope="col" class="amount">{m.col_cost}</th>
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
    let m = use_texts().m;
    view! {
        <ActionForm action=cancel>
            <input type="hidden" name="id" value=id/>
            <button type="submit" class="btn btn--danger btn--small">{m.cancel_order_confirm}</button>
        </ActionForm>
    }
}
