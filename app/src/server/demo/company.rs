//! Kovács és Társa Kft. (demo@portico.test): a Hungarian company with something in every
//! dashboard box and services of every kind.

use super::build::*;
use crate::model::*;
use crate::server::entities::*;
use crate::server::secrets::{self, KeyRing};
use chrono::{NaiveDate, TimeDelta};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use serde_json::json;

pub(super) async fn seed(
    db: &impl ConnectionTrait,
    keys: &KeyRing,
    today: NaiveDate,
    password_hash: String,
) -> Result<(), DbErr> {
    let id = customer(
        db,
        NewCustomer {
            kind: CustomerKind::Company,
            name: "Kovács Péter",
            company_name: Some("Kovács és Társa Kft."),
            email: "demo@portico.test",
            password_hash,
            country: "HU",
            language: Lang::Hu,
            currency: Currency::Huf,
            tax_id: Some("12345678-2-42"),
            address: Some("Fő utca 14.\n1011 Budapest"),
            is_staff: false,
        },
        at(today - days(800), 9),
    )
    .await?;
    let huf = Currency::Huf;
    for (role, name, email) in [
        ("owner", "Kovács Péter", "peter@kovacs.hu"),
        ("billing", "Szabó Éva", "szamlazas@kovacs.hu"),
    ] {
        contacts::ActiveModel {
            customer_id: Set(id),
            role: Set(role.to_owned()),
            name: Set(name.to_owned()),
            email: Set(email.to_owned()),
            phone: Set(Some("+36 1 234 5678".to_owned())),
            created_at: Set(at(today - days(800), 9)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    alt_mailboxes::ActiveModel {
        customer_id: Set(id),
        topic: Set(MailTopic::Billing),
        email: Set("szamlazas@kovacs.hu".to_owned()),
        created_at: Set(at(today - days(300), 9)),
        ..Default::default()
    }
    .insert(db)
    .await?;

    use BillingCycle::{Annual, Monthly};
    use ServiceKind::*;
    use ServiceStatus::{Active as On, Cancelled, Suspended};
    let ns = json!({ "nameservers": ["ns1.portico.test", "ns2.portico.test"], "locked": true });
    let mut ids = std::collections::HashMap::new();
    let services: Vec<(&str, Svc)> = vec![
        (
            "kovacs.hu",
            Svc {
                kind: Domain,
                name: "kovacs.hu",
                domain: Some("kovacs.hu"),
                status: On,
                cycle: Annual,
                price: 4990,
                expires: Some(12),
                auto_renew: false,
                details: ns.clone(),
            },
        ),
        (
            "kovacs-tars.hu",
            Svc {
                kind: Domain,
                name: "kovacs-tars.hu",
                domain: Some("kovacs-tars.hu"),
                status: On,
                cycle: Annual,
                price: 4990,
                expires: Some(25),
                auto_renew: false,
                details: ns.clone(),
            },
        ),
        (
            "kovacs-webshop.hu",
            Svc {
                kind: Domain,
                name: "kovacs-webshop.hu",
                domain: Some("kovacs-webshop.hu"),
                status: On,
                cycle: Annual,
                price: 4990,
                expires: Some(5),
                auto_renew: false,
                details: ns.clone(),
            },
        ),
        (
            "kovacsbolt.hu",
            Svc {
                kind: Domain,
                name: "kovacsbolt.hu",
                domain: Some("kovacsbolt.hu"),
                status: On,
                cycle: Annual,
                price: 4990,
                expires: Some(200),
                auto_renew: true,
                details: ns.clone(),
            },
        ),
        (
            "kovacs.eu",
            Svc {
                kind: Domain,
                name: "kovacs.eu",
                domain: Some("kovacs.eu"),
                status: On,
                cycle: Annual,
                price: 3990,
                expires: Some(45),
                auto_renew: false,
                details: ns.clone(),
            },
        ),
        (
            "kovacs.com",
            Svc {
                kind: Domain,
                name: "kovacs.com",
                domain: Some("kovacs.com"),
                status: On,
                cycle: Annual,
                price: 5990,
                expires: Some(300),
                auto_renew: true,
                details: ns.clone(),
            },
        ),
        (
            "kovacs.de",
            Svc {
                kind: Domain,
                name: "kovacs.de",
                domain: Some("kovacs.de"),
                status: On,
                cycle: Annual,
                price: 5990,
                expires: Some(410),
                auto_renew: true,
                details: ns.clone(),
            },
        ),
        (
            "regi-kovacs.hu",
            Svc {
                kind: Domain,
                name: "regi-kovacs.hu",
                domain: Some("regi-kovacs.hu"),
                status: Cancelled,
                cycle: Annual,
                price: 4990,
                expires: Some(-90),
                auto_renew: false,
                details: ns.clone(),
            },
        ),
        (
            "hosting-std",
            Svc {
                kind: Hosting,
                name: "Tárhely Standard",
                domain: Some("kovacs.hu"),
                status: On,
                cycle: Annual,
                price: 19900,
                expires: Some(18),
                auto_renew: false,
                details: json!({ "plan": "Standard", "disk_used_mb": 3120, "disk_total_mb": 10240, "traffic_used_gb": 41, "panel_url": "https://panel.portico.test/kovacs" }),
            },
        ),
        (
            "hosting-pro",
            Svc {
                kind: Hosting,
                name: "Tárhely Pro",
                domain: Some("kovacsbolt.hu"),
                status: On,
                cycle: Annual,
                price: 39900,
                expires: Some(120),
                auto_renew: true,
                details: json!({ "plan": "Pro", "disk_used_mb": 18200, "disk_total_mb": 51200, "traffic_used_gb": 210, "panel_url": "https://panel.portico.test/kovacsbolt" }),
            },
        ),
        (
            "hosting-mail",
            Svc {
                kind: Hosting,
                name: "E-mail csomag",
                domain: Some("kovacs-tars.hu"),
                status: Suspended,
                cycle: Annual,
                price: 9900,
                // Past its 14 days of grace: suspended, restorable for a fee.
                expires: Some(-20),
                auto_renew: false,
                details: json!({ "plan": "Mail", "disk_used_mb": 900, "disk_total_mb": 5120 }),
            },
        ),
        (
            "ssl-shop",
            Svc {
                kind: Ssl,
                name: "SSL DV",
                domain: Some("shop.kovacs.hu"),
                status: On,
                cycle: Annual,
                price: 9900,
                expires: Some(9),
                auto_renew: false,
                details: json!({ "issuer": "Portico CA", "valid_from": (today - days(356)).to_string() }),
            },
        ),
        (
            "ssl-wild",
            Svc {
                kind: Ssl,
                name: "Wildcard SSL",
                domain: Some("*.kovacsbolt.hu"),
                status: On,
                cycle: Annual,
                price: 49900,
                expires: Some(150),
                auto_renew: true,
                details: json!({ "issuer": "Portico CA" }),
            },
        ),
        (
            "vps-m",
            Svc {
                kind: Vps,
                name: "VPS M",
                domain: Some("app.kovacs.hu"),
                status: On,
                cycle: Monthly,
                price: 10000,
                expires: Some(14),
                auto_renew: true,
                details: json!({ "ip": "185.51.190.12", "cpu": 2, "ram_gb": 4, "disk_gb": 80, "os": "Debian 12", "netmask": "255.255.255.0", "gateway": "185.51.190.1", "mac": "52:54:00:3a:11:0c", "reverse_dns": "app.kovacs.hu", "username": "root", "root_password": "Vq7-demo-Kp2m" }),
            },
        ),
        (
            "vps-l",
            Svc {
                kind: Vps,
                name: "VPS L",
                domain: Some("db.kovacs.hu"),
                status: On,
                cycle: Monthly,
                price: 18000,
                expires: Some(14),
                auto_renew: true,
                details: json!({ "ip": "185.51.190.13", "cpu": 4, "ram_gb": 8, "disk_gb": 160, "os": "Ubuntu 24.04", "netmask": "255.255.255.0", "gateway": "185.51.190.1", "mac": "52:54:00:3a:11:0d", "reverse_dns": "db.kovacs.hu", "username": "root", "root_password": "Hx4-demo-Lt9w" }),
            },
        ),
        (
            "dedicated",
            Svc {
                kind: Dedicated,
                name: "Dedikált szerver DS-2",
                domain: Some("backup.kovacs.hu"),
                status: On,
                cycle: Monthly,
                price: 59000,
                expires: Some(22),
                auto_renew: true,
                details: json!({ "ip": "185.51.188.40", "cpu": 8, "ram_gb": 64, "disk_gb": 4000, "os": "Debian 12", "netmask": "255.255.255.192", "gateway": "185.51.188.1", "mac": "0c:c4:7a:91:20:5e", "reverse_dns": "backup.kovacs.hu", "kvm_url": "https://kvm.portico.test/ds2-40", "kvm_user": "kovacs-kvm", "kvm_password": "Kvm-demo-83Rz", "username": "root", "root_password": "Ds2-demo-Wq5n" }),
            },
        ),
        (
            "storage",
            Svc {
                kind: Storage,
                name: "Archív tárhely 100 GB",
                domain: None,
                status: On,
                cycle: Annual,
                price: 24000,
                expires: Some(60),
                auto_renew: false,
                details: json!({ "panel_username": "kovacs-archiv", "panel_url": "https://archive.portico.test", "space_used_mb": 76800, "space_total_mb": 102400 }),
            },
        ),
        (
            "addon-backup",
            Svc {
                kind: Addon,
                name: "Napi mentés",
                domain: Some("app.kovacs.hu"),
                status: On,
                cycle: Monthly,
                price: 1500,
                expires: Some(14),
                auto_renew: true,
                details: json!({ "attached_to": "VPS M" }),
            },
        ),
        (
            "ssl-old",
            Svc {
                kind: Ssl,
                name: "SSL DV",
                domain: Some("regi-kovacs.hu"),
                status: ServiceStatus::Expired,
                cycle: Annual,
                price: 9900,
                // In its 30 days of grace: still renewable at the usual price.
                expires: Some(-25),
                auto_renew: false,
                details: json!({}),
            },
        ),
        (
            "domain-pl",
            Svc {
                kind: Domain,
                name: "kovacs.pl",
                domain: Some("kovacs.pl"),
                status: On,
                cycle: Annual,
                price: 5900,
                expires: Some(330),
                auto_renew: true,
                details: ns,
            },
        ),
    ];
    for (key, mut svc) in services {
        // Passwords are sealed for their service's id: insert without them, then seal.
        let plain = secrets::take_plain(&mut svc.details);
        let mut details = svc.details.clone();
        let sid = service(db, id, huf, today, svc).await?;
        if !plain.is_empty() {
            for (field, value) in plain {
                secrets::write(keys, sid, &mut details, field, &value)
                    .map_err(|e| DbErr::Custom(e.to_string()))?;
            }
            services::Entity::update_many()
                .col_expr(services::Column::Details, Expr::value(details))
                .filter(services::Column::Id.eq(sid))
                .exec(db)
                .await?;
        }
        ids.insert(key, sid);
    }
    let sid = |k: &str| ids.get(k).copied().unwrap_or_default();
    // The daily backup is VPS M's addon: renewing VPS M brings it to VPS M's new end.
    services::Entity::update_many()
        .col_expr(services::Column::ParentId, Expr::value(sid("vps-m")))
        .filter(services::Column::Id.eq(sid("addon-backup")))
        .exec(db)
        .await?;
    // The suspended e-mail package is a catalogue product's, so its page shows the product's
    // restore fee.
    let hosting = products::Entity::find()
        .filter(products::Column::Code.eq("hosting-standard"))
        .one(db)
        .await?
        .map(|p| p.id);
    services::Entity::update_many()
        .col_expr(services::Column::ProductId, Expr::value(hosting))
        .filter(services::Column::Id.eq(sid("hosting-mail")))
        .exec(db)
        .await?;

    // Paid history: proformas with their final invoices.
    let paid = [
        ("R-2026-0311", "vps-m", "VPS M – havidíj", 10000, -45),
        ("R-2026-0340", "vps-m", "VPS M – havidíj", 10000, -15),
        ("R-2026-0297", "kovacs.com", "kovacs.com – éves díj", 5990, -65),
        ("R-2026-0300", "storage", "Archív tárhely 100 GB – első vásárlás", 24000, -305),
    ];
    for (number, service_key, description, net, issued) in paid {
        bill(
            db,
            Bill {
                customer_id: id,
                currency: huf,
                country: "HU",
                order_number: number,
                order_kind: if number == "R-2026-0300" {
                    OrderKind::FirstPurchase
                } else {
                    OrderKind::Renewal
                },
                service_id: sid(service_key),
                description,
                unit_net: net,
                issued: today + days(issued),
                due_in: 8,
                paid: true,
            },
        )
        .await?;
    }
    // Unpaid proformas: one due soon, one already overdue.
    bill(
        db,
        Bill {
            customer_id: id,
            currency: huf,
            country: "HU",
            order_number: "R-2026-0352",
            order_kind: OrderKind::Renewal,
            service_id: sid("kovacs.hu"),
            description: "kovacs.hu – domain hosszabbítás 1 évre",
            unit_net: 1000,
            issued: today - days(2),
            due_in: 8,
            paid: false,
        },
    )
    .await?;
    bill(
        db,
        Bill {
            customer_id: id,
            currency: huf,
            country: "HU",
            order_number: "R-2026-0349",
            order_kind: OrderKind::Renewal,
            service_id: sid("dedicated"),
            description: "Dedikált szerver DS-2 – havidíj",
            unit_net: 59000,
            issued: today - days(11),
            due_in: 8,
            paid: false,
        },
    )
    .await?;

    // A domain order left at its second step.
    carts::ActiveModel {
        customer_id: Set(id),
        kind: Set("domain_registration".to_owned()),
        step: Set(2),
        data: Set(Some(json!({ "domain": "kovacs-uj.hu" }))),
        status: Set(CartStatus::Open),
        created_at: Set(at(today - days(3), 15)),
        updated_at: Set(at(today - days(3), 16)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // A .hu transfer whose declaration the registry rejected.
    let transfer = carts::ActiveModel {
        customer_id: Set(id),
        kind: Set("domain_transfer".to_owned()),
        step: Set(3),
        data: Set(Some(json!({ "domain": "kovacs-regi.hu" }))),
        status: Set(CartStatus::Completed),
        created_at: Set(at(today - days(9), 10)),
        updated_at: Set(at(today - days(8), 10)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::server::entities::documents::ActiveModel {
        customer_id: Set(id),
        service_id: Set(None),
        cart_id: Set(Some(transfer.id)),
        kind: Set("hu_transfer_declaration".to_owned()),
        file_name: Set("kovacs-regi.hu-atregisztralasi-nyilatkozat.pdf".to_owned()),
        status: Set(DocumentStatus::Rejected),
        rejection_reasons: Set(Some(json!([
            "Hiányzik a keltezés dátuma.",
            "A nyilatkozatot nem a cégjegyzésre jogosult személy írta alá."
        ]))),
        submitted_at: Set(at(today - days(8), 11)),
        reviewed_at: Set(Some(at(today - days(6), 13))),
        ..Default::default()
    }
    .insert(db)
    .await?;

    // Support history.
    for (number, department, subject, priority, status, from_staff_reply) in [
        (
            "T-10231",
            TicketDepartment::Technical,
            "Lassú válaszidő a VPS M szerveren",
            TicketPriority::High,
            TicketStatus::Open,
            false,
        ),
        (
            "T-10177",
            TicketDepartment::Finance,
            "Számlázási cím módosítása",
            TicketPriority::Normal,
            TicketStatus::Closed,
            true,
        ),
    ] {
        let created = at(today - days(if status == TicketStatus::Open { 1 } else { 40 }), 10);
        let ticket = tickets::ActiveModel {
            customer_id: Set(id),
            number: Set(number.to_owned()),
            department: Set(department),
            subject: Set(subject.to_owned()),
            priority: Set(priority),
            status: Set(status),
            order_id: Set(None),
            service_id: Set(if department == TicketDepartment::Technical {
                Some(sid("vps-m"))
            } else {
                None
            }),
            unread_by_customer: Set(false),
            created_at: Set(created),
            updated_at: Set(created + days(1)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ticket_messages::ActiveModel {
            ticket_id: Set(ticket.id),
            from_staff: Set(false),
            author_name: Set("Kovács Péter".to_owned()),
            body: Set(format!("{subject}. Kérem, nézzék meg.")),
            created_at: Set(created),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if from_staff_reply {
            ticket_messages::ActiveModel {
                ticket_id: Set(ticket.id),
                from_staff: Set(true),
                author_name: Set("Portico Support".to_owned()),
                body: Set("Módosítottuk, köszönjük a jelzést.".to_owned()),
                created_at: Set(created + days(1)),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }

    // A year of traffic for each server, deterministic but uneven like real traffic: one
    // sample a day, and one an hour for the last two days so the day chart has its hours.
    for key in ["vps-m", "vps-l", "dedicated"] {
        let service_id = sid(key);
        let daily = (2..365_i64).map(|d| {
            let wave = (d * 37 + service_id * 11) % 23;
            (
                at(today - days(d), 0),
                (2_000 + wave * 180) * 1_000_000,
                (5_000 + wave * 420) * 1_000_000,
            )
        });
        let hourly = (0..48_i64).map(|h| {
            let hour_of_day = (h + 9) % 24;
            // Busier in working hours, like a shop's server.
            let load = if (8..20).contains(&hour_of_day) { 3 } else { 1 };
            let wave = (h * 13 + service_id * 7) % 11;
            let sampled = at(today, 9) - TimeDelta::hours(h);
            (sampled, (40 + wave * 6) * load * 1_000_000, (110 + wave * 15) * load * 1_000_000)
        });
        let rows: Vec<traffic_samples::ActiveModel> = daily
            .chain(hourly)
            .map(|(sampled_at, bytes_in, bytes_out)| traffic_samples::ActiveModel {
                service_id: Set(service_id),
                sampled_at: Set(sampled_at),
                bytes_in: Set(bytes_in),
                bytes_out: Set(bytes_out),
                ..Default::default()
            })
            .collect();
        traffic_samples::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}
