//! The router: Leptos pages and server functions, static files, and the layers around them.

use crate::assets::{self, Assets};
use crate::documents::{self, Pdf};
use crate::{calendar, compression, layers, payments};
use app::model::documents::MAX_DOCUMENT_BYTES;
use app::server::context::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{any, get, post};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The app's routes, generated once per process. Generating them runs the app with resource
/// loading suppressed process-wide (leptos' `SuppressResourceLoad`), and a page whose resource
/// is first polled meanwhile never finishes rendering (leptos-rs/leptos#4773); so it happens
/// once, before anything renders, however many routers are built (tests build one per request).
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The site's static files, read once per process and site root (tests build a router per
/// request, some with a site root of their own).
fn assets_of(options: &LeptosOptions) -> Arc<Assets> {
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, Arc<Assets>>>> = OnceLock::new();
    let root = PathBuf::from(options.site_root.as_ref());
    let mut loaded = LOADED.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    loaded
        .entry(root.clone())
        .or_insert_with(|| {
            let assets = Assets::load(&root, &options.site_pkg_dir, options.hash_files);
            Arc::new(assets.unwrap_or_else(|err| {
                tracing::error!("static files under {}: {err}", root.display());
                Assets::default()
            }))
        })
        .clone()
}

pub fn build(state: AppState, options: LeptosOptions) -> Router {
    let routes = route_list();
    let page_state = state.clone();
    let health_state = state.clone();
    let pdf_state = state.clone();
    let quote_state = state.clone();
    let calendar_state = state.clone();
    let upload_state = state.clone();
    let download_state = state.clone();
    let pay = state.clone();
    Router::new()
        // `leptos_routes_with_context` registers each server function under its own path, POST
        // only: any other method answers 405 with an empty body before the framework sees it.
        // A name that is not registered is a plain 404, not the framework's explanation.
        .route("/api/{*fn_name}", any(|| async { StatusCode::NOT_FOUND }))
        .route("/healthz", get(move || health(health_state.clone())))
        // The payment gateway's side: its webhook, and the sandbox gateway's hosted pages.
        .route(
            "/webhooks/payments/{gateway}",
            post({
                let state = pay.clone();
                move |gateway, headers, body| {
                    payments::receive_webhook(state.clone(), gateway, headers, body)
                }
            }),
        )
        .route(
            "/sandbox/gateway/{id}",
            get({
                let state = pay.clone();
                move |id, query, lang| payments::sandbox_page(state.clone(), id, query, lang)
            })
            .post({
                let state = pay.clone();
                move |id, query, lang, form| {
                    payments::sandbox_pay(state.clone(), id, query, lang, form)
                }
            }),
        )
        .route(
            "/sandbox/gateway/{id}/confirm",
            get({
                let state = pay.clone();
                move |id, query, lang| {
                    payments::sandbox_confirm_page(state.clone(), id, query, lang)
                }
            })
            .post({
                let state = pay.clone();
                move |id, query, form| payments::sandbox_confirm(state.clone(), id, query, form)
            }),
        )
        .route(
            "/invoices/{id}/pdf",
            get(move |path, options, uri, req| {
                documents::invoice_pdf(pdf_state.clone(), Pdf::Document, path, options, uri, req)
            }),
        )
        .route(
            "/invoices/{id}/quote",
            get(move |path, options, uri, req| {
                documents::invoice_pdf(quote_state.clone(), Pdf::Quote, path, options, uri, req)
            }),
        )
        .route(
            "/orders/continue/{id}/declaration",
            post(move |path, options, uri, req| {
                documents::upload_declaration(upload_state.clone(), path, options, uri, req)
            })
            // The file's limit, and room for the form around it; a larger body is refused
            // while it arrives.
            .layer(DefaultBodyLimit::max(MAX_DOCUMENT_BYTES + 64 * 1024)),
        )
        .route(
            "/documents/{id}",
            get(move |path, options, uri, req| {
                documents::download_document(download_state.clone(), path, options, uri, req)
            }),
        )
        .route(
            "/calendar/{file}",
            get(move |path, options, uri, req| {
                calendar::feed(calendar_state.clone(), path, options, uri, req)
            }),
        )
        .leptos_routes_with_context(
            &options,
            routes,
            move || provide_context(page_state.clone()),
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .layer(from_fn_with_state(state.clone(), layers::session))
        .layer(from_fn(layers::csrf))
        .layer(from_fn(layers::limit_server_fn_body))
        .layer(from_fn_with_state(state.clone(), layers::security_headers))
        // Pages and server function answers, gzipped by a compressor kept per thread.
        .layer(from_fn(compression::gzip))
        // A request that has not been answered in time (a body that trickles in, a stuck
        // query) is answered 408 and its work dropped, so it holds no connection for long.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.settings.request_timeout,
        ))
        .layer(TraceLayer::new_for_http())
        // Outermost: a static file is answered from memory before any of the above runs.
        .layer(from_fn_with_state(assets_of(&options), assets::serve))
        .with_state(options)
}

/// Healthy means able to do the work: the database answers and, where this process runs the
/// job runner, it is still running. A load balancer or service manager takes an unhealthy
/// instance out of rotation (or restarts it) instead of sending customers error pages or
/// leaving their operations unrun.
async fn health(state: AppState) -> (StatusCode, &'static str) {
    if let Err(err) = state.db.ping().await {
        tracing::error!("health check: database unreachable: {err}");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable");
    }
    if !state.runner.is_healthy() {
        tracing::error!("health check: the job runner has stopped");
        return (StatusCode::SERVICE_UNAVAILABLE, "job runner stopped");
    }
    (StatusCode::OK, "ok")
}
