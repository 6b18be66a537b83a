//! Card payments: at most one open (pending) payment per document. Paying locks the document's
//! row first; this partial unique index is the last guard behind that lock, so a second
//! payment can never be opened for a proforma while one is under way (50 submissions at once
//! open one). Plain SQL, as SeaQuery has no portable partial index; SQLite and PostgreSQL
//! both accept it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_payments_one_pending \
                 ON payments (invoice_id) WHERE status = 'pending'",
            )
            .await
            .map(drop)
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX idx_payments_one_pending")
            .await
            .map(drop)
    }
}
