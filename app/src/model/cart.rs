//! The cart (seed 001): what the customer means to buy, priced as its proforma will be, and
//! the promo code rules. The page that shows the cart and the checkout that turns it into an
//! order both read these, so the cart never offers what the checkout refuses.

use super::renewal::RenewalChoice;
use super::{CartLineKind, Currency, Money, OrderKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `/services/renew` lists what falls due within this many days unless asked otherwise
/// (seed 001).
pub const DUE_HORIZON_DAYS: i64 = 60;

/// The horizons `/services/renew` offers; any other asked for is read as the default.
pub const DUE_HORIZONS: [i64; 4] = [30, 60, 90, 365];

/// The horizon the page shows for the one in the URL.
pub fn due_horizon(asked: Option<i64>) -> i64 {
    asked.filter(|days| DUE_HORIZONS.contains(days)).unwrap_or(DUE_HORIZON_DAYS)
}

/// Promo codes are typed by people: at most this long, compared in upper case.
pub const PROMO_CODE_MAX_LEN: usize = 32;

/// The code as stored and compared: trimmed, upper case.
pub fn normalise_code(input: &str) -> String {
    input.trim().to_uppercase()
}

/// What a promo code takes off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Discount {
    /// Whole percent of the net price of the lines it applies to.
    Percent(u32),
    /// A fixed net amount, in its currency only, at most the lines' net price.
    Amount(Money),
}

impl Discount {
    /// The net amount taken off lines worth `eligible_net` in `currency`. Percentages round
    /// half away from zero to the minor unit; a fixed amount never takes off more than the
    /// lines are worth.
    pub fn net_off(self, eligible_net: i64) -> i64 {
        match self {
            Discount::Percent(percent) => {
                let scaled = i128::from(eligible_net) * i128::from(percent);
                i64::try_from((scaled + 50) / 100).unwrap_or(i64::MAX)
            }
            Discount::Amount(amount) => amount.minor.min(eligible_net),
        }
    }
}

/// A promo code as the rules read it, with how often it has been used.
#[derive(Clone, Debug, PartialEq)]
pub struct Promo {
    pub code: String,
    pub discount: Discount,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub max_uses: Option<i32>,
    pub uses: i32,
    pub max_uses_per_customer: Option<i32>,
    /// Orders this customer has made with it.
    pub customer_uses: i32,
    /// The products it is limited to; empty: every product.
    pub products: Vec<i64>,
}

/// Why a promo code does not apply, each said to the customer in their language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromoRefusal {
    Unknown,
    NotYetValid,
    Expired,
    UsedUp,
    UsedByYou,
    OtherCurrency,
    NoProductInCart,
}

impl PromoRefusal {
    /// The `AppError::Invalid` code, read by the cart texts.
    pub fn code(self) -> &'static str {
        match self {
            PromoRefusal::Unknown => "promo_unknown",
            PromoRefusal::NotYetValid => "promo_not_yet_valid",
            PromoRefusal::Expired => "promo_expired",
            PromoRefusal::UsedUp => "promo_used_up",
            PromoRefusal::UsedByYou => "promo_used_by_you",
            PromoRefusal::OtherCurrency => "promo_other_currency",
            PromoRefusal::NoProductInCart => "promo_no_product",
        }
    }
}

impl Promo {
    /// Whether the product of a line is one the code applies to.
    pub fn applies_to(&self, product_id: Option<i64>) -> bool {
        self.products.is_empty() || product_id.is_some_and(|p| self.products.contains(&p))
    }

    /// Why the code cannot take anything off a cart in `currency` whose lines are of
    /// `products` today; `None`: it can. Checked when the code is applied, each time the cart
    /// is shown, and at checkout.
    pub fn refusal(
        &self,
        today: NaiveDate,
        currency: Currency,
        products: &[Option<i64>],
    ) -> Option<PromoRefusal> {
        if self.valid_from.is_some_and(|from| today < from) {
            return Some(PromoRefusal::NotYetValid);
        }
        if self.valid_until.is_some_and(|until| today > until) {
            return Some(PromoRefusal::Expired);
        }
        if self.max_uses.is_some_and(|max| self.uses >= max) {
            return Some(PromoRefusal::UsedUp);
        }
        if self.max_uses_per_customer.is_some_and(|max| self.customer_uses >= max) {
            return Some(PromoRefusal::UsedByYou);
        }
        if let Discount::Amount(amount) = self.discount
            && amount.currency != currency
        {
            return Some(PromoRefusal::OtherCurrency);
        }
        if !products.iter().any(|&p| self.applies_to(p)) {
            return Some(PromoRefusal::NoProductInCart);
        }
        None
    }
}

/// The cart page (`/cart`): each line priced, the promo code, and the totals of the order
/// checkout would make.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLineView>,
    pub promo: Option<AppliedPromo>,
    /// Sums of the order's lines (the discount line included), as its proforma will add them.
    pub net: Option<Money>,
    pub vat: Option<Money>,
    pub total: Option<Money>,
    pub vat_rate_bp: i32,
    pub reverse_charge: bool,
    /// Whether paying by card is offered.
    pub card: bool,
    /// For the checkout form: the same form sent twice makes one order.
    pub idempotency_key: String,
}

impl CartView {
    /// Checkout is offered when there is something to buy, every line can be bought, and a
    /// promo code applied still applies (checkout refuses otherwise; the page says why).
    pub fn can_check_out(&self) -> bool {
        !self.lines.is_empty()
            && self.lines.iter().all(|l| l.problem.is_none())
            && self.promo.as_ref().is_none_or(|p| p.refused.is_none())
    }
}

/// One line of the cart: a service's renewal, a new service or an addon, for the chosen period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CartLineView {
    pub id: i64,
    pub kind: CartLineKind,
    /// A renewal's service (the line links to it).
    pub service_id: Option<i64>,
    /// The service renewed, or the product ordered.
    pub label: String,
    /// A new service's choices: "Debian 12 · Budapest", "example.hu".
    pub detail: Option<String>,
    /// An addon: the service it is for.
    pub attached_to: Option<String>,
    pub months: u32,
    /// The periods it may be changed to, each priced (with a restore fee where due).
    pub choices: Vec<RenewalChoice>,
    /// The chosen period's price: the period's and any restore fee's lines together.
    pub net: Money,
    pub vat: Money,
    pub total: Money,
    /// A restore fee included in the price (a suspended service).
    pub restore_fee: Option<Money>,
    /// The service's (new) end when paid today.
    pub until: NaiveDate,
    /// Why the line cannot be checked out as it is; the customer removes it.
    pub problem: Option<LineProblem>,
}

/// Why a line of the cart cannot be bought now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineProblem {
    /// The service can no longer be renewed (deleted, cancelled, or past its last step).
    NotRenewable,
    /// A renewal of it already awaits payment: that order is paid instead.
    AwaitingPayment,
    /// In another currency than the cart's first line: checked out separately.
    OtherCurrency,
    /// A new service or addon no longer sold for this period or with these choices.
    NotOffered,
    /// An addon whose service can no longer take it (`catalogue::addon_fits`).
    AddonUnfit,
}

impl LineProblem {
    pub fn code(self) -> &'static str {
        match self {
            LineProblem::NotRenewable => "cart_line_not_renewable",
            LineProblem::AwaitingPayment => "cart_line_awaiting_payment",
            LineProblem::OtherCurrency => "cart_line_other_currency",
            LineProblem::NotOffered => "cart_line_not_offered",
            LineProblem::AddonUnfit => "cart_line_addon_unfit",
        }
    }
}

/// The kind of the order a cart with lines of `kinds` becomes: renewals only, a renewal;
/// addons only, an addon order; anything new, a first purchase. Settling any of them starts or
/// extends each of its services by its line's period.
pub fn order_kind(kinds: impl IntoIterator<Item = CartLineKind>) -> OrderKind {
    let (mut renewals, mut addons, mut new) = (false, false, false);
    for kind in kinds {
        match kind {
            CartLineKind::Renewal => renewals = true,
            CartLineKind::Addon => addons = true,
            CartLineKind::New => new = true,
        }
    }
    match (renewals, addons, new) {
        (_, _, true) | (true, true, false) => OrderKind::FirstPurchase,
        (false, true, false) => OrderKind::Addon,
        _ => OrderKind::Renewal,
    }
}

/// The promo code applied to the cart: what it takes off, or why it takes nothing off now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppliedPromo {
    pub code: String,
    pub discount: Discount,
    /// Net amount off (the discount line of the order); none when refused.
    pub net_off: Option<Money>,
    pub refused: Option<PromoRefusal>,
}

/// `/services/renew` (seed 001): what falls due within the horizon, with its price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DueServices {
    pub horizon_days: i64,
    pub rows: Vec<DueRow>,
    /// Lines in the cart now.
    pub cart_lines: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DueRow {
    pub service_id: i64,
    pub label: String,
    pub due: NaiveDate,
    pub days_left: i64,
    pub months: u32,
    /// The price with VAT of one period of the service's own cycle (with any restore fee).
    pub total: Money,
    pub in_cart: bool,
    /// A renewal awaits payment: the row leads to it instead of the cart.
    pub awaiting_order_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn promo(discount: Discount) -> Promo {
        Promo {
            code: "SPRING".into(),
            discount,
            valid_from: Some(date("2026-03-01")),
            valid_until: Some(date("2026-03-31")),
            max_uses: Some(10),
            uses: 0,
            max_uses_per_customer: Some(1),
            customer_uses: 0,
            products: vec![],
        }
    }

    #[test]
    fn percentages_round_half_away_from_zero_and_amounts_never_exceed_the_lines() {
        assert_eq!(Discount::Percent(10).net_off(4_990), 499);
        assert_eq!(Discount::Percent(15).net_off(4_990), 749); // 748.5
        assert_eq!(Discount::Percent(100).net_off(12_345), 12_345);
        let amount = Discount::Amount(Money::new(5_000, Currency::Huf));
        assert_eq!(amount.net_off(12_000), 5_000);
        assert_eq!(amount.net_off(3_000), 3_000);
    }

    #[test]
    fn a_code_is_valid_from_its_first_to_its_last_day_inclusive() {
        let p = promo(Discount::Percent(10));
        let products = [Some(1)];
        let on = |d| p.refusal(date(d), Currency::Huf, &products);
        assert_eq!(on("2026-02-28"), Some(PromoRefusal::NotYetValid));
        assert_eq!(on("2026-03-01"), None);
        assert_eq!(on("2026-03-31"), None);
        assert_eq!(on("2026-04-01"), Some(PromoRefusal::Expired));
    }

    #[test]
    fn use_limits_in_all_and_per_customer() {
        let today = date("2026-03-10");
        let mut p = promo(Discount::Percent(10));
        p.uses = 10;
        assert_eq!(p.refusal(today, Currency::Huf, &[Some(1)]), Some(PromoRefusal::UsedUp));
        p.uses = 3;
        p.customer_uses = 1;
        assert_eq!(p.refusal(today, Currency::Huf, &[Some(1)]), Some(PromoRefusal::UsedByYou));
        p.max_uses_per_customer = None;
        p.max_uses = None;
        assert_eq!(p.refusal(today, Currency::Huf, &[Some(1)]), None);
    }

    #[test]
    fn fixed_amounts_keep_their_currency_and_codes_their_products() {
        let today = date("2026-03-10");
        let p = promo(Discount::Amount(Money::new(1_000, Currency::Eur)));
        assert_eq!(p.refusal(today, Currency::Huf, &[Some(1)]), Some(PromoRefusal::OtherCurrency));
        assert_eq!(p.refusal(today, Currency::Eur, &[Some(1)]), None);
        let mut p = promo(Discount::Percent(20));
        p.products = vec![7];
        assert_eq!(
            p.refusal(today, Currency::Huf, &[Some(1), None]),
            Some(PromoRefusal::NoProductInCart)
        );
        assert_eq!(p.refusal(today, Currency::Huf, &[Some(1), Some(7)]), None);
        assert!(p.applies_to(Some(7)) && !p.applies_to(Some(1)) && !p.applies_to(None));
    }

    #[test]
    fn a_cart_order_is_a_renewal_an_addon_order_or_a_first_purchase_by_its_lines() {
        use CartLineKind::*;
        assert_eq!(order_kind([Renewal, Renewal]), OrderKind::Renewal);
        assert_eq!(order_kind([Addon]), OrderKind::Addon);
        assert_eq!(order_kind([Renewal, New]), OrderKind::FirstPurchase);
        assert_eq!(order_kind([Renewal, Addon]), OrderKind::FirstPurchase);
        assert_eq!(order_kind([New]), OrderKind::FirstPurchase);
    }

    #[test]
    fn codes_are_compared_trimmed_in_upper_case_and_horizons_are_a_closed_list() {
        assert_eq!(normalise_code("  spring10 "), "SPRING10");
        assert_eq!(due_horizon(None), 60);
        assert_eq!(due_horizon(Some(90)), 90);
        assert_eq!(due_horizon(Some(7)), 60);
    }
}
