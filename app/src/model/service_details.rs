//! What a service stores about itself beyond the common columns (`services.details`), one
//! type per kind, and the rules that read and change it as pure functions. The database keeps
//! it as JSON (the kind is its own column); `server::service_details` reads and writes it.
//!
//! Secrets (root and IP-KVM passwords, the EPP code) are not here: they are kept sealed next
//! to these fields and only `server::secrets` reads or writes them.

use super::domain_order::DomainOrderKind;
use super::{Operation, PowerState, server_rules};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A virtual or dedicated server, as the data centre last reported it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerDetails {
    pub ip: String,
    pub cpu: u32,
    pub ram_gb: u32,
    pub disk_gb: u32,
    pub os: String,
    /// The data centre it was ordered in (`catalogue::OptionKey::Datacentre`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datacentre: Option<String>,
    /// `None` until the data centre reported a change: a server runs until told otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power: Option<PowerState>,
    pub netmask: String,
    pub gateway: String,
    pub mac: String,
    pub reverse_dns: String,
    /// The login name shown with the (sealed) root password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The IP-KVM console, for servers that have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kvm_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kvm_user: Option<String>,
}

impl ServerDetails {
    /// The power state as last reported; a server never reported on runs.
    pub fn power(&self) -> PowerState {
        self.power.unwrap_or(PowerState::Running)
    }
}

/// What the data centre reports about a server it has set up: where it is reached and what it
/// has. Carried as the result of the `Create` operation, `key=value` pairs joined by `;`, so a
/// port's result stays one string (no value may hold `;`). The root password comes with it
/// but is not kept in [`ServerDetails`]: it is stored sealed, by `server::secrets`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerSetup {
    pub ip: String,
    pub netmask: String,
    pub gateway: String,
    pub mac: String,
    pub cpu: u32,
    pub ram_gb: u32,
    pub disk_gb: u32,
    pub username: String,
    pub root_password: String,
}

impl ServerSetup {
    pub fn to_result(&self) -> String {
        format!(
            "ip={};netmask={};gateway={};mac={};cpu={};ram_gb={};disk_gb={};username={};root={}",
            self.ip,
            self.netmask,
            self.gateway,
            self.mac,
            self.cpu,
            self.ram_gb,
            self.disk_gb,
            self.username,
            self.root_password
        )
    }

    /// Reads a result back; `None` unless it names at least the address.
    pub fn parse(result: &str) -> Option<Self> {
        let mut setup = ServerSetup::default();
        for pair in result.split(';') {
            let (key, value) = pair.split_once('=')?;
            let value = value.to_owned();
            match key {
                "ip" => setup.ip = value,
                "netmask" => setup.netmask = value,
                "gateway" => setup.gateway = value,
                "mac" => setup.mac = value,
                "cpu" => setup.cpu = value.parse().ok()?,
                "ram_gb" => setup.ram_gb = value.parse().ok()?,
                "disk_gb" => setup.disk_gb = value.parse().ok()?,
                "username" => setup.username = value,
                "root" => setup.root_password = value,
                _ => {}
            }
        }
        (!setup.ip.is_empty()).then_some(setup)
    }
}

/// A domain at its registry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainDetails {
    pub nameservers: Vec<String>,
    /// The registrar's transfer lock.
    pub locked: bool,
    /// Bought here and not yet at the registry in the portal's name: to be registered, or
    /// transferred in from its holder's registrar. `None` once the registry has done it:
    /// written as null then, since writing merges into the stored fields.
    pub arriving: Option<DomainOrderKind>,
}

/// Archive storage (seed 003).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageDetails {
    pub panel_username: String,
    pub panel_url: String,
    pub space_used_mb: i64,
    pub space_total_mb: i64,
}

impl StorageDetails {
    /// The space bought, in whole gigabytes (what an order for more space doubles).
    pub fn total_gb(&self) -> i64 {
        self.space_total_mb / 1024
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostingDetails {
    pub plan: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub panel_url: Option<String>,
    pub disk_used_mb: i64,
    pub disk_total_mb: i64,
    pub traffic_used_gb: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SslDetails {
    pub issuer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
}

/// An addon, renewed with the service it is attached to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddonDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_to: Option<String>,
}

/// A service's details, by its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceDetails {
    Server(ServerDetails),
    Domain(DomainDetails),
    Storage(StorageDetails),
    Hosting(HostingDetails),
    Ssl(SslDetails),
    Addon(AddonDetails),
}

/// Why an operation cannot be asked of a service in its last known state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The operation does not exist for this kind of service: answered like a missing page.
    NotForThisKind,
    /// Not from the current state (reboot a disabled server, lock a locked domain).
    NotNow,
}

impl ServiceDetails {
    pub fn server(&self) -> Option<&ServerDetails> {
        match self {
            ServiceDetails::Server(s) => Some(s),
            _ => None,
        }
    }

    /// Whether `op` may be asked of this service now. The page offers what this allows; the
    /// use case accepts only that.
    pub fn allows(&self, op: Operation) -> Result<(), Refusal> {
        use Operation as O;
        match (self, op) {
            (
                ServiceDetails::Server(server),
                O::Activate | O::Disable | O::Reboot | O::Block | O::Reinstall,
            ) => {
                server_rules::power_transition(op, server.power()).map(drop).ok_or(Refusal::NotNow)
            }
            // A server being set up has no address to name yet.
            (ServiceDetails::Server(server), O::ReverseDns) => match server.power() {
                PowerState::Installing => Err(Refusal::NotNow),
                _ => Ok(()),
            },
            // Nothing can be changed at the registry before the name is there.
            (ServiceDetails::Domain(domain), O::Nameservers | O::Lock | O::Unlock | O::EppCode)
                if domain.arriving.is_some() =>
            {
                Err(Refusal::NotNow)
            }
            (ServiceDetails::Domain(domain), O::Lock) if domain.locked => Err(Refusal::NotNow),
            (ServiceDetails::Domain(domain), O::Unlock) if !domain.locked => Err(Refusal::NotNow),
            (ServiceDetails::Domain(_), O::Nameservers | O::Lock | O::Unlock | O::EppCode) => {
                Ok(())
            }
            _ => Err(Refusal::NotForThisKind),
        }
    }

    /// What a service bought here needs from a data centre or registry once paid: the
    /// operation, its argument, and the details until it is done. A server is set up with
    /// its system image and is `Installing` meanwhile; a domain is registered or transferred
    /// in with its nameservers (it is `arriving` from checkout on). Other kinds need nothing.
    pub fn set_up_when_paid(&self) -> Option<(Operation, String, ServiceDetails)> {
        match self {
            ServiceDetails::Server(server) => {
                let installing =
                    ServerDetails { power: Some(PowerState::Installing), ..server.clone() };
                Some((Operation::Create, server.os.clone(), ServiceDetails::Server(installing)))
            }
            ServiceDetails::Domain(domain) => {
                let op = match domain.arriving? {
                    DomainOrderKind::Registration => Operation::Register,
                    DomainOrderKind::Transfer => Operation::TransferIn,
                };
                Some((op, domain.nameservers.join(", "), self.clone()))
            }
            _ => None,
        }
    }

    /// The details after `op` finished at the data centre or registry. `argument` is what the
    /// job carried (the image, the host name, the nameservers joined by ", "), `result` what
    /// the system answered (a new server's [`ServerSetup`]). The EPP code and the root
    /// password are secrets and are stored apart from these details.
    pub fn after(
        &self,
        op: Operation,
        argument: Option<&str>,
        result: Option<&str>,
    ) -> ServiceDetails {
        let mut next = self.clone();
        let arg = argument.unwrap_or_default();
        match (&mut next, op) {
            (ServiceDetails::Server(server), Operation::Create) => {
                if let Some(setup) = result.and_then(ServerSetup::parse) {
                    server.ip = setup.ip;
                    server.netmask = setup.netmask;
                    server.gateway = setup.gateway;
                    server.mac = setup.mac;
                    server.cpu = setup.cpu;
                    server.ram_gb = setup.ram_gb;
                    server.disk_gb = setup.disk_gb;
                    server.username = Some(setup.username).filter(|u| !u.is_empty());
                }
                server.power = Some(PowerState::Running);
            }
            (
                ServiceDetails::Server(server),
                Operation::Activate | Operation::Disable | Operation::Reboot | Operation::Block,
            ) => {
                let from = server.power();
                server.power = Some(server_rules::power_transition(op, from).unwrap_or(from));
            }
            (ServiceDetails::Server(server), Operation::Reinstall) => {
                server.os = arg.to_owned();
                server.power = Some(PowerState::Running);
            }
            (ServiceDetails::Server(server), Operation::ReverseDns) => {
                server.reverse_dns = arg.to_owned();
            }
            (ServiceDetails::Domain(domain), Operation::Register | Operation::TransferIn) => {
                domain.arriving = None;
            }
            (ServiceDetails::Domain(domain), Operation::Nameservers) => {
                domain.nameservers =
                    arg.split(", ").filter(|s| !s.is_empty()).map(str::to_owned).collect();
            }
            (ServiceDetails::Domain(domain), Operation::Lock) => domain.locked = true,
            (ServiceDetails::Domain(domain), Operation::Unlock) => domain.locked = false,
            _ => {}
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(power: Option<PowerState>) -> ServiceDetails {
        ServiceDetails::Server(ServerDetails { power, ..ServerDetails::default() })
    }

    #[test]
    fn power_operations_follow_the_state_machine() {
        assert_eq!(server(None).allows(Operation::Reboot), Ok(()), "never reported: running");
        let disabled = server(Some(PowerState::Disabled));
        assert_eq!(disabled.allows(Operation::Reboot), Err(Refusal::NotNow));
        assert_eq!(disabled.allows(Operation::Activate), Ok(()));
        let after = disabled.after(Operation::Activate, None, None);
        assert_eq!(after.server().map(ServerDetails::power), Some(PowerState::Running));
        assert_eq!(server(None).allows(Operation::Lock), Err(Refusal::NotForThisKind));
    }

    #[test]
    fn a_server_being_set_up_takes_no_operation_until_it_reports_its_address() {
        use Operation as O;
        let ordered =
            ServiceDetails::Server(ServerDetails { os: "Debian 12".into(), ..Default::default() });
        let Some((op, image, installing)) = ordered.set_up_when_paid() else {
            panic!("a server bought here is set up")
        };
        assert_eq!((op, image.as_str()), (O::Create, "Debian 12"));
        assert_eq!(installing.server().map(ServerDetails::power), Some(PowerState::Installing));
        for op in [O::Activate, O::Disable, O::Reboot, O::Block, O::Reinstall, O::ReverseDns] {
            assert_eq!(installing.allows(op), Err(Refusal::NotNow), "{op:?}");
        }
        assert_eq!(installing.allows(O::Create), Err(Refusal::NotForThisKind), "never asked");
        let setup = ServerSetup {
            ip: "198.18.0.7".into(),
            netmask: "255.254.0.0".into(),
            gateway: "198.18.0.1".into(),
            mac: "52:54:00:00:00:07".into(),
            cpu: 2,
            ram_gb: 4,
            disk_gb: 80,
            username: "root".into(),
            root_password: "Kp2m-7Vq".into(),
        };
        assert_eq!(ServerSetup::parse(&setup.to_result()).map(|s| s.ip), Some(setup.ip.clone()));
        let created = installing.after(O::Create, Some("Debian 12"), Some(&setup.to_result()));
        let s = created.server().cloned().unwrap_or_default();
        assert_eq!((s.ip.as_str(), s.cpu, s.disk_gb), ("198.18.0.7", 2, 80));
        assert_eq!((s.power(), s.username.as_deref()), (PowerState::Running, Some("root")));
        assert_eq!(created.allows(O::Reboot), Ok(()));
        assert_eq!(created.allows(O::ReverseDns), Ok(()));
    }

    #[test]
    fn a_reinstall_boots_the_new_system() {
        let after =
            server(Some(PowerState::Disabled)).after(Operation::Reinstall, Some("Debian 13"), None);
        let s = after.server().cloned().unwrap_or_default();
        assert_eq!((s.os.as_str(), s.power()), ("Debian 13", PowerState::Running));
    }

    #[test]
    fn a_domain_locks_once_and_takes_its_nameservers() {
        let open = ServiceDetails::Domain(DomainDetails::default());
        assert_eq!(open.allows(Operation::Unlock), Err(Refusal::NotNow));
        let locked = open.after(Operation::Lock, None, None);
        assert_eq!(locked.allows(Operation::Lock), Err(Refusal::NotNow));
        assert_eq!(locked.allows(Operation::Unlock), Ok(()));
        let ns = locked.after(Operation::Nameservers, Some("ns1.dns.hu, ns2.dns.hu"), None);
        assert_eq!(
            ns,
            ServiceDetails::Domain(DomainDetails {
                nameservers: vec!["ns1.dns.hu".into(), "ns2.dns.hu".into()],
                locked: true,
                arriving: None,
            })
        );
        assert_eq!(ns.allows(Operation::Reboot), Err(Refusal::NotForThisKind));
    }

    #[test]
    fn a_domain_on_its_way_to_the_registry_takes_no_operation_until_it_is_there() {
        use Operation as O;
        let arriving = ServiceDetails::Domain(DomainDetails {
            nameservers: vec!["ns1.dns.hu".into(), "ns2.dns.hu".into()],
            arriving: Some(DomainOrderKind::Transfer),
            ..DomainDetails::default()
        });
        let asked = arriving.set_up_when_paid().map(|(op, arg, _)| (op, arg));
        assert_eq!(asked, Some((O::TransferIn, "ns1.dns.hu, ns2.dns.hu".to_owned())));
        let there = ServiceDetails::Domain(DomainDetails::default());
        assert_eq!(there.set_up_when_paid(), None, "a name at the registry needs nothing");
        for op in [O::Nameservers, O::Lock, O::Unlock, O::EppCode] {
            assert_eq!(arriving.allows(op), Err(Refusal::NotNow), "{op:?}");
        }
        for op in [O::Register, O::TransferIn] {
            assert_eq!(arriving.allows(op), Err(Refusal::NotForThisKind), "never asked");
        }
        let there = arriving.after(O::TransferIn, None, None);
        assert_eq!(there.allows(O::Lock), Ok(()));
        assert_eq!(there.allows(O::EppCode), Ok(()));
    }

    #[test]
    fn storage_space_in_gigabytes() {
        let s = StorageDetails { space_total_mb: 102_400, ..StorageDetails::default() };
        assert_eq!(s.total_gb(), 100);
    }
}
