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
