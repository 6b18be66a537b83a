//! The services area (`/services`, `/services/{id}`): the list, and one service's page with
//! what can be asked of it.

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod auto_renew;
mod calendar;
mod detail;
mod forecast;
mod lifecycle;
mod list;
mod reminders;
mod renewal;

use app::model::{BillingCycle, Currency, ServiceKind, ServiceStatus};
use app::server::clock::Clock;
use app::server::entities::services;
use chrono::TimeDelta;
use common::TestApp;
use sea_orm::{ActiveModelTrait, Set};

/// A service of `kind` due in `days` (its expiry, or for a server its next due date).
pub(crate) async fn own_service(
    app: &TestApp,
    customer_id: i64,
    (kind, name, status): (ServiceKind, &str, ServiceStatus),
    days: i64,
) -> i64 {
    let now = app.clock.now();
    let due = app.clock.today() + TimeDelta::days(days);
    let server = matches!(kind, ServiceKind::Vps);
    services::ActiveModel {
        customer_id: Set(customer_id),
        product_id: Set(None),
        kind: Set(kind),
        name: Set(name.to_owned()),
        domain: Set(Some(name.to_owned())),
        status: Set(status),
        billing_cycle: Set(if server { BillingCycle::Monthly } else { BillingCycle::Annual }),
        currency: Set(Currency::Huf),
        price_minor: Set(4990),
        next_due_date: Set(server.then_some(due)),
        expires_on: Set((!server).then_some(due)),
        auto_renew: Set(false),
        details: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap()
    .id
}
