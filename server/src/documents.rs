//! `/invoices/{id}/pdf`: a document's PDF for the signed-in customer; `/invoices/{id}/quote`:
//! the non-binding quote of an unpaid proforma (seed 002); `/documents/{id}`: a file the
//! customer uploaded, and its upload from a domain order's declaration step. The session layer has
//! already sent a visitor without a session to the sign-in page. Another customer's document,
//! a missing one and a malformed id all get the same "page not found" as any unknown address.

use app::model::AppError;
use app::model::documents::MAX_DOCUMENT_BYTES;
use app::model::domain_order::{Step, continue_href};
use app::server::context::{AppState, AuthContext, ClientMeta, Requester};
use app::server::usecases::{documents, invoices};
use app::shell;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
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
    let Some((customer_id, id)) = signed_in_and_numbered(&req, &id) else {
        return not_found(uri, options, req).await;
    };
    let file = match which {
        Pdf::Document => invoices::pdf(&state, customer_id, id).await,
        Pdf::Quote => invoices::quote_pdf(&state, customer_id, id).await,
    };
    match file {
        Ok(file) => {
            let disposition = format!("inline; filename=\"{}\"", file.file_name);
            private_file(file.bytes, "application/pdf", &disposition)
        }
        Err(app::model::AppError::NotFound) => not_found(uri, options, req).await,
        Err(err) => {
            tracing::error!(invoice = id, "PDF failed: {err:?}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The signed-in customer and the path's numeric id; `None` (answered "page not found") for
/// a visitor not signed in or an id that is not a number.
fn signed_in_and_numbered(req: &Request, id: &str) -> Option<(i64, i64)> {
    let customer_id = req.extensions().get::<AuthContext>()?.customer_id;
    Some((customer_id, id.parse().ok()?))
}

/// The app's own "page not found", in the visitor's language.
async fn not_found(uri: Uri, options: LeptosOptions, req: Request) -> Response {
    leptos_axum::file_and_error_handler(shell)(uri, State(options), req).await
}

/// `POST /orders/continue/{id}/declaration`: the `.hu` transfer's signed declaration, as a
/// plain multipart form (field `file`) from the order's declaration step. The browser goes
/// back to the order: at its next step, or at this one with `?error=` naming what was wrong
/// (wrong type, too large, no file), which the page says in the customer's language.
pub async fn upload_declaration(
    state: AppState,
    Path(id): Path<String>,
    State(options): State<LeptosOptions>,
    uri: Uri,
    req: Request,
) -> Response {
    let who = req.extensions().get::<AuthContext>().map(|auth| Requester {
        customer_id: auth.customer_id,
        ip: req.extensions().get::<ClientMeta>().and_then(|meta| meta.ip.clone()),
    });
    let (Some(who), Ok(id)) = (who, id.parse::<i64>()) else {
        return not_found(uri, options, req).await;
    };
    let back = |error: Option<&str>| {
        let mut to = continue_href(id);
        if let Some(code) = error {
            to.push_str(&format!("?step={}&error={code}", Step::Declaration.number()));
        }
        Redirect::to(&to).into_response()
    };
    // The request's head is kept to answer with the portal's "page not found" page once the
    // body has been read.
    let (head, body) = req.into_parts();
    let file = match read_file(Request::from_parts(head.clone(), body)).await {
        Ok(file) => file,
        Err(code) => return back(Some(code)),
    };
    match documents::upload_declaration(&state, &who, id, file).await {
        Ok(_) => back(None),
        Err(AppError::Invalid { code, .. }) => back(Some(&code)),
        Err(AppError::NotFound) => {
            not_found(uri, options, Request::from_parts(head, Body::empty())).await
        }
        Err(AppError::Conflict) => back(None),
        Err(err) => {
            // The step says that it failed (and that it is not the customer's fault); the
            // cause is in the log.
            tracing::error!(order = id, "declaration upload failed: {err:?}");
            back(Some("internal"))
        }
    }
}

/// The form's `file` field, at most [`MAX_DOCUMENT_BYTES`]; the code of what was wrong.
async fn read_file(req: Request) -> Result<documents::File, &'static str> {
    let mut multipart = Multipart::from_request(req, &()).await.map_err(|_| "file_missing")?;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        // Read in chunks so a larger file is refused at the limit, not held whole in memory.
        while let Ok(Some(chunk)) = field.chunk().await {
            if bytes.len() + chunk.len() > MAX_DOCUMENT_BYTES {
                return Err("file_too_large");
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(documents::File { file_name, content_type: String::new(), bytes });
    }
    Err("file_missing")
}

/// `GET /documents/{id}`: a document the signed-in customer uploaded, as a download.
/// Another customer's, a missing one and a malformed id all get "page not found".
pub async fn download_document(
    state: AppState,
    Path(id): Path<String>,
    State(options): State<LeptosOptions>,
    uri: Uri,
    req: Request,
) -> Response {
    let Some((customer_id, id)) = signed_in_and_numbered(&req, &id) else {
        return not_found(uri, options, req).await;
    };
    match documents::download(&state, customer_id, id).await {
        Ok(file) => {
            // Always a download: an uploaded file is never shown as a page of this site.
            let disposition = format!("attachment; filename=\"{}\"", ascii_name(&file.file_name));
            let mut res = private_file(file.bytes, &file.content_type, &disposition);
            let nosniff = HeaderValue::from_static("nosniff");
            res.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, nosniff);
            res
        }
        Err(AppError::NotFound) => not_found(uri, options, req).await,
        Err(err) => {
            tracing::error!(document = id, "document download failed: {err:?}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// A customer's file as a response: its type and disposition, and never kept by a shared cache
/// nor by the browser.
fn private_file(bytes: Vec<u8>, content_type: &str, disposition: &str) -> Response {
    let mut res = bytes.into_response();
    let headers = res.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}

/// The name as a header may carry it: ASCII, other characters as `_`.
fn ascii_name(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect()
}
