//! VAT on invoice lines. Computed with `rust_decimal` and rounded once per line, half away
//! from zero, to the currency's minor unit (whole forints for HUF).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// A VAT rate in basis points: 2700 = 27 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VatRate(pub u32);

impl VatRate {
    /// The standard rate for a country we invoice from or to (ISO 3166 alpha-2).
    pub fn standard(country: &str) -> Option<VatRate> {
        match country {
            "HU" => Some(VatRate(2700)),
            "PL" => Some(VatRate(2300)),
            "DE" => Some(VatRate(1900)),
            "IT" => Some(VatRate(2200)),
            _ => None,
        }
    }

    /// The tax on a net line amount, in the same minor unit.
    pub fn tax_on(self, net_minor: i64) -> i64 {
        let tax = Decimal::from(net_minor) * Decimal::from(self.0) / Decimal::from(10_000);
        tax.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .to_i64()
            .unwrap_or(i64::MAX)
    }
}

/// One priced line: net, tax and gross, all in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineAmounts {
    pub net: i64,
    pub tax: i64,
    pub total: i64,
}

pub fn price_line(unit_net_minor: i64, quantity: i64, rate: VatRate) -> LineAmounts {
    let net = unit_net_minor.saturating_mul(quantity);
    let tax = rate.tax_on(net);
    LineAmounts { net, tax, total: net.saturating_add(tax) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hungarian_vat_rounds_half_away_from_zero_per_line() {
        let hu = VatRate::standard("HU").expect("HU rate");
        assert_eq!(hu.tax_on(1000), 270);
        assert_eq!(hu.tax_on(4990), 1347); // 1347.3
        assert_eq!(hu.tax_on(50), 14); // 13.5 rounds up
        assert_eq!(hu.tax_on(-50), -14); // credit notes mirror invoices
        assert_eq!(price_line(4990, 2, hu), LineAmounts { net: 9980, tax: 2695, total: 12675 });
    }

    #[test]
    fn standard_rates() {
        assert_eq!(VatRate::standard("PL"), Some(VatRate(2300)));
        assert_eq!(VatRate::standard("DE"), Some(VatRate(1900)));
        assert_eq!(VatRate::standard("IT"), Some(VatRate(2200)));
        assert_eq!(VatRate::standard("US"), None);
    }
}
