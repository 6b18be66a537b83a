//! The renewal forecast (`/services/forecast`): twelve months ahead, month by month, what falls
//! due and what it costs in each currency, if every service is renewed for its own cycle.

use super::Money;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How far the forecast looks: this month and the eleven after it.
pub const FORECAST_MONTHS: u32 = 12;

/// The first day of the month of `day`.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The first day after the forecast: twelve months from the start of `today`'s month.
pub fn forecast_end(today: NaiveDate) -> NaiveDate {
    let start = month_of(today);
    start.checked_add_months(Months::new(FORECAST_MONTHS)).unwrap_or(start)
}

/// The due dates of a service renewed every `cycle_months` from `due`, before `end`: `due`
/// itself (even when past: it is still to be paid), then each cycle after it. Each date is
/// counted from `due`, so a month end stays a month end (31 Jan, 28 Feb, 31 Mar).
pub fn due_dates(due: NaiveDate, cycle_months: u32, end: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let mut k = 0;
    while let Some(date) = due.checked_add_months(Months::new(cycle_months.max(1) * k)) {
        if date >= end {
            break;
        }
        dates.push(date);
        k += 1;
    }
    dates
}

/// Parses a month as the forecast's forms send it: `2027-03`.
pub fn parse_month(input: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", input.trim()), "%Y-%m-%d").ok()
}

/// The form value of a month: `2027-03`.
pub fn month_value(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub months: Vec<ForecastMonth>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastMonth {
    /// The month's first day.
    pub month: NaiveDate,
    pub items: Vec<ForecastItem>,
    /// What the month's items cost with VAT, one sum per currency.
    pub totals: Vec<Money>,
}

impl ForecastMonth {
    /// The items "renew all of these" would put in the cart: each service's next renewal, when
    /// it is not in the cart or awaiting payment already.
    pub fn addable(&self) -> usize {
        self.items.iter().filter(|i| i.next && !i.in_cart && !i.awaiting).count()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastItem {
    pub service_id: i64,
    pub label: String,
    pub due: NaiveDate,
    /// One period of the service's own cycle, with VAT (and a restore fee where one is due now).
    pub total: Money,
    /// The service's next renewal (its current due date), which the cart can take now; later
    /// ones follow it.
    pub next: bool,
    pub in_cart: bool,
    pub awaiting: bool,
}

/// Adds `amount` to the sum of its currency in `totals`.
pub fn add_to_totals(totals: &mut Vec<Money>, amount: Money) {
    match totals.iter_mut().find(|t| t.currency == amount.currency) {
        Some(total) => total.minor += amount.minor,
        None => totals.push(amount),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Currency;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn monthly_dates_keep_month_ends_and_stop_before_the_end() {
        let end = date("2027-05-01");
        let dates = due_dates(date("2027-01-31"), 1, end);
        let expected = ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"];
        assert_eq!(dates, expected.map(date).to_vec());
        // Leap years: 29 February renews on 28 February the year after, then on the 29th again.
        let yearly = due_dates(date("2028-02-29"), 12, date("2033-01-01"));
        assert_eq!(yearly[1], date("2029-02-28"));
        assert_eq!(yearly[4], date("2032-02-29"));
    }

    #[test]
    fn a_past_due_date_is_still_due_and_the_window_is_twelve_calendar_months() {
        let today = date("2026-11-22");
        assert_eq!(forecast_end(today), date("2027-11-01"));
        assert_eq!(
            due_dates(date("2026-11-02"), 12, forecast_end(today)),
            vec![date("2026-11-02")]
        );
        assert_eq!(due_dates(date("2027-11-01"), 12, forecast_end(today)), Vec::<NaiveDate>::new());
        assert_eq!(month_of(date("2027-03-31")), date("2027-03-01"));
    }

    #[test]
    fn months_go_to_forms_and_back_and_totals_keep_currencies_apart() {
        assert_eq!(parse_month("2027-03"), Some(date("2027-03-01")));
        assert_eq!(parse_month("2027-13"), None);
        assert_eq!(parse_month("march"), None);
        assert_eq!(month_value(date("2027-03-01")), "2027-03");
        let mut totals = Vec::new();
        add_to_totals(&mut totals, Money::new(100, Currency::Huf));
        add_to_totals(&mut totals, Money::new(250, Currency::Eur));
        add_to_totals(&mut totals, Money::new(50, Currency::Huf));
        assert_eq!(totals, vec![Money::new(150, Currency::Huf), Money::new(250, Currency::Eur)]);
    }
}
