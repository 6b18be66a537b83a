//! VAT on invoice lines. Computed with `rust_decimal` and rounded once per line, half away
//! from zero, to the currency's minor unit (whole forints for HUF).
//!
//! Which rate applies is decided by [`vat_for`], the one place that knows the rules: the
//! customer country's standard rate, or reverse charge for an EU business that gives a VAT
//! id in another member state than the seller's. A country whose rules Portico does not know
//! is an error, never a silent 0 %.

use super::CustomerKind;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// The member state Portico's operator invoices from.
pub const SELLER_COUNTRY: &str = "HU";

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

    /// The rate as documents and their lines store it (`tax_rate_bp`).
    pub fn basis_points(self) -> i32 {
        i32::try_from(self.0).unwrap_or(i32::MAX)
    }

    /// The tax on a net line amount, in the same minor unit.
    pub fn tax_on(self, net_minor: i64) -> i64 {
        let tax = Decimal::from(net_minor) * Decimal::from(self.0) / Decimal::from(10_000);
        tax.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .to_i64()
            .unwrap_or(i64::MAX)
    }
}

/// Who is invoiced, as far as VAT cares.
#[derive(Clone, Copy, Debug)]
pub struct Buyer<'a> {
    /// ISO 3166 alpha-2, upper case.
    pub country: &'a str,
    pub kind: CustomerKind,
    /// The customer's VAT id, if they gave one.
    pub vat_id: Option<&'a str>,
}

/// How VAT is charged to a buyer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VatTreatment {
    /// VAT at this rate is on the invoice.
    Charged(VatRate),
    /// 0 % on the invoice, with the reverse-charge sentence: the buyer accounts for the VAT.
    ReverseCharge,
}

impl VatTreatment {
    /// The rate printed on the lines: 0 under reverse charge.
    pub fn rate(self) -> VatRate {
        match self {
            VatTreatment::Charged(rate) => rate,
            VatTreatment::ReverseCharge => VatRate(0),
        }
    }

    pub fn is_reverse_charge(self) -> bool {
        self == VatTreatment::ReverseCharge
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VatError {
    /// No VAT rules are known for this country: the order cannot be priced.
    #[error("no VAT rules for country {0:?}")]
    UnknownCountry(String),
}

/// The VAT treatment of a sale to `buyer`. A business in another member state than the
/// seller's that gives a VAT id gets reverse charge (EU VAT Directive, art. 196); everyone
/// else pays the standard rate of their own country.
pub fn vat_for(buyer: &Buyer<'_>) -> Result<VatTreatment, VatError> {
    let rate = VatRate::standard(buyer.country)
        .ok_or_else(|| VatError::UnknownCountry(buyer.country.to_owned()))?;
    let has_vat_id = buyer.vat_id.is_some_and(|id| !id.trim().is_empty());
    if buyer.kind == CustomerKind::Company && has_vat_id && buyer.country != SELLER_COUNTRY {
        return Ok(VatTreatment::ReverseCharge);
    }
    Ok(VatTreatment::Charged(rate))
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

    fn buyer(country: &str, kind: CustomerKind, vat_id: Option<&str>) -> VatTreatment {
        vat_for(&Buyer { country, kind, vat_id }).expect("known country")
    }

    #[test]
    fn reverse_charge_only_for_businesses_with_a_vat_id_in_another_member_state() {
        use CustomerKind::{Company, Person};
        assert_eq!(buyer("DE", Company, Some("DE123456789")), VatTreatment::ReverseCharge);
        assert_eq!(buyer("PL", Company, Some("PL5260250274")), VatTreatment::ReverseCharge);
        // The seller's own country charges its VAT, VAT id or not.
        assert_eq!(buyer("HU", Company, Some("HU12345678")), VatTreatment::Charged(VatRate(2700)));
        // No VAT id, or a private person: the buyer country's rate.
        assert_eq!(buyer("DE", Company, None), VatTreatment::Charged(VatRate(1900)));
        assert_eq!(buyer("DE", Company, Some("  ")), VatTreatment::Charged(VatRate(1900)));
        assert_eq!(buyer("IT", Person, Some("IT0123")), VatTreatment::Charged(VatRate(2200)));
        assert_eq!(VatTreatment::ReverseCharge.rate(), VatRate(0));
    }

    #[test]
    fn an_unknown_country_is_an_error_never_zero_percent() {
        let us = Buyer { country: "US", kind: CustomerKind::Person, vat_id: None };
        assert_eq!(vat_for(&us), Err(VatError::UnknownCountry("US".into())));
        let empty = Buyer { country: "", kind: CustomerKind::Company, vat_id: Some("X") };
        assert!(vat_for(&empty).is_err());
    }

    #[test]
    fn standard_rates() {
        assert_eq!(VatRate::standard("PL"), Some(VatRate(2300)));
        assert_eq!(VatRate::standard("DE"), Some(VatRate(1900)));
        assert_eq!(VatRate::standard("IT"), Some(VatRate(2200)));
        assert_eq!(VatRate::standard("US"), None);
    }

    /// A small deterministic generator (xorshift64*): the same cases on every run, no crate.
    struct Cases(u64);

    impl Cases {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % below
        }
    }

    /// Property: over 20,000 random documents (1-8 lines, any price, quantity and rate), each
    /// line's net + VAT is its gross, the document's sums agree with the lines', and the VAT
    /// per rate adds up to the document's VAT; the tax is never off by more than half a minor
    /// unit from the exact value.
    #[test]
    fn net_plus_vat_is_gross_per_line_per_rate_and_per_document() {
        use crate::model::invoices::vat_breakdown;
        use crate::model::money::PricedLine;
        use crate::model::{Currency, Money};
        let rates = [0, 500, 1800, 1900, 2200, 2300, 2700];
        let mut cases = Cases(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let count = 1 + cases.next(8);
            let mut lines = Vec::new();
            for _ in 0..count {
                let unit = i64::try_from(cases.next(10_000_000)).unwrap_or(0);
                let quantity = 1 + i64::try_from(cases.next(100)).unwrap_or(0);
                let rate = VatRate(rates[usize::try_from(cases.next(7)).unwrap_or(0)]);
                let line = price_line(unit, quantity, rate);
                assert_eq!(line.net + line.tax, line.total, "{unit} x {quantity} at {rate:?}");
                // Rounded once, half away from zero: within half a minor unit of exact.
                let exact = i128::from(line.net) * i128::from(rate.0);
                assert!((i128::from(line.tax) * 10_000 - exact).abs() <= 5_000);
                let huf = |minor| Money::new(minor, Currency::Huf);
                lines.push(PricedLine {
                    description: String::new(),
                    quantity: i32::try_from(quantity).unwrap_or(0),
                    unit_price: huf(unit),
                    net: huf(line.net),
                    vat_rate_bp: i32::try_from(rate.0).unwrap_or(0),
                    vat: huf(line.tax),
                    gross: huf(line.total),
                });
            }
            let net: i64 = lines.iter().map(|l| l.net.minor).sum();
            let vat: i64 = lines.iter().map(|l| l.vat.minor).sum();
            let gross: i64 = lines.iter().map(|l| l.gross.minor).sum();
            assert_eq!(net + vat, gross);
            let rows = vat_breakdown(&lines);
            assert_eq!(rows.iter().map(|r| r.net.minor).sum::<i64>(), net);
            assert_eq!(rows.iter().map(|r| r.vat.minor).sum::<i64>(), vat);
            let mut seen: Vec<i32> = rows.iter().map(|r| r.vat_rate_bp).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), rows.len(), "one row per rate");
        }
    }
}
