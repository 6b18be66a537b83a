//! `/catalogue/addons` (seed 001 "available addons"): each addon on offer with its price; "Add
//! to cart" asks which of the customer's services it is for (only those it fits are offered)
//! and for how long. Plain forms: the page works without JavaScript.

use super::period_options;
use crate::api::catalogue::{AddAddonToCart, get_addons};
use crate::components::errors::{ActionError, ErrorNotice};
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::catalogue::{AddonOffer, AddonsView};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AddonsPage() -> impl IntoView {
    let t = use_texts();
    let addons = Resource::new(|| (), |_| get_addons());
    view! {
        <Title text=format!("{} · Portico", t.catalogue.addons_title)/>
        <p class="breadcrumb"><a href="/catalogue">{t.catalogue.order_title}</a></p>
        <h1 class="page-title">{t.catalogue.addons_title}</h1>
        <p class="page-lead muted">{t.catalogue.addons_lead}</p>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match addons.await {
                    Ok(addons) => view! { <Addons addons/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Addons(addons: AddonsView) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddAddonToCart>::new();
    let AddonsView { addons, cart_lines, .. } = addons;
    let cards = addons.into_iter().map(|a| addon_card(a, add)).collect_view();
    view! {
        {(cart_lines > 0).then(|| view! {
            <div class="button-row">
                <a class="btn btn--primary" href="/cart" data-testid="go-to-cart">
                    {(t.cart.cart_count)(cart_lines)}
                </a>
            </div>
        })}
        <ActionError action=add/>
        <div class="product-grid">{cards}</div>
    }
}

fn addon_card(addon: AddonOffer, add: ServerAction<AddAddonToCart>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let AddonOffer { product, services } = addon;
    let id = product.id;
    let add_label = (t.catalogue.add_named)(&product.name);
    let from = product.periods.iter().find(|c| c.months == product.default_months).map(|c| c.total);
    let form = if services.is_empty() {
        view! { <p class="muted" data-testid="addon-unfit">{t.catalogue.no_fitting_service}</p> }
            .into_any()
    } else {
        let service_id = format!("addon-{id}-service");
        let period_id = format!("addon-{id}-months");
        let services = services
            .into_iter()
            .map(|s| view! { <option value=s.id>{s.label}</option> })
            .collect_view();
        view! {
            <ActionForm action=add>
                <input type="hidden" name="product" value=id/>
                <div class="field">
                    <label for=service_id.clone()>{t.catalogue.label_service}</label>
                    <select id=service_id name="service" data-testid="addon-service">{services}</select>
                </div>
                <div class="field">
                    <label for=period_id.clone()>{t.catalogue.label_period}</label>
                    <select id=period_id name="months" data-testid="product-period">
                        {period_options(product.periods, product.default_months)}
                    </select>
                </div>
                <button
                    type="submit"
                    class="btn btn--primary"
                    aria-label=add_label
                    data-testid="add-addon"
                >
                    {t.catalogue.add_to_cart}
                </button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <article class="box product-card" data-testid="addon" data-product=id>
            <h2 class="box-title">{product.name}</h2>
            {from.map(|total| view! { <p class="product-price">{format::money(total, lang)}</p> })}
            {product.description.map(|d| view! { <p class="muted">{d}</p> })}
            {form}
        </article>
    }
}
