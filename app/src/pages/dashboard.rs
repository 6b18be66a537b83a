//! The dashboard (seed 000): boxes shown only when they hold something.

use crate::api::dashboard::{DeleteAbandonedOrder, get_dashboard};
use crate::components::confirm::Confirm;
use crate::components::errors::ErrorNotice;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{Texts, use_lang, use_texts};
use crate::model::Lang;
use crate::model::domain_order::{Step, continue_href};
use crate::model::invoices::pdf_href;
use crate::model::payments::pay_href;
use crate::model::renewal::renew_href;
use crate::model::views::{
    AbandonedOrder, Dashboard, ExpiringService, RejectedDocument, UnpaidProforma,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_texts();
    let delete = ServerAction::<DeleteAbandonedOrder>::new();
    let dashboard = Resource::new(|| (), |_| get_dashboard());
    let delete_error = move || delete.value().get().and_then(Result::err);

    view! {
        <Title text=format!("{} · Portico", t.dashboard.dashboard_title)/>
        <h1 class="page-title">{t.dashboard.dashboard_title}</h1>
        <p class="page-lead muted">{t.dashboard.dashboard_lead}</p>
        {move || delete_error().map(|error| view! { <ErrorNotice error/> })}
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(data) => view! { <Boxes data delete/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Boxes(data: Dashboard, delete: ServerAction<DeleteAbandonedOrder>) -> impl IntoView {
    let t = use_texts();
    if data.is_empty() {
        return view! {
            <div class="empty-state" data-testid="dashboard-empty">
                <p>{t.dashboard.nothing_pending}</p>
            </div>
        }
        .into_any();
    }
    let Dashboard {
        abandoned_orders,
        rejected_documents,
        expiring_domains,
        expiring_hosting,
        expiring_ssl,
        unpaid_proformas,
    } = data;
    view! {
        <div class="dashboard-grid">
            {(!abandoned_orders.is_empty())
                .then(|| view! { <AbandonedOrdersBox orders=abandoned_orders delete/> })}
            {(!rejected_documents.is_empty())
                .then(|| view! { <RejectedDocumentsBox documents=rejected_documents/> })}
            {[
                ("expiring-domains", t.dashboard.box_expiring_domains, expiring_domains),
                ("expiring-hosting", t.dashboard.box_expiring_hosting, expiring_hosting),
                ("expiring-ssl", t.dashboard.box_expiring_ssl, expiring_ssl),
            ]
                .into_iter()
                .filter(|(_, _, services)| !services.is_empty())
                .map(|(id, title, services)| view! { <ExpiringBox id title services/> })
                .collect_view()}
            {(!unpaid_proformas.is_empty())
                .then(|| view! { <UnpaidProformasBox proformas=unpaid_proformas/> })}
        </div>
    }
    .into_any()
}

/// A titled box; `id` names it for assistive technology and for the end-to-end tests.
#[component]
fn DashBox(
    id: &'static str,
    title: &'static str,
    count: usize,
    tone: &'static str,
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-title");
    view! {
        <section
            class=format!("box box--{tone}")
            aria-labelledby=heading.clone()
            data-testid=id
        >
            <h2 class="box-title" id=heading.clone()>
                {title}
                " "
                <span class="badge">{count}</span>
            </h2>
            {children()}
        </section>
    }
}

fn order_kind(t: &Texts, kind: &str) -> &'static str {
    match kind {
        "domain_registration" => t.dashboard.order_kind_domain_registration,
        "domain_transfer" => t.dashboard.order_kind_domain_transfer,
        _ => t.dashboard.order_kind_other,
    }
}

#[component]
fn AbandonedOrdersBox(
    orders: Vec<AbandonedOrder>,
    delete: ServerAction<DeleteAbandonedOrder>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let count = orders.len();
    let rows = orders
        .into_iter()
        .map(|order| {
            let question_id = format!("delete-order-{}", order.id);
            let subject = order.subject.clone();
            view! {
                <tr>
                    <Cell label=t.dashboard.col_order>
                        <strong>{order.subject.clone()}</strong>
                        <br/>
                        <span class="muted">{order_kind(t, &order.kind)}</span>
                    </Cell>
                    <Cell label=t.dashboard.col_step>{(t.dashboard.step_n)(order.step)}</Cell>
                    <Cell label=t.dashboard.col_last_change class="date">
                        {format::date(order.last_change, lang)}
                    </Cell>
                    <Cell label=t.col_actions class="actions">
                        <a
                            class="btn btn--small btn--primary"
                            href=continue_href(order.id)
                        >
                            {t.dashboard.continue_order}
                        </a>
                        <Confirm
                            id=question_id
                            tone="btn btn--danger btn--small"
                            summary=view! {
                                {t.dashboard.delete}
                                <span class="visually-hidden">" " {subject}</span>
                            }
                                .into_any()
                            question=t.dashboard.delete_order_question
                        >
                            <ActionForm action=delete>
                                <input type="hidden" name="id" value=order.id/>
                                <button type="submit" class="btn btn--danger btn--small">
                                    {t.dashboard.delete_confirm}
                                </button>
                            </ActionForm>
                        </Confirm>
                    </Cell>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DashBox id="abandoned-orders" title=t.dashboard.box_abandoned_orders count tone="info">
            <table class="table">
                <caption class="visually-hidden">{t.dashboard.box_abandoned_orders}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.dashboard.col_order}</th>
                        <th scope="col">{t.dashboard.col_step}</th>
                        <th scope="col">{t.dashboard.col_last_change}</th>
                        <th scope="col">{t.col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </DashBox>
    }
}

#[component]
fn RejectedDocumentsBox(documents: Vec<RejectedDocument>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let count = documents.len();
    let items = documents
        .into_iter()
        .map(|doc| {
            let kind = if doc.kind == "hu_transfer_declaration" {
                t.dashboard.document_kind_hu_transfer
            } else {
                t.dashboard.document_kind_other
            };
            view! {
                <li class="item">
                    <p>
                        <strong>{doc.file_name}</strong>
                        " · "
                        <span class="muted">{kind}</span>
                        {doc
                            .reviewed_on
                            .map(|d| view! { " · " <span class="muted">{format::date(d, lang)}</span> })}
                    </p>
                    <ul class="reasons" aria-label=t.dashboard.col_reasons>
                        {doc.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                    </ul>
                    {doc.order_id.map(|order| {
                        let href = format!("{}?step={}", continue_href(order), Step::Declaration.number());
                        view! {
                            <a class="btn btn--small btn--secondary" href=href>
                                {t.dashboard.fix_and_resubmit}
                            </a>
                        }
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <DashBox id="rejected-documents" title=t.dashboard.box_rejected_documents count tone="danger">
            <ul class="item-list">{items}</ul>
        </DashBox>
    }
}

#[component]
fn ExpiringBox(
    id: &'static str,
    title: &'static str,
    services: Vec<ExpiringService>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let count = services.len();
    let rows = services.into_iter().map(|s| expiring_row(t, lang, s)).collect_view();
    view! {
        <DashBox id title count tone="warning">
            <table class="table">
                <caption class="visually-hidden">{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_name}</th>
                        <th scope="col">{t.dashboard.col_expires}</th>
                        <th scope="col">{t.col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </DashBox>
    }
}

fn expiring_row(t: &'static Texts, lang: Lang, s: ExpiringService) -> impl IntoView {
    // The name opens the service; "Renew" starts its renewal: period and payment (seed 000).
    let service_href = format!("/services/{}", s.id);
    let renew_button_href = renew_href(s.id);
    let label = s.domain.clone().unwrap_or_else(|| s.name.clone());
    let urgent = s.days_left <= 7;
    view! {
        <tr>
            <Cell label=t.col_name>
                <a href=service_href>{label}</a>
                {s
                    .domain
                    .as_ref()
                    .filter(|d| **d != s.name)
                    .map(|_| view! { <br/> <span class="muted">{s.name.clone()}</span> })}
            </Cell>
            <Cell label=t.dashboard.col_expires class="date">
                <span class:text-danger=urgent>{format::date(s.expires_on, lang)}</span>
                " "
                <span class="muted">"(" {(t.days_left)(s.days_left)} ")"</span>
            </Cell>
            <Cell label=t.col_actions class="actions">
                <a class="btn btn--small btn--primary" href=renew_button_href>
                    {t.renew}
                </a>
            </Cell>
        </tr>
    }
}

#[component]
fn UnpaidProformasBox(proformas: Vec<UnpaidProforma>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let count = proformas.len();
    let rows = proformas
        .into_iter()
        .map(|p| {
            let pdf_label = (t.invoices.download_document)(&p.number);
            let pay_label = (t.payments.pay_document)(&p.number);
            view! {
                <tr>
                    <Cell label=t.col_number>
                        // Seed 000: "clicking the number opens the downloadable PDF".
                        <a href=pdf_href(p.id) rel="external" aria-label=pdf_label>{p.number}</a>
                    </Cell>
                    <Cell label=t.dashboard.col_amount class="amount">{format::money(p.total, lang)}</Cell>
                    <Cell label=t.dashboard.col_due_date class="date">
                        <span class:text-danger=p.overdue>{format::date(p.due_date, lang)}</span>
                        {p
                            .overdue
                            .then(|| view! { " " <span class="badge badge--danger">{t.dashboard.overdue}</span> })}
                    </Cell>
                    <Cell label=t.col_actions class="actions">
                        <a class="btn btn--small btn--primary" href=pay_href(p.id) aria-label=pay_label data-testid="proforma-pay">
                            {t.payments.pay}
                        </a>
                    </Cell>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DashBox id="unpaid-proformas" title=t.dashboard.box_unpaid_proformas count tone="warning">
            <table class="table">
                <caption class="visually-hidden">{t.dashboard.box_unpaid_proformas}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_number}</th>
                        <th scope="col" class="amount">{t.dashboard.col_amount}</th>
                        <th scope="col">{t.dashboard.col_due_date}</th>
                        <th scope="col"><span class="visually-hidden">{t.col_actions}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </DashBox>
    }
}
