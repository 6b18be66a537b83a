//! Invoices (`/invoices`, `/invoices/{id}`): the customer's documents, filtered and paged, and
//! one document with its lines. Every query is scoped to the customer: another customer's
//! document answers exactly like a missing one.

pub mod credit_note;
pub mod what_changed;

use crate::model::invoices::series;
use crate::model::invoices::{
    InvoiceDetail, InvoiceFilter, InvoicePage, InvoiceRow, Reference, is_overdue, vat_breakdown,
};
use crate::model::money::PricedLine;
use crate::model::payments::payable;
use crate::model::{AppError, Money};
use crate::model::{InvoiceKind, InvoiceStatus};
use crate::server::audit;
use crate::server::context::{AppState, Requester};
use crate::server::db::begin_write;
use crate::server::entities::{customers, invoice_lines, invoices, orders};
use crate::server::errors::internal;
use crate::server::pdf::document::{self, Buyer, DocumentPdf};
use crate::server::usecases::orders as order_cases;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

pub const INVOICES_PER_PAGE: u32 = 20;

/// One page of the list, newest first: one query whatever the history's size (the page is
/// read with one row more to know whether another follows; nothing counts the history).
pub async fn list(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    filter: InvoiceFilter,
    page: u32,
    today: NaiveDate,
) -> Result<InvoicePage, DbErr> {
    let page = page.max(1);
    let mut query = invoices::Entity::find().filter(invoices::Column::CustomerId.eq(customer_id));
    if let Some(status) = filter.status() {
        query = query.filter(invoices::Column::Status.eq(status));
    }
    let mut rows = query
        .order_by_desc(invoices::Column::IssueDate)
        .order_by_desc(invoices::Column::Id)
        .limit(u64::from(INVOICES_PER_PAGE) + 1)
        .offset(u64::from(page - 1) * u64::from(INVOICES_PER_PAGE))
        .all(conn)
        .await?;
    let has_next = rows.len() > INVOICES_PER_PAGE as usize;
    rows.truncate(INVOICES_PER_PAGE as usize);
    Ok(InvoicePage {
        filter,
        rows: rows.into_iter().map(|i| row(i, today)).collect(),
        page,
        has_next,
    })
}

/// The customer's document `id`: every read of one document goes through here, so another
/// customer's answers `NotFound` like a missing one.
pub(crate) fn scoped(customer_id: i64, id: i64) -> Select<invoices::Entity> {
    invoices::Entity::find_by_id(id).filter(invoices::Column::CustomerId.eq(customer_id))
}

/// [`scoped`], read.
pub(crate) async fn owned(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<invoices::Model, AppError> {
    scoped(customer_id, id).one(conn).await?.ok_or(AppError::NotFound)
}

/// [`owned`], with the row locked until the transaction ends (`SELECT .. FOR UPDATE` on
/// PostgreSQL), for a use case that decides from what it reads and then writes (opening a
/// payment, making a pay link).
pub(crate) async fn owned_for_update(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<invoices::Model, AppError> {
    scoped(customer_id, id).lock_exclusive().one(conn).await?.ok_or(AppError::NotFound)
}

pub async fn detail(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
    today: NaiveDate,
) -> Result<InvoiceDetail, AppError> {
    let (invoice, order) = scoped(customer_id, id)
        .find_also_related(orders::Entity)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let currency = invoice.currency;
    let stored = invoice_lines::Entity::find()
        .filter(invoice_lines::Column::InvoiceId.eq(id))
        .order_by_asc(invoice_lines::Column::Id)
        .all(conn)
        .await?;
    let compared = what_changed::compare(conn, &invoice, &stored).await?;
    let lines: Vec<PricedLine> = stored
        .into_iter()
        .map(|l| PricedLine {
            description: l.description,
            quantity: l.quantity,
            unit_price: Money::new(l.unit_price_minor, currency),
            net: Money::new(l.net_minor, currency),
            vat_rate_bp: l.tax_rate_bp,
            vat: Money::new(l.tax_minor, currency),
            gross: Money::new(l.total_minor, currency),
        })
        .collect();
    let reference = |d: invoices::Model| Reference { id: d.id, number: d.number };
    let proforma = match invoice.proforma_id {
        Some(proforma_id) => scoped(customer_id, proforma_id).one(conn).await?.map(reference),
        None => None,
    };
    let credits = match invoice.credits_invoice_id {
        Some(credited) => scoped(customer_id, credited).one(conn).await?.map(reference),
        None => None,
    };
    let credited_by = match invoice.kind {
        InvoiceKind::Invoice => credit_note::credit_note_of(conn, invoice.id).await?.map(reference),
        _ => None,
    };
    Ok(InvoiceDetail {
        vat_breakdown: vat_breakdown(&lines),
        lines,
        paid_at: invoice.paid_at,
        order: order.map(|o| Reference { id: o.id, number: o.number }),
        proforma,
        net: Money::new(invoice.net_minor, currency),
        vat: Money::new(invoice.tax_minor, currency),
        reverse_charge: invoice.reverse_charge,
        credits,
        credited_by,
        compared,
        invoice: row(invoice, today),
    })
}

/// Deletes an unpaid proforma (seed 002: "to pay another way, delete it and renew again from
/// Orders"). Nothing is removed: the proforma is cancelled, its number stays taken in its
/// series, and its order is cancelled with it. A payment that still arrives for it goes to
/// the customer's balance.
pub async fn delete_proforma(state: &AppState, who: &Requester, id: i64) -> Result<(), AppError> {
    let proforma = owned(&state.db, who.customer_id, id).await?;
    if !payable(proforma.kind, proforma.status) {
        return Err(AppError::Conflict);
    }
    match proforma.order_id {
        // The order's cancellation takes its unpaid proforma with it, in one transaction, and
        // only while the order still awaits payment.
        Some(order_id) => order_cases::cancel(state, who, order_id).await,
        None => {
            let now = state.clock.now();
            let txn = begin_write(&state.db).await?;
            let cancelled = invoices::Entity::update_many()
                .col_expr(invoices::Column::Status, Expr::value(InvoiceStatus::Cancelled.as_str()))
                .filter(invoices::Column::Id.eq(id))
                .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
                .exec(&txn)
                .await?;
            if cancelled.rows_affected != 1 {
                return Err(AppError::Conflict);
            }
            audit::customer_action(
                &txn,
                who.customer_id,
                who.ip.clone(),
                "invoice.delete",
                ("invoice", id),
                None,
                now,
            )
            .await?;
            txn.commit().await?;
            Ok(())
        }
    }
}

/// A rendered document, ready to send.
pub struct DocumentFile {
    /// `VRS26-00042.pdf`
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The document as a PDF in the customer's language (not the browser's: it is their
/// document, filed by their accountant), scoped like [`detail`].
pub async fn pdf(state: &AppState, customer_id: i64, id: i64) -> Result<DocumentFile, AppError> {
    let detail = detail(&state.db, customer_id, id, state.clock.today()).await?;
    let file_name = format!("{}.pdf", detail.invoice.number);
    render(state, customer_id, detail, file_name).await
}

/// Seed 002 "request a quote": the lines of an unpaid proforma as a non-binding quote, dated
/// today and valid until the proforma's due date, for the customer's accounting. Nothing is
/// stored and no number is taken: the quote names the proforma. Anything but an unpaid
/// proforma answers like a missing document.
pub async fn quote_pdf(
    state: &AppState,
    customer_id: i64,
    id: i64,
) -> Result<DocumentFile, AppError> {
    let today = state.clock.today();
    let mut detail = detail(&state.db, customer_id, id, today).await?;
    if !payable(detail.invoice.kind, detail.invoice.status) {
        return Err(AppError::NotFound);
    }
    detail.invoice.kind = InvoiceKind::Quote;
    detail.invoice.issue_date = today;
    let file_name = format!("{}-{}.pdf", detail.invoice.number, series(InvoiceKind::Quote));
    render(state, customer_id, detail, file_name).await
}

async fn render(
    state: &AppState,
    customer_id: i64,
    detail: InvoiceDetail,
    file_name: String,
) -> Result<DocumentFile, AppError> {
    let customer = customers::Entity::find_by_id(customer_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let buyer = Buyer {
        name: customer.company_name.filter(|n| !n.trim().is_empty()).unwrap_or(customer.name),
        address: customer.address,
        tax_id: customer.tax_id,
    };
    let seller = state.settings.seller.clone();
    // A few milliseconds of CPU: off the threads that serve requests.
    let bytes = tokio::task::spawn_blocking(move || {
        document::render(&DocumentPdf {
            detail: &detail,
            seller: &seller,
            buyer: &buyer,
            lang: customer.language,
        })
    })
    .await
    .map_err(|e| internal(format!("PDF task: {e}")))?
    .map_err(|e| internal(format!("PDF: {e:?}")))?;
    Ok(DocumentFile { file_name, bytes })
}

pub(crate) fn row(invoice: invoices::Model, today: NaiveDate) -> InvoiceRow {
    InvoiceRow {
        overdue: is_overdue(invoice.status, invoice.due_date, today),
        id: invoice.id,
        number: invoice.number,
        kind: invoice.kind,
        status: invoice.status,
        issue_date: invoice.issue_date,
        due_date: invoice.due_date,
        total: Money::new(invoice.total_minor, invoice.currency),
    }
}
