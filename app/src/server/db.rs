//! Database connection set-up shared by the server, the tests and the benchmarks.

use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, SqlErr, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

/// How long one PostgreSQL statement may run before the server cancels it: far above any
/// query the portal makes, so only a runaway one (or one stuck behind a lock) is stopped,
/// and with it the connection it would hold.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(15);

/// How a pool is set up.
#[derive(Clone, Copy, Debug)]
pub struct PoolOptions {
    pub connections: u32,
    /// PostgreSQL's `statement_timeout` on every connection; on SQLite the longest a write
    /// transaction waits for its turn on the writer connection ([`Db`]), and the `busy_timeout`
    /// for other writers. sqlx's 5 s default failed a burst of 1,000 payments at once on two
    /// busy cores; the same 15 s as PostgreSQL's statements, well inside the 30 s request
    /// timeout.
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

/// The database: a pool of connections, and on SQLite the one connection that every write
/// transaction of this process uses ([`begin_write`]). Used like the pool it derefs to.
#[derive(Clone)]
pub struct Db {
    pool: DatabaseConnection,
    /// SQLite lets one connection write at a time, and a writer that finds the lock taken
    /// sleeps and tries again (SQLite's busy handler: 1, 2, 5, 10 ... ms), so with writers on
    /// many connections the lock often stood free while they all slept, and a newer writer
    /// could overtake an older one. Here they queue for this one connection instead, first come
    /// first served (the pool's `acquire` is fair), and the next starts the moment the last
    /// commits. One connection also keeps its page cache: SQLite empties a connection's cache
    /// whenever another connection has written since it last looked, so writers taking turns
    /// on many connections each read their pages afresh. The busy handler is left for writers
    /// of other processes (the `portico` commands) and single statements outside a transaction.
    writer: Option<DatabaseConnection>,
}

impl Db {
    /// The pool itself, for what needs sea-orm's own connection type (the migrator).
    pub fn pool(&self) -> &DatabaseConnection {
        &self.pool
    }

    /// Closes the pool and the writer: the database going away, for everyone sharing them.
    pub async fn close(self) -> Result<(), DbErr> {
        if let Some(writer) = self.writer {
            writer.close().await?;
        }
        self.pool.close().await
    }

    /// Calls `callback` after every statement, on the pool and the writer alike.
    pub fn set_metric_callback<F>(&mut self, callback: F)
    where
        F: Fn(&sea_orm::metric::Info<'_>) + Send + Sync + 'static,
    {
        let callback = Arc::new(callback);
        let each = Arc::clone(&callback);
        self.pool.set_metric_callback(move |info| each(info));
        if let Some(writer) = &mut self.writer {
            writer.set_metric_callback(move |info| callback(info));
        }
    }
}

impl Deref for Db {
    type Target = DatabaseConnection;

    fn deref(&self) -> &DatabaseConnection {
        &self.pool
    }
}

/// Connects to `sqlite://…` or `postgres://…`. SQLite runs in WAL mode so readers never wait
/// for the single writer.
pub async fn connect(url: &str) -> Result<Db, DbErr> {
    connect_with(url, PoolOptions::default()).await
}

/// A pool of one connection, for schema work: sea-orm-migration's `fresh` switches SQLite's
/// foreign keys off with a PRAGMA that only holds on the connection it ran on. That one
/// connection is the writer too.
pub async fn connect_single(url: &str) -> Result<Db, DbErr> {
    connect_with(url, PoolOptions { connections: 1, ..PoolOptions::default() }).await
}

pub async fn connect_with(url: &str, pool: PoolOptions) -> Result<Db, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .max_connections(pool.connections)
        .acquire_timeout(pool.acquire_timeout);
    let timeout_ms = pool.statement_timeout.as_millis().to_string();
    options.map_sqlx_postgres_opts(move |pg| pg.options([("statement_timeout", &timeout_ms)]));
    let busy_timeout = pool.statement_timeout;
    options.map_sqlx_sqlite_opts(move |sqlite| sqlite.busy_timeout(busy_timeout));
    let db = Database::connect(options.clone()).await?;
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(Db { pool: db, writer: None });
    }
    db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    let writer = if pool.connections > 1 {
        // Kept open and never recycled, so its page cache stays. A writer waits for its turn
        // as long as the busy handler would have waited for the lock.
        options
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .acquire_timeout(pool.statement_timeout);
        Some(Database::connect(options).await?)
    } else {
        None
    };
    Ok(Db { pool: db, writer })
}

/// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`, on the writer connection
/// (see [`Db`]): the write lock is taken up front, so a read-then-write use case cannot fail
/// half-way on a lock upgrade.
pub async fn begin_write(db: &Db) -> Result<DatabaseTransaction, DbErr> {
    db.writer
        .as_ref()
        .unwrap_or(&db.pool)
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
}

/// So that `&Db` goes wherever a connection does, as the pool.
#[async_trait::async_trait]
impl ConnectionTrait for Db {
    fn get_database_backend(&self) -> DbBackend {
        self.pool.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.pool.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.pool.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.pool.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.pool.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.pool.support_returning()
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
