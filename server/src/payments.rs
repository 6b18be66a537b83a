//! The payment gateway's side of paying, served by Portico:
//! - `POST /webhooks/payments/{gateway}`: the gateway's signed webhook, for any gateway;
//! - `/sandbox/gateway/{id}`: the sandbox gateway's hosted card page, with its confirmation
//!   step. It is what a real gateway's page would be, so it stands apart from the portal's
//!   pages: plain HTML, no session needed, clearly labelled a sandbox.

use app::format;
use app::i18n::texts;
use app::model::{Currency, Lang, Money};
use app::server::context::{AppState, AuthContext, ClientMeta, lang_of};
use app::server::ports::payment_sandbox::{self, Checkout, TestCard};
use app::server::ports::payments::{EventKind, SIGNATURE_HEADER};
use app::server::usecases::payments::{WebhookRefused, webhook};
use axum::body::Bytes;
use axum::extract::{Form, FromRequestParts, Path, RawQuery};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::convert::Infallible;

pub async fn receive_webhook(
    state: AppState,
    Path(gateway): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    match webhook(&state, &gateway, signature, &body).await {
        Ok(outcome) => (StatusCode::OK, format!("{outcome:?}")).into_response(),
        Err(refused) => {
            tracing::warn!(gateway, "webhook refused: {refused}");
            let status = match refused {
                WebhookRefused::UnknownGateway => StatusCode::NOT_FOUND,
                WebhookRefused::Signature(_) => StatusCode::BAD_REQUEST,
                WebhookRefused::Mismatch => StatusCode::UNPROCESSABLE_ENTITY,
                WebhookRefused::Storage(_) => StatusCode::INTERNAL_SERVER_ERROR,
            };
            (status, status.canonical_reason().unwrap_or("refused")).into_response()
        }
    }
}

/// The sandbox page of one payment.
pub async fn sandbox_page(
    state: AppState,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    PageLang(lang): PageLang,
) -> Response {
    match checkout(&state, &id, query.as_deref()) {
        Some(checkout) => card_page(&state, &checkout, lang, None),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A card entered on the sandbox page: the test card decides what the gateway does.
pub async fn sandbox_pay(
    state: AppState,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    PageLang(lang): PageLang,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(checkout) = checkout(&state, &id, query.as_deref()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let card = form.get("card").and_then(|c| TestCard::parse(c));
    let outcome = match card {
        None => {
            let mut res =
                card_page(&state, &checkout, lang, Some(texts(lang).payments.unknown_card));
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return res;
        }
        Some(TestCard::Succeeds) => EventKind::Succeeded,
        Some(TestCard::Declined) => EventKind::Failed,
        Some(TestCard::NeedsConfirmation) => {
            let query = checkout.query(state.settings.payment_webhook_secret.as_bytes());
            return Redirect::to(&format!("/sandbox/gateway/{id}/confirm?{query}")).into_response();
        }
        Some(TestCard::LateTwice) => {
            payment_sandbox::deliver_late_twice(state.clone(), checkout.clone());
            return Redirect::to(&checkout.return_url).into_response();
        }
    };
    finish(&state, &checkout, outcome).await
}

/// The 3-D Secure-like step.
pub async fn sandbox_confirm_page(
    state: AppState,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    PageLang(lang): PageLang,
) -> Response {
    let Some(checkout) = checkout(&state, &id, query.as_deref()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let t = texts(lang).payments;
    let body = format!(
        r#"<h1>{title}</h1><p>{lead}</p>{summary}
<form method="post"><button type="submit" name="answer" value="confirm" class="primary">{confirm}</button>
<button type="submit" name="answer" value="refuse">{refuse}</button></form>"#,
        title = escape(t.confirm_title),
        lead = escape(t.confirm_lead),
        summary = summary(&state, &checkout, lang),
        confirm = escape(t.confirm),
        refuse = escape(t.refuse),
    );
    page(lang, t.confirm_title, &body)
}

pub async fn sandbox_confirm(
    state: AppState,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(checkout) = checkout(&state, &id, query.as_deref()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let outcome = match form.get("answer").map(String::as_str) {
        Some("confirm") => EventKind::Succeeded,
        _ => EventKind::Failed,
    };
    finish(&state, &checkout, outcome).await
}

/// The gateway tells Portico (the webhook), then sends the customer back.
async fn finish(state: &AppState, checkout: &Checkout, outcome: EventKind) -> Response {
    if let Err(err) = payment_sandbox::deliver(state, checkout, outcome).await {
        // A real gateway would retry; the return page shows the payment still pending.
        tracing::error!(payment = checkout.id, "sandbox webhook refused: {err}");
    }
    Redirect::to(&checkout.return_url).into_response()
}

/// The sandbox's pages exist only where it may take payments.
fn checkout(state: &AppState, id: &str, query: Option<&str>) -> Option<Checkout> {
    if !state.card_payments() {
        return None;
    }
    Checkout::from_query(state.settings.payment_webhook_secret.as_bytes(), id, query?)
}

fn card_page(state: &AppState, checkout: &Checkout, lang: Lang, error: Option<&str>) -> Response {
    let t = texts(lang).payments;
    let cards: String = TestCard::ALL
        .iter()
        .map(|(number, card)| {
            let what = match card {
                TestCard::Succeeds => t.card_succeeds,
                TestCard::Declined => t.card_declined,
                TestCard::NeedsConfirmation => t.card_confirm,
                TestCard::LateTwice => t.card_late,
            };
            format!("<li><code>{number}</code>: {}</li>", escape(what))
        })
        .collect();
    let error = error
        .map(|e| format!(r#"<p class="error" role="alert" id="card-error">{}</p>"#, escape(e)))
        .unwrap_or_default();
    let amount = amount(checkout, lang);
    let body = format!(
        r#"<h1>{title}</h1>{summary}{error}
<form method="post">
<label for="card">{card_label}</label>
<input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required{described}>
<button type="submit" class="primary">{pay}</button>
</form>
<p><a href="{back}">{cancel}</a></p>
<h2>{test_cards}</h2><ul>{cards}</ul>"#,
        title = escape(t.sandbox_title),
        summary = summary(state, checkout, lang),
        card_label = escape(t.card_number),
        described = if error.is_empty() { "" } else { r#" aria-describedby="card-error""# },
        pay = escape(&(t.sandbox_pay)(&amount)),
        back = escape(&checkout.return_url),
        cancel = escape(t.sandbox_cancel),
        test_cards = escape(t.test_cards),
    );
    page(lang, t.sandbox_title, &body)
}

fn summary(state: &AppState, checkout: &Checkout, lang: Lang) -> String {
    let t = texts(lang);
    format!(
        r#"<dl><dt>{merchant}</dt><dd>{seller}</dd><dt>{document}</dt><dd>{description}</dd><dt>{total}</dt><dd><strong>{amount}</strong></dd></dl>"#,
        merchant = escape(t.payments.sandbox_merchant),
        seller = escape(&state.settings.seller.name),
        document = escape(t.col_document),
        description = escape(&checkout.description),
        total = escape(t.invoices.total),
        amount = escape(&amount(checkout, lang)),
    )
}

fn amount(checkout: &Checkout, lang: Lang) -> String {
    match Currency::parse(&checkout.currency) {
        Some(currency) => format::money(Money::new(checkout.amount_minor, currency), lang),
        None => format!("{} {}", checkout.amount_minor, checkout.currency),
    }
}

/// A self-contained page: its own small stylesheet (allowed by this response's policy alone),
/// usable at 360 px and by keyboard, and a banner that says it is a sandbox.
fn page(lang: Lang, title: &str, body: &str) -> Response {
    let banner = escape(texts(lang).payments.sandbox_banner);
    let html = format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>{title} · Sandbox</title><style>{STYLE}</style></head>
<body><p class="banner" role="note" data-testid="sandbox-banner">{banner}</p><main>{body}</main></body></html>"#,
        lang = lang.as_str(),
        title = escape(title),
    );
    let mut res = Html(html).into_response();
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    res
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a2e;background:#f4f1ea}\
main{max-width:30rem;margin:0 auto;padding:1rem}\
.banner{margin:0;padding:.75rem 1rem;background:#8a4b00;color:#fff;font-weight:600;text-align:center}\
h1{font-size:1.5rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dd{margin:0}\
label{display:block;font-weight:600;margin-top:1rem}\
input{box-sizing:border-box;width:100%;font:inherit;padding:.6rem;min-height:44px;border:1px solid #666;border-radius:4px}\
button{font:inherit;min-height:44px;padding:.5rem 1.25rem;margin:1rem .5rem 0 0;border-radius:4px;border:1px solid #333;background:#fff;cursor:pointer}\
button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}\
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}\
.error{background:#fde8e8;border-left:4px solid #b91c1c;padding:.5rem .75rem}code{font-size:.95em}";

/// The page's language: the signed-in customer's, else the visitor's choice or browser's.
pub struct PageLang(Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let extensions = &parts.extensions;
        Ok(PageLang(lang_of(extensions.get::<AuthContext>(), extensions.get::<ClientMeta>())))
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
