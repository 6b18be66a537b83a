//! The texts of the cart (`/cart`) and of the pages that fill it: renew services
//! (`/services/renew`) and the renewal forecast (`/services/forecast`). One value per language
//! in `i18n/<lang>/cart.rs`.

pub struct CartTexts {
    /// The header link and the page title.
    pub cart_title: &'static str,
    pub cart_lead: &'static str,
    /// The link to the cart with the number of its lines: "Cart (3)".
    pub cart_count: fn(usize) -> String,
    pub empty: &'static str,
    pub col_service: &'static str,
    pub col_period: &'static str,
    pub col_price: &'static str,
    pub change_period: &'static str,
    pub update: &'static str,
    pub remove: &'static str,
    /// "Remove VPS M (app.kovacs.hu) from the cart", for screen readers.
    pub remove_named: fn(&str) -> String,
    pub label_net: &'static str,
    /// "VAT 27 %".
    pub label_vat: fn(&str) -> String,
    pub label_total: &'static str,
    pub promo_label: &'static str,
    pub promo_apply: &'static str,
    pub promo_remove: &'static str,
    /// "10% off", the percentage as `format::percent_bp` writes it in the language.
    pub promo_percent: fn(&str) -> String,
    /// "5 000 Ft off".
    pub promo_amount: fn(&str) -> String,
    /// The discount's line on the order and its documents: "Promo code SPRING10".
    pub promo_line: fn(&str) -> String,
    pub checkout: &'static str,
    pub checkout_note: &'static str,
    pub line_not_renewable: &'static str,
    pub line_awaiting_payment: &'static str,
    pub line_other_currency: &'static str,
    pub err_cart_empty: &'static str,
    pub err_promo_unknown: &'static str,
    pub err_promo_not_yet_valid: &'static str,
    pub err_promo_expired: &'static str,
    pub err_promo_used_up: &'static str,
    pub err_promo_used_by_you: &'static str,
    pub err_promo_other_currency: &'static str,
    pub err_promo_no_product: &'static str,
    // `/services/renew`
    pub due_title: &'static str,
    pub due_lead: &'static str,
    pub label_horizon: &'static str,
    /// "60 days".
    pub horizon_days: fn(i64) -> String,
    pub show: &'static str,
    pub col_due: &'static str,
    pub add_to_cart: &'static str,
    /// "Add VPS M (app.kovacs.hu) to the cart", for screen readers.
    pub add_named: fn(&str) -> String,
    pub in_cart: &'static str,
    pub add_all: &'static str,
    pub go_to_cart: &'static str,
    pub awaiting_payment: &'static str,
    /// "Nothing falls due within 60 days."
    pub nothing_due: fn(i64) -> String,
    // `/services/forecast`
    pub forecast_title: &'static str,
    pub forecast_lead: &'static str,
    /// January to December, as a month heading says them ("March 2027" is `{month} {year}`).
    pub month_names: [&'static str; 12],
    /// "March 2027", in the language's order.
    pub month_heading: fn(&str, i32) -> String,
    pub renew_month: &'static str,
    /// A renewal after the service's next one, which the cart cannot take yet.
    pub later_renewal: &'static str,
    pub nothing_in_forecast: &'static str,
    // The private calendar feed, on the forecast page; `feed_*` are the feed's own texts.
    pub calendar_title: &'static str,
    pub calendar_lead: &'static str,
    pub calendar_url_label: &'static str,
    pub calendar_create: &'static str,
    pub calendar_replace: &'static str,
    /// What calendar apps call the feed.
    pub feed_name: &'static str,
    /// An event on a service's due date: "kovacs.hu: renewal due".
    pub feed_due: fn(&str) -> String,
    /// An event on a proforma's due date: "Proforma D-2026-00012 due: 12 700 Ft".
    pub feed_proforma_due: fn(&str, &str) -> String,
}

impl CartTexts {
    /// The message for an `AppError::Invalid` code from these pages.
    pub fn invalid(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "cart_empty" => self.err_cart_empty,
            "cart_line_not_renewable" => self.line_not_renewable,
            "cart_line_awaiting_payment" => self.line_awaiting_payment,
            "cart_line_other_currency" => self.line_other_currency,
            "promo_unknown" => self.err_promo_unknown,
            "promo_not_yet_valid" => self.err_promo_not_yet_valid,
            "promo_expired" => self.err_promo_expired,
            "promo_used_up" => self.err_promo_used_up,
            "promo_used_by_you" => self.err_promo_used_by_you,
            "promo_other_currency" => self.err_promo_other_currency,
            "promo_no_product" => self.err_promo_no_product,
            _ => return None,
        })
    }
}
