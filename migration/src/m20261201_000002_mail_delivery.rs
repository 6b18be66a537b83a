//! E-mail delivery from the outbox (`email_outbox`, created empty by the initial migration):
//! the HTML part beside the text, the document whose PDF goes with the message, a due time for
//! the next attempt after a failure, the token that fences a sender's claim, and a key that
//! names the message once ("receipt-42"): its unique index lets a document's e-mail be queued
//! only once whoever queues it, and the key becomes the stable `Message-ID`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        let columns = [
            ColumnDef::new(EmailOutbox::BodyHtml).text().not_null().default("").to_owned(),
            ColumnDef::new(EmailOutbox::InvoiceId).big_integer().null().to_owned(),
            ColumnDef::new(EmailOutbox::MessageKey).string_len(64).null().to_owned(),
            ColumnDef::new(EmailOutbox::LeaseToken).string_len(64).null().to_owned(),
            ColumnDef::new(EmailOutbox::NextAttemptAt).timestamp_with_time_zone().null().to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter().table(EmailOutbox::Table).add_column(&mut column).to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_email_outbox_message_key")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::MessageKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_email_outbox_message_key")
                    .table(EmailOutbox::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            EmailOutbox::NextAttemptAt,
            EmailOutbox::LeaseToken,
            EmailOutbox::MessageKey,
            EmailOutbox::InvoiceId,
            EmailOutbox::BodyHtml,
        ] {
            manager
                .alter_table(
                    Table::alter().table(EmailOutbox::Table).drop_column(column).to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    BodyHtml,
    InvoiceId,
    MessageKey,
    LeaseToken,
    NextAttemptAt,
}
