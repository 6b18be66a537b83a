//! Sign-in, sign-out, language and the viewer shown in the header.
//!
//! Sign-in, sign-out and the language switch are plain HTML form posts answered with a
//! redirect, so they behave the same with and without JavaScript and always load a fresh page.

use crate::model::AppError;
use crate::model::views::Viewer;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{context, sessions, usecases};

#[cfg(feature = "ssr")]
fn set_cookie(value: String) {
    use axum::http::{HeaderValue, header};
    if let (Some(res), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&value))
    {
        res.append_header(header::SET_COOKIE, value);
    }
}

/// Plain form posts (`Accept: text/html`) are answered with a redirect: to the dashboard, or
/// back to the sign-in page with the reason (and for a limit, the minutes to wait). Other
/// clients get the refusal as an error with its status: 429 or 503, with `Retry-After`.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use usecases::account::login::LoginError;
    let state = context::app_state()?;
    let client = context::client_meta();
    let previous = context::current_user().map(|u| u.session_id);
    let outcome = match usecases::account::login::Credentials::parse(&email, password) {
        Ok(credentials) => {
            usecases::account::login::login(&state, credentials, &client, previous).await
        }
        Err(_) => Err(LoginError::Invalid),
    };
    let html = context::plain_form_post();
    match outcome {
        Ok(token) => {
            set_cookie(sessions::session_cookie(&token, &state.settings));
            leptos_axum::redirect("/");
        }
        Err(LoginError::Invalid) => leptos_axum::redirect("/login?error=invalid"),
        Err(LoginError::RateLimited { retry_after }) if html => {
            let minutes = retry_after.as_secs().div_ceil(60).max(1);
            leptos_axum::redirect(&format!("/login?error=rate_limited&wait={minutes}"));
        }
        Err(LoginError::Busy { .. }) if html => leptos_axum::redirect("/login?error=busy"),
        Err(LoginError::RateLimited { retry_after }) => {
            set_retry_after(retry_after);
            return context::with_status(Err(AppError::RateLimited));
        }
        Err(LoginError::Busy { retry_after }) => {
            set_retry_after(retry_after);
            return context::with_status(Err(AppError::Busy));
        }
        Err(LoginError::Failed(other)) => return Err(other),
    }
    Ok(())
}

#[cfg(feature = "ssr")]
fn set_retry_after(wait: std::time::Duration) {
    use axum::http::{HeaderValue, header};
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)));
    }
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let user = context::require_user()?;
    let state = context::app_state()?;
    let client = context::client_meta();
    usecases::account::login::logout(
        &state,
        user.customer_id,
        &user.email,
        &user.session_id,
        &client,
    )
    .await?;
    set_cookie(sessions::clear_session_cookie(&state.settings));
    leptos_axum::redirect("/login?signed_out=1");
    Ok(())
}

/// Public: before sign-in it only remembers the choice in a cookie; after sign-in it also
/// becomes the customer's setting.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    let state = context::app_state()?;
    let lang = crate::model::Lang::parse(&lang)
        .ok_or_else(|| AppError::Invalid { field: "lang".into(), code: "lang".into() })?;
    if let Some(user) = context::current_user() {
        usecases::account::preferences::set_language(&state, user.customer_id, lang).await?;
    }
    set_cookie(sessions::lang_cookie(lang.as_str(), &state.settings));
    Ok(())
}

/// Public: answers who is signed in (if anyone) and in which language to speak.
#[server(endpoint = "viewer")]
pub async fn get_viewer() -> Result<Viewer, AppError> {
    use crate::model::views::SignedInUser;
    let user = context::current_user().map(|u| SignedInUser {
        display_name: u.display_name,
        kind: u.kind,
        is_staff: u.is_staff,
    });
    Ok(Viewer { user, lang: context::request_lang() })
}
