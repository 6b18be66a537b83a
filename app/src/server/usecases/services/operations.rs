//! What a customer asks of a server or a domain (seed 002, issue 3): each request is checked
//! against the state machine, written as a job for the runner, and audit-logged, all in one
//! transaction. Only one operation per service runs at a time.

use super::detail::{is_server, owned, owned_for_update};
use crate::model::service_detail::{AccessData, renewable};
use crate::model::service_details::Refusal;
use crate::model::{AppError, Operation, PowerState, ServiceKind, ServiceStatus, server_rules};
use crate::server::audit;
use crate::server::context::{AppState, Requester};
use crate::server::db::{ONE_UNFINISHED_JOB, begin_write, violates};
use crate::server::entities::services;
use crate::server::errors::internal;
use crate::server::jobs::{self, NewJob};
use crate::server::secrets::{self, Field};
use crate::server::service_details;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

fn invalid(field: &str, code: &str) -> AppError {
    AppError::Invalid { field: field.to_owned(), code: code.to_owned() }
}

/// Asks for `op` on a service. `argument` is the image for a reinstall, the hostname for
/// reverse DNS, the nameservers (one a line) for a domain; ignored otherwise. Returns the
/// job's id.
pub async fn request(
    state: &AppState,
    who: &Requester,
    service_id: i64,
    op: Operation,
    argument: Option<&str>,
) -> Result<i64, AppError> {
    // The input is checked before any transaction opens: however large or malformed it is,
    // it never holds the database's write lock.
    let argument = parse_argument(state, op, argument)?;
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // "No operation runs" is read before the job is written: the service row stays locked
    // until commit, so a second click waits here and then sees the first job.
    let service = owned_for_update(&txn, who.customer_id, service_id).await?;
    allowed(&service, op)?;
    if service.status != ServiceStatus::Active || jobs::has_unfinished(&txn, service.id).await? {
        return Err(AppError::Conflict);
    }
    let new_job =
        NewJob { customer_id: who.customer_id, service_id, op, argument: argument.clone() };
    let job = match jobs::enqueue(&txn, new_job, now).await {
        Ok(job) => job,
        // The partial unique index (one unfinished job per service) is the last guard.
        Err(err) if violates(&err, &ONE_UNFINISHED_JOB) => return Err(AppError::Conflict),
        Err(err) => return Err(err.into()),
    };
    let prefix = if is_server(service.kind) { "server" } else { "domain" };
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        &format!("{prefix}.{}", op.as_str()),
        ("service", service_id),
        Some(json!({ "argument": argument, "job": job })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(job)
}

/// Parses the argument an operation takes into the normalised value to store. Needs no
/// database: the image list is the data centre's, the names are checked by their rules.
fn parse_argument(
    state: &AppState,
    op: Operation,
    argument: Option<&str>,
) -> Result<Option<String>, AppError> {
    let arg = argument.unwrap_or_default();
    let field = match op {
        Operation::Reinstall => "image",
        Operation::ReverseDns => "hostname",
        Operation::Nameservers => "nameservers",
        _ => return Ok(None),
    };
    if arg.len() > server_rules::ARGUMENT_MAX_BYTES {
        return Err(invalid(field, "too_long"));
    }
    match op {
        Operation::Reinstall => {
            if !state.provisioner.os_images().iter().any(|i| i == arg) {
                return Err(invalid(field, "image_unknown"));
            }
            Ok(Some(arg.to_owned()))
        }
        Operation::ReverseDns => {
            let host = server_rules::hostname(arg).map_err(|e| invalid(field, e.code()))?;
            Ok(Some(host))
        }
        _ => {
            let hosts = server_rules::nameservers(arg).map_err(|e| invalid(field, e.code()))?;
            Ok(Some(hosts.join(", ")))
        }
    }
}

/// Whether `op` applies to this service's kind (else it answers like a missing page) and is
/// allowed from its last known state (else a conflict): the rule of the typed details.
fn allowed(service: &services::Model, op: Operation) -> Result<(), AppError> {
    service_details::read(service).allows(op).map_err(|refusal| match refusal {
        Refusal::NotForThisKind => AppError::NotFound,
        Refusal::NotNow => AppError::Conflict,
    })
}

/// The server's login data (seed 002 "Beschreibung"), shown only on request; every request
/// is in the audit log. The passwords are stored sealed ([`secrets`]) and opened here.
pub async fn reveal_access(
    state: &AppState,
    who: &Requester,
    service_id: i64,
) -> Result<AccessData, AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let service = owned(&txn, who.customer_id, service_id).await?;
    let Some(server) = service_details::server(&service) else {
        return Err(AppError::NotFound);
    };
    // A server still being set up has no login yet: its password comes with the set-up.
    if server.power() == PowerState::Installing {
        return Err(AppError::Conflict);
    }
    let d = service.details.clone().unwrap_or(Value::Null);
    let secret = |field: Field| {
        secrets::read(&state.settings.secret_keys, service.id, &d, field)
            .map_err(|e| internal(format!("service {service_id}, {}: {e}", field.name())))
    };
    let password = secret(Field::RootPassword)?;
    let kvm_password = secret(Field::KvmPassword)?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "server.access.reveal",
        ("service", service_id),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(AccessData {
        username: server.username.unwrap_or_else(|| "root".to_owned()),
        password: password.unwrap_or_default(),
        kvm_user: server.kvm_user,
        kvm_password,
    })
}

/// A domain's transfer (EPP) code, shown only on request once the registrar has sent it;
/// every request is in the audit log. Before the code has arrived the answer is `Conflict`.
pub async fn reveal_epp_code(
    state: &AppState,
    who: &Requester,
    service_id: i64,
) -> Result<String, AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let service = owned(&txn, who.customer_id, service_id).await?;
    if service.kind != ServiceKind::Domain {
        return Err(AppError::NotFound);
    }
    let details = service.details.unwrap_or(Value::Null);
    let code = secrets::read(&state.settings.secret_keys, service.id, &details, Field::EppCode)
        .map_err(|e| internal(format!("service {service_id}, epp_code: {e}")))?
        .ok_or(AppError::Conflict)?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        "domain.epp_code.reveal",
        ("service", service_id),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(code)
}

/// Turns automatic renewal on or off (seed 003 "Rinnovo automatico ATTIVO / NON ATTIVO").
/// Setting the value it already has changes nothing and logs nothing.
pub async fn set_auto_renew(
    state: &AppState,
    who: &Requester,
    service_id: i64,
    on: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // Locked while it decides, so two toggles at once log one change, not two.
    let service = owned_for_update(&txn, who.customer_id, service_id).await?;
    if service.auto_renew == on {
        return Ok(());
    }
    if !renewable(service.kind, service.status) {
        return Err(AppError::Conflict);
    }
    services::Entity::update_many()
        .col_expr(services::Column::AutoRenew, Expr::value(on))
        .filter(services::Column::Id.eq(service_id))
        .filter(services::Column::CustomerId.eq(who.customer_id))
        .exec(&txn)
        .await?;
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        if on { "service.auto_renew.on" } else { "service.auto_renew.off" },
        ("service", service_id),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
