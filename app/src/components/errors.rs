//! What a user sees when something fails: a translated message, and for unexpected failures
//! the reference under which the cause is logged. Never internal text.

use crate::i18n::{Texts, use_texts};
use crate::model::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t.not_found_title/>
        <main id="main" class="page">
            <div class="error-page">
                <h1>{t.not_found_title}</h1>
                <p>{t.not_found_body}</p>
                <p>
                    <a href="/">{t.back_to_dashboard}</a>
                </p>
            </div>
        </main>
    }
}

/// Shows an `AppError` inside a page.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let t = use_texts();
    let (title, body, reference) = match &error {
        AppError::NotFound => (t.not_found_title, t.not_found_body, None),
        AppError::Unauthorized => (t.sign_in_title, t.session_expired, None),
        AppError::Invalid { .. } => (t.error_title, t.error_invalid, None),
        AppError::Conflict => (t.error_title, t.error_conflict, None),
        AppError::RateLimited => (t.error_title, t.too_many_attempts, None),
        AppError::Busy => (t.error_title, t.busy, None),
        AppError::Internal { reference } => (t.error_title, t.error_body, Some(reference.clone())),
    };
    let sign_in = matches!(error, AppError::Unauthorized);
    view! {
        <div class="error-page" role="alert">
            <h2>{title}</h2>
            <p>{body}</p>
            {reference
                .map(|r| {
                    view! {
                        <p class="error-ref">
                            {t.error_reference} ": " <code>{r}</code>
                        </p>
                    }
                })}
            {sign_in.then(|| view! { <p><a href="/login">{t.sign_in}</a></p> })}
        </div>
    }
}

/// The message for a failed request on this page, in the user's language.
pub fn error_text(error: &AppError) -> Option<&'static str> {
    let t = use_texts();
    match error {
        AppError::Invalid { code, .. } => Some(invalid_text(t, code)),
        AppError::Conflict => Some(t.err_not_now),
        AppError::NotFound => Some(t.not_found_body),
        AppError::Unauthorized => Some(t.session_expired),
        AppError::RateLimited => Some(t.too_many_attempts),
        AppError::Busy => Some(t.busy),
        AppError::Internal { .. } => Some(t.error_body),
    }
}

/// The message for an `AppError::Invalid` code, whichever area's form it came from.
pub fn invalid_text(t: &Texts, code: &str) -> &'static str {
    known_invalid_text(t, code).unwrap_or(t.error_invalid)
}

fn known_invalid_text(t: &Texts, code: &str) -> Option<&'static str> {
    t.services
        .invalid(code)
        .or_else(|| t.payments.invalid(code))
        .or_else(|| t.cart.invalid(code))
        .or_else(|| t.catalogue.invalid(code))
        .or_else(|| t.domain_order.invalid(code))
}

/// Back from a form refused without JavaScript (`model::refused`): `field` as it was typed, and
/// why it was refused (a known reason only: the page's address is anyone's to write).
pub fn refused_input(field: &str) -> (String, Option<&'static str>) {
    let t = use_texts();
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        let reason = q.get("refused").and_then(|code| known_invalid_text(t, &code));
        (q.get(field).unwrap_or_default(), reason)
    })
}

/// What a field of a form that edits something stored shows: back from a refusal without
/// JavaScript, the entry as it was typed and why it was refused; else what is stored.
pub fn entry_or_refused(field: &str, stored: String) -> (String, Option<String>) {
    match refused_input(field) {
        (typed, Some(reason)) => (typed, Some(reason.to_owned())),
        (_, None) => (stored, None),
    }
}

/// The last error of an action, as an alert beside the form that caused it.
#[component]
pub fn ActionError<A>(action: ServerAction<A>) -> impl IntoView
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    move || {
        let text = action.value().get().and_then(Result::err).and_then(|e| error_text(&e));
        view! { <FormRefusal text/> }
    }
}

/// Why a form was refused, as an alert beside it; nothing when it was not. The one markup for
/// every refusal, whether it came from an action or back in the page's address.
#[component]
pub fn FormRefusal<T>(
    text: Option<T>,
    /// For the tests that look for this form's refusal among others on the page.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView
where
    T: IntoView + 'static,
{
    text.map(|text| view! { <p class="form-error" role="alert" data-testid=testid>{text}</p> })
}
