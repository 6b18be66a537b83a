//! `/catalogue` (seed 001 "new order"): the products on sale by group, each with its periods
//! priced in the customer's currency with VAT and what to choose (operating system, data
//! centre, the domain it is for); "Add to cart" puts it in the cart, which checks it out with
//! anything else there. Domains are listed with their yearly prices: a domain is ordered in
//! steps that check the name first. Plain forms: the page works without JavaScript.

pub mod addons;

use crate::api::catalogue::{AddProductToCart, get_catalogue};
use crate::components::errors::{ActionError, ErrorNotice, FormRefusal, refused_input};
use crate::components::table::Cell;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::catalogue::{CatalogueGroup, CatalogueView, ProductGroup, ProductOffer};
use crate::model::renewal::RenewalChoice;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let t = use_texts();
    let catalogue = Resource::new(|| (), |_| get_catalogue());
    view! {
        <Title text=format!("{} · Portico", t.catalogue.order_title)/>
        <h1 class="page-title">{t.catalogue.order_title}</h1>
        <p class="page-lead muted">{t.catalogue.order_lead}</p>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match catalogue.await {
                    Ok(catalogue) => view! { <Catalogue catalogue/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Catalogue(catalogue: CatalogueView) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddProductToCart>::new();
    let CatalogueView { groups, cart_lines, .. } = catalogue;
    let groups = groups.into_iter().map(|group| group_section(group, add)).collect_view();
    view! {
        <div class="button-row">
            <a class="btn btn--secondary" href="/catalogue/addons" data-testid="addons-link">
                {t.catalogue.addons_link}
            </a>
            {(cart_lines > 0).then(|| view! {
                <a class="btn btn--primary" href="/cart" data-testid="go-to-cart">
                    {(t.cart.cart_count)(cart_lines)}
                </a>
            })}
        </div>
        <ActionError action=add/>
        {groups}
    }
}

fn group_section(group: CatalogueGroup, add: ServerAction<AddProductToCart>) -> impl IntoView {
    let t = use_texts();
    let CatalogueGroup { group, products } = group;
    let heading_id = format!("group-{}", group_slug(group));
    let labelled_by = heading_id.clone();
    let body = if group == ProductGroup::Domains {
        domain_prices(products).into_any()
    } else {
        let cards = products.into_iter().map(|p| product_card(p, add)).collect_view();
        view! { <div class="product-grid">{cards}</div> }.into_any()
    };
    view! {
        <section class="catalogue-group" aria-labelledby=labelled_by data-testid="product-group">
            <h2 class="section-title" id=heading_id>{t.catalogue.group(group)}</h2>
            {body}
        </section>
    }
}

fn group_slug(group: ProductGroup) -> &'static str {
    match group {
        ProductGroup::Domains => "domains",
        ProductGroup::Hosting => "hosting",
        ProductGroup::Ssl => "ssl",
        ProductGroup::Servers => "servers",
        ProductGroup::Storage => "storage",
    }
}

/// The domain endings with the price of a year.
fn domain_prices(products: Vec<ProductOffer>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let rows = products
        .into_iter()
        .filter_map(|p| {
            let year = p.periods.iter().find(|c| c.months == 12)?.total;
            Some(view! {
                <tr data-testid="domain-price">
                    <Cell label=t.col_name>{p.name}</Cell>
                    <Cell label=t.cart.col_price class="amount">{format::money(year, lang)}</Cell>
                </tr>
            })
        })
        .collect_view();
    view! {
        <section class="box">
            <table class="table">
                <caption class="visually-hidden">{t.catalogue.group_domains}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_name}</th>
                        <th scope="col" class="amount">{(t.services.period)(12)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="muted small">{t.catalogue.domains_note}</p>
            <a class="btn btn--primary" href="/orders/domain" data-testid="order-domain">
                {t.domain_order.order_domain}
            </a>
        </section>
    }
}

/// A product's card: what it is, and the form that puts it in the cart.
fn product_card(product: ProductOffer, add: ServerAction<AddProductToCart>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ProductOffer {
        id,
        name,
        description,
        periods,
        default_months,
        setup_fee,
        options,
        needs_domain,
        orderable,
        ..
    } = product;
    let from = periods.iter().find(|c| c.months == default_months).map(|c| c.total);
    let field_id = |what: &str| format!("product-{id}-{what}");
    // Back from this product's domain refused without JavaScript: the page has a form for
    // each product, and the address names whose it was.
    let (typed, refused) = refused_input("domain");
    let ours = use_query_map().with_untracked(|q| q.get("product")) == Some(id.to_string());
    let (typed, refused) = if ours { (typed, refused) } else { (String::new(), None) };
    let options = options
        .into_iter()
        .map(|option| {
            let select_id = field_id(option.key.as_str());
            let choices = option
                .choices
                .into_iter()
                .map(|c| view! { <option value=c.code>{c.label}</option> })
                .collect_view();
            view! {
                <div class="field">
                    <label for=select_id.clone()>{t.catalogue.option(option.key)}</label>
                    <select id=select_id name=option.key.as_str()>{choices}</select>
                </div>
            }
        })
        .collect_view();
    let domain = needs_domain.then(|| {
        let input_id = field_id("domain");
        let hint_id = field_id("domain-hint");
        view! {
            <div class="field">
                <label for=input_id.clone()>{t.catalogue.label_domain}</label>
                <input
                    id=input_id
                    name="domain"
                    type="text"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    required
                    maxlength="253"
                    aria-describedby=hint_id.clone()
                    value=typed
                    aria-invalid=refused.map(|_| "true")
                    data-testid="product-domain"
                />
                <span class="muted small" id=hint_id>{t.catalogue.domain_hint}</span>
                <FormRefusal text=refused testid="product-refused"/>
            </div>
        }
    });
    let fee = setup_fee.map(|fee| {
        view! {
            <p class="muted small">{(t.catalogue.setup_fee_note)(&format::money(fee, lang))}</p>
        }
    });
    let add_label = (t.catalogue.add_named)(&name);
    let form = orderable.then(|| {
        let period_id = field_id("months");
        view! {
            <ActionForm action=add>
                <input type="hidden" name="product" value=id/>
                <div class="field">
                    <label for=period_id.clone()>{t.catalogue.label_period}</label>
                    <select id=period_id name="months" data-testid="product-period">
                        {period_options(periods, default_months)}
                    </select>
                </div>
                {options}
                {domain}
                {fee}
                <button
                    type="submit"
                    class="btn btn--primary"
                    aria-label=add_label
                    data-testid="add-product"
                >
                    {t.catalogue.add_to_cart}
                </button>
            </ActionForm>
        }
    });
    view! {
        <article class="box product-card" id=field_id("card") data-testid="product" data-product=id>
            <h3 class="box-title">{name}</h3>
            {from.map(|total| view! { <p class="product-price">{format::money(total, lang)}</p> })}
            {description.map(|d| view! { <p class="muted">{d}</p> })}
            {form}
        </article>
    }
}

/// A period select's options, each with its price with VAT: "12 months: 23 876 Ft".
pub(crate) fn period_options(periods: Vec<RenewalChoice>, selected: u32) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    periods
        .into_iter()
        .map(|c| {
            let text = (t.catalogue.period_price)(
                &(t.services.period)(c.months),
                &format::money(c.total, lang),
            );
            view! { <option value=c.months selected=c.months == selected>{text}</option> }
        })
        .collect_view()
}
