//! "What changed" on a renewal document (issue 9): each line that renews a service, against
//! the same service's previous paid final invoice: price, period, VAT rate, currency. The rule
//! of what counts as a change is `model::invoices::term_changes`; this reads the two lines.

use crate::model::invoices::{LineComparison, LineTerms, Reference, term_changes};
use crate::model::{BillingCycle, Currency, InvoiceKind, InvoiceStatus, Money};
use crate::server::entities::{invoice_lines, invoices};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The comparisons for `document`'s `lines`: one indexed query per line that names a service
/// (a renewal has one). Only proformas and final invoices are compared; the previous document
/// is the newest paid final invoice of the customer made before this one, other than itself.
pub async fn compare(
    conn: &impl ConnectionTrait,
    document: &invoices::Model,
    lines: &[invoice_lines::Model],
) -> Result<Vec<LineComparison>, DbErr> {
    if !matches!(document.kind, InvoiceKind::Proforma | InvoiceKind::Invoice) {
        return Ok(Vec::new());
    }
    let mut compared = Vec::new();
    for line in lines {
        let Some(service_id) = line.service_id else { continue };
        let previous = invoice_lines::Entity::find()
            .find_also_related(invoices::Entity)
            .filter(invoice_lines::Column::ServiceId.eq(service_id))
            .filter(invoices::Column::CustomerId.eq(document.customer_id))
            .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice))
            .filter(invoices::Column::Status.eq(InvoiceStatus::Paid))
            .filter(invoices::Column::Id.ne(document.id))
            .filter(invoices::Column::CreatedAt.lt(document.created_at))
            .order_by_desc(invoices::Column::CreatedAt)
            .order_by_desc(invoices::Column::Id)
            .one(conn)
            .await?;
        let Some((before, Some(previous))) = previous else { continue };
        compared.push(LineComparison {
            description: line.description.clone(),
            previous: Reference { id: previous.id, number: previous.number },
            changes: term_changes(
                &terms(&before, previous.currency),
                &terms(line, document.currency),
            ),
        });
    }
    Ok(compared)
}

fn terms(line: &invoice_lines::Model, currency: Currency) -> LineTerms {
    LineTerms {
        unit_price: Money::new(line.unit_price_minor, currency),
        period: line.billing_cycle.as_deref().and_then(BillingCycle::parse),
        vat_rate_bp: line.tax_rate_bp,
    }
}
