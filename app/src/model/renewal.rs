//! Renewing a service for a period the customer chooses (seed 000): which periods are offered,
//! what each costs, how the customer pays, and until when it extends the service. The page
//! lists what [`periods`] offers and the use case accepts only what [`offers`] says, so the two
//! cannot disagree.

use super::lifecycle::Stage;
use super::{BillingCycle, Money, OrderKind, ServiceKind, ServiceStatus};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A domain is renewed for 1 to 10 years (what registries accept for most endings).
pub const DOMAIN_MAX_YEARS: u32 = 10;

/// The orders whose lines with a period start or extend their services when paid: a renewal,
/// and a cart's order that buys something new or an addon (it may renew services too). While
/// one awaits payment, its services are not renewed again. Only an order for more space is not
/// one of them.
pub const PERIOD_ORDERS: [OrderKind; 3] =
    [OrderKind::Renewal, OrderKind::FirstPurchase, OrderKind::Addon];

/// Where a service's renewal starts: the choice of period and payment.
pub fn renew_href(service_id: i64) -> String {
    format!("/services/{service_id}/renew")
}

/// The periods, in months, a service can be renewed for, shortest first. A domain: whole years
/// from 1 to [`DOMAIN_MAX_YEARS`]. Anything else: its own billing cycle and every longer
/// standard cycle that is a whole number of it (a monthly server: 1, 3, 6, 12, 24 or 36
/// months; a yearly hosting: 1, 2 or 3 years), so each is priced as that many periods.
pub fn periods(kind: ServiceKind, cycle: BillingCycle) -> Vec<u32> {
    let own = cycle_months(cycle);
    if kind == ServiceKind::Domain && own == 12 {
        return (1..=DOMAIN_MAX_YEARS).map(|years| years * 12).collect();
    }
    BillingCycle::ALL
        .iter()
        .map(|c| cycle_months(*c))
        .filter(|months| *months >= own && months.is_multiple_of(own))
        .collect()
}

/// Whether a renewal for `months` is offered for the service (see [`periods`]).
pub fn offers(kind: ServiceKind, cycle: BillingCycle, months: u32) -> bool {
    periods(kind, cycle).contains(&months)
}

/// The net price of `months` of a service whose `price_minor` buys one `cycle`; `None` when
/// the period is not a whole number of cycles or the amount overflows.
pub fn period_price(price_minor: i64, cycle: BillingCycle, months: u32) -> Option<i64> {
    let own = cycle_months(cycle);
    (months > 0 && months.is_multiple_of(own))
        .then(|| price_minor.checked_mul(i64::from(months / own)))
        .flatten()
}

/// The standard billing cycle `months` long, if there is one (a 5-year domain renewal has none).
pub fn cycle_of(months: u32) -> Option<BillingCycle> {
    BillingCycle::ALL.iter().copied().find(|c| cycle_months(*c) == months)
}

pub fn cycle_months(cycle: BillingCycle) -> u32 {
    match cycle {
        BillingCycle::Monthly => 1,
        BillingCycle::Quarterly => 3,
        BillingCycle::Semiannual => 6,
        BillingCycle::Annual => 12,
        BillingCycle::Biennial => 24,
        BillingCycle::Triennial => 36,
    }
}

/// The end of the period a renewal paid for: the current end moved by `months`. A service
/// renewed in its grace period or restored from suspension continues from its due date, as
/// registries renew domains: the renewal buys the next period, not a later one. Only when that
/// would still end by today (a short period restored late) does the period start today.
/// Month arithmetic keeps the day where the month has it (31 Jan + 1 month = 28 Feb).
pub fn renewed_until(current: Option<NaiveDate>, months: u32, today: NaiveDate) -> NaiveDate {
    let add = |from: NaiveDate| from.checked_add_months(Months::new(months)).unwrap_or(from);
    match current.map(add) {
        Some(until) if until > today => until,
        _ => add(today),
    }
}

/// The statuses of an addon that still runs with its service (not pending, not ended): a
/// renewal of the service brings these to its new end, and its deletion ends them.
pub const LIVE_ADDON: [ServiceStatus; 3] =
    [ServiceStatus::Active, ServiceStatus::Suspended, ServiceStatus::Expired];

/// What an addon (seed 001: "attaches to a service") costs to run from the end of what was
/// paid for it, `paid_until`, to `until`, the end its service is renewed to: its own price
/// (`price_minor` per `cycle`) for each whole month, and the days of a last partial month as
/// their share of that month, rounded half up once. `None` when it is paid to `until` or
/// beyond, or the amount overflows. An addon has no renewal of its own: every renewal of its
/// service brings it to the service's new end with this, so it is never running unpaid for
/// longer than its service's period.
pub fn addon_catch_up(
    price_minor: i64,
    cycle: BillingCycle,
    paid_until: NaiveDate,
    until: NaiveDate,
) -> Option<i64> {
    if paid_until >= until {
        return None;
    }
    let after = |months: u32| paid_until.checked_add_months(Months::new(months));
    let mut whole = 0;
    while after(whole + 1).is_some_and(|end| end <= until) {
        whole += 1;
    }
    let from = after(whole)?;
    let month_days = (after(whole + 1)? - from).num_days();
    let days = (until - from).num_days();
    // price × (whole + days / month_days) / cycle, in one division so it rounds once.
    let numerator =
        i128::from(price_minor) * (i128::from(whole) * i128::from(month_days) + i128::from(days));
    let denominator = i128::from(cycle_months(cycle)) * i128::from(month_days);
    let net = (2 * numerator + denominator) / (2 * denominator);
    i64::try_from(net).ok().filter(|net| *net > 0)
}

/// How the customer pays a renewal: by card at once (recommended, seed 000), or with a
/// proforma paid later by transfer, card or balance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayWith {
    Card,
    Proforma,
}

/// The renewal page (`/services/{id}/renew`): the service, each period with its price, and how
/// it can be paid; or the renewal already awaiting payment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewalOptions {
    pub service_id: i64,
    /// The service's name, with its domain where that differs: "VPS M (app.kovacs.hu)".
    pub label: String,
    pub expires_on: Option<NaiveDate>,
    /// Days until `expires_on`; negative once past.
    pub days_left: Option<i64>,
    /// Where the service is in its lifecycle today; none where it has none (no end date).
    pub stage: Option<Stage>,
    /// The last day a renewal ordered today can be paid and still renew.
    pub deadline: Option<NaiveDate>,
    /// A suspended service's restore fee (net), included in every choice's price.
    pub restore_fee: Option<Money>,
    /// The addons renewed with it ("Napi mentés"), to its new end: their share is in every
    /// choice's price (`addon_catch_up`).
    pub addons: Vec<String>,
    pub choices: Vec<RenewalChoice>,
    /// The period chosen unless the customer picks another: the service's own cycle.
    pub default_months: u32,
    /// VAT rate in basis points; 0 under reverse charge.
    pub vat_rate_bp: i32,
    pub reverse_charge: bool,
    /// Whether paying by card is offered (a real gateway, or the sandbox where it may be used).
    pub card: bool,
    /// For the form: the same form sent twice opens one card payment.
    pub idempotency_key: String,
    /// A renewal of this service that awaits payment: the page leads to it instead of making
    /// a second one.
    pub waiting: Option<WaitingRenewal>,
}

/// One period on offer, priced as the proforma would be (with the restore fee, if any).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewalChoice {
    pub months: u32,
    pub net: Money,
    pub vat: Money,
    pub total: Money,
    /// The service's new end if paid today.
    pub until: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingRenewal {
    pub order_id: i64,
    pub order_number: String,
    pub total: Money,
    /// The proforma to pay; none only for an order made before proformas existed.
    pub proforma_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_domain_renews_for_one_to_ten_years_anything_else_for_multiples_of_its_cycle() {
        let domain = periods(ServiceKind::Domain, BillingCycle::Annual);
        assert_eq!(domain, (1..=10).map(|y| y * 12).collect::<Vec<_>>());
        assert_eq!(periods(ServiceKind::Vps, BillingCycle::Monthly), vec![1, 3, 6, 12, 24, 36]);
        assert_eq!(periods(ServiceKind::Hosting, BillingCycle::Annual), vec![12, 24, 36]);
        assert_eq!(periods(ServiceKind::Ssl, BillingCycle::Semiannual), vec![6, 12, 24, 36]);
        assert_eq!(periods(ServiceKind::Hosting, BillingCycle::Biennial), vec![24]);
        assert!(offers(ServiceKind::Domain, BillingCycle::Annual, 60));
        assert!(!offers(ServiceKind::Domain, BillingCycle::Annual, 132), "11 years");
        assert!(!offers(ServiceKind::Hosting, BillingCycle::Annual, 60), "5 years of hosting");
        assert!(!offers(ServiceKind::Vps, BillingCycle::Monthly, 2));
        assert!(!offers(ServiceKind::Vps, BillingCycle::Monthly, 0));
    }

    #[test]
    fn a_period_costs_its_number_of_cycles() {
        assert_eq!(period_price(4990, BillingCycle::Annual, 24), Some(9980));
        assert_eq!(period_price(10000, BillingCycle::Monthly, 6), Some(60000));
        assert_eq!(period_price(10000, BillingCycle::Quarterly, 4), None);
        assert_eq!(period_price(10000, BillingCycle::Annual, 0), None);
        assert_eq!(period_price(i64::MAX, BillingCycle::Monthly, 2), None);
    }

    #[test]
    fn only_standard_lengths_have_a_cycle() {
        assert_eq!(cycle_of(24), Some(BillingCycle::Biennial));
        assert_eq!(cycle_of(1), Some(BillingCycle::Monthly));
        assert_eq!(cycle_of(60), None);
    }

    #[test]
    fn a_renewal_adds_its_months_to_the_period_it_follows() {
        let today = date(2026, 11, 30);
        assert_eq!(renewed_until(Some(date(2026, 12, 15)), 12, today), date(2027, 12, 15));
        assert_eq!(renewed_until(Some(date(2027, 1, 31)), 1, today), date(2027, 2, 28));
        // A leap day renewed for a year ends on the last day of February.
        assert_eq!(renewed_until(Some(date(2028, 2, 29)), 12, today), date(2029, 2, 28));
        assert_eq!(renewed_until(Some(date(2026, 12, 31)), 120, today), date(2036, 12, 31));
        // Renewed after its due date: the next period follows the last one without a gap.
        assert_eq!(renewed_until(Some(date(2026, 10, 1)), 3, today), date(2027, 1, 1));
        // Restored so late that the next period would be over already: it starts today.
        assert_eq!(renewed_until(Some(date(2026, 10, 21)), 1, today), date(2026, 12, 30));
        assert_eq!(renewed_until(None, 24, today), date(2028, 11, 30));
    }

    #[test]
    fn an_addon_is_charged_from_its_own_end_to_its_services_new_end() {
        // A monthly 1,000 backup paid to 15 January, its server renewed to 15 June: 5 months.
        let monthly = |from, to| addon_catch_up(1000, BillingCycle::Monthly, from, to);
        assert_eq!(monthly(date(2027, 1, 15), date(2027, 6, 15)), Some(5000));
        // Paid to the server's end or beyond: nothing to charge.
        assert_eq!(monthly(date(2027, 6, 15), date(2027, 6, 15)), None);
        assert_eq!(monthly(date(2027, 7, 1), date(2027, 6, 15)), None);
        // 2 months and 15 of February's 28 days (1 Feb + 2 months = 1 Apr .. 16 Apr is 15 of
        // April's 30): 2 + 15/30 months.
        assert_eq!(monthly(date(2027, 2, 1), date(2027, 4, 16)), Some(2500));
        // A month end keeps to month ends: 31 January + 1 month is 28 February, then 31 March.
        assert_eq!(monthly(date(2027, 1, 31), date(2027, 3, 31)), Some(2000));
        // Across a leap February: 29 days of 29 from 1 February 2028 is a whole month.
        assert_eq!(monthly(date(2028, 2, 1), date(2028, 3, 1)), Some(1000));
        assert_eq!(monthly(date(2028, 2, 1), date(2028, 2, 15)), Some(483), "14/29, half up");
        // A yearly 12,000 addon costs 1,000 a month.
        let yearly =
            addon_catch_up(12000, BillingCycle::Annual, date(2027, 3, 1), date(2027, 9, 1));
        assert_eq!(yearly, Some(6000));
        assert_eq!(
            addon_catch_up(i64::MAX, BillingCycle::Monthly, date(2027, 1, 1), date(2037, 1, 1)),
            None
        );
    }
}
