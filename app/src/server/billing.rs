//! Billing documents, written inside the caller's transaction: numbers from the gap-free series,
//! and the proforma of an order awaiting payment (seed 000: proforma first, final invoice after
//! payment). A document and the change it belongs to commit together or not at all.

use crate::model::invoices::{PROFORMA_DAYS_TO_PAY, document_number, series};
use crate::model::{InvoiceKind, InvoiceStatus};
use crate::server::entities::{invoice_lines, invoices, order_lines, orders};
use crate::server::sequences;
use chrono::{DateTime, Datelike, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

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

/// Issues the proforma of `order`, with the order's lines copied as they are: the amounts were
/// priced once, by `model::tax`, when the order was made, and are never recomputed.
pub async fn issue_proforma(
    conn: &impl ConnectionTrait,
    order: &orders::Model,
    lines: &[order_lines::Model],
    now: DateTime<Utc>,
) -> Result<invoices::Model, DbErr> {
    let today = now.date_naive();
    let numbered = next_number(conn, InvoiceKind::Proforma, today.year()).await?;
    let proforma = invoices::ActiveModel {
        customer_id: Set(order.customer_id),
        kind: Set(InvoiceKind::Proforma),
        series: Set(numbered.series.to_owned()),
        year: Set(numbered.year),
        seq: Set(numbered.seq),
        number: Set(numbered.number),
        status: Set(InvoiceStatus::Unpaid),
        currency: Set(order.currency),
        net_minor: Set(lines.iter().map(|l| l.amount_minor).sum()),
        tax_minor: Set(lines.iter().map(|l| l.tax_minor).sum()),
        total_minor: Set(lines.iter().map(|l| l.total_minor).sum()),
        reverse_charge: Set(order.reverse_charge),
        issue_date: Set(today),
        due_date: Set(today + Duration::days(PROFORMA_DAYS_TO_PAY)),
        paid_at: Set(None),
        proforma_id: Set(None),
        order_id: Set(Some(order.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    for line in lines {
        invoice_lines::ActiveModel {
            invoice_id: Set(proforma.id),
            service_id: Set(line.service_id),
            description: Set(line.description.clone()),
            quantity: Set(line.quantity),
            unit_price_minor: Set(line.unit_price_minor),
            net_minor: Set(line.amount_minor),
            tax_rate_bp: Set(line.tax_rate_bp),
            tax_minor: Set(line.tax_minor),
            total_minor: Set(line.total_minor),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
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
    let today = now.date_naive();
    let lines = invoice_lines::Entity::find()
        .filter(invoice_lines::Column::InvoiceId.eq(proforma.id))
        .order_by_asc(invoice_lines::Column::Id)
        .all(conn)
        .await?;
    let numbered = next_number(conn, InvoiceKind::Invoice, today.year()).await?;
    let invoice = invoices::ActiveModel {
        customer_id: Set(proforma.customer_id),
        kind: Set(InvoiceKind::Invoice),
        series: Set(numbered.series.to_owned()),
        year: Set(numbered.year),
        seq: Set(numbered.seq),
        number: Set(numbered.number),
        status: Set(InvoiceStatus::Paid),
        currency: Set(proforma.currency),
        net_minor: Set(proforma.net_minor),
        tax_minor: Set(proforma.tax_minor),
        total_minor: Set(proforma.total_minor),
        reverse_charge: Set(proforma.reverse_charge),
        issue_date: Set(today),
        due_date: Set(today),
        paid_at: Set(Some(now)),
        proforma_id: Set(Some(proforma.id)),
        order_id: Set(proforma.order_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    for line in lines {
        invoice_lines::ActiveModel {
            invoice_id: Set(invoice.id),
            service_id: Set(line.service_id),
            description: Set(line.description),
            quantity: Set(line.quantity),
            unit_price_minor: Set(line.unit_price_minor),
            net_minor: Set(line.net_minor),
            tax_rate_bp: Set(line.tax_rate_bp),
            tax_minor: Set(line.tax_minor),
            total_minor: Set(line.total_minor),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(invoice)
}
