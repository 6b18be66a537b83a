//! Portico: the application, compiled for the server (`ssr`) and for the browser (`hydrate`).
//!
//! Leptos runs in islands mode: every page is rendered on the server and works as plain HTML
//! forms and links; only the components marked `#[island]` (progress that follows itself,
//! editors that keep what was typed, data shown on request, the filter that applies at once)
//! are compiled into the wasm and come alive in the browser. The README's architecture section
//! has the measurements behind this.

#![recursion_limit = "512"]

pub mod api;
pub mod components;
pub mod format;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

use components::errors::NotFound;
use components::layout::SignedInLayout;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};
use model::Lang;
use pages::account::LoginPage;
use pages::balance::BalancePage;
use pages::cart::CartPage;
use pages::catalogue::{CataloguePage, addons::AddonsPage};
use pages::dashboard::DashboardPage;
use pages::invoices::{InvoicePage, InvoicesPage};
use pages::orders::domain::{DomainOrderPage, DomainSearchPage};
use pages::orders::{OrderPage, OrdersPage};
use pages::payments::{PayAllPage, PayLinkPage, PayPage, PaymentPage};
use pages::services::ServicesPage;
use pages::services::{DueServicesPage, ForecastPage, RenewPage, ServicePage};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = page_lang();
    #[cfg(feature = "ssr")]
    set_security_headers(&options);
    view! {
        <!DOCTYPE html>
        <html lang=lang.as_str()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link id="leptos" rel="stylesheet" href=stylesheet_href(&options)/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet's address. A release build names it by its content's hash (`hash-files` in
/// `Cargo.toml`; the hashes are in the hash file beside the binary, where Leptos reads the
/// script's and the wasm's), so browsers may cache it for good. Read once per process, except
/// in a debug build, where `cargo leptos watch` rebuilds the stylesheet under a new name
/// without restarting the server.
fn stylesheet_href(options: &LeptosOptions) -> String {
    let read = || {
        let name = &options.output_name;
        let hash = options.hash_files.then(|| {
            let file = std::env::current_exe().ok()?.parent()?.join(options.hash_file.as_ref());
            let hashes = std::fs::read_to_string(file).ok()?;
            hashes.lines().find_map(|l| l.strip_prefix("css:").map(|h| h.trim().to_owned()))
        });
        match hash.flatten() {
            Some(hash) => format!("/{}/{name}.{hash}.css", options.site_pkg_dir),
            None => format!("/{}/{name}.css", options.site_pkg_dir),
        }
    };
    if cfg!(debug_assertions) {
        return read();
    }
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(read).clone()
}

/// The language the page is rendered in. The server decides it from the session, the
/// visitor's choice or the browser; an island in the browser reads it back from `<html lang>`,
/// so both sides render the same texts without a round trip.
pub(crate) fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        server::context::request_lang()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or(Lang::En)
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::En
    }
}

/// Content-Security-Policy with the per-response nonce Leptos puts on its inline hydration
/// scripts: no `'unsafe-inline'` scripts, and `'wasm-unsafe-eval'` for the wasm module.
#[cfg(feature = "ssr")]
fn set_security_headers(options: &LeptosOptions) {
    use axum::http::{HeaderValue, header};
    let Some(res) = use_context::<leptos_axum::ResponseOptions>() else { return };
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string()).unwrap_or_default();
    // `cargo leptos watch` reloads the page through a websocket; nothing else opens one.
    let reload = if std::env::var_os("LEPTOS_WATCH").is_some() {
        format!(" ws://{}:{}", options.site_addr.ip(), options.reload_port)
    } else {
        String::new()
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'{reload}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = page_lang();
    provide_context(lang);
    let t = i18n::texts(lang);

    view! {
        <Title text="Portico"/>
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/pay/:token") view=PayLinkPage ssr=SsrMode::Async/>
                <Route path=path!("/pay/all/:token") view=PayAllPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=SignedInLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage/>
                    <Route path=path!("services") view=ServicesPage/>
                    <Route path=path!("services/renew") view=DueServicesPage/>
                    <Route path=path!("services/forecast") view=ForecastPage/>
                    <Route path=path!("services/:id") view=ServicePage/>
                    <Route path=path!("services/:id/renew") view=RenewPage/>
                    <Route path=path!("cart") view=CartPage/>
                    <Route path=path!("catalogue") view=CataloguePage/>
                    <Route path=path!("catalogue/addons") view=AddonsPage/>
                    <Route path=path!("orders") view=OrdersPage/>
                    <Route path=path!("orders/domain") view=DomainSearchPage/>
                    <Route path=path!("orders/continue/:id") view=DomainOrderPage/>
                    <Route path=path!("orders/:id") view=OrderPage/>
                    <Route path=path!("invoices") view=InvoicesPage/>
                    <Route path=path!("invoices/:id") view=InvoicePage/>
                    <Route path=path!("invoices/:id/pay") view=PayPage/>
                    <Route path=path!("payments/:id") view=PaymentPage/>
                    <Route path=path!("balance") view=BalancePage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Sets `data-hydrated` on `<html>`; called by the browser entry point once the islands live.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
