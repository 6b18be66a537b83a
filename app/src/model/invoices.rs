//! Invoices (`/invoices`, seed 002 "Rechnungen"): the customer's documents (proformas, final
//! invoices, credit notes), the filter the list is shown with, and one document with its
//! lines and VAT per rate.

use super::money::PricedLine;
use super::{BillingCycle, Currency, InvoiceKind, InvoiceStatus, Money};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Which documents the list shows. Seed 002 opens on the unpaid ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvoiceFilter {
    #[default]
    Unpaid,
    Paid,
    All,
}

impl InvoiceFilter {
    pub const ALL: [InvoiceFilter; 3] =
        [InvoiceFilter::Unpaid, InvoiceFilter::Paid, InvoiceFilter::All];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceFilter::Unpaid => "unpaid",
            InvoiceFilter::Paid => "paid",
            InvoiceFilter::All => "all",
        }
    }

    /// The filter named in the URL; anything else is the default, so an old or mistyped link
    /// still shows a list.
    pub fn parse(value: Option<&str>) -> InvoiceFilter {
        match value {
            Some("paid") => InvoiceFilter::Paid,
            Some("all") => InvoiceFilter::All,
            _ => InvoiceFilter::Unpaid,
        }
    }

    /// The one status this filter keeps, `None` for all.
    pub fn status(self) -> Option<InvoiceStatus> {
        match self {
            InvoiceFilter::Unpaid => Some(InvoiceStatus::Unpaid),
            InvoiceFilter::Paid => Some(InvoiceStatus::Paid),
            InvoiceFilter::All => None,
        }
    }

    /// The list's address for this filter and page (page 1 has no `page`).
    pub fn href(self, page: u32) -> String {
        match page {
            0 | 1 => format!("/invoices?filter={}", self.as_str()),
            page => format!("/invoices?filter={}&page={page}", self.as_str()),
        }
    }
}

/// An unpaid document is overdue from the day after its due date.
/// Where a document's PDF is served.
pub fn pdf_href(id: i64) -> String {
    format!("/invoices/{id}/pdf")
}

/// Where the non-binding quote of an unpaid proforma is served.
pub fn quote_href(id: i64) -> String {
    format!("/invoices/{id}/quote")
}

/// Days a customer has to pay a proforma from the day it is issued.
pub const PROFORMA_DAYS_TO_PAY: i64 = 8;

/// Days an order of something new (a new service, an addon) waits for payment after its
/// proforma's due date before it lapses. A renewal lapses by its service's timeline instead
/// (`model::lifecycle`); something new has no timeline, and without this its order, and the
/// services it reserved, would wait for ever.
pub const NEW_ORDER_DAYS_AFTER_DUE: i64 = 14;

/// The last day an unpaid order of something new, whose proforma was due on `due`, can still
/// be paid: after it the order lapses (its new services are cancelled and money that arrives
/// for it is kept as balance).
pub fn new_order_deadline(due: NaiveDate) -> NaiveDate {
    due + chrono::Duration::days(NEW_ORDER_DAYS_AFTER_DUE)
}

/// The series each kind of document is numbered in, gap-free per year (seed 000: "díjbekérő",
/// DBK, first; "végszámla", VRS, after payment). Every kind has its own series, so a proforma
/// deleted unpaid never leaves a hole among the final invoices.
pub fn series(kind: InvoiceKind) -> &'static str {
    match kind {
        InvoiceKind::Proforma => "DBK",
        InvoiceKind::Invoice => "VRS",
        InvoiceKind::CreditNote => "STO",
        InvoiceKind::Quote => "AJN",
    }
}

/// A document's printed number: series, two-digit year, sequence: `VRS26-00042`.
pub fn document_number(series: &str, year: i32, seq: i64) -> String {
    format!("{series}{:02}-{seq:05}", year.rem_euclid(100))
}

pub fn is_overdue(status: InvoiceStatus, due_date: NaiveDate, today: NaiveDate) -> bool {
    status == InvoiceStatus::Unpaid && due_date < today
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub id: i64,
    pub number: String,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub overdue: bool,
    pub total: Money,
}

/// One page of the list. There is no total count: counting 100,000 documents on every view
/// would cost more than the page itself, so the list knows only whether another page follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoicePage {
    pub filter: InvoiceFilter,
    pub rows: Vec<InvoiceRow>,
    pub page: u32,
    pub has_next: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoiceDetail {
    pub invoice: InvoiceRow,
    pub paid_at: Option<DateTime<Utc>>,
    /// The order the document belongs to, when it has one.
    pub order: Option<Reference>,
    /// For a final invoice, the proforma it was made from.
    pub proforma: Option<Reference>,
    pub lines: Vec<PricedLine>,
    /// One row per VAT rate, in the order the rates first appear on the lines.
    pub vat_breakdown: Vec<VatBreakdown>,
    pub net: Money,
    pub vat: Money,
    /// 0 % VAT because the customer accounts for it: the document says so.
    pub reverse_charge: bool,
    /// For a credit note, the final invoice it credits.
    pub credits: Option<Reference>,
    /// For a final invoice, the credit note that credited it.
    pub credited_by: Option<Reference>,
    /// "What changed": each line of a renewal against the same service's previous paid
    /// invoice. Empty when no line has one.
    pub compared: Vec<LineComparison>,
}

/// Another record a document names: its order, its proforma.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub id: i64,
    pub number: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VatBreakdown {
    pub vat_rate_bp: i32,
    pub net: Money,
    pub vat: Money,
}

/// The terms a line was sold on, as far as a renewal compares them with the previous one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineTerms {
    /// Net, per unit: a price rise shows whatever the VAT did.
    pub unit_price: Money,
    /// The period paid for; `None` on lines issued before periods were recorded.
    pub period: Option<BillingCycle>,
    pub vat_rate_bp: i32,
}

/// One difference between a renewal line and the same service's previous paid line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TermChange {
    Price { before: Money, after: Money },
    Period { before: BillingCycle, after: BillingCycle },
    VatRate { before: i32, after: i32 },
    Currency { before: Currency, after: Currency },
}

/// A line of a document beside the previous paid invoice of the same service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineComparison {
    pub description: String,
    pub previous: Reference,
    /// Empty: the same terms as last time.
    pub changes: Vec<TermChange>,
}

/// What differs between `before` and `after`. A price in another currency is a change of
/// currency and of price; a period only one of the two lines records is not compared.
pub fn term_changes(before: &LineTerms, after: &LineTerms) -> Vec<TermChange> {
    let mut changes = Vec::new();
    if before.unit_price.currency != after.unit_price.currency {
        changes.push(TermChange::Currency {
            before: before.unit_price.currency,
            after: after.unit_price.currency,
        });
    }
    if before.unit_price != after.unit_price {
        changes.push(TermChange::Price { before: before.unit_price, after: after.unit_price });
    }
    if let (Some(b), Some(a)) = (before.period, after.period)
        && b != a
    {
        changes.push(TermChange::Period { before: b, after: a });
    }
    if before.vat_rate_bp != after.vat_rate_bp {
        changes.push(TermChange::VatRate { before: before.vat_rate_bp, after: after.vat_rate_bp });
    }
    changes
}

/// Sums the lines' stored net and VAT per rate (the lines were each rounded once when the
/// document was made; summing them again never re-rounds).
pub fn vat_breakdown(lines: &[PricedLine]) -> Vec<VatBreakdown> {
    let mut rows: Vec<VatBreakdown> = Vec::new();
    for line in lines {
        match rows.iter_mut().find(|r| r.vat_rate_bp == line.vat_rate_bp) {
            Some(row) => {
                row.net.minor += line.net.minor;
                row.vat.minor += line.vat.minor;
            }
            None => rows.push(VatBreakdown {
                vat_rate_bp: line.vat_rate_bp,
                net: line.net,
                vat: line.vat,
            }),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_of_something_new_can_be_paid_two_weeks_past_its_due_date() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        // Across the end of a leap February.
        assert_eq!(new_order_deadline(date(2028, 2, 20)), date(2028, 3, 5));
    }

    #[test]
    fn the_list_opens_on_unpaid_and_keeps_a_known_filter() {
        assert_eq!(InvoiceFilter::parse(None), InvoiceFilter::Unpaid);
        assert_eq!(InvoiceFilter::parse(Some("paid")), InvoiceFilter::Paid);
        assert_eq!(InvoiceFilter::parse(Some("all")), InvoiceFilter::All);
        assert_eq!(InvoiceFilter::parse(Some("PAID'--")), InvoiceFilter::Unpaid);
        for filter in InvoiceFilter::ALL {
            assert_eq!(InvoiceFilter::parse(Some(filter.as_str())), filter);
        }
        assert_eq!(InvoiceFilter::Paid.href(1), "/invoices?filter=paid");
        assert_eq!(InvoiceFilter::All.href(3), "/invoices?filter=all&page=3");
    }

    #[test]
    fn each_kind_is_numbered_in_its_own_series() {
        assert_eq!(document_number(series(InvoiceKind::Invoice), 2026, 42), "VRS26-00042");
        assert_eq!(document_number(series(InvoiceKind::Proforma), 2027, 1), "DBK27-00001");
        assert_eq!(document_number("VRS", 2100, 123_456), "VRS00-123456");
        let all = [
            InvoiceKind::Proforma,
            InvoiceKind::Invoice,
            InvoiceKind::CreditNote,
            InvoiceKind::Quote,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|b| series(*a) != series(*b)));
        }
    }

    #[test]
    fn only_an_unpaid_document_past_its_due_date_is_overdue() {
        let due = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date");
        let next_day = due.succ_opt().expect("a date");
        assert!(!is_overdue(InvoiceStatus::Unpaid, due, due));
        assert!(is_overdue(InvoiceStatus::Unpaid, due, next_day));
        assert!(!is_overdue(InvoiceStatus::Paid, due, next_day));
        assert!(!is_overdue(InvoiceStatus::Cancelled, due, next_day));
    }

    #[test]
    fn a_renewal_names_each_term_that_changed_and_nothing_else() {
        let terms = |minor, currency, period, rate| LineTerms {
            unit_price: Money::new(minor, currency),
            period,
            vat_rate_bp: rate,
        };
        let year = Some(BillingCycle::Annual);
        let last = terms(10_000, Currency::Huf, year, 2700);
        assert_eq!(term_changes(&last, &last.clone()), vec![]);
        assert_eq!(
            term_changes(&last, &terms(11_000, Currency::Huf, year, 2700)),
            vec![TermChange::Price {
                before: Money::new(10_000, Currency::Huf),
                after: Money::new(11_000, Currency::Huf)
            }]
        );
        assert_eq!(
            term_changes(&last, &terms(10_000, Currency::Huf, Some(BillingCycle::Monthly), 0)),
            vec![
                TermChange::Period { before: BillingCycle::Annual, after: BillingCycle::Monthly },
                TermChange::VatRate { before: 2700, after: 0 },
            ]
        );
        // The same number in another currency is another price.
        let eur = term_changes(&last, &terms(10_000, Currency::Eur, year, 2700));
        assert_eq!(eur.len(), 2);
        assert!(matches!(
            eur[0],
            TermChange::Currency { before: Currency::Huf, after: Currency::Eur }
        ));
        // A line from before periods were recorded compares on the rest.
        assert_eq!(term_changes(&terms(10_000, Currency::Huf, None, 2700), &last), vec![]);
    }

    #[test]
    fn the_breakdown_sums_stored_line_amounts_per_rate() {
        let huf = |minor| Money::new(minor, Currency::Huf);
        let line = |net, rate, vat| PricedLine {
            description: String::new(),
            quantity: 1,
            unit_price: huf(net),
            net: huf(net),
            vat_rate_bp: rate,
            vat: huf(vat),
            gross: huf(net + vat),
        };
        let rows = vat_breakdown(&[line(1000, 2700, 270), line(333, 0, 0), line(501, 2700, 135)]);
        assert_eq!(
            rows,
            vec![
                VatBreakdown { vat_rate_bp: 2700, net: huf(1501), vat: huf(405) },
                VatBreakdown { vat_rate_bp: 0, net: huf(333), vat: huf(0) },
            ]
        );
    }
}
