//! The services list (seed 001): everything the customer bought, filtered by status, one page
//! at a time. Two queries whatever the size of the list: a count and the page itself.

use crate::model::service_query::SERVICES_PER_PAGE;
use crate::model::views::{ServicePage, ServiceRow};
use crate::model::{
    BillingCycle, Currency, Money, ServiceKind, ServiceQuery, ServiceSort, ServiceStatus,
};
use crate::server::entities::services;
use chrono::NaiveDate;
use sea_orm::sea_query::{CaseStatement, Expr, NullOrdering};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, DerivePartialModel, EntityTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

/// Only the columns the list shows: `details` can be large and is not needed here.
#[derive(DerivePartialModel)]
#[sea_orm(entity = "services::Entity")]
struct Listed {
    id: i64,
    kind: ServiceKind,
    name: String,
    domain: Option<String>,
    status: ServiceStatus,
    billing_cycle: BillingCycle,
    currency: Currency,
    price_minor: i64,
    next_due_date: Option<NaiveDate>,
}

/// A page past the end shows the last page (and says so in `ServicePage::query`): a link
/// kept from when the list was longer still lands on something useful.
pub async fn list(
    db: &impl ConnectionTrait,
    customer_id: i64,
    query: ServiceQuery,
) -> Result<ServicePage, DbErr> {
    let mut scoped = services::Entity::find().filter(services::Column::CustomerId.eq(customer_id));
    if let Some(status) = query.status {
        scoped = scoped.filter(services::Column::Status.eq(status));
    }

    let total = scoped.clone().count(db).await?;
    let pages =
        u32::try_from(total.div_ceil(u64::from(SERVICES_PER_PAGE))).unwrap_or(u32::MAX).max(1);
    let query = query.with_page(query.page.min(pages));

    let rows = ordered(scoped, query.sort)
        .limit(u64::from(SERVICES_PER_PAGE))
        .offset(query.offset())
        .into_partial_model::<Listed>()
        .all(db)
        .await?;

    Ok(ServicePage { rows: rows.into_iter().map(row).collect(), query, total, pages })
}

/// Every order ends with the id, so pages never overlap or skip rows when values tie.
fn ordered(select: Select<services::Entity>, sort: ServiceSort) -> Select<services::Entity> {
    let by_due = |s: Select<services::Entity>| {
        s.order_by_with_nulls(services::Column::NextDueDate, Order::Asc, NullOrdering::Last)
    };
    let select = match sort {
        ServiceSort::Due => by_due(select),
        ServiceSort::Name => select.order_by_asc(services::Column::Name),
        ServiceSort::Status => by_due(select.order_by(status_rank(), Order::Asc)),
    };
    select.order_by_asc(services::Column::Id)
}

/// The position of a row's status in [`ServiceQuery::STATUSES`]; the stored strings would sort
/// alphabetically, which means nothing to the customer.
fn status_rank() -> Expr {
    let case = ServiceQuery::STATUSES
        .iter()
        .zip(0_i32..)
        .fold(CaseStatement::new(), |case, (status, rank)| {
            case.case(services::Column::Status.eq(*status), rank)
        });
    case.finally(i32::try_from(ServiceQuery::STATUSES.len()).unwrap_or(i32::MAX)).into()
}

fn row(s: Listed) -> ServiceRow {
    ServiceRow {
        id: s.id,
        kind: s.kind,
        name: s.name,
        domain: s.domain,
        status: s.status,
        price: Money::new(s.price_minor, s.currency),
        cycle: s.billing_cycle,
        next_due_date: s.next_due_date,
    }
}
