//! The catalogue and addons (seed 001 "new order"): what a product lets the customer choose
//! when ordering it (`products.options`: for a server, its operating system image and data
//! centre), which kinds of service an addon attaches to (`products.fits`), the service an
//! addon is attached to (`services.parent_id`), and in the cart, a new service's or addon's
//! choices (`cart_lines.choices`) and the service an addon line is for
//! (`cart_lines.parent_service_id`).
//!
//! The two references are added with one plain statement that SQLite and PostgreSQL both
//! read (a column with a REFERENCES clause and no default), since SQLite cannot add a foreign
//! key to an existing table any other way.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            (Products::Table.into_iden(), Products::Options.into_iden()),
            (Products::Table.into_iden(), Products::Fits.into_iden()),
            (CartLines::Table.into_iden(), CartLines::Choices.into_iden()),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(ColumnDef::new(column).json().null())
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE services ADD COLUMN parent_id BIGINT \
             REFERENCES services (id) ON DELETE SET NULL",
        )
        .await?;
        db.execute_unprepared(
            "ALTER TABLE cart_lines ADD COLUMN parent_service_id BIGINT \
             REFERENCES services (id) ON DELETE CASCADE",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_services_parent_id")
                    .table(Services::Table)
                    .col(Services::ParentId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop().name("idx_services_parent_id").table(Services::Table).to_owned(),
            )
            .await?;
        for (table, column) in [
            (CartLines::Table.into_iden(), CartLines::ParentServiceId.into_iden()),
            (CartLines::Table.into_iden(), CartLines::Choices.into_iden()),
            (Services::Table.into_iden(), Services::ParentId.into_iden()),
            (Products::Table.into_iden(), Products::Fits.into_iden()),
            (Products::Table.into_iden(), Products::Options.into_iden()),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Options,
    Fits,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    ParentId,
}

#[derive(DeriveIden)]
enum CartLines {
    Table,
    Choices,
    ParentServiceId,
}
