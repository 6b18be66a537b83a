//! Renewing a service and buying more space (seeds 000, 002 and 003): an order awaiting payment
//! for the service, with its proforma, at the chosen period's price plus VAT, at most one of
//! each kind at a time.

use super::detail::{owned, owned_for_update};
use crate::i18n::texts;
use crate::model::lifecycle::Timeline;
use crate::model::renewal::{
    LIVE_ADDON, PERIOD_ORDERS, RenewalChoice, RenewalOptions, WaitingRenewal, addon_catch_up,
    cycle_months, cycle_of, offers, period_price, periods, renewed_until,
};
use crate::model::service_detail;
use crate::model::service_details::ServiceDetails;
use crate::model::tax::{Buyer, VatRate, VatTreatment, vat_for};
use crate::model::{AppError, Lang, Money, OrderKind, OrderStatus, ServiceKind};
use crate::server::billing::DraftLine;
use crate::server::context::{AppState, Requester};
use crate::server::db::{ONE_ORDER_AWAITING_PAYMENT, begin_write, violates};
use crate::server::entities::{customers, order_lines, orders, services};
use crate::server::usecases::orders::proformas_to_pay;
use crate::server::{audit, billing, lifecycle, mail};
use crate::server::{sequences, service_details};
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait, Set,
};

/// What asking for a renewal or more space made (or found waiting): the order, and the
/// proforma that pays it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordered {
    pub order_id: i64,
    pub proforma_id: i64,
}

/// The renewal page of a service (seed 000): each period on offer priced as its proforma
/// would be, how it can be paid, and the renewal that already awaits payment, if any.
pub async fn options(
    state: &AppState,
    who: &Requester,
    service_id: i64,
) -> Result<RenewalOptions, AppError> {
    let service = owned(&state.db, who.customer_id, service_id).await?;
    let today = state.clock.today();
    let timeline = lifecycle::timeline(&state.db, &service).await?;
    if !renewable_on(&service, timeline.as_ref(), today) {
        return Err(AppError::Conflict);
    }
    let customer = customer(&state.db, who.customer_id).await?;
    let vat = vat_of(&customer)?;
    let restore_fee = timeline.as_ref().and_then(|t| t.restore_fee_on(today));
    let addons = live_addons(&state.db, &[service_id]).await?;
    let choices = periods(service.kind, service.billing_cycle)
        .into_iter()
        .filter_map(|months| {
            let renewing = Renewing { service: &service, addons: &addons, restore_fee };
            choice(&renewing, months, vat.rate(), customer.language, today)
        })
        .collect();
    let waiting = match awaiting_renewal(&state.db, who.customer_id, service_id).await? {
        Some(order) => Some(WaitingRenewal {
            proforma_id: proforma_to_pay(&state.db, who.customer_id, order.id).await?,
            order_id: order.id,
            order_number: order.number,
            total: Money::new(order.total_minor, order.currency),
        }),
        None => None,
    };
    Ok(RenewalOptions {
        service_id,
        label: label(&service),
        expires_on: service.expires_on,
        days_left: service.expires_on.map(|end| (end - today).num_days()),
        stage: timeline.as_ref().map(|t| t.stage_on(today)),
        deadline: timeline.as_ref().and_then(|t| t.renewal_deadline(today)),
        restore_fee,
        addons: addons.iter().map(label).collect(),
        choices,
        default_months: cycle_months(service.billing_cycle),
        vat_rate_bp: vat.rate().basis_points(),
        reverse_charge: vat.is_reverse_charge(),
        card: state.card_payments(),
        idempotency_key: crate::server::sessions::new_token(),
        waiting,
    })
}

/// Asks to renew a service for `months` (seed 000: the customer chooses the period; seed 002
/// "Auftrag verlängern"): a renewal order awaiting payment, at that period's price plus VAT,
/// and its proforma. Asking again while one awaits payment returns that order instead of a
/// second one, whatever period the new request names.
pub async fn renew(
    state: &AppState,
    who: &Requester,
    service_id: i64,
    months: u32,
) -> Result<Ordered, AppError> {
    service_order(state, who, service_id, OrderKind::Renewal, Some(months), None).await
}

/// [`renew`], for the period ending on `due` only: refused ([`AppError::Conflict`]) when the
/// service's due date is no longer `due`, because a payment renewed it since the caller looked.
/// The check is made under the service's row lock, so a job that decided on a stale reading
/// (automatic renewal) never renews a second period.
pub async fn renew_due(
    state: &AppState,
    who: &Requester,
    service_id: i64,
    months: u32,
    due: NaiveDate,
) -> Result<Ordered, AppError> {
    service_order(state, who, service_id, OrderKind::Renewal, Some(months), Some(due)).await
}

/// Asks for more archive space (seed 003 "Aumenta spazio"): an upgrade order awaiting payment
/// that doubles the space, priced like the current plan. Like a renewal, asking again returns
/// the waiting order. Only storage services have space to increase.
pub async fn increase_space(
    state: &AppState,
    who: &Requester,
    service_id: i64,
) -> Result<Ordered, AppError> {
    service_order(state, who, service_id, OrderKind::Upgrade, None, None).await
}

/// `months`: the renewal's period; `None` for one billing cycle (an upgrade is priced like
/// the current plan for its cycle). `due`: the due date the caller saw, if it must still be
/// the service's (see [`renew_due`]).
async fn service_order(
    state: &AppState,
    who: &Requester,
    service_id: i64,
    kind: OrderKind,
    months: Option<u32>,
    due: Option<NaiveDate>,
) -> Result<Ordered, AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // "No order awaits payment yet" is read before the order is written: the service row stays
    // locked until commit, so a second request for it (a double click, another tab) waits here
    // and then finds this order.
    let service = owned_for_update(&txn, who.customer_id, service_id).await?;
    if due.is_some_and(|due| service.expires_on.or(service.next_due_date) != Some(due)) {
        return Err(AppError::Conflict);
    }
    let today = now.date_naive();
    let timeline = lifecycle::timeline(&txn, &service).await?;
    if !renewable_on(&service, timeline.as_ref(), today) {
        return Err(AppError::Conflict);
    }
    if kind == OrderKind::Upgrade && service.kind != ServiceKind::Storage {
        return Err(AppError::NotFound);
    }
    let months = months.unwrap_or_else(|| cycle_months(service.billing_cycle));
    if !offers(service.kind, service.billing_cycle, months) {
        return Err(period_not_offered());
    }
    let awaiting = match kind {
        OrderKind::Renewal => awaiting_renewal(&txn, who.customer_id, service_id).await?,
        _ => awaiting_payment(&txn, who.customer_id, service_id, kind).await?,
    };
    if let Some(order) = awaiting {
        return waiting(&txn, who.customer_id, order.id).await;
    }
    let (customer, contact) = mail::outbox::BillingContact::with_customer(&txn, who.customer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let vat = vat_of(&customer)?;
    // Restoring a suspended service costs the product's fee on top: a line of its own.
    let restore_fee = match kind {
        OrderKind::Renewal => timeline.as_ref().and_then(|t| t.restore_fee_on(today)),
        _ => None,
    };
    // Its addons are renewed with it (to its new end); more space is for the service alone.
    let addons = match kind {
        OrderKind::Renewal => live_addons(&txn, &[service_id]).await?,
        _ => Vec::new(),
    };
    let renewing = Renewing { service: &service, addons: &addons, restore_fee };
    let lines = lines_for(&renewing, kind, months, vat.rate(), customer.language, today)
        .ok_or_else(period_not_offered)?;
    let number = order_number(&txn, now.year()).await?;
    let inserted = orders::ActiveModel {
        customer_id: Set(who.customer_id),
        number: Set(number),
        kind: Set(kind),
        status: Set(OrderStatus::AwaitingPayment),
        currency: Set(service.currency),
        total_minor: Set(billing::sum(&lines).total),
        service_id: Set(Some(service_id)),
        reverse_charge: Set(vat.is_reverse_charge()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let order = match inserted {
        Ok(order) => order,
        // The partial unique index is the last guard behind the row lock: whatever slipped
        // past it is answered like a repeated request, with the order that is waiting.
        Err(err) if violates(&err, &ONE_ORDER_AWAITING_PAYMENT) => {
            txn.rollback().await?;
            let order = awaiting_payment(&state.db, who.customer_id, service_id, kind).await?;
            let order_id = order.ok_or(AppError::Conflict)?.id;
            return waiting(&state.db, who.customer_id, order_id).await;
        }
        Err(err) => return Err(err.into()),
    };
    let lines = billing::insert_order_lines(&txn, order.id, lines).await?;
    // A renewal is paid by the end of the step it was ordered in (seed 000: before the due
    // date), and otherwise lapses; within the usual days to pay.
    let due = billing::proforma_due(today);
    let due = match (kind, timeline.as_ref().and_then(|t| t.renewal_deadline(today))) {
        (OrderKind::Renewal, Some(deadline)) => due.min(deadline),
        _ => due,
    };
    audit::customer_action(
        &txn,
        who.customer_id,
        who.ip.clone(),
        if kind == OrderKind::Upgrade { "order.upgrade" } else { "order.renew" },
        ("order", order.id),
        Some(serde_json::json!({ "service": service_id, "months": months })),
        now,
    )
    .await?;
    // Seed 000: "as soon as you renew a service, a proforma is created", in this transaction.
    // Last, as its number locks the proforma series until commit (see `issue_proforma`).
    let proforma = billing::issue_proforma(&txn, &order, &lines, due, now).await?;
    mail::outbox::queue_document(&txn, &state.settings, &contact, &proforma, now).await?;
    txn.commit().await?;
    Ok(Ordered { order_id: order.id, proforma_id: proforma.id })
}

/// Whether the service can be renewed today (`service_detail::renewable_on`, by its status
/// and by where its timeline is today, whether or not the job has marked it yet).
fn renewable_on(service: &services::Model, timeline: Option<&Timeline>, today: NaiveDate) -> bool {
    let stage = timeline.map(|t| t.stage_on(today));
    service_detail::renewable_on(service.kind, service.status, stage)
}

/// A service about to be renewed, with what its renewal brings along: its live addons
/// ([`live_addons`]; those of other services are ignored) and the restore fee due today, if any
/// (from its timeline).
pub(crate) struct Renewing<'a> {
    pub service: &'a services::Model,
    pub addons: &'a [services::Model],
    pub restore_fee: Option<Money>,
}

/// The addons attached to the services `parent_ids` that are still running, by id: a
/// renewal of their service brings them to its new end (`model::renewal::addon_catch_up`).
pub(crate) async fn live_addons(
    conn: &impl ConnectionTrait,
    parent_ids: &[i64],
) -> Result<Vec<services::Model>, DbErr> {
    if parent_ids.is_empty() {
        return Ok(Vec::new());
    }
    services::Entity::find()
        .filter(services::Column::Kind.eq(ServiceKind::Addon))
        .filter(services::Column::ParentId.is_in(parent_ids.iter().copied()))
        .filter(services::Column::Status.is_in(LIVE_ADDON))
        .order_by_asc(services::Column::Id)
        .all(conn)
        .await
}

/// The lines that renew a service for `months` today: the period's, the restore fee's where
/// one is due, and one per addon not yet paid to the service's new end. `None`: the period is
/// not offered. The renewal page, the cart and both checkouts price with this.
pub(crate) fn renewal_lines(
    renewing: &Renewing<'_>,
    months: u32,
    rate: VatRate,
    lang: Lang,
    today: NaiveDate,
) -> Option<Vec<DraftLine>> {
    lines_for(renewing, OrderKind::Renewal, months, rate, lang, today)
}

/// One period on offer, priced as its proforma would add its lines up.
pub(crate) fn choice(
    renewing: &Renewing<'_>,
    months: u32,
    rate: VatRate,
    lang: Lang,
    today: NaiveDate,
) -> Option<RenewalChoice> {
    let service = renewing.service;
    let sum = billing::sum(&renewal_lines(renewing, months, rate, lang, today)?);
    let money = |minor| Money::new(minor, service.currency);
    Some(RenewalChoice {
        months,
        net: money(sum.net),
        vat: money(sum.tax),
        total: money(sum.total),
        until: renewed_until(service.expires_on.or(service.next_due_date), months, today),
    })
}

/// The lines of a `kind` order for the service: one for the period (a renewal's, or the more
/// space priced like the plan), a restore fee's if given, and each addon's to the new end.
fn lines_for(
    renewing: &Renewing<'_>,
    kind: OrderKind,
    months: u32,
    rate: VatRate,
    lang: Lang,
    today: NaiveDate,
) -> Option<Vec<DraftLine>> {
    let Renewing { service, addons, restore_fee } = *renewing;
    if !offers(service.kind, service.billing_cycle, months) {
        return None;
    }
    let net = period_price(service.price_minor, service.billing_cycle, months)?;
    let mut period = DraftLine::one(net, rate, line_description(service, kind, months, lang));
    period.product_id = service.product_id;
    period.service_id = Some(service.id);
    // A period no cycle names (a 5-year domain) has only its months.
    period.billing_cycle = cycle_of(months).map(|c| c.as_str().to_owned());
    period.period_months = Some(i32::try_from(months).unwrap_or(i32::MAX));
    let mut lines = vec![period];
    if let Some(fee) = restore_fee {
        let description = format!("{}: {}", label(service), texts(lang).services.restore_fee);
        let mut line = DraftLine::one(fee.minor, rate, description);
        line.product_id = service.product_id;
        line.service_id = Some(service.id);
        lines.push(line);
    }
    let until = renewed_until(service.expires_on.or(service.next_due_date), months, today);
    for addon in addons.iter().filter(|a| a.parent_id == Some(service.id)) {
        let Some(paid_until) = addon.expires_on.or(addon.next_due_date) else { continue };
        let Some(net) = addon_catch_up(addon.price_minor, addon.billing_cycle, paid_until, until)
        else {
            continue;
        };
        let until = crate::format::date(until, lang);
        let description = (texts(lang).services.addon_until)(&label(addon), &until);
        let mut line = DraftLine::one(net, rate, description);
        line.product_id = addon.product_id;
        // No period: the addon is not renewed on its own, it follows its service (fulfilment
        // brings it to the service's new end).
        line.service_id = Some(addon.id);
        lines.push(line);
    }
    Some(lines)
}

fn period_not_offered() -> AppError {
    AppError::Invalid { field: "months".into(), code: "period_not_offered".into() }
}

pub(crate) async fn customer(
    conn: &impl ConnectionTrait,
    customer_id: i64,
) -> Result<customers::Model, AppError> {
    customers::Entity::find_by_id(customer_id).one(conn).await?.ok_or(AppError::NotFound)
}

/// The VAT the customer is charged, as on every document made for them.
pub(crate) fn vat_of(customer: &customers::Model) -> Result<VatTreatment, AppError> {
    vat_for(&Buyer {
        country: &customer.country,
        kind: customer.kind,
        vat_id: customer.tax_id.as_deref(),
    })
    .map_err(|err| {
        tracing::warn!(customer = customer.id, "order refused: {err}");
        AppError::Invalid { field: "country".into(), code: "vat_unknown_country".into() }
    })
}

/// An order that awaits payment, answered like the one just made: with its proforma.
async fn waiting(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    order_id: i64,
) -> Result<Ordered, AppError> {
    let proforma_id =
        proforma_to_pay(conn, customer_id, order_id).await?.ok_or(AppError::Conflict)?;
    Ok(Ordered { order_id, proforma_id })
}

/// What "Pay" pays for the order, as on the orders pages: its proforma, while payable.
async fn proforma_to_pay(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    order_id: i64,
) -> Result<Option<i64>, DbErr> {
    let to_pay = proformas_to_pay(conn, customer_id, [order_id]).await?;
    Ok(to_pay.get(&order_id).map(|proforma| proforma.id))
}

/// The renewal of the service that awaits payment, if any: an order of its own or a line of a
/// cart's order. At most one, because every path that orders a renewal reads this under the
/// service's row lock.
pub(crate) async fn awaiting_renewal(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    service_id: i64,
) -> Result<Option<orders::Model>, DbErr> {
    orders::Entity::find()
        .join(JoinType::InnerJoin, orders::Relation::OrderLines.def())
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(orders::Column::Kind.is_in(PERIOD_ORDERS))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .filter(order_lines::Column::ServiceId.eq(service_id))
        .filter(order_lines::Column::PeriodMonths.is_not_null())
        .one(conn)
        .await
}

/// The service's order of `kind` that awaits payment, if any (at most one: a unique index).
async fn awaiting_payment(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    service_id: i64,
    kind: OrderKind,
) -> Result<Option<orders::Model>, DbErr> {
    orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(orders::Column::ServiceId.eq(service_id))
        .filter(orders::Column::Kind.eq(kind))
        .filter(orders::Column::Status.eq(OrderStatus::AwaitingPayment))
        .one(conn)
        .await
}

/// The line as the documents print it, in the customer's language: a renewal longer than the
/// service's own cycle says for how long, since the line's price is that many cycles.
fn line_description(service: &services::Model, kind: OrderKind, months: u32, lang: Lang) -> String {
    if let (OrderKind::Upgrade, ServiceDetails::Storage(storage)) =
        (kind, service_details::read(service))
    {
        return format!("{}: +{} GB", service.name, storage.total_gb());
    }
    let name = label(service);
    if months == cycle_months(service.billing_cycle) {
        return name;
    }
    format!("{name}, {}", (texts(lang).services.period)(months))
}

/// The service as the renewal page, its document line and its reminders name it: "VPS M (app.kovacs.hu)",
/// or a domain's name alone.
pub(crate) fn label(service: &services::Model) -> String {
    match &service.domain {
        Some(d) if *d != service.name => format!("{} ({d})", service.name),
        _ => service.name.clone(),
    }
}

/// Order numbers come from their own gap-free yearly series, `R-2026-00001`.
pub(crate) async fn order_number(conn: &impl ConnectionTrait, year: i32) -> Result<String, DbErr> {
    let seq = sequences::next(conn, "ORDER", year).await?;
    Ok(format!("R-{year}-{seq:05}"))
}
