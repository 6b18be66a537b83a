//! In-process sandboxes of the data centre and the registry, for the demo and the tests.
//! They behave like the real systems where it matters to the portal: every operation takes
//! time (seconds on the clock, so tests move the clock instead of sleeping), reports its
//! progress, and some are refused:
//!
//! - a reverse DNS name or a nameserver under the reserved `.invalid` top-level domain is
//!   refused (`rdns_rejected`, `nameserver_unreachable`), as a real resolver check would;
//! - an EPP code request answers with a code derived from the domain.
//!
//! The whole state of an operation is in its reference (start time, duration, outcome), so
//! the sandbox keeps no memory and survives restarts and several server instances.

use super::provisioning::{Provisioner, ServerOperation, ServerRef};
use super::registrar::{DomainOperation, Registrar};
use super::{PortError, Progress};
use crate::server::clock::Clock;
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use std::sync::Arc;

const PREFIX: &str = "sandbox";

/// The sandbox data centre.
pub struct SandboxProvisioner {
    clock: Arc<dyn Clock>,
}

impl SandboxProvisioner {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self { clock }
    }
}

/// The sandbox registry.
pub struct SandboxRegistrar {
    clock: Arc<dyn Clock>,
}

impl SandboxRegistrar {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self { clock }
    }
}

/// How long each operation takes, in seconds: short enough for a demo, long enough that the
/// page visibly follows the progress.
fn server_duration(op: &ServerOperation) -> i64 {
    match op {
        ServerOperation::Activate | ServerOperation::Disable | ServerOperation::Block => 3,
        ServerOperation::Reboot => 6,
        ServerOperation::Reinstall { .. } => 20,
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

    async fn start(&self, _server: &ServerRef, op: &ServerOperation) -> Result<String, PortError> {
        let outcome = match op {
            ServerOperation::ReverseDns { hostname } if refused_host(hostname) => {
                "fail=rdns_rejected".to_owned()
            }
            ServerOperation::Reinstall { image } if !self.os_images().contains(image) => {
                "fail=image_unavailable".to_owned()
            }
            _ => "ok".to_owned(),
        };
        Ok(reference(self.clock.as_ref(), server_duration(op), &outcome))
    }

    async fn poll(&self, reference: &str) -> Result<Progress, PortError> {
        progress(self.clock.as_ref(), reference)
    }
}

#[async_trait]
impl Registrar for SandboxRegistrar {
    async fn start(&self, domain: &str, op: &DomainOperation) -> Result<String, PortError> {
        let (seconds, outcome) = match op {
            DomainOperation::SetNameservers(hosts) if hosts.iter().any(|h| refused_host(h)) => {
                (5, "fail=nameserver_unreachable".to_owned())
            }
            DomainOperation::SetNameservers(_) => (5, "ok".to_owned()),
            DomainOperation::SetLock(_) => (3, "ok".to_owned()),
            DomainOperation::RequestEppCode => (2, format!("ok={}", epp_code(domain))),
        };
        Ok(reference(self.clock.as_ref(), seconds, &outcome))
    }

    async fn poll(&self, reference: &str) -> Result<Progress, PortError> {
        progress(self.clock.as_ref(), reference)
    }
}

/// A code like a registry's: 16 characters from the domain's hash, with a symbol in it.
fn epp_code(domain: &str) -> String {
    let digest = Sha256::digest(domain.as_bytes());
    let hex: String = digest.iter().take(7).map(|b| format!("{b:02x}")).collect();
    format!("{}#{}", &hex[..7], hex[7..].to_uppercase())
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
        Some(("ok", result)) => Progress::Done { result: Some(result.to_owned()) },
        _ => Progress::Done { result: None },
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::server::clock::FixedClock;
    use chrono::{TimeDelta, TimeZone, Utc};

    #[tokio::test]
    async fn operations_take_time_and_some_are_refused() {
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap());
        let dc = SandboxProvisioner::new(Arc::new(clock.clone()));
        let server = ServerRef { service_id: 1, ip: "192.0.2.1".into() };
        let reboot = dc.start(&server, &ServerOperation::Reboot).await.unwrap();
        clock.advance(TimeDelta::seconds(3));
        assert_eq!(dc.poll(&reboot).await.unwrap(), Progress::Running { percent: 50 });
        clock.advance(TimeDelta::seconds(3));
        assert_eq!(dc.poll(&reboot).await.unwrap(), Progress::Done { result: None });

        let bad = ServerOperation::ReverseDns { hostname: "x.invalid".into() };
        let r = dc.start(&server, &bad).await.unwrap();
        clock.advance(TimeDelta::seconds(60));
        assert_eq!(dc.poll(&r).await.unwrap(), Progress::Failed { reason: "rdns_rejected".into() });
        assert!(matches!(dc.poll("other|1").await, Err(PortError::UnknownReference(_))));
    }
}
