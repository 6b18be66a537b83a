//! Jan Nowak (pl@portico.test): a Polish customer with an expiring domain and a proforma.

use super::build::*;
use crate::model::*;
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr};
use serde_json::json;

pub(super) async fn seed(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    password_hash: String,
) -> Result<(), DbErr> {
    let id = customer(
        db,
        NewCustomer {
            kind: CustomerKind::Person,
            name: "Jan Nowak",
            company_name: None,
            email: "pl@portico.test",
            password_hash,
            country: "PL",
            language: Lang::Pl,
            currency: Currency::Pln,
            tax_id: None,
            address: Some("ul. Żółkiewskiego 12\n90-001 Łódź"),
            is_staff: false,
        },
        at(today - days(300), 9),
    )
    .await?;
    let pln = Currency::Pln;
    let domain = service(
        db,
        id,
        pln,
        today,
        Svc {
            kind: ServiceKind::Domain,
            name: "nowak.pl",
            domain: Some("nowak.pl"),
            status: ServiceStatus::Active,
            cycle: BillingCycle::Annual,
            price: 5900,
            expires: Some(20),
            auto_renew: false,
            details: json!({ "nameservers": ["ns1.portico.test", "ns2.portico.test"] }),
        },
    )
    .await?;
    service(
        db,
        id,
        pln,
        today,
        Svc {
            kind: ServiceKind::Hosting,
            name: "Hosting Standard",
            domain: Some("nowak.pl"),
            status: ServiceStatus::Active,
            cycle: BillingCycle::Annual,
            price: 24900,
            expires: Some(150),
            auto_renew: true,
            details: json!({ "plan": "Standard" }),
        },
    )
    .await?;
    bill(
        db,
        Bill {
            customer_id: id,
            currency: pln,
            country: "PL",
            order_number: "R-2026-0360",
            order_kind: OrderKind::Renewal,
            service_id: domain,
            description: "nowak.pl – odnowienie na 1 rok",
            unit_net: 1016,
            issued: today - days(1),
            due_in: 14,
            paid: false,
        },
    )
    .await?;
    Ok(())
}
