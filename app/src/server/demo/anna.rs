//! Anna Schmidt (anna@portico.test): a German private customer with nothing pending.

use super::build::*;
use crate::model::*;
use crate::server::entities::*;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
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
            name: "Anna Schmidt",
            company_name: None,
            email: "anna@portico.test",
            password_hash,
            country: "DE",
            language: Lang::De,
            currency: Currency::Eur,
            tax_id: None,
            address: Some("Großbeerenstraße 12\n10963 Berlin"),
            is_staff: false,
        },
        at(today - days(500), 9),
    )
    .await?;
    let eur = Currency::Eur;
    let domain = service(
        db,
        id,
        eur,
        today,
        Svc {
            kind: ServiceKind::Domain,
            name: "anna-schmidt.de",
            domain: Some("anna-schmidt.de"),
            status: ServiceStatus::Active,
            cycle: BillingCycle::Annual,
            price: 1290,
            expires: Some(200),
            auto_renew: true,
            details: json!({ "nameservers": ["ns1.portico.test", "ns2.portico.test"] }),
        },
    )
    .await?;
    service(
        db,
        id,
        eur,
        today,
        Svc {
            kind: ServiceKind::Hosting,
            name: "Webhosting Basic",
            domain: Some("anna-schmidt.de"),
            status: ServiceStatus::Active,
            cycle: BillingCycle::Annual,
            price: 5900,
            expires: Some(200),
            auto_renew: true,
            details: json!({ "plan": "Basic", "disk_used_mb": 820, "disk_total_mb": 5120 }),
        },
    )
    .await?;
    service(
        db,
        id,
        eur,
        today,
        Svc {
            kind: ServiceKind::Ssl,
            name: "SSL DV",
            domain: Some("anna-schmidt.de"),
            status: ServiceStatus::Active,
            cycle: BillingCycle::Annual,
            price: 2900,
            expires: Some(180),
            auto_renew: true,
            details: json!({ "issuer": "Portico CA" }),
        },
    )
    .await?;
    bill(
        db,
        Bill {
            customer_id: id,
            currency: eur,
            country: "DE",
            order_number: "R-2026-0120",
            order_kind: OrderKind::Renewal,
            service_id: domain,
            description: "anna-schmidt.de – Verlängerung 1 Jahr",
            unit_net: 1290,
            issued: today - days(165),
            due_in: 8,
            paid: true,
        },
    )
    .await?;
    balance_ledger::ActiveModel {
        customer_id: Set(id),
        currency: Set(eur),
        amount_minor: Set(2000),
        reason: Set(LedgerReason::TopUp),
        invoice_id: Set(None),
        payment_id: Set(None),
        created_at: Set(at(today - days(100), 9)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    customers::Entity::update_many()
        .col_expr(customers::Column::BalanceMinor, sea_orm::sea_query::Expr::value(2000_i64))
        .filter(customers::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
