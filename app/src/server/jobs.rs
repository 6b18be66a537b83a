//! The job runner: carries out operations on external systems in the background, so pages
//! never wait for (or call) a data centre or a registry.
//!
//! Each call of [`run_due`] claims due jobs one at a time and runs one step of each: start the
//! operation, poll it, or apply its result to the service. What keeps an operation from being
//! carried out twice, by several instances, across crashes and restarts:
//!
//! - A claim is a lease on the database's clock (not each instance's), with a fresh token.
//!   On PostgreSQL the claim skips rows another instance has locked (`FOR UPDATE SKIP
//!   LOCKED`); on SQLite the write transaction serialises claimers.
//! - The lease is renewed while a step runs, and every port call has a timeout shorter than
//!   the lease, so a slow system does not let a second runner in beside the first.
//! - Every write of a claimed job is fenced: `WHERE id = ? AND lease_token = ?`. A runner
//!   whose lease ran out cannot overwrite what the runner after it stored.
//! - The external system gets the job's idempotency key with `start`, so a runner that dies
//!   between starting an operation and saving its reference does not start it again: the
//!   next runner's `start` answers with the same reference.
//! - A step that panics fails its job (visible on the page) and the runner goes on.

use super::context::AppState;
use super::db::{self, begin_write};
use super::entities::{jobs, products, services};
use super::ports::provisioning::ServerRef;
use super::ports::{DomainOperation, PortError, Progress, ServerOperation};
use super::secrets::{self, Field, KeyRing};
use super::service_details;
use crate::model::service_details::ServerSetup;
use crate::model::{JobStatus, Operation};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{Value, json};
use std::future::Future;
use std::time::Duration;

/// How soon a running operation is polled again.
const POLL_EVERY: TimeDelta = TimeDelta::seconds(1);
/// Attempts at reaching an unavailable system before the job fails.
const MAX_ATTEMPTS: i32 = 6;

/// How the runner holds its jobs. The defaults suit production; tests shorten them.
#[derive(Clone, Copy, Debug)]
pub struct RunnerTiming {
    /// How long a claim holds without renewal before another runner may take the job over.
    pub lease: Duration,
    /// The longest a single call to an external system may take; shorter than the lease.
    pub port_timeout: Duration,
}

impl Default for RunnerTiming {
    fn default() -> Self {
        Self { lease: Duration::from_secs(60), port_timeout: Duration::from_secs(20) }
    }
}

impl RunnerTiming {
    fn lease_delta(&self) -> TimeDelta {
        TimeDelta::from_std(self.lease).unwrap_or(TimeDelta::seconds(60))
    }

    /// Renew well before the lease runs out: three chances per lease.
    fn renew_every(&self) -> Duration {
        self.lease / 3
    }
}

/// A job to add in the caller's transaction, next to the audit entry for the request.
pub struct NewJob {
    pub customer_id: i64,
    pub service_id: i64,
    pub op: Operation,
    pub argument: Option<String>,
}

pub async fn enqueue(
    conn: &impl ConnectionTrait,
    job: NewJob,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let model = jobs::ActiveModel {
        kind: Set(job.op.as_str().to_owned()),
        customer_id: Set(Some(job.customer_id)),
        service_id: Set(Some(job.service_id)),
        payload: Set(json!({ "argument": job.argument })),
        status: Set(JobStatus::Pending),
        attempts: Set(0),
        progress: Set(0),
        external_ref: Set(None),
        run_after: Set(now),
        lease_until: Set(None),
        lease_token: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(model.id)
}

/// The argument stored with a job (image, hostname, nameservers).
pub fn argument(job: &jobs::Model) -> Option<String> {
    job.payload.get("argument").and_then(Value::as_str).map(str::to_owned)
}

/// The key under which the external system knows this job's operation. Stable for the job's
/// life, so every runner that starts it asks for the same operation.
pub fn idempotency_key(job_id: i64) -> String {
    format!("portico-job-{job_id}")
}

/// Whether the service has an operation that has not finished: one at a time per service.
pub async fn has_unfinished(conn: &impl ConnectionTrait, service_id: i64) -> Result<bool, DbErr> {
    let found = jobs::Entity::find()
        .filter(jobs::Column::ServiceId.eq(service_id))
        .filter(jobs::Column::Status.is_in([JobStatus::Pending, JobStatus::Running]))
        .one(conn)
        .await?;
    Ok(found.is_some())
}

/// Runs one step of every job that is due now. Returns how many steps ran.
pub async fn run_due(state: &AppState) -> Result<usize, DbErr> {
    let mut steps = 0;
    // Each job is stepped at most once per call: a step reschedules it into the future.
    while let Some(claim) = claim(state).await? {
        run_claimed(state, claim).await?;
        steps += 1;
    }
    Ok(steps)
}

/// A job this runner holds, and the token that proves it.
#[derive(Clone, Debug)]
pub struct Claim {
    pub job: jobs::Model,
    pub token: String,
}

/// Claims the next due job, or a running one whose lease has run out.
pub async fn claim(state: &AppState) -> Result<Option<Claim>, DbErr> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let lease_clock = db::now(&txn).await?;
    let mut query = jobs::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(jobs::Column::Status.eq(JobStatus::Pending))
                        .add(jobs::Column::RunAfter.lte(now)),
                )
                .add(
                    Condition::all()
                        .add(jobs::Column::Status.eq(JobStatus::Running))
                        .add(jobs::Column::LeaseUntil.lt(lease_clock)),
                ),
        )
        .order_by_asc(jobs::Column::RunAfter)
        .order_by_asc(jobs::Column::Id);
    if txn.get_database_backend() == DbBackend::Postgres {
        query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let Some(job) = query.one(&txn).await? else {
        txn.commit().await?;
        return Ok(None);
    };
    let token = new_token();
    let lease_until = lease_clock + state.settings.jobs.lease_delta();
    jobs::Entity::update_many()
        .col_expr(jobs::Column::Status, Expr::value(JobStatus::Running.as_str()))
        .col_expr(jobs::Column::LeaseUntil, Expr::value(lease_until))
        .col_expr(jobs::Column::LeaseToken, Expr::value(token.clone()))
        .col_expr(jobs::Column::UpdatedAt, Expr::value(now))
        .filter(jobs::Column::Id.eq(job.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    let job = jobs::Model {
        status: JobStatus::Running,
        lease_until: Some(lease_until),
        lease_token: Some(token.clone()),
        ..job
    };
    Ok(Some(Claim { job, token }))
}

fn new_token() -> String {
    rand::random::<[u8; 16]>().iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs one step of a claimed job, renewing its lease meanwhile. The step runs as its own
/// task: if it panics, the job is marked failed and the runner carries on with the next. If
/// this future is dropped (shutdown), the step and the renewal stop with it, as they would if
/// the process died; the lease then lets another runner take over.
pub async fn run_claimed(state: &AppState, claim: Claim) -> Result<(), DbErr> {
    let _keeper = AbortOnDrop(tokio::spawn(keep_lease(state.clone(), claim.clone())));
    let mut step = AbortOnDrop(tokio::spawn(step(state.clone(), claim.clone())));
    match (&mut step.0).await {
        Ok(result) => result,
        Err(join) if join.is_panic() => {
            tracing::error!(job = claim.job.id, "job step panicked; the job is marked failed");
            let failed = Fenced::new(state, &claim)
                .set(jobs::Column::Status, JobStatus::Failed.as_str())
                .set(jobs::Column::LastError, "internal");
            failed.release().save(&state.db).await.map(drop)
        }
        Err(_) => Ok(()),
    }
}

/// A spawned task that ends when its handle is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Extends the lease on the database's clock while the step runs. Stops by itself when the
/// lease is no longer this runner's.
async fn keep_lease(state: AppState, claim: Claim) {
    let timing = state.settings.jobs;
    loop {
        tokio::time::sleep(timing.renew_every()).await;
        let renewed = async {
            let lease_until = db::now(&state.db).await? + timing.lease_delta();
            let result = jobs::Entity::update_many()
                .col_expr(jobs::Column::LeaseUntil, Expr::value(lease_until))
                .filter(jobs::Column::Id.eq(claim.job.id))
                .filter(jobs::Column::LeaseToken.eq(claim.token.clone()))
                .exec(&state.db)
                .await?;
            Ok::<_, DbErr>(result.rows_affected == 1)
        };
        match renewed.await {
            Ok(true) => {}
            Ok(false) => return,
            Err(err) => tracing::warn!(job = claim.job.id, "lease renewal failed: {err}"),
        }
    }
}

/// An update of a claimed job that only lands while this runner holds the lease.
struct Fenced {
    job_id: i64,
    token: String,
    values: Vec<(jobs::Column, SimpleExpr)>,
}

impl Fenced {
    fn new(state: &AppState, claim: &Claim) -> Self {
        let values = vec![(jobs::Column::UpdatedAt, Expr::value(state.clock.now()))];
        Self { job_id: claim.job.id, token: claim.token.clone(), values }
    }

    fn set(mut self, column: jobs::Column, value: impl Into<sea_orm::Value>) -> Self {
        self.values.push((column, Expr::value(value)));
        self
    }

    /// Gives the job back: no lease, no token.
    fn release(self) -> Self {
        self.set(jobs::Column::LeaseUntil, Option::<DateTime<Utc>>::None)
            .set(jobs::Column::LeaseToken, Option::<String>::None)
    }

    /// Writes the update; `false` when the lease is no longer ours and nothing was written.
    async fn save(self, conn: &impl ConnectionTrait) -> Result<bool, DbErr> {
        let mut update = jobs::Entity::update_many()
            .filter(jobs::Column::Id.eq(self.job_id))
            .filter(jobs::Column::LeaseToken.eq(self.token));
        for (column, value) in self.values {
            update = update.col_expr(column, value);
        }
        let written = update.exec(conn).await?.rows_affected == 1;
        if !written {
            tracing::warn!(job = self.job_id, "lease lost: another runner holds the job now");
        }
        Ok(written)
    }
}

/// What the external system said in this step.
enum Outcome {
    Progress(Option<String>, Progress),
    Error(PortError),
}

async fn step(state: AppState, claim: Claim) -> Result<(), DbErr> {
    let state = &state;
    let job = &claim.job;
    let now = state.clock.now();
    let fail = |reason: &str| {
        Fenced::new(state, &claim)
            .set(jobs::Column::Status, JobStatus::Failed.as_str())
            .set(jobs::Column::LastError, reason.to_owned())
            .release()
    };
    let Some(op) = Operation::parse(&job.kind) else {
        return fail("unknown_operation").save(&state.db).await.map(drop);
    };
    let service = match job.service_id {
        Some(id) => services::Entity::find_by_id(id).one(&state.db).await?,
        None => None,
    };
    let Some(service) = service else {
        return fail("service_gone").save(&state.db).await.map(drop);
    };
    let arg = argument(job);
    let timeout = state.settings.jobs.port_timeout;
    let outcome = match &job.external_ref {
        None => {
            let started = bounded(timeout, start(state, job.id, &service, op, arg.as_deref()));
            match started.await {
                Ok(reference) => {
                    Outcome::Progress(Some(reference), Progress::Running { percent: 0 })
                }
                Err(e) => Outcome::Error(e),
            }
        }
        Some(reference) => {
            let polled = if is_domain_op(op) {
                bounded(timeout, state.registrar.poll(reference)).await
            } else {
                bounded(timeout, state.provisioner.poll(reference)).await
            };
            match polled {
                Ok(p) => Outcome::Progress(None, p),
                Err(e) => Outcome::Error(e),
            }
        }
    };

    match outcome {
        Outcome::Progress(reference, Progress::Running { percent }) => {
            let mut update = Fenced::new(state, &claim)
                .set(jobs::Column::Status, JobStatus::Pending.as_str())
                .set(jobs::Column::Progress, i32::from(percent))
                .set(jobs::Column::RunAfter, now + POLL_EVERY)
                .release();
            if let Some(reference) = reference {
                update = update.set(jobs::Column::ExternalRef, reference);
            }
            update.save(&state.db).await.map(drop)
        }
        Outcome::Progress(_, Progress::Done { result }) => {
            // The job is marked done first, fenced: only the runner that holds the lease
            // goes on to change the service, so a result is applied once.
            let txn = begin_write(&state.db).await?;
            let done = Fenced::new(state, &claim)
                .set(jobs::Column::Status, JobStatus::Done.as_str())
                .set(jobs::Column::Progress, 100)
                .release();
            if !done.save(&txn).await? {
                return txn.rollback().await;
            }
            // `details` is written back whole: read it again inside the transaction, locked,
            // so a change made since the step began (another field, a key rotation) is kept.
            let current = services::Entity::find_by_id(service.id).lock_exclusive().one(&txn);
            let Some(service) = current.await? else {
                return txn.commit().await;
            };
            apply(&txn, &state.settings.secret_keys, service, op, arg, result, now).await?;
            txn.commit().await
        }
        Outcome::Progress(_, Progress::Failed { reason }) => {
            fail(&reason).save(&state.db).await.map(drop)
        }
        Outcome::Error(PortError::Unavailable(cause)) if job.attempts + 1 < MAX_ATTEMPTS => {
            tracing::warn!(job = job.id, "external system unavailable, retrying: {cause}");
            let backoff = TimeDelta::seconds(2_i64.pow(job.attempts.clamp(0, 10) as u32));
            let retry = Fenced::new(state, &claim)
                .set(jobs::Column::Attempts, job.attempts + 1)
                .set(jobs::Column::Status, JobStatus::Pending.as_str())
                .set(jobs::Column::RunAfter, now + backoff)
                .release();
            retry.save(&state.db).await.map(drop)
        }
        Outcome::Error(err) => {
            tracing::warn!(job = job.id, "job failed: {err}");
            fail("unavailable").save(&state.db).await.map(drop)
        }
    }
}

/// A port call that gives up after `limit`, as an unavailable system.
async fn bounded<T>(
    limit: Duration,
    call: impl Future<Output = Result<T, PortError>>,
) -> Result<T, PortError> {
    tokio::time::timeout(limit, call)
        .await
        .unwrap_or_else(|_| Err(PortError::Unavailable(format!("no answer within {limit:?}"))))
}

fn is_domain_op(op: Operation) -> bool {
    matches!(
        op,
        Operation::Nameservers
            | Operation::Lock
            | Operation::Unlock
            | Operation::EppCode
            | Operation::Register
            | Operation::TransferIn
    )
}

async fn start(
    state: &AppState,
    job_id: i64,
    service: &services::Model,
    op: Operation,
    arg: Option<&str>,
) -> Result<String, PortError> {
    let key = idempotency_key(job_id);
    let arg = arg.unwrap_or_default().to_owned();
    if is_domain_op(op) {
        let domain = service.domain.clone().unwrap_or_else(|| service.name.clone());
        let nameservers: Vec<String> =
            arg.split(", ").filter(|s| !s.is_empty()).map(str::to_owned).collect();
        let op = match op {
            Operation::Register => {
                DomainOperation::Register { years: years_paid(state, service), nameservers }
            }
            Operation::TransferIn => DomainOperation::TransferIn { nameservers },
            Operation::Nameservers => DomainOperation::SetNameservers(nameservers),
            Operation::Lock => DomainOperation::SetLock(true),
            Operation::Unlock => DomainOperation::SetLock(false),
            _ => DomainOperation::RequestEppCode,
        };
        return state.registrar.start(&key, &domain, &op).await;
    }
    let details = service_details::server(service).unwrap_or_default();
    let server = ServerRef { service_id: service.id, ip: details.ip };
    let op = match op {
        Operation::Create => ServerOperation::Create {
            plan: plan_code(&state.db, service).await?,
            image: arg,
            datacentre: details.datacentre,
        },
        Operation::Activate => ServerOperation::Activate,
        Operation::Disable => ServerOperation::Disable,
        Operation::Reboot => ServerOperation::Reboot,
        Operation::Block => ServerOperation::Block,
        Operation::Reinstall => ServerOperation::Reinstall { image: arg },
        _ => ServerOperation::ReverseDns { hostname: arg },
    };
    state.provisioner.start(&key, &server, &op).await
}

/// The whole years a new domain was paid for: from today to the end its payment gave it
/// (at least one, as registries register).
fn years_paid(state: &AppState, service: &services::Model) -> u32 {
    let days = service.expires_on.map_or(0, |end| (end - state.clock.today()).num_days());
    u32::try_from((days + 182) / 365).unwrap_or(1).max(1)
}

/// The code of the product a service was bought as: the data centre's name for its plan.
async fn plan_code(
    db: &impl ConnectionTrait,
    service: &services::Model,
) -> Result<String, PortError> {
    let Some(product_id) = service.product_id else { return Ok(String::new()) };
    let product = products::Entity::find_by_id(product_id).one(db).await;
    let product = product.map_err(|e| PortError::Unavailable(format!("reading the plan: {e}")))?;
    Ok(product.map(|p| p.code).unwrap_or_default())
}

/// Stores what a finished operation changed; `updated_at` becomes the age of the state shown.
async fn apply(
    conn: &impl ConnectionTrait,
    keys: &KeyRing,
    service: services::Model,
    op: Operation,
    arg: Option<String>,
    result: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let next = service_details::read(&service).after(op, arg.as_deref(), result.as_deref());
    let mut details = service_details::write(service.details.as_ref(), &next);
    // The code and the password are stored only sealed, and shown only through an audited
    // reveal.
    let secret = match (op, result) {
        (Operation::EppCode, Some(code)) => Some((Field::EppCode, code)),
        (Operation::Create, Some(result)) => ServerSetup::parse(&result)
            .map(|setup| (Field::RootPassword, setup.root_password))
            .filter(|(_, password)| !password.is_empty()),
        _ => None,
    };
    if let Some((field, plain)) = secret {
        secrets::write(keys, service.id, &mut details, field, &plain)
            .map_err(|e| DbErr::Custom(format!("sealing a secret: {e}")))?;
    }
    services::Entity::update_many()
        .col_expr(services::Column::Details, Expr::value(details))
        .col_expr(services::Column::UpdatedAt, Expr::value(now))
        .filter(services::Column::Id.eq(service.id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Whether this process's job runner is alive, for `/healthz`: an instance whose runner has
/// stopped still serves pages, but the operations customers ask for would never run.
#[derive(Debug, Default)]
pub struct RunnerHealth {
    /// 0: this process runs no runner (tests, `migrate`); 1: running; 2: stopped.
    state: std::sync::atomic::AtomicU8,
}

impl RunnerHealth {
    pub fn started(&self) {
        self.state.store(1, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn stopped(&self) {
        self.state.store(2, std::sync::atomic::Ordering::SeqCst);
    }

    /// True unless a runner was started in this process and has stopped since.
    pub fn is_healthy(&self) -> bool {
        self.state.load(std::sync::atomic::Ordering::SeqCst) != 2
    }
}
