//! Invoices (seed 002 "Rechnungen"): the customer's documents, unpaid first by default, with
//! the filter as tabs (plain links, so each view has its own URL), and one document with its
//! lines, VAT per rate and totals.

use crate::api::invoices::{DeleteProforma, get_invoice, list_invoices};
use crate::components::confirm::Confirm;
use crate::components::errors::{ActionError, ErrorNotice};
use crate::components::facts::fact;
use crate::components::lines_table::LinesTable;
use crate::components::pager::Pager;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::balance::BALANCE_HREF;
use crate::model::invoices::{
    InvoiceDetail, InvoiceFilter, InvoicePage, InvoiceRow, LineComparison, TermChange, pdf_href,
    quote_href,
};
use crate::model::payments::{pay_all_offered, pay_href, payable};
use crate::model::{InvoiceKind, InvoiceStatus};
use crate::pages::payments::{PayAllBox, PayLinkBox};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let view_of = Memo::new(move |_| {
        query.with(|q| {
            let filter = InvoiceFilter::parse(q.get("filter").as_deref());
            let page = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1_u32);
            (filter, page)
        })
    });
    let delete = ServerAction::<DeleteProforma>::new();
    let invoices = Resource::new(
        move || view_of.get(),
        |(filter, page)| list_invoices(Some(filter.as_str().to_owned()), Some(page)),
    );
    view! {
        <Title text=format!("{} · Portico", t.nav_invoices)/>
        <h1 class="page-title">{t.nav_invoices}</h1>
        <p class="page-lead muted">
            {t.invoices.invoices_lead} " "
            <a href=BALANCE_HREF data-testid="balance-link">{t.balance.title}</a>
        </p>
        <FilterTabs current=view_of.get_untracked().0/>
        <ActionError action=delete/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match invoices.await {
                    Ok(page) => view! { <InvoiceList page delete/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FilterTabs(current: InvoiceFilter) -> impl IntoView {
    let t = use_texts();
    let tabs = InvoiceFilter::ALL
        .into_iter()
        .map(|filter| {
            let current = (filter == current).then_some("page");
            view! {
                <li>
                    <a href=filter.href(1) class="tab" aria-current=current data-filter=filter.as_str()>
                        {t.invoices.filter(filter)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="tabs" aria-label=t.invoices.filter_label data-testid="invoice-filter">
            <ul>{tabs}</ul>
        </nav>
    }
}

#[component]
fn InvoiceList(page: InvoicePage, delete: ServerAction<DeleteProforma>) -> impl IntoView {
    let t = use_texts();
    let InvoicePage { filter, rows, page, has_next } = page;
    if rows.is_empty() && page == 1 {
        let text =
            if filter == InvoiceFilter::Unpaid { t.invoices.none_unpaid } else { t.invoices.none };
        return view! { <div class="empty-state" data-testid="invoices-empty"><p>{text}</p></div> }
            .into_any();
    }
    // Several unpaid proformas: one link can pay them all (`model::payments::pay_all_offered`).
    let unpaid = rows.iter().filter(|r| payable(r.kind, r.status)).count();
    let pay_all = (filter == InvoiceFilter::Unpaid && pay_all_offered(unpaid)).then(|| {
        let token = use_query_map().with_untracked(|q| q.get("pay_all"));
        view! { <PayAllBox token/> }
    });
    let rows = rows.into_iter().map(|row| view! { <InvoiceTableRow row delete/> }).collect_view();
    view! {
        <table class="table" data-testid="invoices-table">
            <caption class="visually-hidden">{t.nav_invoices} " – " {t.invoices.filter(filter)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.col_number}</th>
                    <th scope="col">{t.col_document}</th>
                    <th scope="col" class="date">{t.invoices.col_issued}</th>
                    <th scope="col" class="date">{t.invoices.col_due}</th>
                    <th scope="col" class="amount">{t.invoices.col_amount}</th>
                    <th scope="col">{t.col_status}</th>
                    <th scope="col" class="actions">{t.col_actions}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {(page > 1 || has_next)
            .then(|| view! { <Pager page has_next href=move |p| filter.href(p) test_id="invoices-pager"/> })}
        {pay_all}
    }
    .into_any()
}

/// The status badge of a document: unpaid and overdue in red, unpaid in amber, the rest muted.
pub(crate) fn status_badge(status: InvoiceStatus, overdue: bool) -> &'static str {
    match status {
        InvoiceStatus::Unpaid if overdue => "badge badge--danger",
        InvoiceStatus::Unpaid => "badge badge--warning",
        InvoiceStatus::Paid => "badge badge--ok",
        InvoiceStatus::Cancelled => "badge badge--muted",
    }
}

#[component]
fn InvoiceTableRow(row: InvoiceRow, delete: ServerAction<DeleteProforma>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let href = format!("/invoices/{}", row.id);
    let badge = status_badge(row.status, row.overdue);
    let view_label = (t.invoices.view_document)(&row.number);
    let pdf_label = (t.invoices.download_document)(&row.number);
    let pdf = pdf_href(row.id);
    let pay = payable(row.kind, row.status)
        .then(|| (pay_href(row.id), (t.payments.pay_document)(&row.number)));
    let deletable = pay.is_some();
    let id = row.id;
    let subject = row.number.clone();
    let InvoiceRow { number, kind, status, issue_date, due_date, overdue, total, .. } = row;
    // Cells take their children as closures: each gets its own copy.
    let (number_href, number_text) = (href.clone(), number.clone());
    view! {
        <tr data-testid="invoice-row" data-number=number data-status=status.as_str()>
            <Cell label=t.col_number>
                <a href=number_href>{number_text}</a>
            </Cell>
            <Cell label=t.col_document>{t.invoices.kind(kind)}</Cell>
            <Cell label=t.invoices.col_issued class="date">{format::date(issue_date, lang)}</Cell>
            <Cell label=t.invoices.col_due class="date">
                {format::date(due_date, lang)}
                {overdue.then(|| view! { " " <span class="badge badge--danger" data-testid="overdue">{t.invoices.overdue}</span> })}
            </Cell>
            <Cell label=t.invoices.col_amount class="amount">{format::money(total, lang)}</Cell>
            <Cell label=t.col_status>
                <span class=badge>{t.invoices.status(status)}</span>
            </Cell>
            <Cell label=t.col_actions class="actions">
                {pay.map(|(pay, label)| view! {
                    <a class="btn btn--small btn--primary" href=pay aria-label=label data-testid="invoice-pay">
                        {t.payments.pay}
                    </a>
                    " "
                })}
                <a class="btn btn--small btn--secondary" href=href aria-label=view_label>
                    {t.invoices.view}
                </a>
                " "
                <a class="btn btn--small btn--secondary" href=pdf rel="external" aria-label=pdf_label data-testid="invoice-pdf">
                    {t.invoices.download_pdf}
                </a>
                {deletable.then(|| view! {
                    " "
                    <a class="btn btn--small btn--secondary" href=quote_href(id) rel="external"
                        aria-label=(t.invoices.quote_document)(&subject) data-testid="invoice-quote">
                        {t.invoices.quote}
                    </a>
                    " "
                    <Confirm
                        id=format!("delete-{id}")
                        tone="btn btn--danger btn--small"
                        summary=view! {
                            {t.invoices.delete}
                            <span class="visually-hidden">" " {subject}</span>
                        }
                            .into_any()
                        question=t.invoices.delete_question
                        test_id="invoice-delete".to_owned()
                    >
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="btn btn--danger btn--small">
                                {t.invoices.delete_confirm}
                            </button>
                        </ActionForm>
                    </Confirm>
                })}
            </Cell>
        </tr>
    }
}

#[component]
pub fn InvoicePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    // Right after making a pay link, its token is shown once (see `create_pay_link`).
    let pay_link = use_query_map().with_untracked(|q| q.get("pay_link"));
    let invoice = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_invoice(id).await,
                None => Err(crate::model::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || {
                let pay_link = pay_link.clone();
                Suspend::new(async move {
                    match invoice.await {
                        Ok(detail) => view! { <Invoice detail pay_link/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Invoice(detail: InvoiceDetail, pay_link: Option<String>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let InvoiceDetail {
        invoice,
        paid_at,
        order,
        proforma,
        lines,
        vat_breakdown,
        net,
        vat,
        reverse_charge,
        credits,
        credited_by,
        compared,
    } = detail;
    let title = format!("{} {}", t.invoices.kind(invoice.kind), invoice.number);
    let breakdown = vat_breakdown
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <Cell label=t.col_vat_rate class="amount">{format::percent_bp(r.vat_rate_bp, lang)}</Cell>
                    <Cell label=t.col_net class="amount">{format::money(r.net, lang)}</Cell>
                    <Cell label=t.col_vat class="amount">{format::money(r.vat, lang)}</Cell>
                </tr>
            }
        })
        .collect_view();
    let payable = payable(invoice.kind, invoice.status);
    view! {
        <Title text=format!("{title} · Portico")/>
        <p class="breadcrumb"><a href="/invoices">{t.nav_invoices}</a></p>
        <h1 class="page-title" data-testid="invoice-title">
            {title.clone()} " "
            <span class=status_badge(invoice.status, invoice.overdue) data-status=invoice.status.as_str()>
                {t.invoices.status(invoice.status)}
            </span>
        </h1>
        <div class="detail-grid">
            <section class="box" aria-labelledby="invoice-facts">
                <h2 class="box-title" id="invoice-facts">{t.tab_details}</h2>
                <dl class="facts">
                    {fact(t.col_document, t.invoices.kind(invoice.kind))}
                    {fact(t.invoices.col_issued, format::date(invoice.issue_date, lang))}
                    {fact(t.invoices.col_due, view! {
                        {format::date(invoice.due_date, lang)}
                        {invoice.overdue.then(|| view! { " " <span class="badge badge--danger" data-testid="overdue">{t.invoices.overdue}</span> })}
                    })}
                    {paid_at.map(|at| fact(t.invoices.paid_on, format::date(at.date_naive(), lang)))}
                    {proforma.map(|p| fact(t.invoices.made_from, view! { <a href=format!("/invoices/{}", p.id)>{p.number}</a> }))}
                    {order.map(|o| fact(t.invoices.order, view! { <a href=format!("/orders/{}", o.id)>{o.number}</a> }))}
                    {credits.map(|i| fact(t.invoices.credits_invoice, view! { <a href=format!("/invoices/{}", i.id)>{i.number}</a> }))}
                    {credited_by.map(|c| fact(t.invoices.credited_by, view! { <a href=format!("/invoices/{}", c.id) data-testid="credited-by">{c.number}</a> }))}
                </dl>
                {(invoice.kind == InvoiceKind::CreditNote).then(|| view! {
                    <p class="notice">{t.invoices.credit_note_notice}" "<a href=BALANCE_HREF>{t.balance.title}</a></p>
                })}
                <p class="button-row">
                    {payable.then(|| view! {
                        <a class="btn btn--primary" href=pay_href(invoice.id) data-testid="pay"
                            aria-label=(t.payments.pay_document)(&invoice.number)>
                            {t.payments.pay}
                        </a>
                    })}
                    <a class="btn btn--secondary" href=pdf_href(invoice.id) rel="external" data-testid="invoice-pdf"
                        aria-label=(t.invoices.download_document)(&invoice.number)>
                        {t.invoices.download_pdf}
                    </a>
                    {payable.then(|| view! {
                        <a class="btn btn--secondary" href=quote_href(invoice.id) rel="external" data-testid="invoice-quote"
                            aria-label=(t.invoices.quote_document)(&invoice.number)>
                            {t.invoices.quote}
                        </a>
                    })}
                </p>
            </section>
            <section class="box" aria-labelledby="invoice-totals">
                <h2 class="box-title" id="invoice-totals">{t.invoices.section_vat}</h2>
                <table class="table">
                    <caption class="visually-hidden">{t.invoices.section_vat}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="amount">{t.col_vat_rate}</th>
                            <th scope="col" class="amount">{t.col_net}</th>
                            <th scope="col" class="amount">{t.col_vat}</th>
                        </tr>
                    </thead>
                    <tbody>{breakdown}</tbody>
                </table>
                <dl class="facts">
                    {fact(t.invoices.total_net, format::money(net, lang))}
                    {fact(t.invoices.total_vat, format::money(vat, lang))}
                    {fact(t.invoices.total, view! { <strong data-testid="invoice-total">{format::money(invoice.total, lang)}</strong> })}
                </dl>
            </section>
            {payable.then(|| view! { <PayLinkBox invoice_id=invoice.id token=pay_link.clone()/> })}
            <section class="box box--wide" aria-labelledby="invoice-lines">
                <h2 class="box-title" id="invoice-lines">{t.section_lines}</h2>
                <LinesTable lines reverse_charge/>
            </section>
            {(!compared.is_empty()).then(|| view! { <WhatChanged compared/> })}
        </div>
    }
}

/// "What changed" (issue 9): each renewed line against the service's previous paid invoice.
#[component]
fn WhatChanged(compared: Vec<LineComparison>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let it = t.invoices;
    let rate = move |bp| format::percent_bp(bp, lang);
    let cycle = move |c| t.services.billing_cycle(c);
    let lines = compared
        .into_iter()
        .map(|c| {
            let rows = c
                .changes
                .iter()
                .map(|change| {
                    let (term, before, now) = match change {
                        TermChange::Price { before, after } => (
                            it.change_price,
                            format::money(*before, lang),
                            format::money(*after, lang),
                        ),
                        TermChange::Period { before, after } => {
                            (it.change_period, cycle(*before).to_owned(), cycle(*after).to_owned())
                        }
                        TermChange::VatRate { before, after } => {
                            (it.change_vat_rate, rate(*before), rate(*after))
                        }
                        TermChange::Currency { before, after } => (
                            it.change_currency,
                            before.as_str().to_owned(),
                            after.as_str().to_owned(),
                        ),
                    };
                    view! {
                        <tr data-testid="change">
                            <th scope="row" data-label=it.change_term>{term}</th>
                            <Cell label=it.change_before class="amount">{before}</Cell>
                            <Cell label=it.change_now class="amount">{now}</Cell>
                        </tr>
                    }
                })
                .collect_view();
            let same = c.changes.is_empty();
            view! {
                <div class="comparison" data-testid="comparison">
                    <p>
                        <strong>{c.description}</strong>" · "{it.compared_with}" "
                        <a href=format!("/invoices/{}", c.previous.id)>{c.previous.number}</a>
                    </p>
                    {if same {
                        view! { <p data-testid="no-change">{it.no_change}</p> }.into_any()
                    } else {
                        view! {
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">{it.change_term}</th>
                                        <th scope="col" class="amount">{it.change_before}</th>
                                        <th scope="col" class="amount">{it.change_now}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                        .into_any()
                    }}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="box box--wide" aria-labelledby="invoice-changes" data-testid="what-changed">
            <h2 class="box-title" id="invoice-changes">{it.section_changes}</h2>
            {lines}
        </section>
    }
}
