//! The texts of ordering something new: the catalogue (`/catalogue`), the addons page
//! (`/catalogue/addons`), and how new services and addons read in the cart and on their order
//! lines. One value per language in `i18n/<lang>/catalogue.rs`.

use crate::model::catalogue::{OptionKey, ProductGroup};

pub struct CatalogueTexts {
    /// The header link and the catalogue's title.
    pub order_title: &'static str,
    pub order_lead: &'static str,
    pub group_domains: &'static str,
    pub group_hosting: &'static str,
    pub group_ssl: &'static str,
    pub group_servers: &'static str,
    pub group_storage: &'static str,
    /// Under the domain prices: domains are not put in the cart from here.
    pub domains_note: &'static str,
    pub label_period: &'static str,
    /// A period with its price with VAT, as the period list says it: "12 months: 23 876 Ft".
    pub period_price: fn(&str, &str) -> String,
    pub label_os: &'static str,
    pub label_datacentre: &'static str,
    pub label_domain: &'static str,
    pub domain_hint: &'static str,
    /// "Setup fee 5 000 Ft (net) with the first period".
    pub setup_fee_note: fn(&str) -> String,
    /// The setup fee's line on the order and its documents.
    pub setup_fee_line: &'static str,
    pub add_to_cart: &'static str,
    /// "Add VPS M to the cart", for screen readers.
    pub add_named: fn(&str) -> String,
    /// Said after adding, with a link to the cart.
    pub added: &'static str,
    pub addons_link: &'static str,
    pub addons_title: &'static str,
    pub addons_lead: &'static str,
    pub label_service: &'static str,
    pub no_fitting_service: &'static str,
    /// A new service's line in the cart.
    pub new_tag: &'static str,
    /// An addon's line in the cart: "Addon for VPS M (app.kovacs.hu)".
    pub addon_for: fn(&str) -> String,
    pub line_not_offered: &'static str,
    pub line_addon_unfit: &'static str,
    pub err_option_unknown: &'static str,
    pub err_domain_required: &'static str,
    pub err_not_orderable: &'static str,
}

impl CatalogueTexts {
    pub fn group(&self, group: ProductGroup) -> &'static str {
        match group {
            ProductGroup::Domains => self.group_domains,
            ProductGroup::Hosting => self.group_hosting,
            ProductGroup::Ssl => self.group_ssl,
            ProductGroup::Servers => self.group_servers,
            ProductGroup::Storage => self.group_storage,
        }
    }

    pub fn option(&self, key: OptionKey) -> &'static str {
        match key {
            OptionKey::Os => self.label_os,
            OptionKey::Datacentre => self.label_datacentre,
        }
    }

    /// The message for an `AppError::Invalid` code from these pages.
    pub fn invalid(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "option_unknown" => self.err_option_unknown,
            "domain_required" => self.err_domain_required,
            "not_orderable" => self.err_not_orderable,
            "cart_line_not_offered" => self.line_not_offered,
            "cart_line_addon_unfit" => self.line_addon_unfit,
            _ => return None,
        })
    }
}
