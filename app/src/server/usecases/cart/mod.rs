//! The cart (`/cart`, seed 001): renewals the customer collects (from `/services/renew`, one
//! service at a time or all that fall due), new services from the catalogue and addons
//! (`usecases::catalogue`), each with its period, and one promo code, kept on the server so
//! they survive signing out and a second device. Checkout turns it into one
//! order with one proforma ([`checkout`]).

pub mod checkout;
pub mod priced;
pub mod promo;

use crate::model::cart::{CartView, LineProblem, PROMO_CODE_MAX_LEN, PromoRefusal, normalise_code};
use crate::model::forecast::month_of;
use crate::model::renewal::offers;
use crate::model::{AppError, CartLineKind, Money};
use crate::server::context::{AppState, Requester};
use crate::server::db::begin_write;
use crate::server::entities::{cart_lines, cart_promos, customers};
use crate::server::usecases::account::limits::{self, Bucket};
use crate::server::usecases::catalogue::products;
use crate::server::usecases::services::detail::owned;
use crate::server::usecases::services::due;
use crate::server::usecases::services::renewal::customer;
use crate::server::{audit, billing, sessions};
use chrono::{Months, NaiveDate};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// The cart page: every line priced as checkout would order it, the promo code and the totals.
pub async fn view(state: &AppState, who: &Requester) -> Result<CartView, AppError> {
    let today = state.clock.today();
    let customer = customer(&state.db, who.customer_id).await?;
    let rows = priced::rows(&state.db, who.customer_id).await?;
    let services = priced::services_of(&state.db, who.customer_id, &rows, false).await?;
    let priced = priced::price(&state.db, customer, rows, &services, today).await?;
    let drafts = priced.drafts();
    let totals = priced.currency.filter(|_| !drafts.is_empty()).map(|currency| {
        let sum = billing::sum(&drafts);
        let money = |minor| Money::new(minor, currency);
        (money(sum.net), money(sum.tax), money(sum.total))
    });
    Ok(CartView {
        promo: priced.applied_promo(),
        net: totals.map(|t| t.0),
        vat: totals.map(|t| t.1),
        total: totals.map(|t| t.2),
        vat_rate_bp: priced.vat.rate().basis_points(),
        reverse_charge: priced.vat.is_reverse_charge(),
        card: state.card_payments(),
        idempotency_key: sessions::new_token(),
        lines: priced.lines.into_iter().map(|l| l.view).collect(),
    })
}

/// Puts the renewal of one of the customer's services in the cart for `months` (default: its
/// own cycle). A service already in the cart keeps its line; one that cannot be renewed now
/// is refused with the reason.
pub async fn add(
    state: &AppState,
    who: &Requester,
    service_id: i64,
    months: Option<u32>,
) -> Result<(), AppError> {
    let service = owned(&state.db, who.customer_id, service_id).await?;
    if let Some(problem) = priced::problem(&state.db, &service, state.clock.today()).await? {
        return Err(line_refused(problem));
    }
    let months = months.unwrap_or_else(|| priced::default_months(&service));
    if !offers(service.kind, service.billing_cycle, months) {
        return Err(period_not_offered());
    }
    let line = renewal_line(who.customer_id, service_id, months, state.clock.now());
    let added = insert_line(&state.db, line).await?;
    if added {
        audit::customer_action(
            &state.db,
            who.customer_id,
            who.ip.clone(),
            "cart.add",
            ("service", service_id),
            Some(serde_json::json!({ "months": months })),
            state.clock.now(),
        )
        .await?;
    }
    Ok(())
}

/// "Add all" on `/services/renew`: every service falling due within `horizon_days` that can be
/// renewed and is not in the cart yet, each for its own cycle. Returns how many were added.
pub async fn add_due(
    state: &AppState,
    who: &Requester,
    horizon_days: i64,
) -> Result<usize, AppError> {
    let due = due::list(state, who, Some(horizon_days)).await?;
    let mut added = 0;
    for row in due.rows.iter().filter(|r| !r.in_cart && r.awaiting_order_id.is_none()) {
        let line = renewal_line(who.customer_id, row.service_id, row.months, state.clock.now());
        if insert_line(&state.db, line).await? {
            added += 1;
        }
    }
    Ok(added)
}

/// "Renew all of these" on the forecast: every service whose next renewal falls due in `month`
/// (its first day; a date already past counts as this month's) and can go into the cart, each
/// for its own cycle. Returns how many were added.
pub async fn add_month(
    state: &AppState,
    who: &Requester,
    month: NaiveDate,
) -> Result<usize, AppError> {
    let today = state.clock.today();
    let end = month.checked_add_months(Months::new(1)).unwrap_or(month);
    let (upcoming, _) = due::upcoming(state, who, end).await?;
    let mut added = 0;
    for u in upcoming.iter().filter(|u| month_of(u.due.max(today)) == month) {
        if u.in_cart || u.awaiting_order_id.is_some() {
            continue;
        }
        let line = renewal_line(who.customer_id, u.service.id, u.months, state.clock.now());
        if insert_line(&state.db, line).await? {
            added += 1;
        }
    }
    Ok(added)
}

/// A renewal line for the cart: `service_id` for `months`.
fn renewal_line(
    customer_id: i64,
    service_id: i64,
    months: u32,
    now: chrono::DateTime<chrono::Utc>,
) -> cart_lines::ActiveModel {
    cart_lines::ActiveModel {
        customer_id: Set(customer_id),
        kind: Set(CartLineKind::Renewal),
        service_id: Set(Some(service_id)),
        period_months: Set(i32::try_from(months).unwrap_or(i32::MAX)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Adds `line` to the cart. A renewal of a service already in the cart adds nothing (the
/// unique index decides, so two tabs adding the same service make one line); new services and
/// addons have no service yet, and each is a line of its own. Returns whether it was added.
pub(crate) async fn insert_line(
    conn: &impl ConnectionTrait,
    line: cart_lines::ActiveModel,
) -> Result<bool, AppError> {
    let inserted = cart_lines::Entity::insert(line)
        .on_conflict(
            OnConflict::columns([cart_lines::Column::CustomerId, cart_lines::Column::ServiceId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(inserted == 1)
}

/// How many lines the customer's cart has (the pages that fill it say so).
pub(crate) async fn count(conn: &impl ConnectionTrait, customer_id: i64) -> Result<usize, DbErr> {
    let lines = cart_lines::Entity::find()
        .filter(cart_lines::Column::CustomerId.eq(customer_id))
        .count(conn)
        .await?;
    Ok(usize::try_from(lines).unwrap_or(usize::MAX))
}

/// Changes the period of a line to one its service (a renewal) or its product (a new service
/// or addon) is sold for.
pub async fn set_period(
    state: &AppState,
    who: &Requester,
    line_id: i64,
    months: u32,
) -> Result<(), AppError> {
    let line = own_line(&state.db, who.customer_id, line_id).await?;
    let offered = match (line.kind, line.service_id, line.product_id) {
        (CartLineKind::Renewal, Some(service_id), _) => {
            let service = owned(&state.db, who.customer_id, service_id).await?;
            offers(service.kind, service.billing_cycle, months)
        }
        (CartLineKind::New | CartLineKind::Addon, _, Some(product_id)) => {
            let currency = customer(&state.db, who.customer_id).await?.currency;
            let found = products::on_sale(&state.db, currency, Some(&[product_id])).await?;
            found.first().is_some_and(|o| o.offers(months))
        }
        _ => return Err(AppError::NotFound),
    };
    if !offered {
        return Err(period_not_offered());
    }
    cart_lines::Entity::update_many()
        .col_expr(cart_lines::Column::PeriodMonths, Expr::value(i32::try_from(months).unwrap_or(0)))
        .col_expr(cart_lines::Column::UpdatedAt, Expr::value(state.clock.now()))
        .filter(cart_lines::Column::Id.eq(line.id))
        .filter(cart_lines::Column::CustomerId.eq(who.customer_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Takes a line out of the cart. A line already gone (another tab) is not an error.
pub async fn remove(state: &AppState, who: &Requester, line_id: i64) -> Result<(), AppError> {
    cart_lines::Entity::delete_many()
        .filter(cart_lines::Column::Id.eq(line_id))
        .filter(cart_lines::Column::CustomerId.eq(who.customer_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Unknown promo codes a customer may try within the sign-in limits' window (15 minutes):
/// enough for typos, too few to guess codes.
pub const MAX_PROMO_GUESSES: i32 = 10;

/// Applies a promo code to the cart, replacing any other; a code that cannot take anything
/// off the cart as it is now is refused with the reason, and the cart keeps what it had.
/// Unknown codes count against [`MAX_PROMO_GUESSES`], with the sign-in limits' buckets, so
/// codes cannot be found by trying.
pub async fn apply_promo(state: &AppState, who: &Requester, input: &str) -> Result<(), AppError> {
    let now = state.clock.now();
    let bucket = Bucket { key: format!("promo:{}", who.customer_id), limit: MAX_PROMO_GUESSES };
    let Ok(guess) = limits::reserve(&state.db, &[bucket], now).await? else {
        return Err(AppError::RateLimited);
    };
    let code = normalise_code(input);
    let found = if code.is_empty() || code.chars().count() > PROMO_CODE_MAX_LEN {
        None
    } else {
        promo::find(&state.db, &code).await?
    };
    let Some(found) = found else {
        guess.fail(now).await?;
        return Err(promo::refused(PromoRefusal::Unknown));
    };
    guess.release().await?;
    let today = state.clock.today();
    let txn = begin_write(&state.db).await?;
    let customer = customers::Entity::find_by_id(who.customer_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = priced::rows(&txn, who.customer_id).await?;
    let services = priced::services_of(&txn, who.customer_id, &rows, false).await?;
    let priced = priced::price(&txn, customer, rows, &services, today).await?;
    let promo = promo::rules(&txn, &found, who.customer_id).await?;
    let products: Vec<Option<i64>> = priced.periods().map(|d| d.product_id).collect();
    let currency = priced.currency.unwrap_or(priced.customer.currency);
    if let Some(refusal) = promo.refusal(today, currency, &products) {
        return Err(promo::refused(refusal));
    }
    cart_promos::Entity::insert(cart_promos::ActiveModel {
        customer_id: Set(who.customer_id),
        promo_code_id: Set(found.id),
        applied_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(cart_promos::Column::CustomerId)
            .update_columns([cart_promos::Column::PromoCodeId, cart_promos::Column::AppliedAt])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes the promo code off the cart.
pub async fn remove_promo(state: &AppState, who: &Requester) -> Result<(), AppError> {
    cart_promos::Entity::delete_by_id(who.customer_id).exec(&state.db).await?;
    Ok(())
}

async fn own_line(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    line_id: i64,
) -> Result<cart_lines::Model, AppError> {
    cart_lines::Entity::find_by_id(line_id)
        .filter(cart_lines::Column::CustomerId.eq(customer_id))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// A service the cart cannot take, with the reason.
pub fn line_refused(problem: LineProblem) -> AppError {
    AppError::Invalid { field: "service".into(), code: problem.code().into() }
}

fn period_not_offered() -> AppError {
    AppError::Invalid { field: "months".into(), code: "period_not_offered".into() }
}
