//! The signed-in frame: header with the customer's name, navigation, language and logout.

use crate::api::account::{Logout, SetLanguage, get_viewer};
use crate::i18n::{texts, use_lang, use_texts};
use crate::model::Lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::components::{A, Outlet};

#[component]
pub fn SignedInLayout() -> impl IntoView {
    let t = use_texts();
    let viewer = Resource::new_blocking(|| (), |_| get_viewer());
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Portico"</a>
            <nav class="primary-nav" aria-label=t.main_navigation>
                <ul>
                    <li>
                        <A href="/" exact=true>{t.nav_dashboard}</A>
                    </li>
                    <li>
                        <A href="/services">{t.nav_services}</A>
                    </li>
                    <li>
                        <A href="/orders">{t.nav_orders}</A>
                    </li>
                    <li>
                        <A href="/invoices">{t.nav_invoices}</A>
                    </li>
                    <li>
                        <A href="/catalogue">{t.catalogue.order_title}</A>
                    </li>
                    <li>
                        <A href="/cart">{t.cart.cart_title}</A>
                    </li>
                </ul>
            </nav>
            <div class="account">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        viewer
                            .await
                            .ok()
                            .and_then(|v| v.user)
                            .map(|u| {
                                view! {
                                    <span class="account-name" data-testid="account-name">
                                        {u.display_name}
                                    </span>
                                }
                            })
                    })}
                </Suspense>
                <LanguageSwitch/>
                <form class="logout-form" method="post" action=Logout::url()>
                    <button type="submit" class="btn btn--small btn--secondary">
                        {t.log_out}
                    </button>
                </form>
            </div>
        </header>
        <main id="main" class="page">
            <Outlet/>
        </main>
        <Footer/>
    }
}

/// A plain form so it also works before the wasm has loaded; the server answers with a
/// redirect back to the page, now in the chosen language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let current = use_lang();
    view! {
        <form class="lang-switch" method="post" action=SetLanguage::url()>
            <label class="visually-hidden" for="lang-select">{t.language}</label>
            <select id="lang-select" name="lang">
                {Lang::ALL
                    .iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.as_str() selected=*lang == current>
                                {texts(*lang).lang_name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="btn btn--small btn--secondary">{t.switch_language}</button>
        </form>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer_note}</p>
        </footer>
    }
}
