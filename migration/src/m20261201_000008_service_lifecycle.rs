//! What happens to a service that is not renewed by its due date, set per product: how many
//! days of grace it gets (`products.grace_days`), how long it then stays suspended and can
//! still be restored (`products.suspension_days`), and what restoring costs in each currency
//! (`product_prices.restore_fee_minor`). Days left empty take the kind's defaults
//! (`model::lifecycle::Policy::default_for`); a fee of 0 is no fee.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        for column in [Products::GraceDays, Products::SuspensionDays] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Products::Table)
                        .add_column(ColumnDef::new(column).integer().null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ProductPrices::Table)
                    .add_column(
                        ColumnDef::new(ProductPrices::RestoreFeeMinor)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        // The lifecycle job looks for services past their end date in these statuses.
        manager
            .create_index(
                Index::create()
                    .name("idx_services_status_expires_on")
                    .table(Services::Table)
                    .col(Services::Status)
                    .col(Services::ExpiresOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_services_status_expires_on")
                    .table(Services::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ProductPrices::Table)
                    .drop_column(ProductPrices::RestoreFeeMinor)
                    .to_owned(),
            )
            .await?;
        for column in [Products::SuspensionDays, Products::GraceDays] {
            manager
                .alter_table(Table::alter().table(Products::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Products {
    Table,
    GraceDays,
    SuspensionDays,
}

#[derive(DeriveIden)]
enum ProductPrices {
    Table,
    RestoreFeeMinor,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Status,
    ExpiresOn,
}
