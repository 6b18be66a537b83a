//! Sign-in limits: one row per bucket (`email:<address>`, `ip:<address or IPv6 /64>`) with
//! its failures in the current window and the attempts being checked right now.
//!
//! A slot is reserved with one atomic `INSERT .. ON CONFLICT .. DO UPDATE .. WHERE` before a
//! password is hashed, so parallel attempts cannot all pass a count that none has written yet
//! (on PostgreSQL as on SQLite). `login_events` stays the history; it no longer drives limits.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, string_len, timestamp_with_time_zone};

/// `email:` plus an address of at most 254 characters, or `ip:` plus an address.
const BUCKET_LEN: u32 = 320;

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
                    .table(SignInLimits::Table)
                    .col(string_len(SignInLimits::Bucket, BUCKET_LEN).primary_key())
                    // Start of the current window: the first failure in it (or the first
                    // attempt, while there is no failure yet).
                    .col(timestamp_with_time_zone(SignInLimits::WindowStart))
                    // Wrong passwords (and unknown e-mails) within the window.
                    .col(integer(SignInLimits::Failures).default(0))
                    // Attempts that hold a slot while their password is being checked.
                    .col(integer(SignInLimits::InFlight).default(0))
                    // The latest reservation. A check takes well under a second: when this is
                    // a minute old, the slots still counted were never settled (the process
                    // died, the client hung up) and are dropped.
                    .col(timestamp_with_time_zone(SignInLimits::ReservedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_limits_window_start")
                    .table(SignInLimits::Table)
                    .col(SignInLimits::WindowStart)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SignInLimits::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SignInLimits {
    Table,
    Bucket,
    WindowStart,
    Failures,
    InFlight,
    ReservedAt,
}
