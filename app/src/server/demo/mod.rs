//! The demo world: a deterministic set of customers, services, orders and invoices placed
//! relative to "today", so the dashboard always has something due, and a scale set that adds
//! many customers and invoices for benchmarks.
//!
//! Compiled only with the cargo feature `demo` (the scripts, the tests and the benchmark switch
//! it on); a production build has neither this code nor the `demo` commands. One module per
//! demo customer, so each world can be read, and changed, on its own.

mod anna;
mod build;
mod company;
mod polish;
mod scale;

pub use scale::seed_scale;

use super::entities::*;
use super::secrets::KeyRing;
use crate::model::*;
use build::{NewCustomer, at, catalogue, customer, hash, promo_codes};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait};

pub const DEMO_PASSWORD: &str = "portico-demo";
pub const STAFF_PASSWORD: &str = "portico-staff";

/// Every demo and scale-set customer has an address under this domain (reserved for
/// testing by RFC 2606's `.test`), so a database that holds any other customer is not a demo.
pub const DEMO_EMAIL_DOMAIN: &str = "portico.test";

/// How many customers in the database are not demo customers: reloading the demo wipes the
/// database, so the command line refuses while this is not zero (unless forced). A database
/// without the schema yet has none.
pub async fn real_customers(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    match customers::Entity::find()
        .filter(customers::Column::Email.not_like(format!("%@{DEMO_EMAIL_DOMAIN}")))
        .filter(customers::Column::Email.not_like(format!("%.{DEMO_EMAIL_DOMAIN}")))
        .count(db)
        .await
    {
        Ok(n) => Ok(n),
        // No customers table: a fresh database.
        Err(err) if db.execute_unprepared("SELECT 1 FROM customers LIMIT 1").await.is_err() => {
            tracing::debug!("no customers table yet: {err}");
            Ok(0)
        }
        Err(err) => Err(err),
    }
}

/// Loads the demo world into an empty, migrated database. The servers' passwords are
/// sealed with `keys` (the public development key unless `PORTICO_SECRET_KEYS` is set).
pub async fn seed(
    db: &sea_orm::DatabaseConnection,
    keys: &KeyRing,
    today: NaiveDate,
) -> Result<(), DbErr> {
    let (demo_hash, staff_hash) = tokio::task::spawn_blocking(|| -> Result<_, DbErr> {
        Ok((hash(DEMO_PASSWORD)?, hash(STAFF_PASSWORD)?))
    })
    .await
    .map_err(|e| DbErr::Custom(e.to_string()))??;
    let txn = db.begin().await?;
    let now = at(today, 8);
    catalogue(&txn, now).await?;
    promo_codes(&txn, now).await?;
    company::seed(&txn, keys, today, demo_hash.clone()).await?;
    anna::seed(&txn, today, demo_hash.clone()).await?;
    polish::seed(&txn, today, demo_hash).await?;
    customer(
        &txn,
        NewCustomer {
            kind: CustomerKind::Person,
            name: "Portico Support",
            company_name: None,
            email: "staff@portico.test",
            password_hash: staff_hash,
            country: "HU",
            language: Lang::En,
            currency: Currency::Huf,
            tax_id: None,
            address: None,
            is_staff: true,
        },
        now,
    )
    .await?;
    txn.commit().await
}
