//! The invoices list (`/invoices`): a customer's documents newest first, all of them or those
//! of one status. With these two indexes a page of 20 reads 21 index entries whatever the
//! size of the history (100,000 documents for one customer in the benchmark).

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
            .create_index(
                Index::create()
                    .name("idx_invoices_customer_id_issue_date_id")
                    .table(Invoices::Table)
                    .col(Invoices::CustomerId)
                    .col(Invoices::IssueDate)
                    .col(Invoices::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invoices_customer_id_status_issue_date_id")
                    .table(Invoices::Table)
                    .col(Invoices::CustomerId)
                    .col(Invoices::Status)
                    .col(Invoices::IssueDate)
                    .col(Invoices::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "idx_invoices_customer_id_issue_date_id",
            "idx_invoices_customer_id_status_issue_date_id",
        ] {
            manager.drop_index(Index::drop().name(name).table(Invoices::Table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Invoices {
    Table,
    Id,
    CustomerId,
    Status,
    IssueDate,
}
