//! The scale set for benchmarks: many customers sharing many paid invoices.

use super::DEMO_PASSWORD;
use super::build::{at, days, hash};
use crate::model::*;
use crate::server::entities::*;
// The table, not `model::invoices` (the read model), which the glob above also brings in.
use crate::server::entities::invoices;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

/// Adds `customers` customers sharing `invoices` paid invoices (and gives the demo company a
/// long history too), in batches, for benchmarks. Numbers use their own series "SCL".
pub async fn seed_scale(
    db: &sea_orm::DatabaseConnection,
    today: NaiveDate,
    customers: u32,
    invoices: u32,
) -> Result<(), DbErr> {
    const BATCH: u32 = 1000;
    let password_hash = tokio::task::spawn_blocking(|| hash(DEMO_PASSWORD))
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))??;
    let created = at(today - days(365), 9);
    let txn = db.begin().await?;
    for start in (0..customers).step_by(BATCH as usize) {
        let rows: Vec<customers::ActiveModel> = (start..(start + BATCH).min(customers))
            .map(|i| customers::ActiveModel {
                kind: Set(CustomerKind::Person),
                name: Set(format!("Scale Customer {i}")),
                company_name: Set(None),
                email: Set(format!("customer{i}@scale.portico.test")),
                password_hash: Set(password_hash.clone()),
                country: Set("HU".to_owned()),
                language: Set(Lang::Hu),
                currency: Set(Currency::Huf),
                tax_id: Set(None),
                phone: Set(None),
                address: Set(None),
                balance_minor: Set(0),
                auto_renew: Set(false),
                is_staff: Set(false),
                code_word_hash: Set(None),
                created_at: Set(created),
                ..Default::default()
            })
            .collect();
        customers::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    // Ids are consecutive within the scale set; find where it starts.
    let first_id = customers::Entity::find()
        .filter(customers::Column::Email.like("%@scale.portico.test"))
        .order_by_asc(customers::Column::Id)
        .one(db)
        .await?
        .map(|c| c.id)
        .unwrap_or(1);
    let demo_id = customers::Entity::find()
        .filter(customers::Column::Email.eq("demo@portico.test"))
        .one(db)
        .await?
        .map(|c| c.id)
        .unwrap_or(first_id);
    let year = today.year();
    let txn = db.begin().await?;
    for start in (0..invoices).step_by(BATCH as usize) {
        let rows: Vec<invoices::ActiveModel> = (start..(start + BATCH).min(invoices))
            .map(|i| {
                // Every tenth invoice belongs to the demo company: a long paid history that
                // the dashboard must not get slower with.
                let customer_id = if i % 10 == 0 || customers == 0 {
                    demo_id
                } else {
                    first_id + i64::from(i % customers.max(1))
                };
                let issued = today - days(i64::from(i % 700));
                let seq = i as i32 + 1;
                invoices::ActiveModel {
                    customer_id: Set(customer_id),
                    kind: Set(InvoiceKind::Invoice),
                    series: Set("SCL".to_owned()),
                    year: Set(year),
                    seq: Set(seq),
                    number: Set(format!("SCL{:02}-{seq:07}", year % 100)),
                    status: Set(InvoiceStatus::Paid),
                    currency: Set(Currency::Huf),
                    net_minor: Set(10_000),
                    tax_minor: Set(2_700),
                    total_minor: Set(12_700),
                    reverse_charge: Set(false),
                    issue_date: Set(issued),
                    due_date: Set(issued + days(8)),
                    paid_at: Set(Some(at(issued, 12))),
                    proforma_id: Set(None),
                    order_id: Set(None),
                    created_at: Set(at(issued, 9)),
                    ..Default::default()
                }
            })
            .collect();
        invoices::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await
}
