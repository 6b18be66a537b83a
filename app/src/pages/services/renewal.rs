//! Renewal (seed 003): expiry in red from 90 days before, the automatic renewal toggle, the
//! renew button only while automatic renewal is off; and the orders of the service.

use super::detail::Actions;
use crate::api::orders::CancelOrder;
use crate::components::errors::ActionError;
use crate::components::facts::fact;
use crate::components::order_table::OrderTable;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::service_detail::{OrderRow, ServiceDetail, renewable};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn Renewal(detail: ServiceDetail, actions: Actions) -> impl IntoView {
    let t = use_texts();
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
    let can_change = renewable(detail.kind, detail.status);
    view! {
        <section class="box" aria-labelledby="renewal-title" data-testid="renewal" id="renewal">
            <h2 class="box-title" id="renewal-title">{t.services.section_renewal}</h2>
            <dl class="facts">
                {expires.map(|e| fact(t.services.label_expires, e))}
                {next_due.map(|d| fact(t.services.label_next_due, d))}
                {fact(
                    t.services.auto_renew,
                    view! {
                        <span
                            class=if on { "badge badge--ok" } else { "badge badge--muted" }
                            data-testid="auto-renew-state"
                        >
                            {if on { t.services.auto_renew_active } else { t.services.auto_renew_inactive }}
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
                                    <span class="visually-hidden">{t.services.auto_renew} ": "</span>
                                    {if on { t.services.turn_off } else { t.services.turn_on }}
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
                                    {t.services.renew_now}
                                </button>
                            </ActionForm>
                        }
                    })}
            </div>
            {detail.shows_renew().then(|| view! { <p class="muted small">{t.services.renew_note}</p> })}
            <ActionError action=actions.auto_renew/>
            <ActionError action=actions.renew/>
        </section>
    }
}

/// The orders of this service (seed 003): awaiting payment shows pay and cancel.
#[component]
pub fn Orders(orders: Vec<OrderRow>, cancel: ServerAction<CancelOrder>) -> impl IntoView {
    let t = use_texts();
    if orders.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="box" aria-labelledby="service-orders-title" data-testid="service-orders">
            <h2 class="box-title" id="service-orders-title">{t.services.section_orders}</h2>
            <ActionError action=cancel/>
            <OrderTable orders cancel compact=true/>
        </section>
    }
    .into_any()
}
