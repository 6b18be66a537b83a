//! Paying (seed 000): the payment step of a proforma (`/invoices/{id}/pay`: by card, or by bank
//! transfer with the account and reference) and the page the card gateway returns to
//! (`/payments/{id}`), which shows what the gateway's webhook has recorded and, until it has
//! arrived, reloads itself every few seconds (a meta refresh: no JavaScript needed); and pay
//! links (`/pay/{token}`), which pay one document without signing in, and pay-all links
//! (`/pay/all/{token}`), which pay several at once.

use crate::api::payments::{
    CreatePayAllLink, CreatePayLink, PayAllByLink, PayByCard, PayByLink, PayFromBalance,
    get_pay_all_link, get_pay_link, get_pay_options, get_payment,
};
use crate::components::errors::{ActionError, ErrorNotice};
use crate::components::facts::fact;
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::balance::{BALANCE_HREF, covers};
use crate::model::invoices::{InvoiceRow, pdf_href};
use crate::model::payments::{
    PayAllView, PayLinkView, PayOptions, PaymentView, pay_all_href, pay_href, pay_link_href,
};
use crate::model::{AppError, PaymentStatus};
use crate::pages::invoices::status_badge;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

fn id_param() -> Option<i64> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()))
}

#[component]
pub fn PayPage() -> impl IntoView {
    let t = use_texts();
    let id = id_param();
    let options = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_pay_options(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match options.await {
                    Ok(options) => view! { <PayStep options/> }.into_any(),
                    // Paid or cancelled meanwhile: say so, and lead back to the documents.
                    Err(AppError::Conflict) => view! {
                        <Title text=format!("{} · Portico", t.nav_invoices)/>
                        <p class="breadcrumb"><a href="/invoices">{t.nav_invoices}</a></p>
                        <p class="notice" data-testid="not-payable">{t.payments.not_payable}</p>
                    }.into_any(),
                    Err(error) => view! {
                        <Title text=format!("{} · Portico", t.nav_invoices)/>
                        <ErrorNotice error/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PayStep(options: PayOptions) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let pay = ServerAction::<PayByCard>::new();
    let from_balance = ServerAction::<PayFromBalance>::new();
    let PayOptions { invoice, bank, iban, card, idempotency_key, balance } = options;
    let InvoiceRow { id, number, due_date, total, overdue, .. } = invoice;
    let title = (t.payments.pay_document)(&number);
    let amount = format::money(total, lang);
    view! {
        <Title text=format!("{title} · Portico")/>
        <p class="breadcrumb"><a href=format!("/invoices/{id}")>{number.clone()}</a></p>
        <h1 class="page-title" data-testid="pay-title">{title}</h1>
        <p class="page-lead muted">{t.payments.pay_lead}</p>
        <dl class="facts">
            {fact(t.invoices.total, view! { <strong data-testid="pay-amount">{amount.clone()}</strong> })}
            {fact(t.invoices.col_due, view! {
                {format::date(due_date, lang)}
                {overdue.then(|| view! { " " <span class="badge badge--danger">{t.invoices.overdue}</span> })}
            })}
        </dl>
        <div class="detail-grid">
            {(balance.minor > 0).then(|| view! {
                <section class="box" aria-labelledby="pay-balance" data-testid="pay-balance">
                    <h2 class="box-title" id="pay-balance">{t.payments.by_balance}</h2>
                    <p class="muted">
                        <a href=BALANCE_HREF>{(t.payments.balance_is)(&format::money(balance, lang))}</a>
                    </p>
                    {if covers(balance, total) {
                        view! {
                            <ActionForm action=from_balance>
                                <input type="hidden" name="invoice_id" value=id/>
                                <button type="submit" class="btn btn--primary" data-testid="pay-from-balance">
                                    {t.payments.pay_from_balance}
                                </button>
                            </ActionForm>
                            <ActionError action=from_balance/>
                        }.into_any()
                    } else {
                        view! { <p class="notice" data-testid="balance-too-low">{t.payments.balance_too_low}</p> }.into_any()
                    }}
                </section>
            })}
            {card.then(|| view! {
                <section class="box" aria-labelledby="pay-card">
                    <h2 class="box-title" id="pay-card">{t.payments.by_card}</h2>
                    <p class="muted">{t.payments.by_card_lead}</p>
                    <ActionForm action=pay>
                        <input type="hidden" name="invoice_id" value=id/>
                        <input type="hidden" name="key" value=idempotency_key/>
                        <button type="submit" class="btn btn--primary" data-testid="pay-by-card">
                            {t.payments.pay_by_card}
                        </button>
                    </ActionForm>
                    <ActionError action=pay/>
                </section>
            })}
            <section class="box" aria-labelledby="pay-transfer" data-testid="bank-transfer">
                <h2 class="box-title" id="pay-transfer">{t.payments.by_transfer}</h2>
                <p class="muted">{t.payments.by_transfer_lead}</p>
                <dl class="facts">
                    {fact(t.invoices.bank_account, view! { {bank} <br/> <strong class="iban">{iban}</strong> })}
                    {fact(t.invoices.total, amount)}
                    {fact(t.invoices.payment_reference, view! { <strong data-testid="transfer-reference">{number}</strong> })}
                </dl>
            </section>
        </div>
    }
}

#[component]
pub fn PaymentPage() -> impl IntoView {
    let t = use_texts();
    let id = id_param();
    let payment = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_payment(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match payment.await {
                    Ok(payment) => view! { <PaymentOutcome payment/> }.into_any(),
                    Err(error) => view! {
                        <Title text=format!("{} · Portico", t.nav_invoices)/>
                        <ErrorNotice error/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PaymentOutcome(payment: PaymentView) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let PaymentView { id, status, amount, invoice, final_invoice, awaiting_gateway } = payment;
    let (title, lead, tone) = match status {
        PaymentStatus::Pending if awaiting_gateway => {
            (t.payments.confirming_title, t.payments.confirming_lead, "box box--info")
        }
        PaymentStatus::Pending => {
            (t.payments.unconfirmed_title, t.payments.unconfirmed_lead, "box box--warning")
        }
        PaymentStatus::Succeeded | PaymentStatus::Refunded if invoice.is_none() => {
            (t.payments.paid_title, t.payments.topped_up_lead, "box")
        }
        PaymentStatus::Succeeded | PaymentStatus::Refunded => {
            (t.payments.paid_title, t.payments.paid_lead, "box")
        }
        PaymentStatus::Failed => {
            (t.payments.declined_title, t.payments.declined_lead, "box box--danger")
        }
    };
    // Trying again starts where the payment started: the document's payment step, or the
    // balance page for a top-up.
    let again = invoice.as_ref().map_or_else(|| BALANCE_HREF.to_owned(), |i| pay_href(i.id));
    let next = match (status, final_invoice) {
        (PaymentStatus::Pending, _) if !awaiting_gateway => view! {
            <a class="btn btn--primary" href=again data-testid="try-again">{t.payments.try_again}</a>
        }
        .into_any(),
        (PaymentStatus::Pending, _) => view! {
            <a class="btn btn--secondary" href=format!("/payments/{id}")>{t.payments.check_again}</a>
        }
        .into_any(),
        (PaymentStatus::Failed, _) => view! {
            <a class="btn btn--primary" href=again data-testid="try-again">{t.payments.try_again}</a>
        }
        .into_any(),
        (_, Some(final_invoice)) => view! {
            <a class="btn btn--primary" href=format!("/invoices/{}", final_invoice.id) data-testid="final-invoice">
                {t.payments.view_invoice} " " {final_invoice.number.clone()}
            </a>
            " "
            <a class="btn btn--secondary" href=pdf_href(final_invoice.id) rel="external"
                aria-label=(t.invoices.download_document)(&final_invoice.number)>
                {t.invoices.download_pdf}
            </a>
        }
        .into_any(),
        (_, None) if invoice.is_none() => view! {
            <a class="btn btn--primary" href=BALANCE_HREF data-testid="view-balance">{t.payments.view_balance}</a>
        }
        .into_any(),
        (_, None) => ().into_any(),
    };
    let document = invoice.as_ref().map_or(t.balance.top_up, |i| i.number.as_str()).to_owned();
    view! {
        <Title text=format!("{title} · Portico")/>
        // Until the gateway's webhook has arrived, the page asks again by itself.
        {awaiting_gateway.then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        <p class="breadcrumb">
            {match invoice {
                Some(invoice) => view! { <a href=format!("/invoices/{}", invoice.id)>{invoice.number}</a> }.into_any(),
                None => view! { <a href=BALANCE_HREF>{t.balance.title}</a> }.into_any(),
            }}
        </p>
        <section class=tone data-testid="payment-outcome" data-status=status.as_str() aria-live="polite">
            <h1 class="box-title">{title}</h1>
            <p>{lead}</p>
            <dl class="facts">
                {fact(t.col_document, document)}
                {fact(t.invoices.total, format::money(amount, lang))}
            </dl>
            <p>{next}</p>
        </section>
    }
}

/// `/pay/{token}`: pay one document without signing in (seed 002 "copy the link"). Outside the
/// signed-in frame: no navigation, nothing of the account but this document's number, seller,
/// amount and due date. The gateway sends the payer back here.
#[component]
pub fn PayLinkPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let link = Resource::new(move || token.clone(), get_pay_link);
    view! {
        <Meta name="robots" content="noindex, nofollow"/>
        <main id="main" class="page pay-link-page">
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(view) => view! { <PayLink view/> }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <Title text=format!("{} · Portico", t.payments.link_label)/>
                            <h1 class="page-title">{t.payments.link_label}</h1>
                            <p class="notice" data-testid="pay-link-invalid">{t.payments.link_invalid}</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn PayLink(view: PayLinkView) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let pay = ServerAction::<PayByLink>::new();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let PayLinkView { number, seller, amount, due_date, overdue, paid, card, idempotency_key } =
        view;
    let title = (t.payments.pay_document)(&number);
    view! {
        <Title text=format!("{title} · Portico")/>
        <h1 class="page-title" data-testid="pay-link-title">{title}</h1>
        <p class="page-lead muted">{(t.payments.link_page_lead)(&seller)}</p>
        <section class="box" aria-labelledby="pay-link-document" data-testid="pay-link" data-paid=paid.to_string()>
            <h2 class="box-title" id="pay-link-document">{number.clone()}</h2>
            <dl class="facts">
                {fact(t.invoices.seller, seller.clone())}
                {fact(t.invoices.total, view! { <strong data-testid="pay-amount">{format::money(amount, lang)}</strong> })}
                {fact(t.invoices.col_due, view! {
                    {format::date(due_date, lang)}
                    {overdue.then(|| view! { " " <span class="badge badge--danger">{t.invoices.overdue}</span> })}
                })}
            </dl>
            {if paid {
                view! { <p class="notice" data-testid="pay-link-paid">{t.payments.link_paid}</p> }.into_any()
            } else if !card {
                // Only the sandbox gateway, and it may not take payments here: nothing to offer.
                ().into_any()
            } else {
                view! {
                    <p class="muted">{t.payments.by_card_lead}</p>
                    <ActionForm action=pay>
                        <input type="hidden" name="token" value=token/>
                        <input type="hidden" name="key" value=idempotency_key/>
                        <button type="submit" class="btn btn--primary" data-testid="pay-by-card">
                            {t.payments.pay_by_card}
                        </button>
                    </ActionForm>
                    <ActionError action=pay/>
                }.into_any()
            }}
        </section>
    }
}

/// The pay link part of a document's page: make one, and right after, show it once.
#[component]
pub fn PayLinkBox(invoice_id: i64, token: Option<String>) -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreatePayLink>::new();
    #[cfg(feature = "ssr")]
    let origin = crate::server::context::public_origin();
    #[cfg(not(feature = "ssr"))]
    let origin = String::new();
    let link = token.map(|token| format!("{origin}{}", pay_link_href(&token)));
    view! {
        <section class="box box--wide" aria-labelledby="pay-link-title" data-testid="pay-link-box">
            <h2 class="box-title" id="pay-link-title">{t.payments.link_title}</h2>
            <p class="muted">{t.payments.link_lead}</p>
            {link.map(|link| view! {
                <label for="pay-link">{t.payments.link_label}</label>
                <input id="pay-link" type="text" readonly value=link aria-describedby="pay-link-once" data-testid="pay-link-url"/>
                <p class="form-notice" id="pay-link-once">{t.payments.link_created}</p>
            })}
            <ActionForm action=create>
                <input type="hidden" name="invoice_id" value=invoice_id/>
                <button type="submit" class="btn btn--secondary" data-testid="create-pay-link">
                    {t.payments.create_link}
                </button>
            </ActionForm>
            <ActionError action=create/>
        </section>
    }
}

/// `/pay/all/{token}`: pay several documents at once without signing in (issue 9). Like a pay
/// link's page: outside the signed-in frame, only the seller and each document's number,
/// amount, due date and whether it is paid. The gateway sends the payer back here.
#[component]
pub fn PayAllPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let link = Resource::new(move || token.clone(), get_pay_all_link);
    view! {
        <Meta name="robots" content="noindex, nofollow"/>
        <main id="main" class="page pay-link-page">
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(view) => view! { <PayAll view/> }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <Title text=format!("{} · Portico", t.payments.link_label)/>
                            <h1 class="page-title">{t.payments.link_label}</h1>
                            <p class="notice" data-testid="pay-link-invalid">{t.payments.link_invalid}</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn PayAll(view: PayAllView) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let pay = ServerAction::<PayAllByLink>::new();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let PayAllView { seller, documents, due, card, idempotency_key } = view;
    let settled = due.minor == 0;
    let rows = documents
        .into_iter()
        .map(|d| {
            let badge = status_badge(d.status, d.overdue);
            view! {
                <tr data-testid="pay-all-row" data-status=d.status.as_str()>
                    <th scope="row" data-label=t.col_number>{d.number}</th>
                    <Cell label=t.invoices.col_due class="date">{format::date(d.due_date, lang)}</Cell>
                    <Cell label=t.invoices.col_amount class="amount">{format::money(d.amount, lang)}</Cell>
                    <Cell label=t.col_status>
                        <span class=badge>{t.invoices.status(d.status)}</span>
                    </Cell>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} · Portico", t.payments.all_page_title)/>
        <h1 class="page-title" data-testid="pay-all-title">{t.payments.all_page_title}</h1>
        <p class="page-lead muted">{(t.payments.all_page_lead)(&seller)}</p>
        <section class="box" aria-labelledby="pay-all-documents" data-testid="pay-all" data-paid=settled.to_string()>
            <h2 class="box-title" id="pay-all-documents">{t.invoices.seller}": "{seller.clone()}</h2>
            <table class="table">
                <caption class="visually-hidden">{t.payments.all_page_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_number}</th>
                        <th scope="col" class="date">{t.invoices.col_due}</th>
                        <th scope="col" class="amount">{t.invoices.col_amount}</th>
                        <th scope="col">{t.col_status}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <dl class="facts">
                {fact(t.payments.all_due, view! { <strong data-testid="pay-all-due">{format::money(due, lang)}</strong> })}
            </dl>
            {if settled {
                view! { <p class="notice" data-testid="pay-all-paid">{t.payments.all_paid}</p> }.into_any()
            } else if !card {
                // Only the sandbox gateway, and it may not take payments here: nothing to offer.
                ().into_any()
            } else {
                view! {
                    <p class="muted">{t.payments.by_card_lead}</p>
                    <ActionForm action=pay>
                        <input type="hidden" name="token" value=token/>
                        <input type="hidden" name="key" value=idempotency_key/>
                        <button type="submit" class="btn btn--primary" data-testid="pay-all-by-card">
                            {(t.payments.all_pay)(&format::money(due, lang))}
                        </button>
                    </ActionForm>
                    <ActionError action=pay/>
                }.into_any()
            }}
        </section>
    }
}

/// On the unpaid list: make the pay-all link, and right after, show it once.
#[component]
pub fn PayAllBox(token: Option<String>) -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreatePayAllLink>::new();
    #[cfg(feature = "ssr")]
    let origin = crate::server::context::public_origin();
    #[cfg(not(feature = "ssr"))]
    let origin = String::new();
    let link = token.map(|token| format!("{origin}{}", pay_all_href(&token)));
    view! {
        <section class="box box--wide" aria-labelledby="pay-all-title" data-testid="pay-all-box">
            <h2 class="box-title" id="pay-all-title">{t.payments.all_title}</h2>
            <p class="muted">{t.payments.all_lead}</p>
            {link.map(|link| view! {
                <label for="pay-all-link">{t.payments.link_label}</label>
                <input id="pay-all-link" type="text" readonly value=link aria-describedby="pay-all-once" data-testid="pay-all-url"/>
                <p class="form-notice" id="pay-all-once">{t.payments.link_created}</p>
            })}
            <ActionForm action=create>
                <button type="submit" class="btn btn--secondary" data-testid="create-pay-all-link">
                    {t.payments.create_all_link}
                </button>
            </ActionForm>
            <ActionError action=create/>
        </section>
    }
}
