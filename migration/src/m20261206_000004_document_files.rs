//! Where an uploaded document's file is (`documents.stored_as`, a path under the documents
//! directory, `PORTICO_DOCUMENTS_DIR`), what it is by its content (`content_type`) and how
//! large (`size_bytes`). Files are kept outside the database; documents recorded before
//! uploads existed have none.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Documents::StoredAs).string_len(255).null().to_owned(),
            ColumnDef::new(Documents::ContentType).string_len(64).null().to_owned(),
            ColumnDef::new(Documents::SizeBytes).big_integer().null().to_owned(),
        ] {
            manager
                .alter_table(Table::alter().table(Documents::Table).add_column(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Documents::SizeBytes, Documents::ContentType, Documents::StoredAs] {
            manager
                .alter_table(Table::alter().table(Documents::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    StoredAs,
    ContentType,
    SizeBytes,
}
