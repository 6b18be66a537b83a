//! The demo world: a deterministic set of customers, services, orders and invoices placed
//! relative to "today", so the dashboard always has something due. Also a scale mode that
//! adds many customers and invoices for benchmarks.

use super::entities::*;
use super::password;
use super::secrets::{self, KeyRing};
use super::sequences;
use crate::model::tax::{VatRate, price_line};
use crate::model::*;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};
use serde_json::json;

pub const DEMO_PASSWORD: &str = "portico-demo";
pub const STAFF_PASSWORD: &str = "portico-staff";

/// Every demo and scale-set customer has an address under this domain (reserved for
/// testing by RFC 2606's `.test`), so a database that holds any other customer is not a demo.
pub const DEMO_EMAIL_DOMAIN: &str = "portico.test";

/// How many customers in the database are not demo customers: reloading the demo wipes the
/// database, so the command line refuses while this is not zero (unless forced). A database
/// without the schema yet has none.
pub async fn real_customers(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    match customers::Entity::find()
        .filter(customers::Column::Email.not_like(format!("%@{DEMO_EMAIL_DOMAIN}")))
        .filter(customers::Column::Email.not_like(format!("%.{DEMO_EMAIL_DOMAIN}")))
        .count(db)
        .await
    {
        Ok(n) => Ok(n),
        // No customers table: a fresh database.
        Err(err) if db.execute_unprepared("SELECT 1 FROM customers LIMIT 1").await.is_err() => {
            tracing::debug!("no customers table yet: {err}");
            Ok(0)
        }
        Err(err) => Err(err),
    }
}

fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()).and_utc()
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

fn hash(password: &str) -> Result<String, DbErr> {
    password::hash_blocking(password).map_err(|e| DbErr::Custom(e.to_string()))
}

struct NewCustomer<'a> {
    kind: CustomerKind,
    name: &'a str,
    company_name: Option<&'a str>,
    email: &'a str,
    password_hash: String,
    country: &'a str,
    language: Lang,
    currency: Currency,
    tax_id: Option<&'a str>,
    is_staff: bool,
}

async fn customer(
    db: &impl ConnectionTrait,
    c: NewCustomer<'_>,
    created: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let model = customers::ActiveModel {
        kind: Set(c.kind),
        name: Set(c.name.to_owned()),
        company_name: Set(c.company_name.map(str::to_owned)),
        email: Set(c.email.to_owned()),
        password_hash: Set(c.password_hash),
        country: Set(c.country.to_owned()),
        language: Set(c.language),
        currency: Set(c.currency),
        tax_id: Set(c.tax_id.map(str::to_owned)),
        phone: Set(None),
        address: Set(None),
        balance_minor: Set(0),
        auto_renew: Set(false),
        is_staff: Set(c.is_staff),
        code_word_hash: Set(None),
        created_at: Set(created),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.id)
}

/// One service row; `expires` and `due` are offsets from today in days.
struct Svc<'a> {
    kind: ServiceKind,
    name: &'a str,
    domain: Option<&'a str>,
    status: ServiceStatus,
    cycle: BillingCycle,
    price: i64,
    expires: Option<i64>,
    auto_renew: bool,
    details: serde_json::Value,
}

async fn service(
    db: &impl ConnectionTrait,
    customer_id: i64,
    currency: Currency,
    today: NaiveDate,
    s: Svc<'_>,
) -> Result<i64, DbErr> {
    let expires_on = s.expires.map(|d| today + days(d));
    let model = services::ActiveModel {
        customer_id: Set(customer_id),
        product_id: Set(None),
        kind: Set(s.kind),
        name: Set(s.name.to_owned()),
        domain: Set(s.domain.map(str::to_owned)),
        status: Set(s.status),
        billing_cycle: Set(s.cycle),
        currency: Set(currency),
        price_minor: Set(s.price),
        next_due_date: Set(expires_on),
        expires_on: Set(expires_on),
        auto_renew: Set(s.auto_renew),
        details: Set(Some(s.details)),
        created_at: Set(at(today - days(400), 10)),
        updated_at: Set(at(today - days(30), 10)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.id)
}

/// Takes the next gap-free number of a series for the year.
async fn next_number(
    db: &impl ConnectionTrait,
    series: &str,
    year: i32,
) -> Result<(i32, String), DbErr> {
    let seq = sequences::next(db, series, year).await?;
    let seq = i32::try_from(seq).map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok((seq, format!("{series}{:02}-{seq:05}", year % 100)))
}

struct Bill<'a> {
    customer_id: i64,
    currency: Currency,
    country: &'a str,
    order_number: &'a str,
    order_kind: OrderKind,
    service_id: i64,
    description: &'a str,
    unit_net: i64,
    issued: NaiveDate,
    due_in: i64,
    paid: bool,
}

/// An order with its proforma; when `paid`, also the payment and the final invoice.
async fn bill(db: &impl ConnectionTrait, b: Bill<'_>) -> Result<i64, DbErr> {
    let rate = VatRate::standard(b.country)
        .ok_or_else(|| DbErr::Custom(format!("no VAT rate for {}", b.country)))?;
    let line = price_line(b.unit_net, 1, rate);
    let created = at(b.issued, 9);
    let order = orders::ActiveModel {
        customer_id: Set(b.customer_id),
        number: Set(b.order_number.to_owned()),
        kind: Set(b.order_kind),
        status: Set(if b.paid { OrderStatus::Active } else { OrderStatus::AwaitingPayment }),
        currency: Set(b.currency),
        total_minor: Set(line.total),
        service_id: Set(Some(b.service_id)),
        created_at: Set(created),
        updated_at: Set(created),
        ..Default::default()
    }
    .insert(db)
    .await?;
    order_lines::ActiveModel {
        order_id: Set(order.id),
        product_id: Set(None),
        service_id: Set(Some(b.service_id)),
        description: Set(b.description.to_owned()),
        billing_cycle: Set(None),
        quantity: Set(1),
        unit_price_minor: Set(b.unit_net),
        amount_minor: Set(line.net),
        tax_rate_bp: Set(rate.0 as i32),
        tax_minor: Set(line.tax),
        total_minor: Set(line.total),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let year = b.issued.year();
    let paid_at = b.paid.then(|| at(b.issued + days(2), 14));
    let mut proforma_id = None;
    for kind in [InvoiceKind::Proforma, InvoiceKind::Invoice] {
        if kind == InvoiceKind::Invoice && !b.paid {
            break;
        }
        let series = if kind == InvoiceKind::Proforma { "DBK" } else { "VRS" };
        let (seq, number) = next_number(db, series, year).await?;
        let invoice = invoices::ActiveModel {
            customer_id: Set(b.customer_id),
            kind: Set(kind),
            series: Set(series.to_owned()),
            year: Set(year),
            seq: Set(seq),
            number: Set(number),
            status: Set(if b.paid { InvoiceStatus::Paid } else { InvoiceStatus::Unpaid }),
            currency: Set(b.currency),
            net_minor: Set(line.net),
            tax_minor: Set(line.tax),
            total_minor: Set(line.total),
            reverse_charge: Set(false),
            issue_date: Set(if kind == InvoiceKind::Invoice {
                b.issued + days(2)
            } else {
                b.issued
            }),
            due_date: Set(b.issued + days(b.due_in)),
            paid_at: Set(paid_at),
            proforma_id: Set(if kind == InvoiceKind::Invoice { proforma_id } else { None }),
            order_id: Set(Some(order.id)),
            created_at: Set(created),
            ..Default::default()
        }
        .insert(db)
        .await?;
        invoice_lines::ActiveModel {
            invoice_id: Set(invoice.id),
            service_id: Set(Some(b.service_id)),
            description: Set(b.description.to_owned()),
            quantity: Set(1),
            unit_price_minor: Set(b.unit_net),
            net_minor: Set(line.net),
            tax_rate_bp: Set(rate.0 as i32),
            tax_minor: Set(line.tax),
            total_minor: Set(line.total),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if kind == InvoiceKind::Proforma {
            proforma_id = Some(invoice.id);
            if let Some(paid_at) = paid_at {
                payments::ActiveModel {
                    customer_id: Set(b.customer_id),
                    invoice_id: Set(Some(invoice.id)),
                    method: Set(PaymentMethod::Card),
                    gateway: Set("sandbox".to_owned()),
                    gateway_txn_id: Set(Some(format!("demo-{}", invoice.id))),
                    status: Set(PaymentStatus::Succeeded),
                    currency: Set(b.currency),
                    amount_minor: Set(line.total),
                    idempotency_key: Set(None),
                    created_at: Set(paid_at),
                    settled_at: Set(Some(paid_at)),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(order.id)
}

async fn catalogue(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    // (code, kind, name, monthly or yearly net price in HUF, EUR cents, PLN grosze)
    #[rustfmt::skip]
    let items: [(&str, ServiceKind, &str, BillingCycle, [i64; 3]); 10] = [
        ("domain-hu", ServiceKind::Domain, ".hu domain", BillingCycle::Annual, [4990, 1390, 5900]),
        ("domain-com", ServiceKind::Domain, ".com domain", BillingCycle::Annual, [5990, 1590, 6900]),
        ("domain-eu", ServiceKind::Domain, ".eu domain", BillingCycle::Annual, [3990, 990, 4500]),
        ("hosting-standard", ServiceKind::Hosting, "Hosting Standard", BillingCycle::Annual, [19900, 5900, 24900]),
        ("hosting-pro", ServiceKind::Hosting, "Hosting Pro", BillingCycle::Annual, [39900, 11900, 49900]),
        ("ssl-dv", ServiceKind::Ssl, "SSL DV", BillingCycle::Annual, [9900, 2900, 11900]),
        ("vps-m", ServiceKind::Vps, "VPS M", BillingCycle::Monthly, [10000, 2900, 11900]),
        ("vps-l", ServiceKind::Vps, "VPS L", BillingCycle::Monthly, [18000, 4900, 19900]),
        ("dedicated-ds2", ServiceKind::Dedicated, "Dedicated DS-2", BillingCycle::Monthly, [59000, 15900, 64900]),
        ("storage-100", ServiceKind::Storage, "Archive storage 100 GB", BillingCycle::Annual, [24000, 6900, 28900]),
    ];
    for (code, kind, name, cycle, prices) in items {
        let product = products::ActiveModel {
            code: Set(code.to_owned()),
            kind: Set(kind),
            name: Set(name.to_owned()),
            description: Set(None),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (currency, amount) in
            [Currency::Huf, Currency::Eur, Currency::Pln].into_iter().zip(prices)
        {
            product_prices::ActiveModel {
                product_id: Set(product.id),
                billing_cycle: Set(cycle),
                currency: Set(currency),
                amount_minor: Set(amount),
                setup_fee_minor: Set(0),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Loads the demo world into an empty, migrated database. The servers' passwords are
/// sealed with `keys` (the public development key unless `PORTICO_SECRET_KEYS` is set).
pub async fn seed(
    db: &sea_orm::DatabaseConnection,
    keys: &KeyRing,
    today: NaiveDate,
) -> Result<(), DbErr> {
    let (demo_hash, staff_hash) = tokio::task::spawn_blocking(|| -> Result<_, DbErr> {
        Ok((hash(DEMO_PASSWORD)?, hash(STAFF_PASSWORD)?))
    })
    .await
    .map_err(|e| DbErr::Custom(e.to_string()))??;
    let txn = db.begin().await?;
    let now = at(today, 8);
    catalogue(&txn, now).await?;
    seed_company(&txn, keys, today, demo_hash.clone()).await?;
    seed_anna(&txn, today, demo_hash.clone()).await?;
    seed_polish(&txn, today, demo_hash).await?;
    customer(
        &txn,
        NewCustomer {
            kind: CustomerKind::Person,
            name: "Portico Support",
            company_name: None,
            email: "staff@portico.test",
            password_hash: staff_hash,
            country: "HU",
            language: Lang::En,
            currency: Currency::Huf,
            tax_id: None,
            is_staff: true,
        },
        now,
    )
    .await?;
    txn.commit().await
}

async fn seed_company(
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
                expires: Some(-10),
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
                expires: Some(-60),
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
        data: Set(Some(json!({ "domain": "kovacs-uj.hu", "years": 1 }))),
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
    documents::ActiveModel {
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

async fn seed_anna(
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
        reason: Set("top_up".to_owned()),
        invoice_id: Set(None),
        payment_id: Set(None),
        created_at: Set(at(today - days(100), 9)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    customers::Entity::update_many()
        .col_expr(customers::Column::BalanceMinor, sea_orm::sea_query::Expr::value(2000))
        .filter(customers::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

async fn seed_polish(
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

/// Adds `customers` customers sharing `invoices` paid invoices (and gives the demo company a
/// long history too), in batches, for benchmarks. Numbers use their own series "SCL".
pub async fn seed_scale(
    db: &sea_orm::DatabaseConnection,
    today: NaiveDate,
    customers: u32,
    invoices: u32,
) -> Result<(), DbErr> {
    const BATCH: u32 = 1000;
    let password_hash = tokio::task::spawn_blocking(|| hash(DEMO_PASSWORD))
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))??;
    let created = at(today - days(365), 9);
    let txn = db.begin().await?;
    for start in (0..customers).step_by(BATCH as usize) {
        let rows: Vec<customers::ActiveModel> = (start..(start + BATCH).min(customers))
            .map(|i| customers::ActiveModel {
                kind: Set(CustomerKind::Person),
                name: Set(format!("Scale Customer {i}")),
                company_name: Set(None),
                email: Set(format!("customer{i}@scale.portico.test")),
                password_hash: Set(password_hash.clone()),
                country: Set("HU".to_owned()),
                language: Set(Lang::Hu),
                currency: Set(Currency::Huf),
                tax_id: Set(None),
                phone: Set(None),
                address: Set(None),
                balance_minor: Set(0),
                auto_renew: Set(false),
                is_staff: Set(false),
                code_word_hash: Set(None),
                created_at: Set(created),
                ..Default::default()
            })
            .collect();
        customers::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    // Ids are consecutive within the scale set; find where it starts.
    let first_id = customers::Entity::find()
        .filter(customers::Column::Email.like("%@scale.portico.test"))
        .order_by_asc(customers::Column::Id)
        .one(db)
        .await?
        .map(|c| c.id)
        .unwrap_or(1);
    let demo_id = customers::Entity::find()
        .filter(customers::Column::Email.eq("demo@portico.test"))
        .one(db)
        .await?
        .map(|c| c.id)
        .unwrap_or(first_id);
    let year = today.year();
    let txn = db.begin().await?;
    for start in (0..invoices).step_by(BATCH as usize) {
        let rows: Vec<invoices::ActiveModel> = (start..(start + BATCH).min(invoices))
            .map(|i| {
                // Every tenth invoice belongs to the demo company: a long paid history that
                // the dashboard must not get slower with.
                let customer_id = if i % 10 == 0 || customers == 0 {
                    demo_id
                } else {
                    first_id + i64::from(i % customers.max(1))
                };
                let issued = today - days(i64::from(i % 700));
                let seq = i as i32 + 1;
                invoices::ActiveModel {
                    customer_id: Set(customer_id),
                    kind: Set(InvoiceKind::Invoice),
                    series: Set("SCL".to_owned()),
                    year: Set(year),
                    seq: Set(seq),
                    number: Set(format!("SCL{:02}-{seq:07}", year % 100)),
                    status: Set(InvoiceStatus::Paid),
                    currency: Set(Currency::Huf),
                    net_minor: Set(10_000),
                    tax_minor: Set(2_700),
                    total_minor: Set(12_700),
                    reverse_charge: Set(false),
                    issue_date: Set(issued),
                    due_date: Set(issued + days(8)),
                    paid_at: Set(Some(at(issued, 12))),
                    proforma_id: Set(None),
                    order_id: Set(None),
                    created_at: Set(at(issued, 9)),
                    ..Default::default()
                }
            })
            .collect();
        invoices::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await
}
