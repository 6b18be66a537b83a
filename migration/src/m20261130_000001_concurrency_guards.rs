//! Guards that make the "one at a time" rules hold on PostgreSQL as well as on SQLite, fenced
//! job leases, the VAT of each order line, and the sandbox data centre's own memory.
//!
//! - One order awaiting payment per service and kind, one unfinished job per service: partial
//!   unique indexes, the last guard behind the row lock the use cases take. SeaQuery has no
//!   portable partial index, so these two are plain SQL that SQLite and PostgreSQL both accept.
//!   Rows that already break the rule (the race this migration closes could have left some)
//!   are resolved first: the newest duplicates are cancelled (orders, with their unpaid
//!   proformas) or failed (jobs), the oldest stays.
//! - `jobs.lease_token`: every write of a claimed job names the claim it belongs to, so a
//!   runner whose lease ran out cannot overwrite what the next runner stored.
//! - `order_lines`: VAT rate, tax and gross per line, so the lines add up to the order total;
//!   `orders.reverse_charge` says the customer accounts for the VAT.
//! - `sandbox_operations`: what the sandbox data centre and registry remember of the
//!   operations they started, keyed by the caller's idempotency key, as a real one does on its
//!   side. Only the sandboxes use it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, integer, string_len, string_len_null, timestamp_with_time_zone,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();

        // Duplicates left by the race, newest first out. Correlated subqueries keep this one
        // statement each on both databases.
        db.execute_unprepared(
            "UPDATE invoices SET status = 'cancelled' WHERE status = 'unpaid' AND order_id IN ( \
               SELECT o.id FROM orders o WHERE o.status = 'awaiting_payment' \
               AND o.service_id IS NOT NULL AND EXISTS ( \
                 SELECT 1 FROM orders older WHERE older.service_id = o.service_id \
                 AND older.kind = o.kind AND older.status = 'awaiting_payment' \
                 AND older.id < o.id))",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE orders SET status = 'cancelled' WHERE status = 'awaiting_payment' \
             AND service_id IS NOT NULL AND EXISTS ( \
               SELECT 1 FROM orders older WHERE older.service_id = orders.service_id \
               AND older.kind = orders.kind AND older.status = 'awaiting_payment' \
               AND older.id < orders.id)",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE jobs SET status = 'failed', last_error = 'duplicate' \
             WHERE status IN ('pending', 'running') AND service_id IS NOT NULL AND EXISTS ( \
               SELECT 1 FROM jobs older WHERE older.service_id = jobs.service_id \
               AND older.status IN ('pending', 'running') AND older.id < jobs.id)",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_orders_one_awaiting_payment \
             ON orders (service_id, kind) WHERE status = 'awaiting_payment'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_jobs_one_unfinished \
             ON jobs (service_id) WHERE status IN ('pending', 'running')",
        )
        .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Jobs::Table)
                    .add_column(string_len_null(Jobs::LeaseToken, 64))
                    .to_owned(),
            )
            .await?;

        // SQLite adds one column per ALTER TABLE.
        for column in [
            integer(OrderLines::TaxRateBp).default(0i32).take(),
            ColumnDef::new(OrderLines::TaxMinor).big_integer().not_null().default(0i64).take(),
            ColumnDef::new(OrderLines::TotalMinor).big_integer().not_null().default(0i64).take(),
        ] {
            manager
                .alter_table(Table::alter().table(OrderLines::Table).add_column(column).to_owned())
                .await?;
        }
        // Existing lines were priced net; an order's one line carries the order's tax.
        db.execute_unprepared(
            "UPDATE order_lines SET \
               total_minor = (SELECT o.total_minor FROM orders o WHERE o.id = order_lines.order_id), \
               tax_minor = (SELECT o.total_minor FROM orders o WHERE o.id = order_lines.order_id) \
                 - amount_minor \
             WHERE (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = order_lines.order_id) = 1",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE order_lines SET total_minor = amount_minor WHERE total_minor = 0",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .add_column(boolean(Orders::ReverseCharge).default(false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SandboxOperations::Table)
                    .col(string_len(SandboxOperations::IdempotencyKey, 100).primary_key())
                    .col(string_len(SandboxOperations::Reference, 200))
                    .col(timestamp_with_time_zone(SandboxOperations::CreatedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SandboxOperations::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter().table(Orders::Table).drop_column(Orders::ReverseCharge).to_owned(),
            )
            .await?;
        for column in [OrderLines::TaxRateBp, OrderLines::TaxMinor, OrderLines::TotalMinor] {
            manager
                .alter_table(Table::alter().table(OrderLines::Table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .alter_table(Table::alter().table(Jobs::Table).drop_column(Jobs::LeaseToken).to_owned())
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_jobs_one_unfinished").await?;
        db.execute_unprepared("DROP INDEX idx_orders_one_awaiting_payment").await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Jobs {
    Table,
    LeaseToken,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    ReverseCharge,
}

#[derive(DeriveIden)]
enum OrderLines {
    Table,
    TaxRateBp,
    TaxMinor,
    TotalMinor,
}

#[derive(DeriveIden)]
enum SandboxOperations {
    Table,
    IdempotencyKey,
    Reference,
    CreatedAt,
}
