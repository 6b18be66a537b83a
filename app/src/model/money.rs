//! Money as integer minor units plus an ISO currency. Never a float.

use super::Currency;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Amount in the currency's minor unit (see [`Currency::exponent`]).
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Adds two amounts of the same currency; `None` for mixed currencies or overflow, so a
    /// total can never silently mix forints and euros.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        self.minor.checked_add(other.minor).map(|minor| Money::new(minor, self.currency))
    }
}

/// One line of a priced document (an order, a proforma, an invoice), as stored: each line
/// was rounded once when the document was made, and its amounts are only ever summed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PricedLine {
    pub description: String,
    pub quantity: i32,
    pub unit_price: Money,
    pub net: Money,
    /// Basis points: 2700 = 27 %.
    pub vat_rate_bp: i32,
    pub vat: Money,
    /// Net plus VAT; the lines' gross amounts add up to the document's total.
    pub gross: Money,
}

impl Currency {
    /// Digits after the decimal point of the minor unit. The forint is kept in whole units:
    /// the fillér left circulation in 1999 and Hungarian invoices state whole forints.
    pub fn exponent(self) -> u32 {
        match self {
            Currency::Huf => 0,
            Currency::Eur | Currency::Pln => 2,
        }
    }
}
