//! `/invoices/{id}/pdf`: a document's PDF for the signed-in customer; `/invoices/{id}/quote`:
//! the non-binding quote of an unpaid proforma (seed 002). The session layer has
//! already sent a visitor without a session to the sign-in page. Another customer's document,
//! a missing one and a malformed id all get the same "page not found" as any unknown address.

use app::server::context::{AppState, AuthContext};
use app::server::usecases::invoices;
use app::shell;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;

/// Which PDF of a document.
#[derive(Clone, Copy)]
pub enum Pdf {
    Document,
    Quote,
}

pub async fn invoice_pdf(
    state: AppState,
    which: Pdf,
    Path(id): Path<String>,
    State(options): State<LeptosOptions>,
    uri: Uri,
    req: Request,
) -> Response {
    let customer = req.extensions().get::<AuthContext>().map(|auth| auth.customer_id);
    let (Some(customer_id), Ok(id)) = (customer, id.parse::<i64>()) else {
        return not_found(uri, options, req).await;
    };
    let file = match which {
        Pdf::Document => invoices::pdf(&state, customer_id, id).await,
        Pdf::Quote => invoices::quote_pdf(&state, customer_id, id).await,
    };
    match file {
        Ok(file) => {
            let disposition = format!("inline; filename=\"{}\"", file.file_name);
            let mut res = file.bytes.into_response();
            let headers = res.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            // A customer's document: never kept by a shared cache, nor by the browser.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            res
        }
        Err(app::model::AppError::NotFound) => not_found(uri, options, req).await,
        Err(err) => {
            tracing::error!(invoice = id, "PDF failed: {err:?}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The app's own "page not found", in the visitor's language.
async fn not_found(uri: Uri, options: LeptosOptions, req: Request) -> Response {
    leptos_axum::file_and_error_handler(shell)(uri, State(options), req).await
}
