//! Database connection set-up shared by the server, the tests and the benchmarks.

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::time::Duration;

/// Connects to `sqlite://…` or `postgres://…`. SQLite runs in WAL mode so readers never wait
/// for the single writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with_pool(url, 16).await
}

/// A pool of one connection, for schema work: sea-orm-migration's `fresh` switches SQLite's
/// foreign keys off with a PRAGMA that only holds on the connection it ran on.
pub async fn connect_single(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with_pool(url, 1).await
}

async fn connect_with_pool(url: &str, size: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).max_connections(size).acquire_timeout(Duration::from_secs(10));
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

/// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken up
/// front, so a read-then-write use case cannot fail half-way on a lock upgrade.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
