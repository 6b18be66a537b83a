//! Billing documents, written inside the caller's transaction: numbers from the gap-free series,
//! and the proforma of an order awaiting payment (seed 000: proforma first, final invoice after
//! payment, a credit note when a paid invoice is refunded). A document and the change it
//! belongs to commit together or not at all.

use crate::model::invoices::{PROFORMA_DAYS_TO_PAY, document_number, series};
use crate::model::tax::{LineAmounts, VatRate, price_line};
use crate::model::{InvoiceKind, InvoiceStatus};
use crate::server::entities::{invoice_lines, invoices, order_lines, orders};
use crate::server::sequences;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

/// A document's place in its series.
pub struct Numbered {
    pub series: &'static str,
    pub year: i32,
    pub seq: i32,
    pub number: String,
}

/// Takes the next number of `kind`'s series for `year`. The number is the transaction's until
/// it ends: a rollback gives it back, so the series has no gaps (see [`sequences`]).
pub async fn next_number(
    conn: &impl ConnectionTrait,
    kind: InvoiceKind,
    year: i32,
) -> Result<Numbered, DbErr> {
    let series = series(kind);
    let seq = sequences::next(conn, series, year).await?;
    Ok(Numbered {
        series,
        year,
        seq: i32::try_from(seq).map_err(|e| DbErr::Custom(format!("{series}/{year}: {e}")))?,
        number: document_number(series, year, seq),
    })
}

/// A line of an order before the order exists: priced once, here, then written onto the order
/// and copied onto its proforma as it is. A page that shows what an order will cost adds these
/// up, so it shows what the proforma will say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftLine {
    pub product_id: Option<i64>,
    pub service_id: Option<i64>,
    pub description: String,
    pub billing_cycle: Option<String>,
    /// Months a renewal line pays for; none for a fee or a discount.
    pub period_months: Option<i32>,
    pub unit_price_minor: i64,
    pub rate_bp: i32,
    pub amounts: LineAmounts,
}

impl DraftLine {
    /// A line of one unit at `unit_net` plus `rate`'s VAT (rounded on the line, like every
    /// document line).
    pub fn one(unit_net: i64, rate: VatRate, description: String) -> Self {
        DraftLine {
            product_id: None,
            service_id: None,
            description,
            billing_cycle: None,
            period_months: None,
            unit_price_minor: unit_net,
            rate_bp: rate.basis_points(),
            amounts: price_line(unit_net, 1, rate),
        }
    }
}

/// What lines add up to, as a proforma adds them: each line's net, tax and gross summed.
pub fn sum(lines: &[DraftLine]) -> LineAmounts {
    lines.iter().fold(LineAmounts { net: 0, tax: 0, total: 0 }, |sum, line| LineAmounts {
        net: sum.net + line.amounts.net,
        tax: sum.tax + line.amounts.tax,
        total: sum.total + line.amounts.total,
    })
}

/// Writes `lines` onto the order `order_id`, in their order, in one statement.
pub async fn insert_order_lines(
    conn: &impl ConnectionTrait,
    order_id: i64,
    lines: Vec<DraftLine>,
) -> Result<Vec<order_lines::Model>, DbErr> {
    let rows = lines.into_iter().map(|line| order_lines::ActiveModel {
        order_id: Set(order_id),
        product_id: Set(line.product_id),
        service_id: Set(line.service_id),
        description: Set(line.description),
        billing_cycle: Set(line.billing_cycle),
        period_months: Set(line.period_months),
        quantity: Set(1),
        unit_price_minor: Set(line.unit_price_minor),
        amount_minor: Set(line.amounts.net),
        tax_rate_bp: Set(line.rate_bp),
        tax_minor: Set(line.amounts.tax),
        total_minor: Set(line.amounts.total),
        ..Default::default()
    });
    let mut written = order_lines::Entity::insert_many(rows).exec_with_returning(conn).await?;
    // RETURNING promises no order; ids grow in the order the rows were given.
    written.sort_by_key(|l| l.id);
    Ok(written)
}

/// When a proforma issued on `today` is due: the usual days to pay.
pub fn proforma_due(today: NaiveDate) -> NaiveDate {
    today + Duration::days(PROFORMA_DAYS_TO_PAY)
}

/// Issues the proforma of `order`, with the order's lines copied as they are: the amounts were
/// priced once, by `model::tax`, when the order was made, and are never recomputed. `due`: the
/// day it is to be paid by (see [`proforma_due`]).
///
/// Taking the number locks the proforma series until the transaction ends, so every other
/// order waits for this one: callers do their other work first (on PostgreSQL, with 32
/// renewals at once, most of their waiting is for these counters; README, Benchmark).
pub async fn issue_proforma(
    conn: &impl ConnectionTrait,
    order: &orders::Model,
    lines: &[order_lines::Model],
    due: NaiveDate,
    now: DateTime<Utc>,
) -> Result<invoices::Model, DbErr> {
    let today = now.date_naive();
    let numbered = next_number(conn, InvoiceKind::Proforma, today.year()).await?;
    let proforma = invoices::ActiveModel {
        customer_id: Set(order.customer_id),
        kind: Set(InvoiceKind::Proforma),
        status: Set(InvoiceStatus::Unpaid),
        currency: Set(order.currency),
        net_minor: Set(lines.iter().map(|l| l.amount_minor).sum()),
        tax_minor: Set(lines.iter().map(|l| l.tax_minor).sum()),
        total_minor: Set(lines.iter().map(|l| l.total_minor).sum()),
        reverse_charge: Set(order.reverse_charge),
        issue_date: Set(today),
        due_date: Set(due),
        paid_at: Set(None),
        proforma_id: Set(None),
        order_id: Set(Some(order.id)),
        created_at: Set(now),
        ..numbered.into_document()
    }
    .insert(conn)
    .await?;
    let lines = lines.iter().map(|l| invoice_lines::ActiveModel {
        invoice_id: Set(proforma.id),
        service_id: Set(l.service_id),
        description: Set(l.description.clone()),
        billing_cycle: Set(l.billing_cycle.clone()),
        quantity: Set(l.quantity),
        unit_price_minor: Set(l.unit_price_minor),
        net_minor: Set(l.amount_minor),
        tax_rate_bp: Set(l.tax_rate_bp),
        tax_minor: Set(l.tax_minor),
        total_minor: Set(l.total_minor),
        ..Default::default()
    });
    insert_lines(conn, lines).await?;
    Ok(proforma)
}

/// Issues the final invoice of a proforma just paid: the next number of the invoice series,
/// dated today, with the proforma's lines and amounts. The unique index on `proforma_id`
/// makes a second final invoice for the same proforma impossible, whoever asks.
///
/// Taking the number locks the series until the transaction ends, so every payment waits for
/// the one before it: the lines are read first, and callers do their other work before this.
pub async fn issue_final_invoice(
    conn: &impl ConnectionTrait,
    proforma: &invoices::Model,
    now: DateTime<Utc>,
) -> Result<invoices::Model, DbErr> {
    issue_settled_copy(conn, proforma, InvoiceKind::Invoice, now).await
}

/// Issues the credit note of a paid final invoice: the next number of the credit note series,
/// dated today, every line and amount of the invoice with the opposite sign, settled at once
/// (the caller credits the customer's balance in the same transaction). The invoice itself is
/// never changed; the unique index on `credits_invoice_id` lets it be credited once.
///
/// Like [`issue_final_invoice`], this takes the series' lock: callers do their other work
/// first.
pub async fn issue_credit_note(
    conn: &impl ConnectionTrait,
    invoice: &invoices::Model,
    now: DateTime<Utc>,
) -> Result<invoices::Model, DbErr> {
    issue_settled_copy(conn, invoice, InvoiceKind::CreditNote, now).await
}

/// A settled document of `kind` made from `source` today: a final invoice from its proforma
/// (same amounts, naming it in `proforma_id`), or a credit note from its final invoice
/// (amounts negated, naming it in `credits_invoice_id`). Its lines are copied by the database
/// in one statement.
async fn issue_settled_copy(
    conn: &impl ConnectionTrait,
    source: &invoices::Model,
    kind: InvoiceKind,
    now: DateTime<Utc>,
) -> Result<invoices::Model, DbErr> {
    let today = now.date_naive();
    let credit = kind == InvoiceKind::CreditNote;
    let sign = if credit { -1 } else { 1 };
    let numbered = next_number(conn, kind, today.year()).await?;
    let document = invoices::ActiveModel {
        customer_id: Set(source.customer_id),
        kind: Set(kind),
        status: Set(InvoiceStatus::Paid),
        currency: Set(source.currency),
        net_minor: Set(sign * source.net_minor),
        tax_minor: Set(sign * source.tax_minor),
        total_minor: Set(sign * source.total_minor),
        reverse_charge: Set(source.reverse_charge),
        issue_date: Set(today),
        due_date: Set(today),
        paid_at: Set(Some(now)),
        proforma_id: Set((!credit).then_some(source.id)),
        credits_invoice_id: Set(credit.then_some(source.id)),
        order_id: Set(source.order_id),
        created_at: Set(now),
        ..numbered.into_document()
    }
    .insert(conn)
    .await?;
    copy_lines(conn, source.id, document.id, sign).await?;
    Ok(document)
}

impl Numbered {
    /// A new document holding this number; the caller sets the rest.
    fn into_document(self) -> invoices::ActiveModel {
        invoices::ActiveModel {
            series: Set(self.series.to_owned()),
            year: Set(self.year),
            seq: Set(self.seq),
            number: Set(self.number),
            ..Default::default()
        }
    }
}

/// Copies the lines of the document `source_id` onto `invoice_id` with one `INSERT ...
/// SELECT`, in their order, amounts multiplied by `sign` (-1 on a credit note; the quantity
/// stays what was sold).
async fn copy_lines(
    conn: &impl ConnectionTrait,
    source_id: i64,
    invoice_id: i64,
    sign: i64,
) -> Result<(), DbErr> {
    use invoice_lines::Column as Line;
    let signed = |column: Line| Expr::col(column).mul(sign);
    let lines = Query::select()
        .expr(Expr::val(invoice_id))
        .columns([Line::ServiceId, Line::Description, Line::BillingCycle, Line::Quantity])
        .expr(signed(Line::UnitPriceMinor))
        .expr(signed(Line::NetMinor))
        .column(Line::TaxRateBp)
        .expr(signed(Line::TaxMinor))
        .expr(signed(Line::TotalMinor))
        .from(invoice_lines::Entity)
        .and_where(Expr::col(Line::InvoiceId).eq(source_id))
        .order_by(Line::Id, Order::Asc)
        .to_owned();
    let copy = Query::insert()
        .into_table(invoice_lines::Entity)
        .columns([
            Line::InvoiceId,
            Line::ServiceId,
            Line::Description,
            Line::BillingCycle,
            Line::Quantity,
            Line::UnitPriceMinor,
            Line::NetMinor,
            Line::TaxRateBp,
            Line::TaxMinor,
            Line::TotalMinor,
        ])
        .select_from(lines)
        .map_err(|err| DbErr::Custom(format!("copying lines: {err}")))?
        .to_owned();
    conn.execute(&copy).await?;
    Ok(())
}

/// Writes a document's lines in one statement (ids in the order given).
async fn insert_lines(
    conn: &impl ConnectionTrait,
    lines: impl Iterator<Item = invoice_lines::ActiveModel>,
) -> Result<(), DbErr> {
    invoice_lines::Entity::insert_many(lines).exec_without_returning(conn).await?;
    Ok(())
}
