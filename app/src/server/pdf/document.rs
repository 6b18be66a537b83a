//! A billing document as a PDF (proforma, final invoice, credit note, quote): seller and buyer,
//! number and dates, the lines, VAT per rate, totals and how to pay, in the customer's language.
//! The amounts are the stored ones, formatted exactly as the document's page shows them.

use super::layout::{Layout, MARGIN, RIGHT, Weight, wrap};
use crate::format;
use crate::i18n::texts;
use crate::model::invoices::InvoiceDetail;
use crate::model::seller::Seller;
use crate::model::{InvoiceKind, InvoiceStatus, Lang};
use krilla::metadata::Metadata;

/// The customer as the document names them.
pub struct Buyer {
    pub name: String,
    pub address: Option<String>,
    pub tax_id: Option<String>,
}

pub struct DocumentPdf<'a> {
    pub detail: &'a InvoiceDetail,
    pub seller: &'a Seller,
    pub buyer: &'a Buyer,
    pub lang: Lang,
}

const BODY: f32 = 9.0;
const SMALL: f32 = 8.0;
/// The buyer's column starts here.
const SECOND_COLUMN: f32 = MARGIN + 260.0;
/// Right edges of the lines table's number columns; the description wraps left of them.
const COL_QUANTITY: f32 = MARGIN + 190.0;
const COL_UNIT: f32 = MARGIN + 258.0;
const COL_NET: f32 = MARGIN + 326.0;
const COL_RATE: f32 = MARGIN + 376.0;
const COL_VAT: f32 = MARGIN + 434.0;
const COL_GROSS: f32 = RIGHT;
const DESCRIPTION_WIDTH: f32 = 150.0;
/// Space between two columns.
const GUTTER: f32 = 6.0;
/// Where the totals' labels start.
const TOTALS_LABEL: f32 = MARGIN + 280.0;

pub fn render(doc: &DocumentPdf<'_>) -> Result<Vec<u8>, krilla::error::KrillaError> {
    let t = texts(doc.lang);
    let it = t.invoices;
    let invoice = &doc.detail.invoice;
    let quote = invoice.kind == InvoiceKind::Quote;
    // A quote has no number of its own: it names the proforma whose lines it prices.
    let title = if quote {
        it.kind(invoice.kind).to_owned()
    } else {
        format!("{} {}", it.kind(invoice.kind), invoice.number)
    };
    let mut layout = Layout::default();

    layout.text(MARGIN, 18.0, Weight::Bold, &title);
    layout.next_line(18.0);
    if quote {
        layout.text(MARGIN, BODY, Weight::Regular, &(it.quote_for)(&invoice.number));
        layout.next_line(BODY);
    }
    layout.gap(10.0);
    parties(&mut layout, doc);
    layout.gap(12.0);
    facts(&mut layout, doc);
    layout.gap(14.0);
    lines_table(&mut layout, doc);
    layout.gap(14.0);
    vat_table(&mut layout, doc);
    layout.gap(10.0);
    totals(&mut layout, doc);
    layout.gap(14.0);
    if doc.detail.reverse_charge {
        paragraph(&mut layout, t.reverse_charge_note);
    }
    if invoice.status == InvoiceStatus::Unpaid && invoice.kind != InvoiceKind::Quote {
        payment_details(&mut layout, doc);
    }
    if invoice.kind == InvoiceKind::Proforma {
        paragraph(&mut layout, it.proforma_notice);
    }
    if invoice.kind == InvoiceKind::CreditNote {
        paragraph(&mut layout, it.credit_note_notice);
    }
    if quote {
        paragraph(&mut layout, it.quote_notice);
    }

    let metadata = Metadata::new()
        .title(title)
        .language(doc.lang.as_str().to_owned())
        .authors(vec![doc.seller.name.clone()])
        .producer("Portico".to_owned());
    let seller = &doc.seller.name;
    layout.render(metadata, |page, pages| format!("{seller} · {}", (it.page_of)(page, pages)))
}

/// Seller on the left, buyer on the right, line by line.
fn parties(layout: &mut Layout, doc: &DocumentPdf<'_>) {
    let it = texts(doc.lang).invoices;
    let tax = |id: &str| format!("{}: {id}", it.tax_id);
    let mut left = vec![doc.seller.name.clone()];
    left.extend(doc.seller.address.lines().map(str::to_owned));
    left.push(tax(&doc.seller.tax_id));
    let mut right = vec![doc.buyer.name.clone()];
    right.extend(doc.buyer.address.iter().flat_map(|a| a.lines().map(str::to_owned)));
    right.extend(doc.buyer.tax_id.as_deref().map(tax));

    layout.text(MARGIN, SMALL, Weight::Bold, it.seller);
    layout.text(SECOND_COLUMN, SMALL, Weight::Bold, it.buyer);
    layout.next_line(SMALL);
    for i in 0..left.len().max(right.len()) {
        let weight = if i == 0 { Weight::Bold } else { Weight::Regular };
        if let Some(line) = left.get(i) {
            layout.text(MARGIN, BODY, weight, line);
        }
        if let Some(line) = right.get(i) {
            layout.text(SECOND_COLUMN, BODY, weight, line);
        }
        layout.next_line(BODY);
    }
}

/// Dates and references, one "label: value" per line.
fn facts(layout: &mut Layout, doc: &DocumentPdf<'_>) {
    let it = texts(doc.lang).invoices;
    let d = doc.detail;
    let until = if d.invoice.kind == InvoiceKind::Quote { it.valid_until } else { it.due_date };
    let mut rows = vec![
        (it.issue_date, format::date(d.invoice.issue_date, doc.lang)),
        (until, format::date(d.invoice.due_date, doc.lang)),
    ];
    if let Some(paid_at) = d.paid_at {
        rows.push((it.paid_on, format::date(paid_at.date_naive(), doc.lang)));
    }
    if let Some(order) = &d.order {
        rows.push((it.order, order.number.clone()));
    }
    if let Some(proforma) = &d.proforma {
        rows.push((it.made_from, proforma.number.clone()));
    }
    if let Some(invoice) = &d.credits {
        rows.push((it.credits_invoice, invoice.number.clone()));
    }
    for (label, value) in rows {
        layout.text(MARGIN, BODY, Weight::Regular, &format!("{label}:"));
        layout.text(MARGIN + 110.0, BODY, Weight::Bold, &value);
        layout.next_line(BODY);
    }
}

fn lines_table(layout: &mut Layout, doc: &DocumentPdf<'_>) {
    let t = texts(doc.lang);
    let header = |layout: &mut Layout| {
        column_heads(
            layout,
            Some(t.col_description),
            &[
                (COL_QUANTITY, t.col_quantity),
                (COL_UNIT, t.col_unit_price),
                (COL_NET, t.col_net),
                (COL_RATE, t.col_vat_rate),
                (COL_VAT, t.col_vat),
                (COL_GROSS, t.col_gross),
            ],
        );
        layout.rule(MARGIN, RIGHT);
        layout.gap(3.0);
    };
    layout.keep(Layout::line_height(SMALL) * 4.0);
    header(layout);
    for line in &doc.detail.lines {
        let description = wrap(&line.description, DESCRIPTION_WIDTH, BODY, Weight::Regular);
        let height = Layout::line_height(BODY) * description.len() as f32;
        let pages = layout.pages();
        layout.keep(height);
        if layout.pages() > pages {
            header(layout);
        }
        for (right, value) in [
            (COL_QUANTITY, line.quantity.to_string()),
            (COL_UNIT, format::money(line.unit_price, doc.lang)),
            (COL_NET, format::money(line.net, doc.lang)),
            (COL_RATE, format::percent_bp(line.vat_rate_bp, doc.lang)),
            (COL_VAT, format::money(line.vat, doc.lang)),
            (COL_GROSS, format::money(line.gross, doc.lang)),
        ] {
            layout.text_right(right, BODY, Weight::Regular, &value);
        }
        for text in &description {
            layout.text(MARGIN, BODY, Weight::Regular, text);
            layout.next_line(BODY);
        }
    }
    layout.rule(MARGIN, RIGHT);
}

/// A table's column heads, each wrapped to its column (right-aligned, as the amounts under
/// it), so a long head in one language never runs into the next column.
fn column_heads(layout: &mut Layout, first: Option<&str>, columns: &[(f32, &str)]) {
    let mut left = COL_QUANTITY - 40.0;
    let mut heads = Vec::new();
    for &(right, label) in columns {
        heads.push((right, wrap(label, right - left - GUTTER, SMALL, Weight::Bold)));
        left = right;
    }
    let first = first.map(|f| wrap(f, DESCRIPTION_WIDTH, SMALL, Weight::Bold)).unwrap_or_default();
    let rows = heads.iter().map(|(_, lines)| lines.len()).chain([first.len()]).max().unwrap_or(1);
    for row in 0..rows {
        if let Some(text) = first.get(row) {
            layout.text(MARGIN, SMALL, Weight::Bold, text);
        }
        for (right, lines) in &heads {
            if let Some(text) = lines.get(row) {
                layout.text_right(*right, SMALL, Weight::Bold, text);
            }
        }
        layout.next_line(SMALL);
    }
}

/// One row per VAT rate: the breakdown a VAT return is filled from.
fn vat_table(layout: &mut Layout, doc: &DocumentPdf<'_>) {
    let t = texts(doc.lang);
    let rows = &doc.detail.vat_breakdown;
    layout.keep(Layout::line_height(BODY) * (rows.len() as f32 + 2.0));
    layout.text(MARGIN, SMALL, Weight::Bold, t.invoices.section_vat);
    column_heads(
        layout,
        None,
        &[
            (COL_NET, t.col_net),
            (COL_RATE, t.col_vat_rate),
            (COL_VAT, t.col_vat),
            (COL_GROSS, t.col_gross),
        ],
    );
    for row in rows {
        let gross = crate::model::Money::new(row.net.minor + row.vat.minor, row.net.currency);
        layout.text_right(COL_NET, BODY, Weight::Regular, &format::money(row.net, doc.lang));
        layout.text_right(
            COL_RATE,
            BODY,
            Weight::Regular,
            &format::percent_bp(row.vat_rate_bp, doc.lang),
        );
        layout.text_right(COL_VAT, BODY, Weight::Regular, &format::money(row.vat, doc.lang));
        layout.text_right(COL_GROSS, BODY, Weight::Regular, &format::money(gross, doc.lang));
        layout.next_line(BODY);
    }
}

fn totals(layout: &mut Layout, doc: &DocumentPdf<'_>) {
    let it = texts(doc.lang).invoices;
    let d = doc.detail;
    layout.keep(Layout::line_height(12.0) * 3.0);
    for (label, amount, size, weight) in [
        (it.total_net, d.net, BODY, Weight::Regular),
        (it.total_vat, d.vat, BODY, Weight::Regular),
        (it.total, d.invoice.total, 12.0, Weight::Bold),
    ] {
        layout.text(TOTALS_LABEL, size, weight, label);
        layout.text_right(COL_GROSS, size, weight, &format::money(amount, doc.lang));
        layout.next_line(size);
    }
}

/// How to pay by bank transfer: the seller's account, the amount, and the number to quote.
fn payment_details(layout: &mut Layout, doc: &DocumentPdf<'_>) {
    let it = texts(doc.lang).invoices;
    let invoice = &doc.detail.invoice;
    let rows = [
        (it.bank_account, format!("{}, {}", doc.seller.bank, doc.seller.iban)),
        (it.total, format::money(invoice.total, doc.lang)),
        (it.payment_reference, invoice.number.clone()),
    ];
    layout.keep(Layout::line_height(BODY) * 3.0);
    for (label, value) in rows {
        layout.text(MARGIN, BODY, Weight::Regular, &format!("{label}:"));
        layout.text(MARGIN + 110.0, BODY, Weight::Bold, &value);
        layout.next_line(BODY);
    }
    layout.gap(8.0);
}

fn paragraph(layout: &mut Layout, text: &str) {
    for line in wrap(text, RIGHT - MARGIN, BODY, Weight::Regular) {
        layout.keep(Layout::line_height(BODY));
        layout.text(MARGIN, BODY, Weight::Regular, &line);
        layout.next_line(BODY);
    }
    layout.gap(6.0);
}
