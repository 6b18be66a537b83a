//! The data centre: setting up a customer's new server, its power, reinstall and reverse DNS.

use super::{PortError, Progress};
use async_trait::async_trait;

/// Which server, as the data centre knows it. A server being set up has no address yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerRef {
    pub service_id: i64,
    pub ip: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerOperation {
    /// Sets up a new server of the product `plan` (its code) with the system `image`, in the
    /// data centre the customer chose. Done, it answers with a
    /// [`ServerSetup`](crate::model::service_details::ServerSetup) as its result.
    Create {
        plan: String,
        image: String,
        datacentre: Option<String>,
    },
    Activate,
    Disable,
    Reboot,
    Block,
    Reinstall {
        image: String,
    },
    ReverseDns {
        hostname: String,
    },
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
