//! Ordering something new (seed 001 "new order"): the catalogue (`/catalogue`) lists the
//! products on sale by group in the customer's currency, the addons page
//! (`/catalogue/addons`) the addons with the customer's services each fits; both put what the
//! customer chooses in the cart, which checks it out with any renewals
//! (`usecases::cart::checkout`). Paying the order starts the new services
//! (`server::new_services`).

pub mod products;

use crate::model::catalogue::{
    AddonOffer, AddonsView, CatalogueGroup, CatalogueView, ChoiceError, OptionKey, ProductGroup,
    ServiceChoice, addon_fits, check_choices, orderable_from_catalogue,
};
use crate::model::{AppError, CartLineKind, Currency, ServiceKind};
use crate::server::audit;
use crate::server::context::{AppState, Requester};
use crate::server::entities::{cart_lines, services};
use crate::server::usecases::cart;
use crate::server::usecases::services::detail::owned;
use crate::server::usecases::services::renewal::{customer, label, vat_of};
use products::Offered;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::BTreeMap;

/// The catalogue page: every product on sale by group, priced with the customer's VAT.
pub async fn view(state: &AppState, who: &Requester) -> Result<CatalogueView, AppError> {
    let today = state.clock.today();
    let customer = customer(&state.db, who.customer_id).await?;
    let vat = vat_of(&customer)?;
    let offered = products::on_sale(&state.db, customer.currency, None).await?;
    let groups = ProductGroup::ALL
        .into_iter()
        .map(|group| CatalogueGroup {
            group,
            products: offered
                .iter()
                .filter(|o| ProductGroup::of(o.product.kind) == Some(group))
                .map(|o| o.offer(vat.rate(), customer.language, today))
                .collect(),
        })
        .filter(|g| !g.products.is_empty())
        .collect();
    Ok(CatalogueView {
        groups,
        vat_rate_bp: vat.rate().basis_points(),
        reverse_charge: vat.is_reverse_charge(),
        cart_lines: cart::count(&state.db, who.customer_id).await?,
    })
}

/// The addons page: each addon on sale with the customer's services it fits.
pub async fn addons(state: &AppState, who: &Requester) -> Result<AddonsView, AppError> {
    let today = state.clock.today();
    let customer = customer(&state.db, who.customer_id).await?;
    let vat = vat_of(&customer)?;
    let offered = products::on_sale(&state.db, customer.currency, None).await?;
    let services = running_services(&state.db, who.customer_id).await?;
    let addons = offered
        .iter()
        .filter(|o| o.product.kind == ServiceKind::Addon)
        .map(|o| AddonOffer {
            product: o.offer(vat.rate(), customer.language, today),
            services: services
                .iter()
                .filter(|s| addon_fits(&o.fits, s.kind, s.status))
                .map(|s| ServiceChoice { id: s.id, label: label(s) })
                .collect(),
        })
        .collect();
    Ok(AddonsView {
        addons,
        vat_rate_bp: vat.rate().basis_points(),
        reverse_charge: vat.is_reverse_charge(),
        cart_lines: cart::count(&state.db, who.customer_id).await?,
    })
}

/// What the customer asks to put in the cart from the catalogue.
pub struct NewService {
    pub product_id: i64,
    /// The period; none: the product's own cycle.
    pub months: Option<u32>,
    pub options: BTreeMap<OptionKey, String>,
    pub domain: Option<String>,
}

/// Puts a new service in the cart: a product the catalogue orders, for a period it is sold
/// for, with valid choices. Each call adds a line (two of the same hosting are two services).
pub async fn add(state: &AppState, who: &Requester, asked: NewService) -> Result<(), AppError> {
    let customer = customer(&state.db, who.customer_id).await?;
    let offered = on_sale(&state.db, customer.currency, asked.product_id).await?;
    if !orderable_from_catalogue(offered.product.kind) {
        return Err(not_orderable());
    }
    let choices = check_choices(
        offered.product.kind,
        &offered.options,
        &asked.options,
        asked.domain.as_deref(),
    )
    .map_err(invalid)?;
    let months = period(&offered, asked.months)?;
    let line = Line {
        kind: CartLineKind::New,
        choices: Some(serde_json::to_value(&choices).unwrap_or_default()),
        parent: None,
    };
    add_line(state, who, &offered, months, line).await
}

/// Puts an addon in the cart for one of the customer's services that it fits, for a period
/// it is sold for.
pub async fn add_addon(
    state: &AppState,
    who: &Requester,
    product_id: i64,
    service_id: i64,
    months: Option<u32>,
) -> Result<(), AppError> {
    let customer = customer(&state.db, who.customer_id).await?;
    let offered = on_sale(&state.db, customer.currency, product_id).await?;
    if offered.product.kind != ServiceKind::Addon {
        return Err(not_orderable());
    }
    let service = owned(&state.db, who.customer_id, service_id).await?;
    if !addon_fits(&offered.fits, service.kind, service.status) {
        return Err(AppError::Invalid {
            field: "service".into(),
            code: "cart_line_addon_unfit".into(),
        });
    }
    let months = period(&offered, months)?;
    let line = Line { kind: CartLineKind::Addon, choices: None, parent: Some(service.id) };
    add_line(state, who, &offered, months, line).await
}

/// What a new line is: a new service with its choices, or an addon for a service.
struct Line {
    kind: CartLineKind,
    choices: Option<serde_json::Value>,
    parent: Option<i64>,
}

/// Puts `line` in the cart as the customer's `offered` product for `months`, and says so in
/// the audit log.
async fn add_line(
    state: &AppState,
    who: &Requester,
    offered: &Offered,
    months: u32,
    line: Line,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let detail =
        serde_json::json!({ "months": months, "kind": line.kind.as_str(), "service": line.parent });
    let row = cart_lines::ActiveModel {
        customer_id: Set(who.customer_id),
        kind: Set(line.kind),
        product_id: Set(Some(offered.product.id)),
        parent_service_id: Set(line.parent),
        period_months: Set(i32::try_from(months).unwrap_or(i32::MAX)),
        choices: Set(line.choices),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    cart::insert_line(&state.db, row).await?;
    audit::customer_action(
        &state.db,
        who.customer_id,
        who.ip.clone(),
        "cart.add",
        ("product", offered.product.id),
        Some(detail),
        now,
    )
    .await?;
    Ok(())
}

/// The product, if it is on sale in `currency`; otherwise it is answered like a missing page.
async fn on_sale(
    conn: &impl ConnectionTrait,
    currency: Currency,
    product_id: i64,
) -> Result<Offered, AppError> {
    let mut found = products::on_sale(conn, currency, Some(&[product_id])).await?;
    found.pop().ok_or(AppError::NotFound)
}

/// The customer's services an addon may be ordered for (each addon then keeps those it fits).
async fn running_services(
    conn: &impl ConnectionTrait,
    customer_id: i64,
) -> Result<Vec<services::Model>, AppError> {
    Ok(services::Entity::find()
        .filter(services::Column::CustomerId.eq(customer_id))
        .filter(services::Column::Kind.ne(ServiceKind::Addon))
        .order_by_asc(services::Column::Name)
        .order_by_asc(services::Column::Id)
        .all(conn)
        .await?)
}

/// The period asked for, if the product is sold for it; none asked: its own cycle.
fn period(offered: &Offered, months: Option<u32>) -> Result<u32, AppError> {
    let months = months.unwrap_or_else(|| offered.default_months());
    if !offered.offers(months) {
        return Err(AppError::Invalid {
            field: "months".into(),
            code: "period_not_offered".into(),
        });
    }
    Ok(months)
}

fn invalid(err: ChoiceError) -> AppError {
    AppError::Invalid { field: err.field.into(), code: err.code.into() }
}

fn not_orderable() -> AppError {
    AppError::Invalid { field: "product".into(), code: "not_orderable".into() }
}
