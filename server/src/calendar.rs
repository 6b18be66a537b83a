//! `/calendar/{token}.ics`: a customer's private calendar feed (iCalendar), for calendar apps,
//! which have no session: the secret address is the key. An unknown or replaced address gets
//! the same "page not found" as any unknown address.

use app::server::context::AppState;
use app::server::usecases::services::calendar;
use app::shell;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;

pub async fn feed(
    state: AppState,
    Path(file): Path<String>,
    State(options): State<LeptosOptions>,
    uri: Uri,
    req: Request,
) -> Response {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let origin = origin(&state, &req);
    match calendar::feed(&state, token, &origin).await {
        Ok(Some(ics)) => {
            let mut res = ics.into_response();
            let headers = res.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            // One customer's dates: no shared cache keeps them.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
            res
        }
        Ok(None) => leptos_axum::file_and_error_handler(shell)(uri, State(options), req).await,
        Err(err) => {
            tracing::error!("calendar feed failed: {err:?}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Where the feed's links point: `PORTICO_PUBLIC_URL`, or the host the app asked from.
fn origin(state: &AppState, req: &Request) -> String {
    if let Some(url) = &state.settings.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    format!("http://{}", host.unwrap_or("127.0.0.1:3000"))
}
