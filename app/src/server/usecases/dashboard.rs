//! The dashboard: what needs the customer's attention, in one statement whatever the size of
//! the customer's history, each box bounded and served by an index. An unfinished order can
//! be deleted from its box; continuing one comes with ordering.

use crate::model::invoices::is_overdue;
use crate::model::views::{
    AbandonedOrder, Dashboard, ExpiringService, RejectedDocument, UnpaidProforma,
};
use crate::model::{
    AppError, CartStatus, Currency, DocumentStatus, InvoiceKind, InvoiceStatus, Money, ServiceKind,
    ServiceStatus,
};
use crate::server::audit;
use crate::server::context::AppState;
use crate::server::db::begin_write;
use crate::server::entities::{carts, documents, invoices, services};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Order, Query, SelectStatement, UnionType};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter};
use std::cmp::Ordering;

/// Services expiring within this many days get a box (seed 000).
pub const EXPIRY_WINDOW_DAYS: i64 = 30;
/// A box lists at most this many rows; more would no longer be a summary.
const BOX_LIMIT: u64 = 50;

const BOX_CART: &str = "cart";
const BOX_DOCUMENT: &str = "document";
const BOX_SERVICE: &str = "service";
const BOX_PROFORMA: &str = "proforma";

/// One row of any box; which columns a box fills is in its branch of [`load`]'s union.
#[derive(FromQueryResult)]
struct BoxRow {
    r#box: String,
    id: i64,
    kind: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    amount: Option<i64>,
    on_date: Option<NaiveDate>,
    at: Option<DateTime<Utc>>,
    data: Option<serde_json::Value>,
}

/// The dashboard in one statement. It is the page requested most, and each statement costs a
/// round trip (to SQLite's connection thread, or to the PostgreSQL server) that weighed more
/// than rendering the page: four queries were half of a signed-in dashboard request's CPU
/// (README, Benchmark). Each box is a branch of a `UNION ALL` with its own filter, order and
/// limit, reading only the columns it shows; the rows come back tagged with their box.
pub async fn load(
    db: &impl ConnectionTrait,
    customer_id: i64,
    today: NaiveDate,
) -> Result<Dashboard, DbErr> {
    let horizon = today + TimeDelta::days(EXPIRY_WINDOW_DAYS);
    let carts = Query::select()
        .from(carts::Entity)
        .expr_as(Expr::val(BOX_CART), "box")
        .column(carts::Column::Id)
        .column(carts::Column::Kind)
        .expr_as(null("TEXT"), "title")
        .expr_as(null("TEXT"), "detail")
        .expr_as(Expr::col(carts::Column::Step).cast_as("BIGINT"), "amount")
        .expr_as(null("DATE"), "on_date")
        .expr_as(Expr::col(carts::Column::UpdatedAt), "at")
        .expr_as(Expr::col(carts::Column::Data), "data")
        .and_where(carts::Column::CustomerId.eq(customer_id))
        .and_where(carts::Column::Status.eq(CartStatus::Open))
        .order_by(carts::Column::UpdatedAt, Order::Desc)
        .order_by(carts::Column::Id, Order::Desc)
        .limit(BOX_LIMIT)
        .take();
    let documents = Query::select()
        .from(documents::Entity)
        .expr_as(Expr::val(BOX_DOCUMENT), "box")
        .column(documents::Column::Id)
        .column(documents::Column::Kind)
        .expr_as(Expr::col(documents::Column::FileName), "title")
        .expr_as(null("TEXT"), "detail")
        // The order it belongs to, where it is replaced.
        .expr_as(Expr::col(documents::Column::CartId), "amount")
        .expr_as(null("DATE"), "on_date")
        .expr_as(Expr::col(documents::Column::ReviewedAt), "at")
        .expr_as(Expr::col(documents::Column::RejectionReasons), "data")
        .and_where(documents::Column::CustomerId.eq(customer_id))
        .and_where(documents::Column::Status.eq(DocumentStatus::Rejected))
        // One replaced by a later upload for the same order is done with.
        .and_where(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM documents AS later \
             WHERE later.cart_id = documents.cart_id AND later.id > documents.id)",
        ))
        .order_by(documents::Column::ReviewedAt, Order::Desc)
        .order_by(documents::Column::Id, Order::Desc)
        .limit(BOX_LIMIT)
        .take();
    let expiring = Query::select()
        .from(services::Entity)
        .expr_as(Expr::val(BOX_SERVICE), "box")
        .column(services::Column::Id)
        .column(services::Column::Kind)
        .expr_as(Expr::col(services::Column::Name), "title")
        .expr_as(Expr::col(services::Column::Domain), "detail")
        .expr_as(null("BIGINT"), "amount")
        .expr_as(Expr::col(services::Column::ExpiresOn), "on_date")
        .expr_as(null("TIMESTAMPTZ"), "at")
        .expr_as(null("JSON"), "data")
        .and_where(services::Column::CustomerId.eq(customer_id))
        .and_where(services::Column::Kind.is_in([
            ServiceKind::Domain,
            ServiceKind::Hosting,
            ServiceKind::Ssl,
        ]))
        .and_where(services::Column::Status.eq(ServiceStatus::Active))
        .and_where(services::Column::ExpiresOn.gte(today))
        .and_where(services::Column::ExpiresOn.lte(horizon))
        .order_by(services::Column::ExpiresOn, Order::Asc)
        .order_by(services::Column::Id, Order::Asc)
        .limit(3 * BOX_LIMIT)
        .take();
    let proformas = Query::select()
        .from(invoices::Entity)
        .expr_as(Expr::val(BOX_PROFORMA), "box")
        .column(invoices::Column::Id)
        .expr_as(null("TEXT"), "kind")
        .expr_as(Expr::col(invoices::Column::Number), "title")
        .expr_as(Expr::col(invoices::Column::Currency), "detail")
        .expr_as(Expr::col(invoices::Column::TotalMinor), "amount")
        .expr_as(Expr::col(invoices::Column::DueDate), "on_date")
        .expr_as(null("TIMESTAMPTZ"), "at")
        .expr_as(null("JSON"), "data")
        .and_where(invoices::Column::CustomerId.eq(customer_id))
        .and_where(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .and_where(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .order_by(invoices::Column::DueDate, Order::Asc)
        .order_by(invoices::Column::Id, Order::Asc)
        .limit(BOX_LIMIT)
        .take();

    let mut union = branch(carts, "c");
    union.unions([
        (UnionType::All, branch(documents, "d")),
        (UnionType::All, branch(expiring, "s")),
        (UnionType::All, branch(proformas, "p")),
    ]);
    let mut rows =
        BoxRow::find_by_statement(db.get_database_backend().build(&union)).all(db).await?;
    // A union keeps no order of its own: each box in the order its branch chose.
    rows.sort_by(|a, b| a.r#box.cmp(&b.r#box).then_with(|| in_box_order(a, b)));

    let mut dashboard = Dashboard::default();
    for row in rows {
        match row.r#box.as_str() {
            BOX_CART => dashboard.abandoned_orders.push(abandoned_order(row)),
            BOX_DOCUMENT => dashboard.rejected_documents.push(rejected_document(row)),
            BOX_PROFORMA => dashboard.unpaid_proformas.extend(unpaid_proforma(row, today)),
            _ => {
                let kind = row.kind.as_deref().and_then(ServiceKind::parse);
                let Some(service) = expiring_service(row, today) else { continue };
                match kind {
                    Some(ServiceKind::Domain) => dashboard.expiring_domains.push(service),
                    Some(ServiceKind::Hosting) => dashboard.expiring_hosting.push(service),
                    Some(ServiceKind::Ssl) => dashboard.expiring_ssl.push(service),
                    _ => {}
                }
            }
        }
    }
    Ok(dashboard)
}

/// A branch with its own ORDER BY and LIMIT must be a subquery for SQLite.
fn branch(select: SelectStatement, alias: &str) -> SelectStatement {
    Query::select().column(Asterisk).from_subquery(select, alias.to_owned()).take()
}

/// A typed NULL: PostgreSQL must know each column's type in every branch of the union.
fn null(sql_type: &str) -> Expr {
    Expr::cust(format!("CAST(NULL AS {sql_type})"))
}

/// The order of each branch's ORDER BY: newest first for carts and documents, soonest first
/// for services and proformas.
fn in_box_order(a: &BoxRow, b: &BoxRow) -> Ordering {
    match a.r#box.as_str() {
        BOX_CART | BOX_DOCUMENT => (b.at, b.id).cmp(&(a.at, a.id)),
        _ => (a.on_date, a.id).cmp(&(b.on_date, b.id)),
    }
}

fn abandoned_order(row: BoxRow) -> AbandonedOrder {
    let subject = row
        .data
        .as_ref()
        .and_then(|d| d.get("domain"))
        .and_then(|d| d.as_str())
        .unwrap_or_default()
        .to_owned();
    AbandonedOrder {
        id: row.id,
        subject,
        kind: row.kind.unwrap_or_default(),
        step: row.amount.and_then(|s| i32::try_from(s).ok()).unwrap_or(1),
        last_change: row.at.unwrap_or_default().date_naive(),
    }
}

fn rejected_document(row: BoxRow) -> RejectedDocument {
    let reasons = row
        .data
        .as_ref()
        .and_then(|r| r.as_array())
        .map(|items| items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    RejectedDocument {
        id: row.id,
        order_id: row.amount,
        file_name: row.title.unwrap_or_default(),
        kind: row.kind.unwrap_or_default(),
        reasons,
        reviewed_on: row.at.map(|t| t.date_naive()),
    }
}

fn expiring_service(row: BoxRow, today: NaiveDate) -> Option<ExpiringService> {
    let expires_on = row.on_date?;
    Some(ExpiringService {
        id: row.id,
        name: row.title.unwrap_or_default(),
        domain: row.detail,
        expires_on,
        days_left: (expires_on - today).num_days(),
    })
}

fn unpaid_proforma(row: BoxRow, today: NaiveDate) -> Option<UnpaidProforma> {
    let due_date = row.on_date?;
    let currency = Currency::parse(row.detail.as_deref()?)?;
    Some(UnpaidProforma {
        id: row.id,
        number: row.title.unwrap_or_default(),
        total: Money::new(row.amount.unwrap_or_default(), currency),
        overdue: is_overdue(InvoiceStatus::Unpaid, due_date, today),
        due_date,
    })
}

/// Deletes (open -> deleted) one of the customer's unfinished orders. Another customer's id,
/// or one already deleted, answers `NotFound`, exactly like an id that never existed.
pub async fn delete_abandoned_order(
    state: &AppState,
    customer_id: i64,
    cart_id: i64,
    ip: Option<String>,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // Compare-and-set: the row changes only if it is ours and still open.
    let result = carts::Entity::update_many()
        .col_expr(carts::Column::Status, Expr::value(CartStatus::Deleted.as_str()))
        .col_expr(carts::Column::UpdatedAt, Expr::value(now))
        .filter(carts::Column::Id.eq(cart_id))
        .filter(carts::Column::CustomerId.eq(customer_id))
        .filter(carts::Column::Status.eq(CartStatus::Open))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    audit::customer_action(&txn, customer_id, ip, "cart.delete", ("cart", cart_id), None, now)
        .await?;
    txn.commit().await?;
    Ok(())
}
