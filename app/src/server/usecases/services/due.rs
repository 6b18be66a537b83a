//! What falls due: `/services/renew` (seed 001 "renew services": every service due within a
//! horizon, and those past due that can still be renewed, with the price of a period, whether
//! it is in the cart, and the renewal already awaiting payment) and the twelve-month forecast
//! (`/services/forecast`). Both read [`upcoming`], so they agree on what is due and its price.

use crate::model::AppError;
use crate::model::Money;
use crate::model::cart::{DueRow, DueServices, LineProblem, due_horizon};
use crate::model::forecast::{
    Forecast, ForecastItem, ForecastMonth, add_to_totals, due_dates, forecast_end, month_of,
};
use crate::server::context::{AppState, Requester};
use crate::server::entities::{cart_lines, services};
use crate::server::lifecycle::{self, due_date_where, still_running};
use crate::server::usecases::cart::priced;
use crate::server::usecases::services::renewal::{
    Renewing, awaiting_renewal, choice, customer, label, live_addons, vat_of,
};
use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// A service due by some day, as both pages show it.
pub(crate) struct Upcoming {
    pub service: services::Model,
    pub due: NaiveDate,
    /// One period of its own cycle, with VAT (and the restore fee, where one is due today).
    pub total: Money,
    /// The same without a restore fee: what each later period costs.
    pub period_total: Money,
    pub months: u32,
    pub in_cart: bool,
    /// Its renewal that awaits payment.
    pub awaiting_order_id: Option<i64>,
}

/// The customer's services that can be renewed and fall due before `end`, soonest first;
/// also how many lines the cart holds.
pub(crate) async fn upcoming(
    state: &AppState,
    who: &Requester,
    end: NaiveDate,
) -> Result<(Vec<Upcoming>, usize), AppError> {
    let today = state.clock.today();
    let customer = customer(&state.db, who.customer_id).await?;
    let vat = vat_of(&customer)?;
    let candidates = services::Entity::find()
        .filter(services::Column::CustomerId.eq(who.customer_id))
        .filter(still_running())
        .filter(due_date_where(|date| Condition::all().add(date.lt(end))))
        .order_by_asc(services::Column::Id)
        .all(&state.db)
        .await?;
    let in_cart: Vec<Option<i64>> = cart_lines::Entity::find()
        .select_only()
        .column(cart_lines::Column::ServiceId)
        .filter(cart_lines::Column::CustomerId.eq(who.customer_id))
        .into_tuple()
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = candidates.iter().map(|s| s.id).collect();
    let addons = live_addons(&state.db, &ids).await?;
    let mut upcoming = Vec::with_capacity(candidates.len());
    for service in candidates {
        let Some(due) = service.expires_on.or(service.next_due_date) else { continue };
        let timeline = lifecycle::timeline(&state.db, &service).await?;
        let stage = timeline.as_ref().map(|t| t.stage_on(today));
        let awaiting_order_id = match priced::problem_on(&state.db, &service, stage).await? {
            None => None,
            Some(LineProblem::AwaitingPayment) => {
                awaiting_renewal(&state.db, who.customer_id, service.id).await?.map(|o| o.id)
            }
            // Past its last step, or not renewable at all: nothing to offer.
            Some(_) => continue,
        };
        let restore_fee = timeline.as_ref().and_then(|t| t.restore_fee_on(today));
        let months = priced::default_months(&service);
        let price = |addons: &[services::Model], restore_fee| {
            let renewing = Renewing { service: &service, addons, restore_fee };
            choice(&renewing, months, vat.rate(), customer.language, today)
        };
        // After the next renewal its addons run to its end, so each later period costs their
        // months at their own price.
        let coterminous: Vec<services::Model> = addons
            .iter()
            .filter(|a| a.parent_id == Some(service.id))
            .map(|a| services::Model {
                expires_on: Some(due),
                next_due_date: Some(due),
                ..a.clone()
            })
            .collect();
        let (Some(next), Some(later)) = (price(&addons, restore_fee), price(&coterminous, None))
        else {
            continue;
        };
        upcoming.push(Upcoming {
            in_cart: in_cart.contains(&Some(service.id)),
            service,
            due,
            total: next.total,
            period_total: later.total,
            months,
            awaiting_order_id,
        });
    }
    upcoming.sort_by_key(|u| (u.due, u.service.id));
    Ok((upcoming, in_cart.len()))
}

/// `/services/renew`: what falls due within `horizon_days` (one of
/// [`crate::model::cart::DUE_HORIZONS`], else the default), soonest first.
pub async fn list(
    state: &AppState,
    who: &Requester,
    horizon_days: Option<i64>,
) -> Result<DueServices, AppError> {
    let horizon_days = due_horizon(horizon_days);
    let today = state.clock.today();
    let end = today + Duration::days(horizon_days + 1);
    let (upcoming, cart_lines) = upcoming(state, who, end).await?;
    let rows = upcoming
        .into_iter()
        .map(|u| DueRow {
            service_id: u.service.id,
            label: label(&u.service),
            due: u.due,
            days_left: (u.due - today).num_days(),
            months: u.months,
            total: u.total,
            in_cart: u.in_cart,
            awaiting_order_id: u.awaiting_order_id,
        })
        .collect();
    Ok(DueServices { horizon_days, rows, cart_lines })
}

/// `/services/forecast`: this month and the eleven after it, each with the renewals that fall
/// due in it (a monthly service in every month) and their cost per currency. The price is
/// today's; only the next renewal of each service carries a restore fee.
pub async fn forecast(state: &AppState, who: &Requester) -> Result<Forecast, AppError> {
    let today = state.clock.today();
    let end = forecast_end(today);
    let (upcoming, _) = upcoming(state, who, end).await?;
    let mut months: Vec<ForecastMonth> = Vec::new();
    for u in &upcoming {
        for (n, due) in due_dates(u.due, u.months, end).into_iter().enumerate() {
            let next = n == 0;
            let total = if next { u.total } else { u.period_total };
            let item = ForecastItem {
                service_id: u.service.id,
                label: label(&u.service),
                due,
                total,
                next,
                in_cart: next && u.in_cart,
                awaiting: next && u.awaiting_order_id.is_some(),
            };
            // A date already past is due now: this month.
            let month = month_of(due.max(today));
            match months.iter_mut().find(|m| m.month == month) {
                Some(m) => m.items.push(item),
                None => months.push(ForecastMonth { month, items: vec![item], totals: vec![] }),
            }
        }
    }
    months.sort_by_key(|m| m.month);
    for month in &mut months {
        month.items.sort_by_key(|i| (i.due, i.service_id));
        for item in &month.items {
            add_to_totals(&mut month.totals, item.total);
        }
    }
    Ok(Forecast { months })
}
