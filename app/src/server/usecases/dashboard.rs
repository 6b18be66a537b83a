//! The dashboard: what needs the customer's attention. Four queries whatever the size of the
//! customer's history, each bounded and served by an index. An unfinished order can be
//! deleted from its box; continuing one comes with ordering.

use crate::model::invoices::is_overdue;
use crate::model::views::{
    AbandonedOrder, Dashboard, ExpiringService, RejectedDocument, UnpaidProforma,
};
use crate::model::{
    AppError, CartStatus, DocumentStatus, InvoiceKind, InvoiceStatus, Money, ServiceKind,
    ServiceStatus,
};
use crate::server::audit;
use crate::server::context::AppState;
use crate::server::db::begin_write;
use crate::server::entities::{carts, documents, invoices, services};
use chrono::{NaiveDate, TimeDelta};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// Services expiring within this many days get a box (seed 000).
pub const EXPIRY_WINDOW_DAYS: i64 = 30;
/// A box lists at most this many rows; more would no longer be a summary.
const BOX_LIMIT: u64 = 50;

pub async fn load(
    db: &impl ConnectionTrait,
    customer_id: i64,
    today: NaiveDate,
) -> Result<Dashboard, DbErr> {
    let carts = carts::Entity::find()
        .filter(carts::Column::CustomerId.eq(customer_id))
        .filter(carts::Column::Status.eq(CartStatus::Open))
        .order_by_desc(carts::Column::UpdatedAt)
        .limit(BOX_LIMIT)
        .all(db)
        .await?;

    let documents = documents::Entity::find()
        .filter(documents::Column::CustomerId.eq(customer_id))
        .filter(documents::Column::Status.eq(DocumentStatus::Rejected))
        .order_by_desc(documents::Column::ReviewedAt)
        .limit(BOX_LIMIT)
        .all(db)
        .await?;

    let horizon = today + TimeDelta::days(EXPIRY_WINDOW_DAYS);
    let expiring = services::Entity::find()
        .filter(services::Column::CustomerId.eq(customer_id))
        .filter(services::Column::Kind.is_in([
            ServiceKind::Domain,
            ServiceKind::Hosting,
            ServiceKind::Ssl,
        ]))
        .filter(services::Column::Status.eq(ServiceStatus::Active))
        .filter(services::Column::ExpiresOn.gte(today))
        .filter(services::Column::ExpiresOn.lte(horizon))
        .order_by_asc(services::Column::ExpiresOn)
        .order_by_asc(services::Column::Id)
        .limit(3 * BOX_LIMIT)
        .all(db)
        .await?;

    let proformas = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(customer_id))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Proforma))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Unpaid))
        .order_by_asc(invoices::Column::DueDate)
        .order_by_asc(invoices::Column::Id)
        .limit(BOX_LIMIT)
        .all(db)
        .await?;

    let mut dashboard = Dashboard {
        abandoned_orders: carts.into_iter().map(abandoned_order).collect(),
        rejected_documents: documents.into_iter().map(rejected_document).collect(),
        unpaid_proformas: proformas
            .into_iter()
            .map(|p| UnpaidProforma {
                id: p.id,
                number: p.number,
                total: Money::new(p.total_minor, p.currency),
                overdue: is_overdue(p.status, p.due_date, today),
                due_date: p.due_date,
            })
            .collect(),
        ..Default::default()
    };
    for service in expiring {
        let Some(expires_on) = service.expires_on else { continue };
        let row = ExpiringService {
            id: service.id,
            name: service.name,
            domain: service.domain,
            expires_on,
            days_left: (expires_on - today).num_days(),
        };
        match service.kind {
            ServiceKind::Domain => dashboard.expiring_domains.push(row),
            ServiceKind::Hosting => dashboard.expiring_hosting.push(row),
            ServiceKind::Ssl => dashboard.expiring_ssl.push(row),
            _ => {}
        }
    }
    Ok(dashboard)
}

fn abandoned_order(cart: carts::Model) -> AbandonedOrder {
    let subject = cart
        .data
        .as_ref()
        .and_then(|d| d.get("domain"))
        .and_then(|d| d.as_str())
        .unwrap_or_default()
        .to_owned();
    AbandonedOrder {
        id: cart.id,
        subject,
        kind: cart.kind,
        step: cart.step,
        last_change: cart.updated_at.date_naive(),
    }
}

fn rejected_document(doc: documents::Model) -> RejectedDocument {
    let reasons = doc
        .rejection_reasons
        .as_ref()
        .and_then(|r| r.as_array())
        .map(|items| items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    RejectedDocument {
        id: doc.id,
        file_name: doc.file_name,
        kind: doc.kind,
        reasons,
        reviewed_on: doc.reviewed_at.map(|t| t.date_naive()),
    }
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
