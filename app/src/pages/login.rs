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
    let message = move || {
        query.with(|q| match q.get("error").as_deref() {
            Some("invalid") => Some((t.invalid_credentials, "form-error", "alert")),
            Some("rate_limited") => Some((t.too_many_attempts, "form-error", "alert")),
            Some(_) => Some((t.error_invalid, "form-error", "alert")),
            None if q.get("signed_out").is_some() => Some((t.signed_out, "form-notice", "status")),
            None if q.get("expired").is_some() => {
                Some((t.session_expired, "form-notice", "status"))
            }
            None => None,
        })
    };
    view! {
        <Title text=format!("{} · Portico", t.sign_in_title)/>
        <main id="main" class="page login-page">
            <div class="login-card">
                <h1>{t.sign_in_title}</h1>
                <p class="muted">{t.sign_in_lead}</p>
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
                        <label for="email">{t.email}</label>
                        <input
                            id="email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            required
                        />
                    </div>
                    <div class="field">
                        <label for="password">{t.password}</label>
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
