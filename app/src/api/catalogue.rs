//! Ordering something new: the catalogue (`/catalogue`) and the addons page
//! (`/catalogue/addons`), and putting what the customer chooses in the cart. Every function
//! takes the signed-in customer from the session; a service of anyone else answers `NotFound`.
//! A browser's plain form post (no JavaScript) goes on to the cart, or back to its product with
//! the domain as typed when that is refused.

use crate::model::AppError;
use crate::model::catalogue::{AddonsView, CatalogueView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::model::catalogue::OptionKey;
#[cfg(feature = "ssr")]
use crate::model::refused;
#[cfg(feature = "ssr")]
use crate::server::context::{self, requester};
#[cfg(feature = "ssr")]
use crate::server::usecases::catalogue;

#[server(endpoint = "catalogue")]
pub async fn get_catalogue() -> Result<CatalogueView, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(catalogue::view(&state, &who).await)
}

#[server(endpoint = "catalogue_addons")]
pub async fn get_addons() -> Result<AddonsView, AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    context::with_status(catalogue::addons(&state, &who).await)
}

/// Puts a new service in the cart: `product` for `months` (none: its own cycle), with the
/// operating system and data centre chosen where it has them, and the domain it is for where
/// it needs one.
#[server(endpoint = "add_product_to_cart")]
pub async fn add_product_to_cart(
    product: i64,
    months: Option<u32>,
    os: Option<String>,
    datacentre: Option<String>,
    domain: Option<String>,
) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let options = [(OptionKey::Os, os), (OptionKey::Datacentre, datacentre)]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value.filter(|v| !v.is_empty())?)))
        .collect();
    let typed = domain.clone().unwrap_or_default();
    let asked = catalogue::NewService { product_id: product, months, options, domain };
    let added = catalogue::add(&state, &who, asked).await;
    if added.is_ok() && context::plain_form_post() {
        leptos_axum::redirect("/cart");
    }
    // The catalogue has a form per product: the product says whose field it was, and the
    // browser scrolls to its card.
    let id = product.to_string();
    let back = |reason: &str| {
        let href = refused::href("/catalogue", &[("product", &id), ("domain", &typed)], reason);
        format!("{href}#product-{id}-card")
    };
    if context::sent_back_refused(&added, "domain", back) {
        return Ok(());
    }
    context::with_status(added)
}

/// Puts an addon in the cart for one of the customer's services, for `months` (none: its own
/// cycle).
#[server(endpoint = "add_addon_to_cart")]
pub async fn add_addon_to_cart(
    product: i64,
    service: i64,
    months: Option<u32>,
) -> Result<(), AppError> {
    let who = requester()?;
    let state = context::app_state()?;
    let added = catalogue::add_addon(&state, &who, product, service, months).await;
    if added.is_ok() && context::plain_form_post() {
        leptos_axum::redirect("/cart");
    }
    context::with_status(added)
}
