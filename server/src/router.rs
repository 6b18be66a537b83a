//! The router: Leptos pages and server functions, static files, and the layers around them.

use crate::layers;
use app::server::context::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, generate_route_list, handle_server_fns_with_context,
};
use std::sync::OnceLock;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// The app's routes, generated once per process. Generating them runs the app with resource
/// loading suppressed process-wide (leptos' `SuppressResourceLoad`), and a page whose resource
/// is first polled meanwhile never finishes rendering (leptos-rs/leptos#4773); so it happens
/// once, before anything renders, however many routers are built (tests build one per request).
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(state: AppState, options: LeptosOptions) -> Router {
    let routes = route_list();
    let page_state = state.clone();
    let fn_state = state.clone();
    let health_state = state.clone();
    let server_fns = move |req: Request<Body>| {
        let state = fn_state.clone();
        async move { handle_server_fns_with_context(move || provide_context(state.clone()), req).await }
    };

    Router::new()
        .route("/api/{*fn_name}", get(server_fns.clone()).post(server_fns))
        .route("/healthz", get(move || health(health_state.clone())))
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
        .layer(from_fn_with_state(state, layers::security_headers))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(options)
}

/// Healthy means able to serve: the database answers. A load balancer takes an instance whose
/// database is unreachable out of rotation instead of sending customers error pages.
async fn health(state: AppState) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!("health check: database unreachable: {err}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
