//! The cart (seed 001): what the customer means to buy, kept on the server so it survives
//! signing out and a second device. `cart_lines` holds its lines (today renewals of a
//! service for a chosen period; one line per service, a unique index), `cart_promos` the one
//! promo code applied to it. `promo_codes` are the codes on offer (a percentage or a fixed
//! amount in one currency, valid between two dates, at most `max_uses` orders in all and
//! `max_uses_per_customer` per customer; `uses` is counted by a conditional update at checkout,
//! so parallel checkouts never exceed the limit), `promo_code_products` the products a code is
//! limited to (none: every product), `promo_redemptions` each order a code discounted.
//!
//! Not to be confused with `carts`, the unfinished stepwise orders the dashboard offers to
//! continue.

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
                    .table(PromoCodes::Table)
                    .col(id(PromoCodes::Id))
                    .col(ColumnDef::new(PromoCodes::Code).string_len(32).not_null())
                    .col(ColumnDef::new(PromoCodes::Percent).integer().null())
                    .col(ColumnDef::new(PromoCodes::AmountMinor).big_integer().null())
                    .col(ColumnDef::new(PromoCodes::Currency).string_len(3).null())
                    .col(ColumnDef::new(PromoCodes::ValidFrom).date().null())
                    .col(ColumnDef::new(PromoCodes::ValidUntil).date().null())
                    .col(ColumnDef::new(PromoCodes::MaxUses).integer().null())
                    .col(ColumnDef::new(PromoCodes::MaxUsesPerCustomer).integer().null())
                    .col(ColumnDef::new(PromoCodes::Uses).integer().not_null().default(0))
                    .col(timestamp(PromoCodes::CreatedAt))
                    .check(Expr::cust(
                        "(percent IS NOT NULL AND percent BETWEEN 1 AND 100 AND amount_minor IS NULL) \
                         OR (percent IS NULL AND amount_minor > 0 AND currency IS NOT NULL)",
                    ))
                    .check(Expr::cust("max_uses IS NULL OR uses <= max_uses"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_promo_codes_code")
                    .table(PromoCodes::Table)
                    .col(PromoCodes::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PromoCodeProducts::Table)
                    .col(id(PromoCodeProducts::Id))
                    .col(ColumnDef::new(PromoCodeProducts::PromoCodeId).big_integer().not_null())
                    .col(ColumnDef::new(PromoCodeProducts::ProductId).big_integer().not_null())
                    .foreign_key(&mut cascade(
                        "fk_promo_code_products_promo_code_id",
                        PromoCodeProducts::Table,
                        PromoCodeProducts::PromoCodeId,
                        PromoCodes::Table,
                        PromoCodes::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_promo_code_products_product_id",
                        PromoCodeProducts::Table,
                        PromoCodeProducts::ProductId,
                        Products::Table,
                        Products::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_promo_code_products_pair")
                    .table(PromoCodeProducts::Table)
                    .col(PromoCodeProducts::PromoCodeId)
                    .col(PromoCodeProducts::ProductId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PromoRedemptions::Table)
                    .col(id(PromoRedemptions::Id))
                    .col(ColumnDef::new(PromoRedemptions::PromoCodeId).big_integer().not_null())
                    .col(ColumnDef::new(PromoRedemptions::CustomerId).big_integer().not_null())
                    .col(ColumnDef::new(PromoRedemptions::OrderId).big_integer().not_null())
                    .col(ColumnDef::new(PromoRedemptions::DiscountMinor).big_integer().not_null())
                    .col(ColumnDef::new(PromoRedemptions::Currency).string_len(3).not_null())
                    .col(timestamp(PromoRedemptions::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_promo_redemptions_promo_code_id",
                        PromoRedemptions::Table,
                        PromoRedemptions::PromoCodeId,
                        PromoCodes::Table,
                        PromoCodes::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_promo_redemptions_customer_id",
                        PromoRedemptions::Table,
                        PromoRedemptions::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_promo_redemptions_order_id",
                        PromoRedemptions::Table,
                        PromoRedemptions::OrderId,
                        Orders::Table,
                        Orders::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // One code per order; the per-customer count reads by (code, customer).
        manager
            .create_index(
                Index::create()
                    .name("idx_promo_redemptions_order_id")
                    .table(PromoRedemptions::Table)
                    .col(PromoRedemptions::OrderId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_promo_redemptions_code_customer")
                    .table(PromoRedemptions::Table)
                    .col(PromoRedemptions::PromoCodeId)
                    .col(PromoRedemptions::CustomerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CartLines::Table)
                    .col(id(CartLines::Id))
                    .col(ColumnDef::new(CartLines::CustomerId).big_integer().not_null())
                    .col(ColumnDef::new(CartLines::Kind).string_len(24).not_null())
                    .col(ColumnDef::new(CartLines::ServiceId).big_integer().null())
                    .col(ColumnDef::new(CartLines::ProductId).big_integer().null())
                    .col(ColumnDef::new(CartLines::PeriodMonths).integer().not_null())
                    .col(timestamp(CartLines::CreatedAt))
                    .col(timestamp(CartLines::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_cart_lines_customer_id",
                        CartLines::Table,
                        CartLines::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_cart_lines_service_id",
                        CartLines::Table,
                        CartLines::ServiceId,
                        Services::Table,
                        Services::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_cart_lines_product_id",
                        CartLines::Table,
                        CartLines::ProductId,
                        Products::Table,
                        Products::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // A service is renewed by one line: adding it again changes nothing.
        manager
            .create_index(
                Index::create()
                    .name("idx_cart_lines_customer_service")
                    .table(CartLines::Table)
                    .col(CartLines::CustomerId)
                    .col(CartLines::ServiceId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CartPromos::Table)
                    .col(
                        ColumnDef::new(CartPromos::CustomerId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CartPromos::PromoCodeId).big_integer().not_null())
                    .col(timestamp(CartPromos::AppliedAt))
                    .foreign_key(&mut cascade(
                        "fk_cart_promos_customer_id",
                        CartPromos::Table,
                        CartPromos::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_cart_promos_promo_code_id",
                        CartPromos::Table,
                        CartPromos::PromoCodeId,
                        PromoCodes::Table,
                        PromoCodes::Id,
                    ))
                    .to_owned(),
            )
            .await
            .map(drop)
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CartPromos::Table.into_iden(),
            CartLines::Table.into_iden(),
            PromoRedemptions::Table.into_iden(),
            PromoCodeProducts::Table.into_iden(),
            PromoCodes::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

fn id<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().auto_increment().primary_key().take()
}

fn timestamp<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().take()
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
enum PromoCodes {
    Table,
    Id,
    Code,
    Percent,
    AmountMinor,
    Currency,
    ValidFrom,
    ValidUntil,
    MaxUses,
    MaxUsesPerCustomer,
    Uses,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PromoCodeProducts {
    Table,
    Id,
    PromoCodeId,
    ProductId,
}

#[derive(DeriveIden)]
enum PromoRedemptions {
    Table,
    Id,
    PromoCodeId,
    CustomerId,
    OrderId,
    DiscountMinor,
    Currency,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CartLines {
    Table,
    Id,
    CustomerId,
    Kind,
    ServiceId,
    ProductId,
    PeriodMonths,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CartPromos {
    Table,
    CustomerId,
    PromoCodeId,
    AppliedAt,
}

#[derive(DeriveIden)]
enum Customers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
}
