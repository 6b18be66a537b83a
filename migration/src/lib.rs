//! Database migrations for Portico.
//!
//! The migration history is frozen: a migration file, once released, is never edited.
//! Schema changes are made by adding a new migration. Migrations never import the
//! application's entities; they describe the schema with the portable SeaQuery builder
//! so the same code runs on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_initial;
mod m20261130_000001_concurrency_guards;
mod m20261130_000002_sign_in_limits;
mod m20261130_000003_invoice_list;
mod m20261201_000001_card_payments;
mod m20261201_000002_mail_delivery;
mod m20261201_000003_balance_never_negative;
mod m20261201_000004_credit_notes;
mod m20261201_000005_line_periods;
mod m20261201_000006_pay_all_links;
mod m20261201_000007_renewal_periods;
mod m20261201_000008_service_lifecycle;
mod m20261206_000001_cart;
mod m20261206_000002_calendar_feeds;
mod m20261206_000003_catalogue;
mod m20261206_000004_document_files;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_initial::Migration),
            Box::new(m20261130_000001_concurrency_guards::Migration),
            Box::new(m20261130_000002_sign_in_limits::Migration),
            Box::new(m20261130_000003_invoice_list::Migration),
            Box::new(m20261201_000001_card_payments::Migration),
            Box::new(m20261201_000002_mail_delivery::Migration),
            Box::new(m20261201_000003_balance_never_negative::Migration),
            Box::new(m20261201_000004_credit_notes::Migration),
            Box::new(m20261201_000005_line_periods::Migration),
            Box::new(m20261201_000006_pay_all_links::Migration),
            Box::new(m20261201_000007_renewal_periods::Migration),
            Box::new(m20261201_000008_service_lifecycle::Migration),
            Box::new(m20261206_000001_cart::Migration),
            Box::new(m20261206_000002_calendar_feeds::Migration),
            Box::new(m20261206_000003_catalogue::Migration),
            Box::new(m20261206_000004_document_files::Migration),
        ]
    }
}
