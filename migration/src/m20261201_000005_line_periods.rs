//! A document line's billing period (`invoice_lines.billing_cycle`, a `BillingCycle` value such
//! as `annual`), copied from its order line when the document is issued, so a renewal
//! document can say what changed against the same service's previous one (price, period, VAT
//! rate, currency). Lines issued before this migration take their order line's period.

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
            .alter_table(
                Table::alter()
                    .table(InvoiceLines::Table)
                    .add_column(ColumnDef::new(InvoiceLines::BillingCycle).string_len(24).null())
                    .to_owned(),
            )
            .await?;
        // The same statement on both databases: a correlated subquery, no UPDATE .. FROM.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE invoice_lines SET billing_cycle = (
                    SELECT order_lines.billing_cycle FROM order_lines
                    JOIN invoices ON invoices.order_id = order_lines.order_id
                    WHERE invoices.id = invoice_lines.invoice_id
                      AND order_lines.service_id = invoice_lines.service_id
                    ORDER BY order_lines.id LIMIT 1)
                 WHERE invoice_lines.service_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(InvoiceLines::Table)
                    .drop_column(InvoiceLines::BillingCycle)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum InvoiceLines {
    Table,
    BillingCycle,
}
