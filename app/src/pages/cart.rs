//! `/cart` (seed 001): the renewals, new services and addons the customer collected, each with
//! its period and price,
//! the promo code, the totals the proforma will show, and checkout by card or proforma. Every
//! control is a plain form: the cart works the same without JavaScript.

use crate::api::cart::{
    ApplyPromo, Checkout, RemoveFromCart, RemovePromo, SetCartPeriod, get_cart,
};
use crate::components::errors::{
    ActionError, ErrorNotice, FormRefusal, invalid_text, refused_input,
};
use crate::components::facts::fact;
use crate::components::pay_with::PayWithChoice;
use crate::components::submit_on_change::SubmitOnChange;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::CartLineKind;
use crate::model::cart::{AppliedPromo, CartLineView, CartView, Discount};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CartPage() -> impl IntoView {
    let t = use_texts();
    let cart = Resource::new(|| (), |_| get_cart());
    view! {
        <Title text=format!("{} · Portico", t.cart.cart_title)/>
        <h1 class="page-title">{t.cart.cart_title}</h1>
        <p class="page-lead muted">{t.cart.cart_lead}</p>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(cart) => view! { <Cart cart/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Cart(cart: CartView) -> impl IntoView {
    let t = use_texts();
    if cart.lines.is_empty() {
        return view! {
            <section class="box empty-state" data-testid="cart-empty">
                <p>{t.cart.empty}</p>
                <p><a class="btn btn--primary btn--small" href="/services/renew">{t.cart.due_title}</a></p>
            </section>
        }
        .into_any();
    }
    let period = ServerAction::<SetCartPeriod>::new();
    let remove = ServerAction::<RemoveFromCart>::new();
    let can_check_out = cart.can_check_out();
    let rate = format::percent_bp(cart.vat_rate_bp, use_lang());
    let rows =
        cart.lines.iter().cloned().map(|line| cart_row(line, &rate, period, remove)).collect_view();
    view! {
        <section class="box" data-testid="cart">
            <ActionError action=period/>
            <ActionError action=remove/>
            <table class="table cart-table" data-testid="cart-table">
                <caption class="visually-hidden">{t.cart.cart_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.cart.col_service}</th>
                        <th scope="col">{t.cart.col_period}</th>
                        <th scope="col" class="amount">{t.cart.col_price}</th>
                        <th scope="col"><span class="visually-hidden">{t.col_actions}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p><a href="/services/renew">{t.cart.due_title}</a></p>
        </section>
        <Promo promo=cart.promo.clone()/>
        <Totals cart=cart.clone()/>
        {can_check_out.then(|| view! { <CheckoutForm cart/> })}
    }
    .into_any()
}

fn cart_row(
    line: CartLineView,
    rate: &str,
    period: ServerAction<SetCartPeriod>,
    remove: ServerAction<RemoveFromCart>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let CartLineView {
        id,
        kind,
        service_id,
        label,
        detail,
        attached_to,
        months,
        choices,
        total,
        vat,
        net,
        restore_fee,
        until,
        problem,
        ..
    } = line;
    let breakdown =
        (t.services.price_breakdown)(&format::money(net, lang), rate, &format::money(vat, lang));
    let select_id = format!("cart-period-{id}");
    let remove_label = (t.cart.remove_named)(&label);
    let options = choices
        .into_iter()
        .map(|c| {
            view! {
                <option value=c.months selected=c.months == months>
                    {(t.services.period)(c.months)} " · " {format::money(c.total, lang)}
                </option>
            }
        })
        .collect_view();
    let problem = problem.map(|p| {
        view! {
            <FormRefusal text=Some(invalid_text(t, p.code())) testid="line-problem"/>
        }
    });
    // A renewal links to its service; a new service or addon has none until it is ordered.
    let name = match service_id {
        Some(service_id) => {
            view! { <a href=format!("/services/{service_id}")>{label}</a> }.into_any()
        }
        None => view! { <strong>{label}</strong> }.into_any(),
    };
    let what = match (kind, attached_to) {
        (CartLineKind::Addon, Some(service)) => Some((t.catalogue.addon_for)(&service)),
        (CartLineKind::New, _) => Some(t.catalogue.new_tag.to_owned()),
        _ => None,
    };
    let what = what.map(|text| view! {
        <span class="cell-note"><span class="badge badge--muted" data-testid="line-kind">{text}</span></span>
    });
    let detail = detail.map(
        |text| view! { <span class="small cell-note" data-testid="line-detail">{text}</span> },
    );
    let fee = restore_fee.map(|fee| view! {
        <span class="muted small cell-note">{(t.services.step_restore_fee)(&format::money(fee, lang))}</span>
    });
    view! {
        <tr data-testid="cart-line" data-service=service_id data-kind=kind.as_str()>
            <Cell label=t.cart.col_service>
                {name}
                {what}
                {detail}
                <span class="muted small cell-note">{(t.services.valid_until)(&format::date(until, lang))}</span>
                {fee}
                {problem}
            </Cell>
            <Cell label=t.cart.col_period>
                <ActionForm action=period attr:class="inline-form">
                    <input type="hidden" name="line" value=id/>
                    <SubmitOnChange>
                        <label class="visually-hidden" for=select_id.clone()>{t.cart.change_period}</label>
                        <select id=select_id name="months" data-testid="cart-period">{options}</select>
                    </SubmitOnChange>
                    <button type="submit" class="btn btn--small btn--secondary">{t.cart.update}</button>
                </ActionForm>
            </Cell>
            <Cell label=t.cart.col_price class="amount">
                <strong data-testid="line-total">{format::money(total, lang)}</strong>
                <span class="muted small cell-note">{breakdown}</span>
            </Cell>
            <Cell label=t.col_actions>
                <ActionForm action=remove>
                    <input type="hidden" name="line" value=id/>
                    <button
                        type="submit"
                        class="btn btn--small btn--secondary"
                        aria-label=remove_label
                        data-testid="cart-remove"
                    >
                        {t.cart.remove}
                    </button>
                </ActionForm>
            </Cell>
        </tr>
    }
}

/// The promo code: applied (what it takes off, or why nothing now), or the field to enter one.
#[component]
fn Promo(promo: Option<AppliedPromo>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let apply = ServerAction::<ApplyPromo>::new();
    let remove = ServerAction::<RemovePromo>::new();
    let body = match promo {
        Some(AppliedPromo { code, discount, net_off, refused }) => {
            let what = match discount {
                Discount::Percent(p) => (t.cart.promo_percent)(&format::percent_bp(
                    i32::try_from(p * 100).unwrap_or(0),
                    lang,
                )),
                Discount::Amount(amount) => (t.cart.promo_amount)(&format::money(amount, lang)),
            };
            let off =
                net_off.map(|off| view! { " " <strong>"−" {format::money(off, lang)}</strong> });
            let refused = refused.and_then(|r| t.cart.invalid(r.code()));
            view! {
                <p data-testid="promo-applied">
                    <strong>{code}</strong> " · " {what} {off}
                </p>
                <FormRefusal text=refused testid="promo-refused"/>
                <ActionForm action=remove>
                    <button type="submit" class="btn btn--small btn--secondary" data-testid="promo-remove">
                        {t.cart.promo_remove}
                    </button>
                </ActionForm>
            }
            .into_any()
        }
        None => {
            let (typed, refused) = refused_input("code");
            view! {
                <ActionForm action=apply attr:class="inline-form">
                    // The box's heading says what the field is; the label is for screen readers.
                    <label class="visually-hidden" for="promo-code">{t.cart.promo_label}</label>
                    <input
                        id="promo-code"
                        name="code"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        maxlength="32"
                        required=true
                        value=typed
                        aria-invalid=refused.map(|_| "true")
                        data-testid="promo-code"
                    />
                    <button type="submit" class="btn btn--small btn--secondary" data-testid="promo-apply">
                        {t.cart.promo_apply}
                    </button>
                </ActionForm>
                <FormRefusal text=refused testid="promo-refused"/>
            }
            .into_any()
        }
    };
    view! {
        <section class="box" aria-labelledby="promo-title" data-testid="promo">
            <h2 class="box-title" id="promo-title">{t.cart.promo_label}</h2>
            <ActionError action=apply/>
            <ActionError action=remove/>
            {body}
        </section>
    }
}

#[component]
fn Totals(cart: CartView) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let (Some(net), Some(vat), Some(total)) = (cart.net, cart.vat, cart.total) else {
        return ().into_any();
    };
    let rate = format::percent_bp(cart.vat_rate_bp, lang);
    view! {
        <section class="box" data-testid="cart-totals">
            <dl class="facts">
                {fact(t.cart.label_net, view! { <span data-testid="cart-net">{format::money(net, lang)}</span> })}
                <div class="fact">
                    <dt>{(t.cart.label_vat)(&rate)}</dt>
                    <dd data-testid="cart-vat">{format::money(vat, lang)}</dd>
                </div>
                {fact(t.cart.label_total, view! { <strong data-testid="cart-total">{format::money(total, lang)}</strong> })}
            </dl>
            {cart.reverse_charge.then(|| view! { <p class="muted small">{t.reverse_charge_note}</p> })}
        </section>
    }
    .into_any()
}

#[component]
fn CheckoutForm(cart: CartView) -> impl IntoView {
    let t = use_texts();
    let checkout = ServerAction::<Checkout>::new();
    view! {
        <section class="box" data-testid="checkout">
            <ActionForm action=checkout>
                <input type="hidden" name="key" value=cart.idempotency_key/>
                <PayWithChoice card=cart.card/>
                <ActionError action=checkout/>
                <p class="muted small">{t.cart.checkout_note}</p>
                <button type="submit" class="btn btn--primary" data-testid="checkout-submit">
                    {t.cart.checkout}
                </button>
            </ActionForm>
        </section>
    }
}
