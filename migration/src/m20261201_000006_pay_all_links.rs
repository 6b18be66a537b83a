//! One pay link for several documents (issue 9): `pay_all_links` holds the link (its token's
//! SHA-256 only, like `pay_links`), `pay_all_documents` the unpaid documents of one currency it
//! was made for. A card payment opened through it names the link (`payments.pay_all_link_id`;
//! one pending payment per link, a partial unique index as for documents) and records the
//! documents it covers with their amounts in `payment_documents`, so its settlement pays exactly
//! those, whatever happened to the link's other documents since.

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
            .create_table(
                Table::create()
                    .table(PayAllLinks::Table)
                    .col(id(PayAllLinks::Id))
                    .col(ColumnDef::new(PayAllLinks::CustomerId).big_integer().not_null())
                    .col(ColumnDef::new(PayAllLinks::TokenHash).string_len(64).not_null())
                    .col(ColumnDef::new(PayAllLinks::Currency).string_len(3).not_null())
                    .col(
                        ColumnDef::new(PayAllLinks::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PayAllLinks::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut cascade(
                        "fk_pay_all_links_customer_id",
                        PayAllLinks::Table,
                        PayAllLinks::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pay_all_links_token_hash")
                    .table(PayAllLinks::Table)
                    .col(PayAllLinks::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pay_all_links_customer_id")
                    .table(PayAllLinks::Table)
                    .col(PayAllLinks::CustomerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PayAllDocuments::Table)
                    .col(id(PayAllDocuments::Id))
                    .col(ColumnDef::new(PayAllDocuments::PayAllLinkId).big_integer().not_null())
                    .col(ColumnDef::new(PayAllDocuments::InvoiceId).big_integer().not_null())
                    .foreign_key(&mut cascade(
                        "fk_pay_all_documents_pay_all_link_id",
                        PayAllDocuments::Table,
                        PayAllDocuments::PayAllLinkId,
                        PayAllLinks::Table,
                        PayAllLinks::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_pay_all_documents_invoice_id",
                        PayAllDocuments::Table,
                        PayAllDocuments::InvoiceId,
                        Invoices::Table,
                        Invoices::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pay_all_documents_link_invoice")
                    .table(PayAllDocuments::Table)
                    .col(PayAllDocuments::PayAllLinkId)
                    .col(PayAllDocuments::InvoiceId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PaymentDocuments::Table)
                    .col(id(PaymentDocuments::Id))
                    .col(ColumnDef::new(PaymentDocuments::PaymentId).big_integer().not_null())
                    .col(ColumnDef::new(PaymentDocuments::InvoiceId).big_integer().not_null())
                    .col(ColumnDef::new(PaymentDocuments::AmountMinor).big_integer().not_null())
                    .foreign_key(&mut cascade(
                        "fk_payment_documents_payment_id",
                        PaymentDocuments::Table,
                        PaymentDocuments::PaymentId,
                        Payments::Table,
                        Payments::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_payment_documents_invoice_id",
                        PaymentDocuments::Table,
                        PaymentDocuments::InvoiceId,
                        Invoices::Table,
                        Invoices::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_payment_documents_payment_invoice")
                    .table(PaymentDocuments::Table)
                    .col(PaymentDocuments::PaymentId)
                    .col(PaymentDocuments::InvoiceId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Payments::Table)
                    .add_column(ColumnDef::new(Payments::PayAllLinkId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_payments_one_pending_pay_all \
                 ON payments (pay_all_link_id) WHERE status = 'pending'",
            )
            .await
            .map(drop)
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX idx_payments_one_pending_pay_all")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Payments::Table)
                    .drop_column(Payments::PayAllLinkId)
                    .to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(PaymentDocuments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(PayAllDocuments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(PayAllLinks::Table).to_owned()).await
    }
}

fn id<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().auto_increment().primary_key().take()
}

fn cascade(
    name: &'static str,
    from: impl IntoIden,
    column: impl IntoIden,
    to: impl IntoIden,
    to_column: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, column)
        .to(to, to_column)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[derive(DeriveIden)]
enum PayAllLinks {
    Table,
    Id,
    CustomerId,
    TokenHash,
    Currency,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PayAllDocuments {
    Table,
    Id,
    PayAllLinkId,
    InvoiceId,
}

#[derive(DeriveIden)]
enum PaymentDocuments {
    Table,
    Id,
    PaymentId,
    InvoiceId,
    AmountMinor,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Id,
    PayAllLinkId,
}

#[derive(DeriveIden)]
enum Customers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Invoices {
    Table,
    Id,
}
