//! Renewal (seeds 000 and 003): on the service's page, expiry in red from 90 days before, the
//! automatic renewal toggle, the renew button only while automatic renewal is off, and the
//! orders of the service; and the renewal page (`/services/{id}/renew`), where the customer
//! chooses the period and how to pay, each period showing its price with VAT, before anything
//! is ordered. The page is one form: it works without JavaScript.

use super::detail::Actions;
use crate::api::orders::CancelOrder;
use crate::api::services::{RenewService, get_renewal_options};
use crate::components::errors::{ActionError, ErrorNotice};
use crate::components::facts::fact;
use crate::components::order_table::OrderTable;
use crate::components::pay_with::PayWithChoice;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::AppError;
use crate::model::lifecycle::Stage;
use crate::model::payments::pay_href;
use crate::model::renewal::{RenewalChoice, RenewalOptions, renew_href};
use crate::model::service_detail::{LifecycleView, OrderRow, ServiceDetail, renewable};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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
                            <a class="btn btn--primary btn--small" href=renew_href(id) data-testid="renew">
                                {t.services.renew_now}
                            </a>
                        }
                    })}
            </div>
            {detail.shows_renew().then(|| view! { <p class="muted small">{t.services.renew_note}</p> })}
            <ActionError action=actions.auto_renew/>
            {detail.lifecycle.map(|lifecycle| view! { <Lifecycle lifecycle/> })}
        </section>
    }
}

/// What happens if the service is not renewed (seed 000): each step with its dates, today's
/// marked, so the customer sees where it is and when the next step comes.
#[component]
fn Lifecycle(lifecycle: LifecycleView) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let LifecycleView { timeline, stage: today } = lifecycle;
    let date = move |d| format::date(d, lang);
    let steps = timeline
        .steps()
        .into_iter()
        .map(|step| {
            let until = step.until.map(date).unwrap_or_default();
            let text = match step.stage {
                Stage::Active => (t.services.step_due)(&date(step.date)),
                Stage::Grace => (t.services.step_grace)(&date(step.date), &until),
                Stage::Suspended => (t.services.step_suspended)(&date(step.date), &until),
                Stage::Deleted => (t.services.step_deleted)(&date(step.date)),
            };
            let fee = (step.stage == Stage::Suspended)
                .then_some(timeline.restore_fee)
                .flatten()
                .map(|fee| view! { " " {(t.services.step_restore_fee)(&format::money(fee, lang))} });
            let now = step.stage == today;
            view! {
                <li
                    class="timeline-step"
                    class:timeline-step--now=now
                    aria-current=now.then_some("step")
                    data-stage=step.stage.as_str()
                >
                    {now.then(|| view! { <span class="badge badge--warning">{t.services.step_now}</span> " " })}
                    {text}
                    {fee}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 class="box-subtitle" id="lifecycle-title">{t.services.section_lifecycle}</h3>
        <ol class="timeline" aria-labelledby="lifecycle-title" data-testid="lifecycle">
            {steps}
        </ol>
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

/// `/services/{id}/renew`: choose the period and how to pay, then renew (seed 000).
#[component]
pub fn RenewPage() -> impl IntoView {
    let t = use_texts();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    let options = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_renewal_options(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match options.await {
                    Ok(options) => view! { <RenewForm options/> }.into_any(),
                    Err(error) => view! {
                        <Title text=format!("{} · Portico", t.nav_services)/>
                        <p class="breadcrumb"><a href="/services">{t.nav_services}</a></p>
                        <ErrorNotice error/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RenewForm(options: RenewalOptions) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let renew = ServerAction::<RenewService>::new();
    let RenewalOptions {
        service_id, label, expires_on, days_left, choices, default_months, ..
    } = options.clone();
    let title = (t.services.renew_title)(&label);
    let expires = expires_on.map(|d| {
        view! {
            <dl class="facts">
                {fact(t.services.label_expires, view! {
                    {format::date(d, lang)}
                    {days_left.map(|n| view! { " " <span class="muted">"(" {(t.days_left)(n)} ")"</span> })}
                })}
            </dl>
        }
    });
    let body = match options.waiting {
        // One renewal awaits payment at a time: lead to it rather than offer a second.
        Some(waiting) => view! {
            <div class="notice" data-testid="renewal-waiting">
                <p>{(t.services.renew_waiting)(&waiting.order_number)} " " <strong>{format::money(waiting.total, lang)}</strong></p>
                <p class="button-row">
                    {waiting.proforma_id.map(|p| view! {
                        <a class="btn btn--primary btn--small" href=pay_href(p)>{t.orders.pay}</a>
                    })}
                    <a class="btn btn--secondary btn--small" href=format!("/orders/{}", waiting.order_id)>
                        {t.services.view_order}
                    </a>
                </p>
            </div>
        }
        .into_any(),
        None => {
            let rate = format::percent_bp(options.vat_rate_bp, lang);
            let periods = choices
                .into_iter()
                .map(|choice| period_option(choice, default_months, &rate))
                .collect_view();
            let fee = options.restore_fee.map(|fee| view! {
                <p class="notice" data-testid="restore-fee">
                    {(t.services.restore_fee_included)(&format::money(fee, lang))}
                </p>
            });
            let addons = (!options.addons.is_empty()).then(|| view! {
                <p class="muted small" data-testid="renew-addons">
                    {(t.services.addons_included)(&options.addons.join(", "))}
                </p>
            });
            let deadline = options.deadline.map(|d| view! {
                <p class="muted small" data-testid="renew-by">{(t.services.renew_by)(&format::date(d, lang))}</p>
            });
            view! {
                {fee}
                {addons}
                <ActionForm action=renew attr:class="renew-form">
                    <input type="hidden" name="id" value=service_id/>
                    <input type="hidden" name="key" value=options.idempotency_key/>
                    <fieldset class="choices" data-testid="renew-periods">
                        <legend>{t.services.label_period}</legend>
                        {periods}
                    </fieldset>
                    {options.reverse_charge.then(|| view! { <p class="muted small">{t.reverse_charge_note}</p> })}
                    <PayWithChoice card=options.card test_id="renew-pay-with"/>
                    <ActionError action=renew/>
                    {deadline}
                    <button type="submit" class="btn btn--primary" data-testid="renew-submit">
                        {t.services.renew_submit}
                    </button>
                </ActionForm>
            }
            .into_any()
        }
    };
    view! {
        <Title text=format!("{title} · Portico")/>
        <p class="breadcrumb"><a href=format!("/services/{service_id}")>{label.clone()}</a></p>
        <h1 class="page-title" data-testid="renew-title">{title}</h1>
        <p class="page-lead muted">{t.services.renew_lead}</p>
        {expires}
        <section class="box">{body}</section>
    }
}

/// One period as a radio button whose label carries its whole price: without JavaScript the
/// customer still sees what each choice costs before confirming.
fn period_option(choice: RenewalChoice, default_months: u32, rate: &str) -> impl IntoView + use<> {
    let t = use_texts();
    let lang = use_lang();
    let RenewalChoice { months, net, vat, total, until } = choice;
    let breakdown =
        (t.services.price_breakdown)(&format::money(net, lang), rate, &format::money(vat, lang));
    view! {
        <label class="choice" data-testid=format!("period-{months}")>
            <input type="radio" name="months" value=months checked=months == default_months/>
            <span class="choice-text">
                <strong>{(t.services.period)(months)}</strong>
                " " <strong class="choice-price" data-testid="period-total">{format::money(total, lang)}</strong>
                <span class="muted small">
                    {breakdown} " · " {(t.services.valid_until)(&format::date(until, lang))}
                </span>
            </span>
        </label>
    }
}
