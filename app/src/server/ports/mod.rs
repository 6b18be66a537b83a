//! Ports to the systems Portico does not own: the data centre (new servers, power, reverse
//! DNS) and the domain registry (registrations, transfers in, nameservers, locks). Both
//! follow one contract, written for systems that work asynchronously:
//!
//! 1. `start` asks for an operation and returns the external system's reference for it. It
//!    must return quickly and must not wait for the operation to finish. It carries an
//!    idempotency key (one per job): a second `start` with the same key answers with the
//!    first operation's reference instead of starting another.
//! 2. `poll` reports how far that operation is: still running (with a percentage), done (with
//!    an optional result, such as an EPP code), or refused (with a reason the customer sees).
//! 3. Either may fail with [`PortError::Unavailable`]; the job runner retries with back-off.
//!
//! Pages never call a port: they show the state stored by the last finished job, with its
//! age. Only the job runner (`server::jobs`) calls ports.

pub mod payment_sandbox;
pub mod payments;
pub mod provisioning;
pub mod registrar;
pub mod sandbox;

pub use provisioning::{Provisioner, ServerOperation};
pub use registrar::{DomainOperation, Registrar};

/// How far an operation is, as the external system reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Running {
        percent: u8,
    },
    /// Finished; `result` carries data the operation produced (an EPP code, a new server's
    /// address and root password).
    Done {
        result: Option<String>,
    },
    /// The external system refused or gave up; `reason` is shown to the customer.
    Failed {
        reason: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PortError {
    /// Could not reach the system or it answered with an error: try again later.
    #[error("external system unavailable: {0}")]
    Unavailable(String),
    /// The reference is unknown to the system: the operation cannot be followed.
    #[error("unknown operation reference {0}")]
    UnknownReference(String),
}
