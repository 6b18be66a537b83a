//! The job runner: carries out operations on external systems in the background, so pages
//! never wait for (or call) a data centre or a registry.
//!
//! A job is claimed with a lease (an instance that dies mid-step leaves it to be claimed again
//! when the lease runs out); on PostgreSQL the claim also skips rows another instance has
//! locked (`FOR UPDATE SKIP LOCKED`), on SQLite the write transaction serialises claimers.
//! Each step either starts the operation, polls it, or applies its result to the service.

use super::context::AppState;
use super::db::begin_write;
use super::entities::{jobs, services};
use super::ports::provisioning::ServerRef;
use super::ports::{DomainOperation, PortError, Progress, ServerOperation};
use super::secrets::{self, Field, KeyRing};
use crate::model::{JobStatus, Operation, PowerState, server_rules};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{Value, json};

/// How long a claimed step may take before another runner may take the job over.
const LEASE: TimeDelta = TimeDelta::seconds(60);
/// How soon a running operation is polled again.
const POLL_EVERY: TimeDelta = TimeDelta::seconds(1);
/// Attempts at reaching an unavailable system before the job fails.
const MAX_ATTEMPTS: i32 = 6;

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
    while let Some(job) = claim(state).await? {
        step(state, job).await?;
        steps += 1;
    }
    Ok(steps)
}

async fn claim(state: &AppState) -> Result<Option<jobs::Model>, DbErr> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
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
                        .add(jobs::Column::LeaseUntil.lt(now)),
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
    let mut active = job.clone().into_active_model();
    active.status = Set(JobStatus::Running);
    active.lease_until = Set(Some(now + LEASE));
    active.updated_at = Set(now);
    let claimed = active.update(&txn).await?;
    txn.commit().await?;
    Ok(Some(claimed))
}

/// What the external system said in this step.
enum Outcome {
    Progress(Option<String>, Progress),
    Error(PortError),
}

async fn step(state: &AppState, job: jobs::Model) -> Result<(), DbErr> {
    let now = state.clock.now();
    let Some(op) = Operation::parse(&job.kind) else {
        return finish(state, job, JobStatus::Failed, Some("unknown_operation".into())).await;
    };
    let service = match job.service_id {
        Some(id) => services::Entity::find_by_id(id).one(&state.db).await?,
        None => None,
    };
    let Some(service) = service else {
        return finish(state, job, JobStatus::Failed, Some("service_gone".into())).await;
    };
    let arg = argument(&job);
    let outcome = match &job.external_ref {
        None => match start(state, &service, op, arg.as_deref()).await {
            Ok(reference) => Outcome::Progress(Some(reference), Progress::Running { percent: 0 }),
            Err(e) => Outcome::Error(e),
        },
        Some(reference) => {
            let polled = if is_domain_op(op) {
                state.registrar.poll(reference).await
            } else {
                state.provisioner.poll(reference).await
            };
            match polled {
                Ok(p) => Outcome::Progress(None, p),
                Err(e) => Outcome::Error(e),
            }
        }
    };

    match outcome {
        Outcome::Progress(reference, Progress::Running { percent }) => {
            let mut active = job.clone().into_active_model();
            if reference.is_some() {
                active.external_ref = Set(reference);
            }
            active.status = Set(JobStatus::Pending);
            active.progress = Set(i32::from(percent));
            active.run_after = Set(now + POLL_EVERY);
            active.lease_until = Set(None);
            active.updated_at = Set(now);
            active.update(&state.db).await?;
            Ok(())
        }
        Outcome::Progress(_, Progress::Done { result }) => {
            let txn = begin_write(&state.db).await?;
            apply(&txn, &state.settings.secret_keys, service, op, arg, result, now).await?;
            let mut active = job.into_active_model();
            active.status = Set(JobStatus::Done);
            active.progress = Set(100);
            active.lease_until = Set(None);
            active.updated_at = Set(now);
            active.update(&txn).await?;
            txn.commit().await
        }
        Outcome::Progress(_, Progress::Failed { reason }) => {
            finish(state, job, JobStatus::Failed, Some(reason)).await
        }
        Outcome::Error(PortError::Unavailable(cause)) if job.attempts + 1 < MAX_ATTEMPTS => {
            tracing::warn!(job = job.id, "external system unavailable, retrying: {cause}");
            let backoff = TimeDelta::seconds(2_i64.pow(job.attempts.clamp(0, 10) as u32));
            let mut active = job.clone().into_active_model();
            active.attempts = Set(job.attempts + 1);
            active.status = Set(JobStatus::Pending);
            active.run_after = Set(now + backoff);
            active.lease_until = Set(None);
            active.updated_at = Set(now);
            active.update(&state.db).await?;
            Ok(())
        }
        Outcome::Error(err) => {
            tracing::warn!(job = job.id, "job failed: {err}");
            finish(state, job, JobStatus::Failed, Some("unavailable".into())).await
        }
    }
}

fn is_domain_op(op: Operation) -> bool {
    matches!(op, Operation::Nameservers | Operation::Lock | Operation::Unlock | Operation::EppCode)
}

async fn start(
    state: &AppState,
    service: &services::Model,
    op: Operation,
    arg: Option<&str>,
) -> Result<String, PortError> {
    let arg = arg.unwrap_or_default().to_owned();
    if is_domain_op(op) {
        let domain = service.domain.clone().unwrap_or_else(|| service.name.clone());
        let op = match op {
            Operation::Nameservers => DomainOperation::SetNameservers(
                arg.split(", ").filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            ),
            Operation::Lock => DomainOperation::SetLock(true),
            Operation::Unlock => DomainOperation::SetLock(false),
            _ => DomainOperation::RequestEppCode,
        };
        return state.registrar.start(&domain, &op).await;
    }
    let server = ServerRef { service_id: service.id, ip: detail_str(service, "ip") };
    let op = match op {
        Operation::Activate => ServerOperation::Activate,
        Operation::Disable => ServerOperation::Disable,
        Operation::Reboot => ServerOperation::Reboot,
        Operation::Block => ServerOperation::Block,
        Operation::Reinstall => ServerOperation::Reinstall { image: arg },
        _ => ServerOperation::ReverseDns { hostname: arg },
    };
    state.provisioner.start(&server, &op).await
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
    let mut details = service.details.clone().unwrap_or_else(|| json!({}));
    if !details.is_object() {
        details = json!({});
    }
    match op {
        Operation::Activate | Operation::Disable | Operation::Reboot | Operation::Block => {
            let from = power_state(&details);
            let to = server_rules::power_transition(op, from).unwrap_or(from);
            details["power"] = json!(to.as_str());
        }
        Operation::Reinstall => {
            details["os"] = json!(arg);
            details["power"] = json!(PowerState::Running.as_str());
        }
        Operation::ReverseDns => details["reverse_dns"] = json!(arg),
        Operation::Nameservers => {
            let hosts: Vec<String> = arg
                .unwrap_or_default()
                .split(", ")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            details["nameservers"] = json!(hosts);
        }
        Operation::Lock => details["locked"] = json!(true),
        Operation::Unlock => details["locked"] = json!(false),
        // The code is stored only sealed, and shown only through an audited reveal.
        Operation::EppCode => {
            if let Some(code) = result {
                secrets::write(keys, service.id, &mut details, Field::EppCode, &code)
                    .map_err(|e| DbErr::Custom(format!("sealing the EPP code: {e}")))?;
            }
        }
    }
    services::Entity::update_many()
        .col_expr(services::Column::Details, Expr::value(details))
        .col_expr(services::Column::UpdatedAt, Expr::value(now))
        .filter(services::Column::Id.eq(service.id))
        .exec(conn)
        .await?;
    Ok(())
}

async fn finish(
    state: &AppState,
    job: jobs::Model,
    status: JobStatus,
    error: Option<String>,
) -> Result<(), DbErr> {
    let now = state.clock.now();
    let mut active = job.into_active_model();
    active.status = Set(status);
    active.last_error = Set(error);
    active.lease_until = Set(None);
    active.updated_at = Set(now);
    active.update(&state.db).await?;
    Ok(())
}

/// A server's power state as last reported; servers the data centre never reported on run.
pub fn power_state(details: &Value) -> PowerState {
    details
        .get("power")
        .and_then(Value::as_str)
        .and_then(PowerState::parse)
        .unwrap_or(PowerState::Running)
}

pub fn detail_str(service: &services::Model, key: &str) -> String {
    service
        .details
        .as_ref()
        .and_then(|d| d.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}
