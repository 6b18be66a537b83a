//! A customer's balance (seed 002: "Saldo"): money held for them, in their currency, moved
//! only by ledger entries. The rules here decide both what the pages offer and what the use
//! cases accept.

use super::invoices::Reference;
use super::{Currency, LedgerReason, Money};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

/// The balance page: what is held, and every movement.
pub const BALANCE_HREF: &str = "/balance";

/// Whether the balance pays `amount` whole: the same currency, and enough of it. A document is
/// paid from the balance in full or not at all, so nothing is left half paid.
pub fn covers(balance: Money, amount: Money) -> bool {
    balance.currency == amount.currency && amount.minor > 0 && balance.minor >= amount.minor
}

/// The smallest and the largest top-up by card, in minor units: enough to be worth a card fee,
/// and a ceiling on what a stolen session could move at once.
pub fn top_up_limits(currency: Currency) -> (Money, Money) {
    let (min, max) = match currency {
        Currency::Huf => (1_000, 1_000_000),
        Currency::Eur => (500, 500_000),
        Currency::Pln => (2_000, 2_000_000),
    };
    (Money::new(min, currency), Money::new(max, currency))
}

/// A top-up amount as typed ("25", "25,50", "1 000") in `currency`, in minor units; or why it
/// cannot be taken: `amount_invalid`, `amount_too_small`, `amount_too_large`.
pub fn parse_top_up(input: &str, currency: Currency) -> Result<Money, &'static str> {
    let typed: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let amount: Decimal = typed.parse().map_err(|_| "amount_invalid")?;
    let amount = amount.normalize();
    if amount.is_sign_negative() || amount.scale() > currency.exponent() {
        return Err("amount_invalid");
    }
    let minor = (amount * Decimal::from(10_i64.pow(currency.exponent())))
        .to_i64()
        .ok_or("amount_too_large")?;
    let (min, max) = top_up_limits(currency);
    if minor < min.minor {
        Err("amount_too_small")
    } else if minor > max.minor {
        Err("amount_too_large")
    } else {
        Ok(Money::new(minor, currency))
    }
}

/// The top-up form of the balance page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopUpForm {
    pub min: Money,
    pub max: Money,
    /// Submitting the same form twice opens one payment.
    pub idempotency_key: String,
}

/// One movement as the balance page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub id: i64,
    pub date: NaiveDate,
    pub reason: LedgerReason,
    /// Positive in, negative out.
    pub amount: Money,
    /// The balance right after this movement.
    pub balance_after: Money,
    /// The document it paid or came from.
    pub document: Option<Reference>,
}

/// The balance page (`/balance`): the balance now and one page of its movements, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BalanceView {
    pub balance: Money,
    pub entries: Vec<LedgerRow>,
    pub page: u32,
    pub has_next: bool,
    /// Topping up by card, where card payments are taken.
    pub top_up: Option<TopUpForm>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Currency;

    #[test]
    fn the_balance_pays_a_document_whole_in_its_own_currency() {
        let huf = |minor| Money::new(minor, Currency::Huf);
        assert!(covers(huf(12_700), huf(12_700)));
        assert!(covers(huf(20_000), huf(12_700)));
        assert!(!covers(huf(12_699), huf(12_700)));
        assert!(!covers(Money::new(20_000, Currency::Eur), huf(12_700)));
        assert!(!covers(huf(0), huf(0)));
    }

    #[test]
    fn a_top_up_is_read_as_people_type_it_within_the_limits() {
        let eur = |minor| Ok(Money::new(minor, Currency::Eur));
        assert_eq!(parse_top_up("25", Currency::Eur), eur(2500));
        assert_eq!(parse_top_up(" 25,50 ", Currency::Eur), eur(2550));
        assert_eq!(parse_top_up("25.5", Currency::Eur), eur(2550));
        assert_eq!(parse_top_up("1 000", Currency::Eur), eur(100_000));
        assert_eq!(parse_top_up("1\u{a0}000", Currency::Huf), Ok(Money::new(1000, Currency::Huf)));
        assert_eq!(parse_top_up("25,505", Currency::Eur), Err("amount_invalid"));
        assert_eq!(parse_top_up("1000,5", Currency::Huf), Err("amount_invalid"));
        assert_eq!(parse_top_up("abc", Currency::Eur), Err("amount_invalid"));
        assert_eq!(parse_top_up("-10", Currency::Eur), Err("amount_invalid"));
        assert_eq!(parse_top_up("", Currency::Eur), Err("amount_invalid"));
        assert_eq!(parse_top_up("4,99", Currency::Eur), Err("amount_too_small"));
        assert_eq!(parse_top_up("5000,01", Currency::Eur), Err("amount_too_large"));
        assert_eq!(parse_top_up("99999999999999999999", Currency::Eur), Err("amount_too_large"));
    }
}
