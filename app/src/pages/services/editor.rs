//! The reverse DNS and nameserver editors (islands). A refused entry stays in the field to
//! be corrected, with the reason beside it; an accepted one starts the operation and the
//! page reloads to follow it. Without JavaScript the form posts and the page comes back with
//! the refused entry and the reason (`refused`, read from the address by the page).

use crate::api::services::RequestOperation;
use crate::components::errors::{FormRefusal, error_text};
use crate::i18n::use_texts;
use crate::model::Operation;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The editor's request; once the server accepts it, the page reloads to show the running
/// operation.
fn edit_action() -> ServerAction<RequestOperation> {
    let action = ServerAction::<RequestOperation>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            let _ = window().location().reload();
        }
    });
    action
}

/// The one reason an editor shows: once its action has answered, that answer's (none when it
/// was accepted); before, the one the page came back with from a form posted without
/// JavaScript. Both at once would be two alerts for one field, the older one stale.
fn refusal(
    action: ServerAction<RequestOperation>,
    returned: Option<String>,
) -> Signal<Option<String>> {
    Signal::derive(move || match action.value().get() {
        Some(Err(error)) => error_text(&error).map(str::to_owned),
        Some(Ok(())) => None,
        None => returned.clone(),
    })
}

/// Seed 002 "Netzwerk": the reverse DNS name of the server's address.
#[island]
pub fn ReverseDnsEditor(
    id: i64,
    stored: String,
    busy: bool,
    refused: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let action = edit_action();
    let refused = refusal(action, refused);
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="op" value=Operation::ReverseDns.as_str()/>
            <div class="filter-field">
                <label for="reverse-dns">{t.services.label_reverse_dns}</label>
                <input
                    id="reverse-dns"
                    name="argument"
                    type="text"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    required=true
                    maxlength="253"
                    value=stored
                    aria-describedby="reverse-dns-hint"
                    aria-invalid=move || refused.with(Option::is_some).then_some("true")
                />
                <span id="reverse-dns-hint" class="muted small">{t.services.reverse_dns_hint}</span>
                {move || view! { <FormRefusal text=refused.get()/> }}
            </div>
            <button type="submit" class="btn btn--primary btn--small" disabled=busy>{t.services.save}</button>
        </ActionForm>
    }
}

/// A domain's nameservers, one per line (2-13).
#[island]
pub fn NameserverEditor(
    id: i64,
    /// One per line.
    stored: String,
    busy: bool,
    refused: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let action = edit_action();
    let refused = refusal(action, refused);
    let rows = stored.lines().count().clamp(2, 13);
    view! {
        <ActionForm action>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="op" value=Operation::Nameservers.as_str()/>
            <div class="filter-field">
                <label for="nameservers">{t.services.op_nameservers}</label>
                <textarea
                    id="nameservers"
                    name="argument"
                    rows=rows.to_string()
                    spellcheck="false"
                    autocomplete="off"
                    required=true
                    aria-describedby="nameservers-hint"
                    aria-invalid=move || refused.with(Option::is_some).then_some("true")
                >
                    {stored}
                </textarea>
                <span id="nameservers-hint" class="muted small">{t.services.nameservers_hint}</span>
                {move || view! { <FormRefusal text=refused.get()/> }}
            </div>
            <button type="submit" class="btn btn--primary btn--small" disabled=busy>{t.services.save}</button>
        </ActionForm>
    }
}
