//! A customer's balance never goes below zero, whatever the code above it does: PostgreSQL
//! checks `customers.balance_minor >= 0` on every write; SQLite, which cannot add a CHECK to
//! an existing table, refuses the same writes with two triggers. Paying from the balance
//! subtracts with a conditional update (`WHERE balance_minor >= amount`); this is the guard
//! behind it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The message both databases answer a negative balance with (tests and logs look for it).
const REFUSAL: &str = "balance_never_negative";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(&format!(
                "ALTER TABLE customers ADD CONSTRAINT {REFUSAL} CHECK (balance_minor >= 0)"
            ))
            .await?;
        } else {
            for (name, event) in [
                ("trg_customers_balance_insert", "INSERT"),
                ("trg_customers_balance_update", "UPDATE OF balance_minor"),
            ] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {name} BEFORE {event} ON customers \
                     WHEN NEW.balance_minor < 0 \
                     BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(&format!("ALTER TABLE customers DROP CONSTRAINT {REFUSAL}"))
                .await?;
        } else {
            for name in ["trg_customers_balance_insert", "trg_customers_balance_update"] {
                db.execute_unprepared(&format!("DROP TRIGGER {name}")).await?;
            }
        }
        Ok(())
    }
}
