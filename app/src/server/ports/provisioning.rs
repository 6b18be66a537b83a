//! The data centre: power, reinstall and reverse DNS of a customer's server.

use super::{PortError, Progress};
use async_trait::async_trait;

/// Which server, as the data centre knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerRef {
    pub service_id: i64,
    pub ip: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerOperation {
    Activate,
    Disable,
    Reboot,
    Block,
    Reinstall { image: String },
    ReverseDns { hostname: String },
}

#[async_trait]
pub trait Provisioner: Send + Sync {
    /// The operating system images this data centre installs, in the order offered.
    fn os_images(&self) -> Vec<String>;
    /// Starts `op`. `key` identifies the request: asked again with the same key (a runner that
    /// died before it saved the reference, a retry after a timeout), the system must not start
    /// a second operation but answer with the first one's reference.
    async fn start(
        &self,
        key: &str,
        server: &ServerRef,
        op: &ServerOperation,
    ) -> Result<String, PortError>;
    async fn poll(&self, reference: &str) -> Result<Progress, PortError>;
}
