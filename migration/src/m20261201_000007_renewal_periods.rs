//! How many months an order line pays for (`order_lines.period_months`): a renewal may be
//! chosen for longer than the service's billing cycle, and a domain for 4 to 10 years, which
//! no `BillingCycle` names. Paying the order extends the service by this many months. Lines
//! made before this migration take their billing cycle's length.

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
                    .table(OrderLines::Table)
                    .add_column(ColumnDef::new(OrderLines::PeriodMonths).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE order_lines SET period_months = CASE billing_cycle
                    WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 WHEN 'semiannual' THEN 6
                    WHEN 'annual' THEN 12 WHEN 'biennial' THEN 24 WHEN 'triennial' THEN 36 END
                 WHERE billing_cycle IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OrderLines::Table)
                    .drop_column(OrderLines::PeriodMonths)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum OrderLines {
    Table,
    PeriodMonths,
}
