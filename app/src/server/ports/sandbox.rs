//! In-process sandboxes of the data centre and the registry, for the demo and the tests.
//! They behave like the real systems where it matters to the portal: every operation takes
//! time (seconds on the clock, so tests move the clock instead of sleeping), reports its
//! progress, and some are refused:
//!
//! - a reverse DNS name or a nameserver under the reserved `.invalid` top-level domain is
//!   refused (`rdns_rejected`, `nameserver_unreachable`), as a real resolver check would;
//! - an EPP code request answers with a code derived from the domain;
//! - a new server is set up in 30 s at an address derived from its service (in 198.18.0.0/15,
//!   the range reserved for tests), with the size of its plan and a fresh root password; one
//!   without a system image is refused (`image_unavailable`);
//! - a name is held by someone (can be transferred, not registered) when a customer of the
//!   portal has it, when its first label has "taken" in it, or it is one of a few well-known
//!   names; any other is free;
//! - registering a name takes 8 s, and is refused (`domain_taken`) for a name held outside
//!   the portal; a transfer in takes 20 s (days at a real registry), and is refused
//!   (`transfer_locked`) when the first label has "locked" in it, as if its holder's
//!   registrar still had the lock on.
//!
//! The whole state of an operation is in its reference (start time, duration, outcome).
//! What the sandboxes remember is which reference they gave for which idempotency key, in
//! their own table (`sandbox_operations`, as a real system keeps it on its side): a `start`
//! repeated with the same key answers with the same reference and starts nothing new, across
//! restarts and several server instances.

use super::provisioning::{Provisioner, ServerOperation, ServerRef};
use super::registrar::{DomainOperation, Registrar};
use super::{PortError, Progress};
use crate::model::ServiceKind;
use crate::model::domain_order::Availability;
use crate::model::service_details::ServerSetup;
use crate::server::clock::Clock;
use crate::server::entities::{sandbox_operations, services};
use async_trait::async_trait;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use std::sync::Arc;

const PREFIX: &str = "sandbox";

/// The sandbox data centre.
pub struct SandboxProvisioner {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl SandboxProvisioner {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

/// The sandbox registry.
pub struct SandboxRegistrar {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl SandboxRegistrar {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

/// The reference already given for `key`, or `fresh` remembered under it. The insert that
/// loses a race changes nothing, and both callers read the winner's reference.
async fn remember(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    key: &str,
    fresh: String,
) -> Result<String, PortError> {
    let unavailable = |e: sea_orm::DbErr| PortError::Unavailable(format!("sandbox store: {e}"));
    let row = sandbox_operations::ActiveModel {
        idempotency_key: Set(key.to_owned()),
        reference: Set(fresh),
        created_at: Set(clock.now()),
    };
    sandbox_operations::Entity::insert(row)
        .on_conflict_do_nothing_on([sandbox_operations::Column::IdempotencyKey])
        .exec(db)
        .await
        .map_err(unavailable)?;
    let stored = sandbox_operations::Entity::find_by_id(key.to_owned())
        .one(db)
        .await
        .map_err(unavailable)?
        .ok_or_else(|| PortError::Unavailable(format!("sandbox lost operation {key}")))?;
    Ok(stored.reference)
}

/// How long each operation takes, in seconds: short enough for a demo, long enough that the
/// page visibly follows the progress.
fn server_duration(op: &ServerOperation) -> i64 {
    match op {
        ServerOperation::Activate | ServerOperation::Disable | ServerOperation::Block => 3,
        ServerOperation::Reboot => 6,
        ServerOperation::Reinstall { .. } => 20,
        ServerOperation::Create { .. } => 30,
        ServerOperation::ReverseDns { .. } => 4,
    }
}

fn refused_host(host: &str) -> bool {
    host.ends_with(".invalid")
}

#[async_trait]
impl Provisioner for SandboxProvisioner {
    fn os_images(&self) -> Vec<String> {
        ["Debian 12", "Debian 13", "Ubuntu 24.04", "AlmaLinux 9", "Windows Server 2025"]
            .map(str::to_owned)
            .to_vec()
    }

    async fn start(
        &self,
        key: &str,
        server: &ServerRef,
        op: &ServerOperation,
    ) -> Result<String, PortError> {
        let outcome = match op {
            ServerOperation::Create { image, .. } if image.trim().is_empty() => {
                "fail=image_unavailable".to_owned()
            }
            // The password is made when the set-up is done, so it is in no reference.
            ServerOperation::Create { plan, .. } => format!("create={}:{plan}", server.service_id),
            ServerOperation::ReverseDns { hostname } if refused_host(hostname) => {
                "fail=rdns_rejected".to_owned()
            }
            ServerOperation::Reinstall { image } if !self.os_images().contains(image) => {
                "fail=image_unavailable".to_owned()
            }
            _ => "ok".to_owned(),
        };
        let fresh = reference(self.clock.as_ref(), server_duration(op), &outcome);
        remember(&self.db, self.clock.as_ref(), key, fresh).await
    }

    async fn poll(&self, reference: &str) -> Result<Progress, PortError> {
        progress(self.clock.as_ref(), reference)
    }
}

#[async_trait]
impl Registrar for SandboxRegistrar {
    async fn start(
        &self,
        key: &str,
        domain: &str,
        op: &DomainOperation,
    ) -> Result<String, PortError> {
        let label = domain.split('.').next().unwrap_or_default();
        let (seconds, outcome) = match op {
            // Someone registered it since the search said it was free.
            DomainOperation::Register { .. } if held_elsewhere(label) => {
                (8, "fail=domain_taken".to_owned())
            }
            DomainOperation::Register { .. } => (8, "ok".to_owned()),
            // The holder's registrar still has its transfer lock on.
            DomainOperation::TransferIn { .. } if label.contains("locked") => {
                (20, "fail=transfer_locked".to_owned())
            }
            DomainOperation::TransferIn { .. } => (20, "ok".to_owned()),
            DomainOperation::SetNameservers(hosts) if hosts.iter().any(|h| refused_host(h)) => {
                (5, "fail=nameserver_unreachable".to_owned())
            }
            DomainOperation::SetNameservers(_) => (5, "ok".to_owned()),
            DomainOperation::SetLock(_) => (3, "ok".to_owned()),
            // The code itself is made when the operation is done, so it is in no reference.
            DomainOperation::RequestEppCode => (2, format!("epp={domain}")),
        };
        let fresh = reference(self.clock.as_ref(), seconds, &outcome);
        remember(&self.db, self.clock.as_ref(), key, fresh).await
    }

    async fn poll(&self, reference: &str) -> Result<Progress, PortError> {
        progress(self.clock.as_ref(), reference)
    }

    async fn availability(&self, domain: &str) -> Result<Availability, PortError> {
        let unavailable = |e: sea_orm::DbErr| PortError::Unavailable(format!("sandbox store: {e}"));
        let held_here = services::Entity::find()
            .filter(services::Column::Kind.eq(ServiceKind::Domain))
            .filter(services::Column::Domain.eq(domain))
            .one(&self.db)
            .await
            .map_err(unavailable)?
            .is_some();
        let label = domain.split('.').next().unwrap_or_default();
        let taken = held_here || held_elsewhere(label);
        Ok(if taken { Availability::Taken } else { Availability::Free })
    }
}

/// Whether the sandbox registry says someone outside the portal holds a name, by its first
/// label.
fn held_elsewhere(label: &str) -> bool {
    label.contains("taken") || TAKEN.contains(&label)
}

/// Names the sandbox registry says someone holds, besides every domain a customer of this
/// portal has and any name with "taken" in it.
const TAKEN: [&str; 4] = ["google", "example", "portico", "wikipedia"];

/// A code like a registry's: 16 characters from the domain's hash, with a symbol in it.
fn epp_code(domain: &str) -> String {
    let digest = Sha256::digest(domain.as_bytes());
    let hex: String = digest.iter().take(7).map(|b| format!("{b:02x}")).collect();
    format!("{}#{}", &hex[..7], hex[7..].to_uppercase())
}

/// The server the sandbox data centre sets up for service `id`: an address of its own in
/// 198.18.0.0/15, the size the plan sells (what a real data centre knows of its products).
fn new_server(id: i64, plan: &str) -> ServerSetup {
    let n = u32::try_from(id.rem_euclid(130_000)).unwrap_or(0) + 2;
    let (cpu, ram_gb, disk_gb) = match plan {
        "vps-m" => (2, 4, 80),
        "vps-l" => (4, 8, 160),
        "dedicated-ds2" => (8, 64, 2000),
        _ => (1, 2, 40),
    };
    let root_password: String = (0..16)
        .map(|_| {
            const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            char::from(ALPHABET[rand::random_range(0..ALPHABET.len())])
        })
        .collect();
    ServerSetup {
        ip: format!("198.{}.{}.{}", 18 + n / 65_536, (n / 256) % 256, n % 256),
        netmask: "255.254.0.0".to_owned(),
        gateway: "198.18.0.1".to_owned(),
        mac: format!("52:54:00:{:02x}:{:02x}:{:02x}", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff),
        cpu,
        ram_gb,
        disk_gb,
        username: "root".to_owned(),
        root_password,
    }
}

fn reference(clock: &dyn Clock, seconds: i64, outcome: &str) -> String {
    format!("{PREFIX}|{}|{seconds}|{outcome}", clock.now().timestamp())
}

fn progress(clock: &dyn Clock, reference: &str) -> Result<Progress, PortError> {
    let unknown = || PortError::UnknownReference(reference.to_owned());
    let mut parts = reference.splitn(4, '|');
    if parts.next() != Some(PREFIX) {
        return Err(unknown());
    }
    let started: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(unknown)?;
    let seconds: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(unknown)?;
    let outcome = parts.next().ok_or_else(unknown)?;
    let elapsed = clock.now().timestamp() - started;
    if elapsed < seconds {
        let percent = (elapsed.max(0) * 100 / seconds.max(1)).clamp(0, 99);
        return Ok(Progress::Running { percent: u8::try_from(percent).unwrap_or(99) });
    }
    Ok(match outcome.split_once('=') {
        Some(("fail", reason)) => Progress::Failed { reason: reason.to_owned() },
        Some(("epp", domain)) => Progress::Done { result: Some(epp_code(domain)) },
        Some(("create", server)) => {
            let (id, plan) = server.split_once(':').ok_or_else(unknown)?;
            let id: i64 = id.parse().map_err(|_| unknown())?;
            Progress::Done { result: Some(new_server(id, plan).to_result()) }
        }
        _ => Progress::Done { result: None },
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::server::clock::FixedClock;
    use chrono::{TimeDelta, TimeZone, Utc};

    // Starting (and remembering by key) needs the database: see server/tests/jobs.rs.
    #[test]
    fn operations_take_time_and_some_are_refused() {
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap());
        let reboot = reference(&clock, server_duration(&ServerOperation::Reboot), "ok");
        clock.advance(TimeDelta::seconds(3));
        assert_eq!(progress(&clock, &reboot).unwrap(), Progress::Running { percent: 50 });
        clock.advance(TimeDelta::seconds(3));
        assert_eq!(progress(&clock, &reboot).unwrap(), Progress::Done { result: None });

        let refused = reference(&clock, 4, "fail=rdns_rejected");
        clock.advance(TimeDelta::seconds(60));
        assert_eq!(
            progress(&clock, &refused).unwrap(),
            Progress::Failed { reason: "rdns_rejected".into() }
        );
        let epp = reference(&clock, 2, "epp=kovacs.hu");
        assert!(!epp.contains(&epp_code("kovacs.hu")), "the code is in no reference");
        clock.advance(TimeDelta::seconds(2));
        assert_eq!(
            progress(&clock, &epp).unwrap(),
            Progress::Done { result: Some(epp_code("kovacs.hu")) }
        );
        assert!(matches!(progress(&clock, "other|1"), Err(PortError::UnknownReference(_))));

        let create = reference(&clock, 30, "create=7:vps-m");
        clock.advance(TimeDelta::seconds(30));
        let Progress::Done { result: Some(result) } = progress(&clock, &create).unwrap() else {
            panic!("a set-up ends with the server's data");
        };
        let setup = ServerSetup::parse(&result).unwrap();
        assert_eq!((setup.ip.as_str(), setup.cpu, setup.ram_gb), ("198.18.0.9", 2, 4));
        assert_eq!(setup.root_password.len(), 16);
        assert_ne!(new_server(8, "vps-m").ip, setup.ip, "each server its own address");
    }
}
