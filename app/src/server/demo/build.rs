//! The pieces every demo world is built from: a customer, a service, an order with its
//! proforma (and, when paid, its payment and final invoice), and the product catalogue.

use crate::model::renewal::cycle_months;
use crate::model::tax::{VatRate, price_line};
use crate::model::*;
use crate::server::entities::*;
// The table, not `model::invoices` (the read model), which the glob above also brings in.
use crate::server::entities::{invoices, payments};
use crate::server::{billing, password};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

pub(super) fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()).and_utc()
}

pub(super) fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

pub(super) fn hash(password: &str) -> Result<String, DbErr> {
    password::hash_blocking(password).map_err(|e| DbErr::Custom(e.to_string()))
}

pub(super) struct NewCustomer<'a> {
    pub(super) kind: CustomerKind,
    pub(super) name: &'a str,
    pub(super) company_name: Option<&'a str>,
    pub(super) email: &'a str,
    pub(super) password_hash: String,
    pub(super) country: &'a str,
    pub(super) language: Lang,
    pub(super) currency: Currency,
    pub(super) tax_id: Option<&'a str>,
    /// Printed on the customer's documents, one line per address line.
    pub(super) address: Option<&'a str>,
    pub(super) is_staff: bool,
}

pub(super) async fn customer(
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
        address: Set(c.address.map(str::to_owned)),
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
pub(super) struct Svc<'a> {
    pub(super) kind: ServiceKind,
    pub(super) name: &'a str,
    pub(super) domain: Option<&'a str>,
    pub(super) status: ServiceStatus,
    pub(super) cycle: BillingCycle,
    pub(super) price: i64,
    pub(super) expires: Option<i64>,
    pub(super) auto_renew: bool,
    pub(super) details: serde_json::Value,
}

pub(super) async fn service(
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

pub(super) struct Bill<'a> {
    pub(super) customer_id: i64,
    pub(super) currency: Currency,
    pub(super) country: &'a str,
    pub(super) order_number: &'a str,
    pub(super) order_kind: OrderKind,
    pub(super) service_id: i64,
    pub(super) description: &'a str,
    pub(super) unit_net: i64,
    pub(super) issued: NaiveDate,
    pub(super) due_in: i64,
    pub(super) paid: bool,
}

/// An order with its proforma; when `paid`, also the payment and the final invoice.
pub(super) async fn bill(db: &impl ConnectionTrait, b: Bill<'_>) -> Result<i64, DbErr> {
    let rate = VatRate::standard(b.country)
        .ok_or_else(|| DbErr::Custom(format!("no VAT rate for {}", b.country)))?;
    let line = price_line(b.unit_net, 1, rate);
    let created = at(b.issued, 9);
    // The period each line pays for is the service's, as a renewal made today would say.
    let cycle = services::Entity::find_by_id(b.service_id).one(db).await?.map(|s| s.billing_cycle);
    let months = cycle.map(|c| cycle_months(c) as i32);
    let cycle = cycle.map(|c| c.as_str().to_owned());
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
        billing_cycle: Set(cycle.clone()),
        period_months: Set(months),
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
        let numbered = billing::next_number(db, kind, year).await?;
        let invoice = invoices::ActiveModel {
            customer_id: Set(b.customer_id),
            kind: Set(kind),
            series: Set(numbered.series.to_owned()),
            year: Set(numbered.year),
            seq: Set(numbered.seq),
            number: Set(numbered.number),
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
            billing_cycle: Set(cycle.clone()),
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

/// What restoring a suspended service costs in the demo catalogue: a domain's redemption
/// costs a year's price again, hosting and storage half of theirs; servers and certificates
/// are not restored for a fee.
fn demo_restore_fee(kind: ServiceKind, price: i64) -> i64 {
    match kind {
        ServiceKind::Domain => price,
        ServiceKind::Hosting | ServiceKind::Storage => price / 2,
        _ => 0,
    }
}

/// A demo product: code, kind, name, specification, cycle, its price in HUF, EUR cents and
/// PLN grosze, and its setup fee in the same three.
type CatalogueItem = (
    &'static str,
    ServiceKind,
    &'static str,
    Option<&'static str>,
    BillingCycle,
    [i64; 3],
    [i64; 3],
);

pub(super) async fn catalogue(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    use ServiceKind::{Addon, Dedicated, Domain, Hosting, Ssl, Storage, Vps};
    #[rustfmt::skip]
    let items: [CatalogueItem; 15] = [
        ("domain-hu", Domain, ".hu domain", None, BillingCycle::Annual, [4990, 1390, 5900], [0; 3]),
        ("domain-com", Domain, ".com domain", None, BillingCycle::Annual, [5990, 1590, 6900], [0; 3]),
        ("domain-eu", Domain, ".eu domain", None, BillingCycle::Annual, [3990, 990, 4500], [0; 3]),
        ("hosting-standard", Hosting, "Hosting Standard", Some("10 GB SSD · 20 e-mail · SSL"), BillingCycle::Annual, [19900, 5900, 24900], [0; 3]),
        ("hosting-pro", Hosting, "Hosting Pro", Some("50 GB SSD · 100 e-mail · SSL"), BillingCycle::Annual, [39900, 11900, 49900], [0; 3]),
        ("ssl-dv", Ssl, "SSL DV", Some("DV · 256 bit"), BillingCycle::Annual, [9900, 2900, 11900], [0; 3]),
        ("vps-m", Vps, "VPS M", Some("2 vCPU · 4 GB RAM · 80 GB NVMe"), BillingCycle::Monthly, [10000, 2900, 11900], [0; 3]),
        ("vps-l", Vps, "VPS L", Some("4 vCPU · 8 GB RAM · 160 GB NVMe"), BillingCycle::Monthly, [18000, 4900, 19900], [0; 3]),
        ("dedicated-ds2", Dedicated, "Dedicated DS-2", Some("8 core · 64 GB RAM · 2 × 1 TB NVMe"), BillingCycle::Monthly, [59000, 15900, 64900], [20000, 5900, 24900]),
        ("storage-100", Storage, "Archive storage 100 GB", None, BillingCycle::Annual, [24000, 6900, 28900], [0; 3]),
        ("storage-500", Storage, "Archive storage 500 GB", None, BillingCycle::Annual, [96000, 26900, 109000], [0; 3]),
        ("addon-backup", Addon, "Backup 100 GB", Some("VPS · Dedicated"), BillingCycle::Monthly, [1500, 490, 1900], [0; 3]),
        ("addon-ipv4", Addon, "IPv4 +1", Some("VPS · Dedicated"), BillingCycle::Monthly, [1200, 350, 1500], [0; 3]),
        ("addon-mail", Addon, "E-mail +50 GB", Some("Hosting"), BillingCycle::Annual, [6000, 1700, 7200], [0; 3]),
        ("addon-ssl-wildcard", Addon, "SSL Wildcard", Some("Hosting"), BillingCycle::Annual, [29900, 8900, 34900], [0; 3]),
    ];
    let server_options = serde_json::json!([
        { "key": "os", "choices": [
            { "code": "debian-12", "label": "Debian 12" },
            { "code": "ubuntu-24.04", "label": "Ubuntu 24.04 LTS" },
            { "code": "almalinux-9", "label": "AlmaLinux 9" },
        ] },
        { "key": "datacentre", "choices": [
            { "code": "bud1", "label": "Budapest (BUD1)" },
            { "code": "fra1", "label": "Frankfurt am Main (FRA1)" },
        ] },
    ]);
    for (code, kind, name, specification, cycle, prices, setup_fees) in items {
        let fits = match code {
            "addon-backup" | "addon-ipv4" => Some(serde_json::json!(["vps", "dedicated"])),
            "addon-mail" | "addon-ssl-wildcard" => Some(serde_json::json!(["hosting"])),
            _ => None,
        };
        let product = products::ActiveModel {
            code: Set(code.to_owned()),
            kind: Set(kind),
            name: Set(name.to_owned()),
            description: Set(specification.map(str::to_owned)),
            active: Set(true),
            // The kind's days (`model::lifecycle::Policy::default_for`).
            grace_days: Set(None),
            suspension_days: Set(None),
            options: Set(matches!(kind, Vps | Dedicated).then(|| server_options.clone())),
            fits: Set(fits),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let currencies = [Currency::Huf, Currency::Eur, Currency::Pln];
        for ((currency, amount), setup_fee) in currencies.into_iter().zip(prices).zip(setup_fees) {
            product_prices::ActiveModel {
                product_id: Set(product.id),
                billing_cycle: Set(cycle),
                currency: Set(currency),
                amount_minor: Set(amount),
                setup_fee_minor: Set(setup_fee),
                restore_fee_minor: Set(demo_restore_fee(kind, amount)),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The demo's promo codes (seed 001): `PORTICO10`, 10 % off anything, once per customer; and
/// `WELCOME5000`, 5,000 HUF off, forint carts only.
pub(super) async fn promo_codes(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let today = now.date_naive();
    for (code, percent, amount) in
        [("PORTICO10", Some(10), None), ("WELCOME5000", None, Some(5000))]
    {
        promo_codes::ActiveModel {
            code: Set(code.to_owned()),
            percent: Set(percent),
            amount_minor: Set(amount),
            currency: Set(amount.map(|_| Currency::Huf)),
            valid_from: Set(Some(today - days(30))),
            valid_until: Set(Some(today + days(365))),
            max_uses: Set(None),
            max_uses_per_customer: Set(Some(1)),
            uses: Set(0),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
