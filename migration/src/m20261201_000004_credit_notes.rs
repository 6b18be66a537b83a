//! Credit notes: a credit note names the final invoice it credits (`credits_invoice_id`). A
//! final invoice is never edited or deleted; a refund or a cancellation after payment issues a
//! credit note instead, and the unique index lets each final invoice be credited once, whoever
//! asks and however many at once (a column of NULLs is not a duplicate on either database).

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
                    .table(Invoices::Table)
                    .add_column(ColumnDef::new(Invoices::CreditsInvoiceId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invoices_credits_invoice_id")
                    .table(Invoices::Table)
                    .col(Invoices::CreditsInvoiceId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_invoices_credits_invoice_id")
                    .table(Invoices::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Invoices::Table)
                    .drop_column(Invoices::CreditsInvoiceId)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Invoices {
    Table,
    CreditsInvoiceId,
}
