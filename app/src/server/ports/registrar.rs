//! The domain registry (through a registrar): whether a name is free, registering or
//! transferring in a name bought here, nameservers, transfer lock and EPP code.

use super::{PortError, Progress};
use crate::model::domain_order::Availability;
use async_trait::async_trait;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainOperation {
    /// Registers a free name for `years` with its nameservers.
    Register {
        years: u32,
        nameservers: Vec<String>,
    },
    /// Moves a name held at another registrar here, with its nameservers.
    TransferIn {
        nameservers: Vec<String>,
    },
    SetNameservers(Vec<String>),
    SetLock(bool),
    /// Ask for the transfer (EPP / auth) code; `Progress::Done` carries it.
    RequestEppCode,
}

#[async_trait]
pub trait Registrar: Send + Sync {
    /// Starts `op`; `key` as in [`super::Provisioner::start`]: the same key, the same
    /// operation and reference.
    async fn start(
        &self,
        key: &str,
        domain: &str,
        op: &DomainOperation,
    ) -> Result<String, PortError>;
    async fn poll(&self, reference: &str) -> Result<Progress, PortError>;

    /// Whether `domain` is free to register or held by someone. A question, not an
    /// operation: nothing starts, so unlike the others it is asked while the customer waits
    /// (the domain order's search), and must answer quickly.
    async fn availability(&self, domain: &str) -> Result<Availability, PortError>;
}
