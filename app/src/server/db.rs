//! Database connection set-up shared by the server, the tests and the benchmarks.

use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, SqlErr, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use std::collections::HashMap;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long one PostgreSQL statement may run before the server cancels it: far above any
/// query the portal makes, so only a runaway one (or one stuck behind a lock) is stopped,
/// and with it the connection it would hold.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(15);

/// How a pool is set up.
#[derive(Clone, Copy, Debug)]
pub struct PoolOptions {
    pub connections: u32,
    /// PostgreSQL's `statement_timeout` on every connection; on SQLite the `busy_timeout`,
    /// the longest a writer waits for the one write lock. sqlx's 5 s default failed a burst
    /// of 1,000 payments at once on two busy cores (a writer is not queued fairly: it polls,
    /// and can lose the lock to newer ones); the same 15 s as PostgreSQL's statements, well
    /// inside the 30 s request timeout.
    pub statement_timeout: Duration,
    /// How long a request waits for a free connection before it fails.
    pub acquire_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            connections: 16,
            statement_timeout: STATEMENT_TIMEOUT,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

/// Connects to `sqlite://…` or `postgres://…`. SQLite runs in WAL mode so readers never wait
/// for the single writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, PoolOptions::default()).await
}

/// A pool of one connection, for schema work: sea-orm-migration's `fresh` switches SQLite's
/// foreign keys off with a PRAGMA that only holds on the connection it ran on.
pub async fn connect_single(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, PoolOptions { connections: 1, ..PoolOptions::default() }).await
}

pub async fn connect_with(url: &str, pool: PoolOptions) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .max_connections(pool.connections)
        .acquire_timeout(pool.acquire_timeout);
    let timeout_ms = pool.statement_timeout.as_millis().to_string();
    options.map_sqlx_postgres_opts(move |pg| pg.options([("statement_timeout", &timeout_ms)]));
    let busy_timeout = pool.statement_timeout;
    options.map_sqlx_sqlite_opts(move |sqlite| sqlite.busy_timeout(busy_timeout));
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

/// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken up
/// front, so a read-then-write use case cannot fail half-way on a lock upgrade; and it waits
/// for its turn among this process's writers first (`sqlite_write_turns`).
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    let turn = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let turns = sqlite_write_turns(db);
            // As long as the busy handler would have waited; the queue is never closed.
            match tokio::time::timeout(STATEMENT_TIMEOUT, turns.acquire_owned()).await {
                Ok(Ok(turn)) => Some(turn),
                _ => return Err(DbErr::Custom("database is locked: no turn to write".into())),
            }
        }
        _ => None,
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// SQLite lets one connection write at a time, and a writer that finds the lock taken sleeps
/// and tries again (SQLite's busy handler: 1, 2, 5, 10 ... ms), so with many writers at once
/// the lock often stands free while they all sleep, and a newer writer can overtake an older
/// one. This process's writers therefore queue for it here, first come first served, and the
/// next is woken the moment the last one commits. The busy handler is left for writers of other
/// processes (the `portico` commands) and for single statements outside a transaction.
fn sqlite_write_turns(db: &DatabaseConnection) -> Arc<Semaphore> {
    static TURNS: OnceLock<Mutex<HashMap<PathBuf, Arc<Semaphore>>>> = OnceLock::new();
    // One queue per database file (the tests open many databases in one process).
    let file = db.get_sqlite_connection_pool().connect_options().get_filename().to_path_buf();
    let mut turns =
        TURNS.get_or_init(Mutex::default).lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(turns.entry(file).or_insert_with(|| Arc::new(Semaphore::new(1))))
}

/// A write transaction, used like the `DatabaseTransaction` it holds. On SQLite it also holds
/// this process's turn to write, given back when it commits, rolls back or is dropped.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    // Declared after `txn`, so dropped after it: a dropped transaction has asked for its
    // rollback before the next writer's turn starts.
    _turn: Option<OwnedSemaphorePermit>,
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

/// The database's clock. Job leases are measured on it, so instances whose own clocks
/// disagree still agree on whose a job is. Millisecond precision on both databases.
pub async fn now(conn: &impl ConnectionTrait) -> Result<DateTime<Utc>, DbErr> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        // clock_timestamp(), not now(): now() stands still for the whole transaction.
        DbBackend::Postgres => {
            "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) AS ms"
        }
        _ => "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms",
    };
    let row = conn
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .ok_or_else(|| DbErr::Custom("the database did not tell the time".into()))?;
    let ms: i64 = row.try_get("", "ms")?;
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| DbErr::Custom(format!("the database's time is out of range: {ms}")))
}

/// A unique index that guards a rule, named the way each database reports a violation of it:
/// PostgreSQL names the index, SQLite lists its `table.column`s.
pub struct UniqueGuard {
    pub index: &'static str,
    pub sqlite_columns: &'static str,
}

/// One order awaiting payment per service and kind (migration `m20261130_000001`).
pub const ONE_ORDER_AWAITING_PAYMENT: UniqueGuard = UniqueGuard {
    index: "idx_orders_one_awaiting_payment",
    sqlite_columns: "orders.service_id, orders.kind",
};

/// One open card payment per document: `idx_payments_one_pending`.
pub const ONE_PENDING_PAYMENT: UniqueGuard =
    UniqueGuard { index: "idx_payments_one_pending", sqlite_columns: "payments.invoice_id" };

/// One credit note per final invoice (migration `m20261201_000004`).
pub const ONE_CREDIT_NOTE: UniqueGuard = UniqueGuard {
    index: "idx_invoices_credits_invoice_id",
    sqlite_columns: "invoices.credits_invoice_id",
};

/// One unfinished job per service (migration `m20261130_000001`).
pub const ONE_UNFINISHED_JOB: UniqueGuard =
    UniqueGuard { index: "idx_jobs_one_unfinished", sqlite_columns: "jobs.service_id" };

/// Whether a write failed on `guard`: the last guard of a "one at a time" rule, which the use
/// case answers like the rule itself, never as an internal error. Any other unique violation
/// stays an error: it is a fault, not a customer clicking twice.
pub fn violates(err: &DbErr, guard: &UniqueGuard) -> bool {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(message)) => {
            message.contains(guard.index) || message.ends_with(guard.sqlite_columns)
        }
        _ => false,
    }
}
