//! A domain order in steps: `/orders/domain` searches the name (the registry says whether it
//! is free or held elsewhere) and starts the order; `/orders/continue/{id}` shows it at the
//! step it stands at (or an earlier one, `?step=N`, to change it), with the steps as a list:
//! period, registrant, nameservers, for a `.hu` transfer the declaration, and the review that
//! puts it in the cart. Every step is a plain form that saves and opens the next one, so the
//! order can be left anywhere (the dashboard offers to continue it) and works without
//! JavaScript.

use crate::api::orders::{
    FinishDomainOrder, SaveDomainNameservers, SaveDomainPeriod, SaveDomainRegistrant,
    StartDomainOrder, get_domain_order,
};
use crate::components::errors::{ActionError, ErrorNotice, FormRefusal, refused_input};
use crate::components::facts::fact;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::DocumentStatus;
use crate::model::domain_order::{DomainOrderKind, DomainOrderView, Step, continue_href, position};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn DomainSearchPage() -> impl IntoView {
    let t = use_texts();
    let start = ServerAction::<StartDomainOrder>::new();
    let (typed, refused) = refused_input("domain");
    view! {
        <Title text=format!("{} · Portico", t.domain_order.title)/>
        <p class="breadcrumb"><a href="/catalogue">{t.catalogue.order_title}</a></p>
        <h1 class="page-title">{t.domain_order.title}</h1>
        <p class="page-lead muted">{t.domain_order.lead}</p>
        <section class="box">
            <ActionError action=start/>
            <ActionForm action=start>
                <div class="field">
                    <label for="domain-search">{t.domain_order.label_domain}</label>
                    <input
                        id="domain-search"
                        name="domain"
                        type="text"
                        inputmode="url"
                        autocomplete="off"
                        spellcheck="false"
                        required
                        maxlength="253"
                        aria-describedby="domain-search-hint"
                        value=typed
                        aria-invalid=refused.map(|_| "true")
                        data-testid="domain-search"
                    />
                    <span class="muted small" id="domain-search-hint">{t.domain_order.domain_hint}</span>
                    <FormRefusal text=refused/>
                </div>
                <button type="submit" class="btn btn--primary" data-testid="domain-search-submit">
                    {t.domain_order.search}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn DomainOrderPage() -> impl IntoView {
    let t = use_texts();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse().ok()));
    let step = use_query_map().with_untracked(|q| q.get("step").and_then(|v| v.parse().ok()));
    let order = Resource::new(
        move || (id, step),
        |(id, step)| async move {
            match id {
                Some(id) => get_domain_order(id, step).await,
                None => Err(crate::model::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=format!("{} · Portico", t.domain_order.title)/>
        <p class="breadcrumb"><a href="/">{t.nav_dashboard}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(order) => view! { <DomainOrder order/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DomainOrder(order: DomainOrderView) -> impl IntoView {
    let t = use_texts();
    let note = match order.kind {
        DomainOrderKind::Registration => t.domain_order.free_note,
        DomainOrderKind::Transfer => t.domain_order.taken_note,
    };
    let (position, of) = position(order.kind, &order.domain, order.step);
    let title = format!("{} · {}", order.domain, t.domain_order.kind(order.kind));
    // An order already in the cart shows only its declaration, to replace a rejected one.
    let steps = (!order.in_cart).then(|| step_list(&order));
    let position = (!order.in_cart).then(|| {
        view! { <p class="muted small">{(t.domain_order.step_of)(position, of)}</p> }
    });
    let step = order.step;
    view! {
        <h1 class="page-title" data-testid="domain-order-title">{title}</h1>
        <p class="page-lead muted">{note}</p>
        {steps}
        <section class="box" aria-labelledby="step-title" data-testid="domain-step" data-step=step.number()>
            {position}
            <h2 class="box-title" id="step-title">{t.domain_order.step(step)}</h2>
            {step_form(order)}
        </section>
    }
}

/// The steps in order, after the search: those answered link back to themselves, the one shown is marked, the
/// ones after the next unanswered cannot be opened yet.
fn step_list(order: &DomainOrderView) -> impl IntoView + use<> {
    let t = use_texts();
    let items = order
        .steps
        .iter()
        .map(|&step| {
            let name = t.domain_order.step(step);
            let href = format!("{}?step={}", continue_href(order.id), step.number());
            let body = if step == order.step {
                view! { <strong aria-current="step">{name}</strong> }.into_any()
            } else if step <= order.next {
                view! { <a href=href>{name}</a> }.into_any()
            } else {
                view! { <span class="muted">{name}</span> }.into_any()
            };
            view! { <li>{body}</li> }
        })
        .collect_view();
    // The search is the first step: its answer, the name, heads the list.
    view! {
        <nav aria-label=t.domain_order.steps_label>
            <ol class="steps" data-testid="domain-steps">
                <li>{order.domain.clone()}</li>
                {items}
            </ol>
        </nav>
    }
}

fn step_form(order: DomainOrderView) -> impl IntoView {
    match order.step {
        Step::Period => period_step(order).into_any(),
        Step::Contacts => contacts_step(order).into_any(),
        Step::Nameservers => nameservers_step(order).into_any(),
        Step::Declaration => declaration_step(order).into_any(),
        Step::Review => review_step(order).into_any(),
    }
}

fn period_step(order: DomainOrderView) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveDomainPeriod>::new();
    let chosen = order.data.years.unwrap_or(1) * 12;
    // The form sends years; each option's value is its months / 12.
    let options = order
        .periods
        .into_iter()
        .map(|c| {
            let years = c.months / 12;
            let text = period_options_text(&c);
            view! { <option value=years selected=years * 12 == chosen>{text}</option> }
        })
        .collect_view();
    view! {
        <ActionError action=save/>
        <ActionForm action=save>
            <input type="hidden" name="id" value=order.id/>
            <div class="field">
                <label for="domain-years">{t.domain_order.label_years}</label>
                <select id="domain-years" name="years" data-testid="domain-years">{options}</select>
            </div>
            <button type="submit" class="btn btn--primary" data-testid="step-save">
                {t.domain_order.save_continue}
            </button>
        </ActionForm>
    }
}

/// A period's option text, as the catalogue writes it: "2 years: 12 675 Ft".
fn period_options_text(choice: &crate::model::renewal::RenewalChoice) -> String {
    let t = use_texts();
    let lang = use_lang();
    (t.catalogue.period_price)(
        &(t.services.period)(choice.months),
        &format::money(choice.total, lang),
    )
}

fn contacts_step(order: DomainOrderView) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveDomainRegistrant>::new();
    let r = order.registrant;
    let field = |id: &'static str,
                 label: &'static str,
                 name: &'static str,
                 value: String,
                 kind: &'static str,
                 autocomplete: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id name=name type=kind value=value required autocomplete=autocomplete/>
            </div>
        }
    };
    view! {
        <p class="muted">{t.domain_order.contacts_lead}</p>
        <ActionError action=save/>
        <ActionForm action=save>
            <input type="hidden" name="id" value=order.id/>
            {field("registrant-name", t.domain_order.label_name, "name", r.name, "text", "organization")}
            {field("registrant-email", t.domain_order.label_email, "email", r.email, "email", "email")}
            {field("registrant-phone", t.domain_order.label_phone, "phone", r.phone, "tel", "tel")}
            {field("registrant-address", t.domain_order.label_address, "address", r.address, "text", "street-address")}
            <button type="submit" class="btn btn--primary" data-testid="step-save">
                {t.domain_order.save_continue}
            </button>
        </ActionForm>
    }
}

fn nameservers_step(order: DomainOrderView) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveDomainNameservers>::new();
    view! {
        <ActionError action=save/>
        <ActionForm action=save>
            <input type="hidden" name="id" value=order.id/>
            <div class="field">
                <label for="domain-nameservers">{t.domain_order.label_nameservers}</label>
                <textarea
                    id="domain-nameservers"
                    name="nameservers"
                    rows="4"
                    required
                    spellcheck="false"
                    aria-describedby="domain-nameservers-hint"
                    data-testid="domain-nameservers"
                >
                    {order.nameservers.join("\n")}
                </textarea>
                <span class="muted small" id="domain-nameservers-hint">{t.domain_order.nameservers_hint}</span>
            </div>
            <button type="submit" class="btn btn--primary" data-testid="step-save">
                {t.domain_order.save_continue}
            </button>
        </ActionForm>
    }
}

/// The declaration: a plain multipart form to the upload route (a file is not a server
/// function's argument), and what the registry said of the one uploaded.
fn declaration_step(order: DomainOrderView) -> impl IntoView {
    let t = use_texts();
    let uploaded = order.declaration.map(|d| {
        let rejected = d.status == DocumentStatus::Rejected;
        let reasons = d.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view();
        view! {
            <div class="notice" data-testid="declaration-status">
                <p>
                    <a href=format!("/documents/{}", d.id)>{d.file_name}</a>
                    " · " <strong>{t.domain_order.document_status(d.status)}</strong>
                </p>
                {rejected.then(|| view! {
                    <p>{t.domain_order.rejection_reasons}</p>
                    <ul class="reasons">{reasons}</ul>
                    <p>{t.domain_order.resubmit_note}</p>
                })}
            </div>
        }
    });
    let error = use_query_map()
        .with_untracked(|q| q.get("error"))
        .map(|code| t.domain_order.invalid(&code).unwrap_or(t.error_body));
    view! {
        <p class="muted">{t.domain_order.declaration_lead}</p>
        {uploaded}
        <FormRefusal text=error/>
        <form method="post" action=format!("{}/declaration", continue_href(order.id)) enctype="multipart/form-data">
            <div class="field">
                <label for="declaration-file">{t.domain_order.label_declaration}</label>
                <input
                    id="declaration-file"
                    name="file"
                    type="file"
                    accept="application/pdf,image/jpeg,image/png"
                    required
                    data-testid="declaration-file"
                />
            </div>
            <button type="submit" class="btn btn--primary" data-testid="declaration-upload">
                {t.domain_order.upload}
            </button>
        </form>
    }
}

fn review_step(order: DomainOrderView) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let finish = ServerAction::<FinishDomainOrder>::new();
    let years = order.data.years.unwrap_or(1);
    let registrant = order.data.registrant.clone().unwrap_or_default();
    let declaration = order.declaration.clone().map(|d| {
        fact(
            t.domain_order.step_declaration,
            format!("{} · {}", d.file_name, t.domain_order.document_status(d.status)),
        )
    });
    view! {
        <p class="muted">{t.domain_order.review_lead}</p>
        <dl class="facts" data-testid="domain-review">
            {fact(t.domain_order.label_domain, order.domain.clone())}
            {fact(t.domain_order.step_period, (t.services.period)(years * 12))}
            {fact(t.domain_order.step_contacts, format!("{} · {} · {} · {}", registrant.name, registrant.email, registrant.phone, registrant.address))}
            {fact(t.domain_order.step_nameservers, order.data.nameservers.join(", "))}
            {declaration}
            {order.total.map(|total| fact(t.domain_order.label_price, format::money(total, lang)))}
        </dl>
        <ActionError action=finish/>
        <ActionForm action=finish>
            <input type="hidden" name="id" value=order.id/>
            <button type="submit" class="btn btn--primary" data-testid="domain-finish">
                {t.domain_order.add_to_cart}
            </button>
        </ActionForm>
    }
}
