//! The read models of a service's own page (seeds 002 and 003) and of the orders list.

use super::domain_order::DomainOrderKind;
use super::lifecycle::{Stage, Timeline};
use super::money::PricedLine;
use super::{
    BillingCycle, JobStatus, Money, Operation, OrderKind, OrderStatus, PowerState, ServiceKind,
    ServiceStatus, TrafficPeriod,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Expiry dates turn red this many days ahead (seed 003).
pub const EXPIRY_WARNING_DAYS: i64 = 90;
/// The storage bar turns red above this share of the space (seed 003).
pub const SPACE_WARNING_PERCENT: i64 = 70;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub id: i64,
    pub kind: ServiceKind,
    pub name: String,
    pub domain: Option<String>,
    pub status: ServiceStatus,
    pub cycle: BillingCycle,
    pub price: Money,
    pub next_due_date: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    /// Days until `expires_on`; negative once past.
    pub days_left: Option<i64>,
    pub auto_renew: bool,
    /// When the external system last confirmed the state shown, and how many minutes ago.
    pub state_as_of: DateTime<Utc>,
    pub state_age_minutes: i64,
    pub info: ServiceInfo,
    /// Newest first; the unfinished ones are what "in progress" shows.
    pub operations: Vec<OperationView>,
    pub orders: Vec<OrderRow>,
    /// What happens if it is not renewed; none for a service without an end date or one
    /// renewed with another (an addon).
    pub lifecycle: Option<LifecycleView>,
}

impl ServiceDetail {
    pub fn busy(&self) -> bool {
        self.operations.iter().any(|o| o.status.is_unfinished())
    }

    /// Seed 003: the date is red from 90 days before expiry.
    pub fn expiry_warning(&self) -> bool {
        self.days_left.is_some_and(|d| d <= EXPIRY_WARNING_DAYS)
    }

    /// Seed 003: "Renew" shows only while auto-renew is off.
    pub fn shows_renew(&self) -> bool {
        !self.auto_renew && renewable_on(self.kind, self.status, self.stage())
    }

    /// Where the service is in its lifecycle today.
    pub fn stage(&self) -> Option<Stage> {
        self.lifecycle.as_ref().map(|l| l.stage)
    }
}

/// Whether a service can be renewed, or set to renew automatically: the page offers both
/// only when this says so, and the use cases accept them only then. An addon is renewed with
/// the service it is attached to, never on its own; a service that ended cannot be renewed.
pub fn renewable(kind: ServiceKind, status: ServiceStatus) -> bool {
    kind != ServiceKind::Addon
        && matches!(
            status,
            ServiceStatus::Active | ServiceStatus::Suspended | ServiceStatus::Expired
        )
}

/// [`renewable`] on a day the service is in `stage`: not once its timeline has reached
/// deletion, even in the minute before the lifecycle job marks it terminated.
pub fn renewable_on(kind: ServiceKind, status: ServiceStatus, stage: Option<Stage>) -> bool {
    renewable(kind, status) && stage != Some(Stage::Deleted)
}

/// A service's lifecycle as its page shows it: the timeline and today's step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifecycleView {
    pub timeline: Timeline,
    pub stage: Stage,
}

impl JobStatus {
    pub fn is_unfinished(self) -> bool {
        matches!(self, JobStatus::Pending | JobStatus::Running)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ServiceInfo {
    Server(ServerInfo),
    Storage(StorageInfo),
    Hosting(HostingInfo),
    Ssl(SslInfo),
    Domain(DomainInfo),
    Other,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub ip: String,
    pub cpu: u32,
    pub ram_gb: u32,
    pub disk_gb: u32,
    pub os: String,
    pub power: Option<PowerState>,
    pub netmask: String,
    pub gateway: String,
    pub mac: String,
    pub reverse_dns: String,
    /// The IP-KVM console, for servers that have one.
    pub kvm_url: Option<String>,
    /// The images the data centre can install.
    pub os_images: Vec<String>,
}

/// Login data, returned only on request and written to the audit log (seed 002).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessData {
    pub username: String,
    pub password: String,
    pub kvm_user: Option<String>,
    pub kvm_password: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StorageInfo {
    pub panel_username: String,
    pub panel_url: String,
    pub used_mb: i64,
    pub total_mb: i64,
}

impl StorageInfo {
    /// Whole percent, rounded down, so 70.9 % is not yet "above 70 %".
    pub fn percent_used(&self) -> i64 {
        if self.total_mb <= 0 { 0 } else { self.used_mb.saturating_mul(100) / self.total_mb }
    }

    pub fn space_warning(&self) -> bool {
        self.percent_used() > SPACE_WARNING_PERCENT
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HostingInfo {
    pub plan: String,
    pub panel_url: Option<String>,
    pub disk_used_mb: i64,
    pub disk_total_mb: i64,
    pub traffic_used_gb: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SslInfo {
    pub issuer: String,
    pub valid_from: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainInfo {
    pub nameservers: Vec<String>,
    pub locked: bool,
    /// On its way to the registry (`service_details::DomainDetails::arriving`).
    pub arriving: Option<DomainOrderKind>,
    /// Whether the registrar has sent the transfer code the customer asked for. The code
    /// itself is never part of the page: it comes only through the audited reveal.
    pub epp_code_ready: bool,
    pub contacts: Vec<WhoisContact>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhoisContact {
    /// `registrant`, `admin` or `tech`.
    pub role: String,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperationView {
    pub id: i64,
    pub op: Operation,
    pub status: JobStatus,
    pub progress: i32,
    /// What was asked: the image, the hostname, the nameservers.
    pub argument: Option<String>,
    pub requested_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The external system's reason, when it refused.
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrafficChart {
    pub period: TrafficPeriod,
    /// Oldest first; one bar pair each.
    pub buckets: Vec<TrafficBucket>,
    pub total_in: i64,
    pub total_out: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrafficBucket {
    pub start: DateTime<Utc>,
    pub bytes_in: i64,
    pub bytes_out: i64,
}

/// A row of the orders list (seed 002) and of a service's orders (seed 003).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderRow {
    pub id: i64,
    pub number: String,
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub total: Money,
    pub ordered_on: NaiveDate,
    pub service_id: Option<i64>,
    /// The plan: the service's name.
    pub plan: Option<String>,
    pub ip: Option<String>,
    /// End of the service's current billing period.
    pub period_end: Option<NaiveDate>,
    /// The proforma "Pay" pays, while the order awaits payment.
    pub to_pay: Option<crate::model::invoices::Reference>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderPage {
    pub rows: Vec<OrderRow>,
    pub page: u32,
    pub pages: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub order: OrderRow,
    pub lines: Vec<PricedLine>,
    /// 0 % VAT because the customer accounts for it: the order says so.
    pub reverse_charge: bool,
    /// Oldest first.
    pub history: Vec<OrderEvent>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderEvent {
    pub at: DateTime<Utc>,
    /// `created`, `paid`, `cancelled`, `renewal_requested`.
    pub event: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addons_and_ended_services_are_never_renewable() {
        assert!(renewable(ServiceKind::Domain, ServiceStatus::Active));
        assert!(renewable(ServiceKind::Storage, ServiceStatus::Expired));
        assert!(!renewable(ServiceKind::Addon, ServiceStatus::Active), "renewed with its service");
        assert!(!renewable(ServiceKind::Vps, ServiceStatus::Terminated));
        assert!(!renewable(ServiceKind::Vps, ServiceStatus::Cancelled));
    }
}
