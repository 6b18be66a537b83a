//! The catalogue (seed 001 "new order") and the addons on offer: products by group, each with
//! the periods it is sold for and what the customer chooses when ordering it, and the rules
//! that decide what can be ordered here and how. The pages offer what these allow and the use
//! cases accept only that.

use super::renewal::RenewalChoice;
use super::{Money, ServiceKind, ServiceStatus, server_rules};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The catalogue's sections, in the order the page shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductGroup {
    Domains,
    Hosting,
    Ssl,
    Servers,
    Storage,
}

impl ProductGroup {
    pub const ALL: [ProductGroup; 5] = [
        ProductGroup::Domains,
        ProductGroup::Hosting,
        ProductGroup::Ssl,
        ProductGroup::Servers,
        ProductGroup::Storage,
    ];

    /// The section a product of `kind` is listed in; addons have their own page.
    pub fn of(kind: ServiceKind) -> Option<ProductGroup> {
        match kind {
            ServiceKind::Domain => Some(ProductGroup::Domains),
            ServiceKind::Hosting => Some(ProductGroup::Hosting),
            ServiceKind::Ssl => Some(ProductGroup::Ssl),
            ServiceKind::Vps | ServiceKind::Dedicated => Some(ProductGroup::Servers),
            ServiceKind::Storage => Some(ProductGroup::Storage),
            ServiceKind::Addon => None,
        }
    }
}

/// Whether a product of `kind` is put in the cart from the catalogue. A domain is not: its
/// name must be checked at the registry first, which the stepwise domain order does; the
/// catalogue lists domain prices only. An addon is ordered for one of the customer's services
/// on the addons page.
pub fn orderable_from_catalogue(kind: ServiceKind) -> bool {
    !matches!(kind, ServiceKind::Domain | ServiceKind::Addon)
}

/// Whether a new service of `kind` is ordered for a domain name: a web hosting account is set
/// up for it, a certificate is issued for it (the customer types it in the catalogue), a
/// domain is that name (the domain order's search found it).
pub fn needs_domain(kind: ServiceKind) -> bool {
    matches!(kind, ServiceKind::Hosting | ServiceKind::Ssl | ServiceKind::Domain)
}

/// Whether an addon that attaches to services of the `fits` kinds can be ordered for a
/// service of `kind` in `status`: one of those kinds, and running (an addon is renewed with its
/// service, so one that has lapsed or not started yet takes none).
pub fn addon_fits(fits: &[ServiceKind], kind: ServiceKind, status: ServiceStatus) -> bool {
    fits.contains(&kind) && status == ServiceStatus::Active
}

/// Something a product asks the customer to choose when ordering it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionKey {
    /// The operating system image a server is installed with.
    Os,
    /// The data centre a server runs in.
    Datacentre,
}

impl OptionKey {
    pub fn as_str(self) -> &'static str {
        match self {
            OptionKey::Os => "os",
            OptionKey::Datacentre => "datacentre",
        }
    }
}

/// One of a product's options with its choices, the first being the default (stored on the
/// product as JSON, `products.options`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductOption {
    pub key: OptionKey,
    pub choices: Vec<OptionChoice>,
}

/// A choice of an option: its code and the name shown (a proper name such as "Debian 12" or
/// "Budapest", the same in every language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionChoice {
    pub code: String,
    pub label: String,
}

/// What the customer chose for a new service or an addon (stored on the cart line as JSON,
/// `cart_lines.choices`): one choice for each of the product's options, and the domain name
/// where the product needs one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Choices {
    pub options: BTreeMap<OptionKey, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// A domain's nameservers, from the domain order's step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nameservers: Vec<String>,
    /// A domain held elsewhere, to be transferred in rather than registered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub transfer: bool,
}

impl Choices {
    /// How the choices read on the cart line and the order line: "Debian 12 · Budapest",
    /// "example.hu".
    pub fn summary(&self, options: &[ProductOption]) -> String {
        let labels = options.iter().filter_map(|option| {
            let code = self.options.get(&option.key)?;
            option.choices.iter().find(|c| &c.code == code).map(|c| c.label.as_str())
        });
        self.domain.iter().map(String::as_str).chain(labels).collect::<Vec<_>>().join(" · ")
    }
}

/// Why the choices for a product are refused: the form field and the message code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChoiceError {
    pub field: &'static str,
    pub code: &'static str,
}

/// The choices for a product of `kind` with `options`, checked: every option answered with one
/// of its choices (an option not answered takes its first choice), no unknown option, and a
/// valid domain name where [`needs_domain`]. The one check the page's form, adding to the cart
/// and checkout all rely on.
pub fn check_choices(
    kind: ServiceKind,
    options: &[ProductOption],
    chosen: &BTreeMap<OptionKey, String>,
    domain: Option<&str>,
) -> Result<Choices, ChoiceError> {
    if chosen.keys().any(|key| !options.iter().any(|o| o.key == *key)) {
        return Err(ChoiceError { field: "options", code: "option_unknown" });
    }
    let mut checked = BTreeMap::new();
    for option in options {
        let code = match chosen.get(&option.key) {
            Some(code) => code.clone(),
            None => option.choices.first().map(|c| c.code.clone()).unwrap_or_default(),
        };
        if !option.choices.iter().any(|c| c.code == code) {
            return Err(ChoiceError { field: option.key.as_str(), code: "option_unknown" });
        }
        checked.insert(option.key, code);
    }
    let domain = match (needs_domain(kind), domain.map(str::trim).filter(|d| !d.is_empty())) {
        (true, Some(input)) => Some(
            server_rules::hostname(input)
                .map_err(|err| ChoiceError { field: "domain", code: err.code() })?,
        ),
        (true, None) => return Err(ChoiceError { field: "domain", code: "domain_required" }),
        (false, _) => None,
    };
    Ok(Choices { options: checked, domain, nameservers: Vec::new(), transfer: false })
}

/// The catalogue page (`/catalogue`): every product on sale by group, priced in the customer's
/// currency with their VAT.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogueView {
    pub groups: Vec<CatalogueGroup>,
    pub vat_rate_bp: i32,
    pub reverse_charge: bool,
    /// Lines in the cart now.
    pub cart_lines: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogueGroup {
    pub group: ProductGroup,
    pub products: Vec<ProductOffer>,
}

/// A product on sale: each period it is sold for with its price, and what to choose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductOffer {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub kind: ServiceKind,
    /// Each period on offer, priced as the proforma would be (a setup fee included); `until`
    /// is when the service would end if paid today.
    pub periods: Vec<RenewalChoice>,
    /// The period chosen unless the customer picks another: the price's own cycle.
    pub default_months: u32,
    /// A one-off fee (net) on the first order, included in every period's price.
    pub setup_fee: Option<Money>,
    pub options: Vec<ProductOption>,
    pub needs_domain: bool,
    /// Whether "Add to cart" is offered here ([`orderable_from_catalogue`]).
    pub orderable: bool,
}

/// The addons page (`/catalogue/addons`): each addon on offer with the customer's services it
/// can be ordered for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddonsView {
    pub addons: Vec<AddonOffer>,
    pub vat_rate_bp: i32,
    pub reverse_charge: bool,
    pub cart_lines: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddonOffer {
    pub product: ProductOffer,
    /// The customer's services it fits ([`addon_fits`]); empty: none, and the page says so.
    pub services: Vec<ServiceChoice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceChoice {
    pub id: i64,
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_options() -> Vec<ProductOption> {
        let choice =
            |code: &str, label: &str| OptionChoice { code: code.into(), label: label.into() };
        vec![
            ProductOption {
                key: OptionKey::Os,
                choices: vec![
                    choice("debian-12", "Debian 12"),
                    choice("ubuntu-24.04", "Ubuntu 24.04"),
                ],
            },
            ProductOption { key: OptionKey::Datacentre, choices: vec![choice("bud", "Budapest")] },
        ]
    }

    #[test]
    fn choices_must_come_from_the_product_and_unanswered_options_take_the_first() {
        let options = server_options();
        let mut chosen = BTreeMap::new();
        chosen.insert(OptionKey::Os, "ubuntu-24.04".to_owned());
        let checked = check_choices(ServiceKind::Vps, &options, &chosen, None).expect("valid");
        assert_eq!(checked.options.get(&OptionKey::Datacentre).map(String::as_str), Some("bud"));
        assert_eq!(checked.summary(&options), "Ubuntu 24.04 · Budapest");
        chosen.insert(OptionKey::Os, "windows".to_owned());
        let refused = check_choices(ServiceKind::Vps, &options, &chosen, None);
        assert_eq!(refused, Err(ChoiceError { field: "os", code: "option_unknown" }));
        let refused = check_choices(ServiceKind::Storage, &[], &chosen, None);
        assert_eq!(refused, Err(ChoiceError { field: "options", code: "option_unknown" }));
    }

    #[test]
    fn hosting_and_certificates_need_a_valid_domain_name_and_nothing_else_keeps_one() {
        let none = BTreeMap::new();
        let hosting = check_choices(ServiceKind::Hosting, &[], &none, Some(" Shop.Example.HU. "));
        assert_eq!(hosting.map(|c| c.domain), Ok(Some("shop.example.hu".to_owned())));
        let missing = check_choices(ServiceKind::Ssl, &[], &none, Some("  "));
        assert_eq!(missing, Err(ChoiceError { field: "domain", code: "domain_required" }));
        let bad = check_choices(ServiceKind::Ssl, &[], &none, Some("not a domain"));
        assert_eq!(bad.map_err(|e| e.field), Err("domain"));
        let storage = check_choices(ServiceKind::Storage, &[], &none, Some("example.hu"));
        assert_eq!(storage.map(|c| c.domain), Ok(None));
    }

    #[test]
    fn addons_fit_running_services_of_their_kinds_and_domains_wait_for_the_domain_order() {
        let fits = [ServiceKind::Vps, ServiceKind::Dedicated];
        assert!(addon_fits(&fits, ServiceKind::Vps, ServiceStatus::Active));
        assert!(!addon_fits(&fits, ServiceKind::Vps, ServiceStatus::Suspended));
        assert!(!addon_fits(&fits, ServiceKind::Vps, ServiceStatus::Pending));
        assert!(!addon_fits(&fits, ServiceKind::Hosting, ServiceStatus::Active));
        assert!(orderable_from_catalogue(ServiceKind::Vps));
        assert!(!orderable_from_catalogue(ServiceKind::Domain));
        assert!(!orderable_from_catalogue(ServiceKind::Addon));
        assert_eq!(ProductGroup::of(ServiceKind::Dedicated), Some(ProductGroup::Servers));
        assert_eq!(ProductGroup::of(ServiceKind::Addon), None);
    }
}
