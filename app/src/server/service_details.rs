//! Reads and writes a service's typed details ([`ServiceDetails`]) from and to its JSON
//! column. The kind decides the type. Writing merges into the stored object, so keys the
//! type does not know (the sealed secrets, which only `secrets` touches) stay as they are.

use super::entities::services;
use crate::model::ServiceKind;
use crate::model::service_details::{ServerDetails, ServiceDetails};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The service's details; a missing or malformed field reads as its default (an empty
/// string, 0, no date), so a half-filled row still shows what it has.
pub fn read(service: &services::Model) -> ServiceDetails {
    let json = service.details.clone().unwrap_or(Value::Null);
    match service.kind {
        ServiceKind::Vps | ServiceKind::Dedicated => ServiceDetails::Server(parse(json)),
        ServiceKind::Domain => ServiceDetails::Domain(parse(json)),
        ServiceKind::Storage => ServiceDetails::Storage(parse(json)),
        ServiceKind::Hosting => ServiceDetails::Hosting(parse(json)),
        ServiceKind::Ssl => ServiceDetails::Ssl(parse(json)),
        ServiceKind::Addon => ServiceDetails::Addon(parse(json)),
    }
}

fn parse<T: DeserializeOwned + Default>(json: Value) -> T {
    serde_json::from_value(json).unwrap_or_else(|err| {
        tracing::warn!("service details do not parse, shown as empty: {err}");
        T::default()
    })
}

/// `stored` with the fields of `details` written over it; every other key is kept.
pub fn write(stored: Option<&Value>, details: &ServiceDetails) -> Value {
    let fields = match details {
        ServiceDetails::Server(d) => serde_json::to_value(d),
        ServiceDetails::Domain(d) => serde_json::to_value(d),
        ServiceDetails::Storage(d) => serde_json::to_value(d),
        ServiceDetails::Hosting(d) => serde_json::to_value(d),
        ServiceDetails::Ssl(d) => serde_json::to_value(d),
        ServiceDetails::Addon(d) => serde_json::to_value(d),
    };
    let mut merged = match stored {
        Some(Value::Object(map)) => map.clone(),
        _ => Map::new(),
    };
    if let Ok(Value::Object(fields)) = fields {
        merged.extend(fields);
    }
    Value::Object(merged)
}

/// Details as JSON for a new service (the demo, and ordering later).
pub fn new_json(details: &ServiceDetails) -> Value {
    write(None, details)
}

/// The server's details, when the service is a server.
pub fn server(service: &services::Model) -> Option<ServerDetails> {
    match read(service) {
        ServiceDetails::Server(server) => Some(server),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::service_details::{DomainDetails, StorageDetails};
    use crate::model::{Operation, PowerState};
    use serde_json::json;

    #[test]
    fn writing_keeps_the_keys_it_does_not_know() {
        let stored = json!({ "ip": "192.0.2.1", "root_password_sealed": "sealed:v1:dev:xyz" });
        let details = ServiceDetails::Server(ServerDetails {
            ip: "192.0.2.1".into(),
            ..ServerDetails::default()
        })
        .after(Operation::Disable, None, None);
        let written = write(Some(&stored), &details);
        assert_eq!(written["root_password_sealed"], "sealed:v1:dev:xyz");
        assert_eq!(written["power"], "disabled");
        assert_eq!(written["ip"], "192.0.2.1");
    }

    #[test]
    fn details_round_trip_through_json() {
        let domain =
            DomainDetails { nameservers: vec!["ns1.a.hu".into()], locked: true, arriving: None };
        let json = new_json(&ServiceDetails::Domain(domain.clone()));
        assert_eq!(parse::<DomainDetails>(json), domain);
        let power: ServerDetails = parse(json!({ "power": "blocked", "cpu": 4 }));
        assert_eq!((power.power(), power.cpu), (PowerState::Blocked, 4));
        // A wrong type reads as empty rather than failing the page.
        assert_eq!(
            parse::<StorageDetails>(json!({ "space_used_mb": "lots" })),
            StorageDetails::default()
        );
    }
}
