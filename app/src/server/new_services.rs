//! New services and addons bought through the cart (seed 001 "new order"): created pending at
//! checkout, so the order's lines and the customer's services name them; started when the
//! order is paid; cancelled with an order that is cancelled or lapses unpaid.
//!
//! Starting a service marks it active with its period. A server is then set up by the data
//! centre, a domain registered or transferred in by the registry: a job (`server::jobs`) on
//! the `Provisioner` or `Registrar` port is queued in the same transaction as the payment, so
//! a paid service is set up once and an unpaid one never. The other kinds are ready when paid.

use crate::model::catalogue::{Choices, OptionKey};
use crate::model::domain_order::DomainOrderKind;
use crate::model::renewal::renewed_until;
use crate::model::service_details::{
    AddonDetails, DomainDetails, HostingDetails, ServerDetails, ServiceDetails, SslDetails,
};
use crate::model::{ServiceKind, ServiceStatus};
use crate::server::entities::{order_lines, services};
use crate::server::jobs::{self, NewJob};
use crate::server::service_details;
use crate::server::usecases::catalogue::products::Offered;
use crate::server::usecases::services::renewal::label;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};

/// Creates the service a cart line orders, pending until its order is paid: the product's
/// kind, name, cycle and price, the choices made, and for an addon the service it is for.
pub async fn create_pending(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    offered: &Offered,
    choices: &Choices,
    parent: Option<&services::Model>,
    now: DateTime<Utc>,
) -> Result<services::Model, DbErr> {
    let product = &offered.product;
    let chosen = |key: OptionKey| {
        let code = choices.options.get(&key)?;
        let option = offered.options.iter().find(|o| o.key == key)?;
        option.choices.iter().find(|c| &c.code == code).map(|c| c.label.clone())
    };
    let details = match product.kind {
        ServiceKind::Vps | ServiceKind::Dedicated => Some(ServiceDetails::Server(ServerDetails {
            os: chosen(OptionKey::Os).unwrap_or_default(),
            datacentre: chosen(OptionKey::Datacentre),
            ..Default::default()
        })),
        ServiceKind::Hosting => Some(ServiceDetails::Hosting(HostingDetails {
            plan: product.name.clone(),
            ..Default::default()
        })),
        ServiceKind::Ssl => Some(ServiceDetails::Ssl(SslDetails::default())),
        ServiceKind::Addon => {
            Some(ServiceDetails::Addon(AddonDetails { attached_to: parent.map(label) }))
        }
        ServiceKind::Domain => Some(ServiceDetails::Domain(DomainDetails {
            nameservers: choices.nameservers.clone(),
            locked: true,
            arriving: Some(if choices.transfer {
                DomainOrderKind::Transfer
            } else {
                DomainOrderKind::Registration
            }),
        })),
        ServiceKind::Storage => None,
    };
    services::ActiveModel {
        customer_id: Set(customer_id),
        product_id: Set(Some(product.id)),
        kind: Set(product.kind),
        // A domain is known by its name, as every domain in the portal is.
        name: Set(match (product.kind, &choices.domain) {
            (ServiceKind::Domain, Some(domain)) => domain.clone(),
            _ => product.name.clone(),
        }),
        domain: Set(choices.domain.clone().or_else(|| parent.and_then(|p| p.domain.clone()))),
        status: Set(ServiceStatus::Pending),
        billing_cycle: Set(offered.price.billing_cycle),
        currency: Set(offered.price.currency),
        price_minor: Set(offered.price.amount_minor),
        next_due_date: Set(None),
        expires_on: Set(None),
        auto_renew: Set(false),
        details: Set(details.map(|d| service_details::write(None, &d))),
        parent_id: Set(parent.map(|p| p.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}

/// Starts a pending service whose order was paid today: active for the `months` bought, and
/// a server's set-up asked of the data centre. Returns the end of that first period.
pub async fn start(
    conn: &impl ConnectionTrait,
    service: services::Model,
    months: u32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<NaiveDate, DbErr> {
    let until = renewed_until(None, months, today);
    let mut active: services::ActiveModel = service.clone().into();
    if let Some((op, argument, details)) = service_details::read(&service).set_up_when_paid() {
        let job = NewJob {
            customer_id: service.customer_id,
            service_id: service.id,
            op,
            argument: Some(argument),
        };
        jobs::enqueue(conn, job, now).await?;
        active.details = Set(Some(service_details::write(service.details.as_ref(), &details)));
    }
    active.status = Set(ServiceStatus::Active);
    active.next_due_date = Set(Some(until));
    active.expires_on = Set(Some(until));
    active.updated_at = Set(now);
    active.update(conn).await?;
    Ok(until)
}

/// Cancels the services still pending on the order `order_id` (it was cancelled or lapsed):
/// they were never started, and no payment can start them now.
pub async fn cancel_pending(
    conn: &impl ConnectionTrait,
    order_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let ids: Vec<i64> = order_lines::Entity::find()
        .select_only()
        .column(order_lines::Column::ServiceId)
        .filter(order_lines::Column::OrderId.eq(order_id))
        .filter(order_lines::Column::ServiceId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(conn)
        .await?
        .into_iter()
        .flatten()
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    services::Entity::update_many()
        .col_expr(services::Column::Status, Expr::value(ServiceStatus::Cancelled.as_str()))
        .col_expr(services::Column::UpdatedAt, Expr::value(now))
        .filter(services::Column::Id.is_in(ids))
        .filter(services::Column::Status.eq(ServiceStatus::Pending))
        .exec(conn)
        .await?;
    Ok(())
}
