//! Sign-in. A plain form posting to the `login` server function, which answers with a
//! redirect: to the dashboard, or back here with an error code in the query.

use crate::api::account::Login;
use crate::components::layout::LanguageSwitch;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    // Every password check slot was taken: the page says so with the status a client or a
    // monitor understands.
    #[cfg(feature = "ssr")]
    {
        let busy = query.with_untracked(|q| q.get("error").as_deref() == Some("busy"));
        if busy && let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            use crate::server::password::HashGate;
            use axum::http::{HeaderValue, StatusCode, header};
            res.set_status(StatusCode::SERVICE_UNAVAILABLE);
            let seconds = HashGate::RETRY_AFTER.as_secs().max(1);
            res.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
    }
    let message = move || {
        query.with(|q| match q.get("error").as_deref() {
            Some("invalid") => {
                Some((t.account.invalid_credentials.to_owned(), "form-error", "alert"))
            }
            // The minutes to wait come from the refusal; anything odd gets the general text.
            Some("rate_limited") => Some((
                q.get("wait")
                    .and_then(|w| w.parse::<i64>().ok())
                    .filter(|w| (1..=24 * 60).contains(w))
                    .map_or_else(|| t.too_many_attempts.to_owned(), t.account.sign_in_wait),
                "form-error",
                "alert",
            )),
            Some("busy") => Some((t.busy.to_owned(), "form-error", "alert")),
            Some(_) => Some((t.error_invalid.to_owned(), "form-error", "alert")),
            None if q.get("signed_out").is_some() => {
                Some((t.account.signed_out.to_owned(), "form-notice", "status"))
            }
            None if q.get("expired").is_some() => {
                Some((t.session_expired.to_owned(), "form-notice", "status"))
            }
            None => None,
        })
    };
    view! {
        <Title text=format!("{} · Portico", t.sign_in_title)/>
        <main id="main" class="page login-page">
            <div class="login-card">
                <h1>{t.sign_in_title}</h1>
                <p class="muted">{t.account.sign_in_lead}</p>
                {move || {
                    message()
                        .map(|(text, class, role)| {
                            view! {
                                <p class=class role=role data-testid="login-message">
                                    {text}
                                </p>
                            }
                        })
                }}
                <form method="post" action=Login::url()>
                    <div class="field">
                        <label for="email">{t.account.email}</label>
                        <input
                            id="email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            required
                        />
                    </div>
                    <div class="field">
                        <label for="password">{t.account.password}</label>
                        <input
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                        />
                    </div>
                    <button type="submit" class="btn btn--primary">{t.sign_in}</button>
                </form>
                <LanguageSwitch/>
            </div>
        </main>
    }
}
