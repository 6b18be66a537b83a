//! The balance (`/balance`, seed 002 "Saldo"): what the customer holds, and every movement of
//! it newest first, each with the balance it left and the document it paid or came from.

use crate::api::balance::{TopUp, get_balance};
use crate::components::errors::{ActionError, ErrorNotice, FormRefusal, refused_input};
use crate::components::facts::fact;
use crate::components::pager::Pager;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::balance::{BALANCE_HREF, BalanceView, LedgerRow, TopUpForm};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn page_href(page: u32) -> String {
    if page <= 1 { BALANCE_HREF.to_owned() } else { format!("{BALANCE_HREF}?page={page}") }
}

#[component]
pub fn BalancePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1_u32))
    });
    let balance = Resource::new(move || page.get(), |page| get_balance(Some(page)));
    view! {
        <Title text=format!("{} · Portico", t.balance.title)/>
        <h1 class="page-title">{t.balance.title}</h1>
        <p class="page-lead muted">{t.balance.lead}</p>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match balance.await {
                    Ok(view) => view! { <Ledger view/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Ledger(view: BalanceView) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let BalanceView { balance, entries, page, has_next, top_up } = view;
    let now = view! {
        <dl class="facts">
            {fact(t.balance.current, view! {
                <strong data-testid="balance-now">{format::money(balance, lang)}</strong>
            })}
        </dl>
        {top_up.map(|form| view! { <TopUpBox form/> })}
    };
    if entries.is_empty() && page == 1 {
        return view! {
            {now}
            <div class="empty-state" data-testid="ledger-empty"><p>{t.balance.empty}</p></div>
        }
        .into_any();
    }
    let rows = entries.into_iter().map(|row| view! { <LedgerTableRow row/> }).collect_view();
    view! {
        {now}
        <table class="table" data-testid="ledger">
            <caption class="visually-hidden">{t.balance.title}</caption>
            <thead>
                <tr>
                    <th scope="col" class="date">{t.balance.col_date}</th>
                    <th scope="col">{t.balance.col_movement}</th>
                    <th scope="col">{t.col_document}</th>
                    <th scope="col" class="amount">{t.balance.col_amount}</th>
                    <th scope="col" class="amount">{t.balance.col_after}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {(page > 1 || has_next)
            .then(|| view! { <Pager page has_next href=page_href test_id="ledger-pager"/> })}
    }
    .into_any()
}

#[component]
fn LedgerTableRow(row: LedgerRow) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let LedgerRow { date, reason, amount, balance_after, document, .. } = row;
    view! {
        <tr data-testid="ledger-row" data-reason=reason.as_str()>
            <Cell label=t.balance.col_date class="date">{format::date(date, lang)}</Cell>
            <Cell label=t.balance.col_movement>{t.balance.reason(reason)}</Cell>
            <Cell label=t.col_document>
                {document.map(|d| view! { <a href=format!("/invoices/{}", d.id)>{d.number}</a> })}
            </Cell>
            <Cell label=t.balance.col_amount class="amount">{format::money(amount, lang)}</Cell>
            <Cell label=t.balance.col_after class="amount">{format::money(balance_after, lang)}</Cell>
        </tr>
    }
}

/// Topping up by card: the amount as the customer types it, checked on the server (a refused
/// amount is said next to the form and stays in the field).
#[component]
fn TopUpBox(form: TopUpForm) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let top_up = ServerAction::<TopUp>::new();
    let TopUpForm { min, max, idempotency_key } = form;
    let (typed, refused) = refused_input("amount");
    let range = (t.balance.top_up_range)(&format::money(min, lang), &format::money(max, lang));
    view! {
        <section class="box" aria-labelledby="top-up" data-testid="top-up">
            <h2 class="box-title" id="top-up">{t.balance.top_up_heading}</h2>
            <p class="muted">{t.balance.top_up_lead}</p>
            <ActionForm action=top_up>
                <input type="hidden" name="key" value=idempotency_key/>
                <div class="field">
                    <label for="top-up-amount">{t.balance.amount}</label>
                    <input id="top-up-amount" name="amount" type="text" inputmode="decimal"
                        autocomplete="off" required aria-describedby="top-up-range" value=typed
                        aria-invalid=refused.map(|_| "true")/>
                    <p class="hint muted" id="top-up-range">{range}</p>
                </div>
                <button type="submit" class="btn btn--primary" data-testid="top-up-submit">
                    {t.balance.top_up_by_card}
                </button>
            </ActionForm>
            <FormRefusal text=refused/>
            <ActionError action=top_up/>
        </section>
    }
}
