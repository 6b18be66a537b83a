//! Secrets shown only on request (islands): a server's access data and a domain's EPP code.
//! Each request is audit-logged by the server; what it answers lives only in this page.

use crate::api::services::{RevealAccess, RevealEppCode};
use crate::components::errors::ActionError;
use crate::components::facts::fact;
use crate::i18n::use_texts;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[island]
pub fn AccessReveal(id: i64) -> impl IntoView {
    let t = use_texts();
    let reveal = ServerAction::<RevealAccess>::new();
    let shown = move || {
        reveal.value().get().and_then(Result::ok).map(|a| {
            view! {
                <dl class="facts" data-testid="access-data">
                    {fact(t.services.label_username, view! { <code>{a.username}</code> })}
                    {fact(t.services.label_password, view! { <code>{a.password}</code> })}
                    {a.kvm_user.map(|u| fact(t.services.section_kvm, view! { <code>{u}</code> " " <code>{a.kvm_password.unwrap_or_default()}</code> }))}
                </dl>
            }
        })
    };
    view! {
        {shown}
        <Show when=move || reveal.value().get().and_then(Result::ok).is_none()>
            <ActionForm action=reveal>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="btn btn--secondary btn--small">{t.services.show_access}</button>
            </ActionForm>
        </Show>
        <ActionError action=reveal/>
    }
}

/// The EPP code the registrar sent.
#[island]
pub fn EppReveal(id: i64) -> impl IntoView {
    let t = use_texts();
    let reveal = ServerAction::<RevealEppCode>::new();
    let code = move || reveal.value().get().and_then(Result::ok);
    view! {
        {move || code().map(|code| view! { <p><code data-testid="epp-code">{code}</code></p> })}
        <Show when=move || code().is_none()>
            <ActionForm action=reveal>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="btn btn--secondary btn--small" data-testid="show-epp-code">
                    {t.services.show_epp_code}
                </button>
            </ActionForm>
        </Show>
        <ActionError action=reveal/>
    }
}
