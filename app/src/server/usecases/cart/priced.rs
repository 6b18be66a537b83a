//! The cart priced: each line's order lines as checkout would write them, the promo code's
//! discount line, and why a line or the code cannot be bought now. The cart page shows this
//! and checkout writes it, so the two never disagree.

use super::promo;
use crate::i18n::texts;
use crate::model::cart::{AppliedPromo, CartLineView, LineProblem, Promo, PromoRefusal};
use crate::model::lifecycle::Stage;
use crate::model::renewal::{cycle_months, periods, renewed_until};
use crate::model::tax::VatTreatment;
use crate::model::{AppError, Currency, Money, service_detail};
use crate::server::billing::{self, DraftLine};
use crate::server::entities::{cart_lines, customers, promo_codes, services};
use crate::server::lifecycle;
use crate::server::usecases::services::renewal::{
    awaiting_renewal, choice, label, renewal_lines, vat_of,
};
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// One line of the cart with its service, priced.
pub struct Line {
    pub row: cart_lines::Model,
    pub service: services::Model,
    pub view: CartLineView,
    /// The order lines it becomes (the period's, and a restore fee's); empty with a problem.
    pub drafts: Vec<DraftLine>,
    /// The last day a renewal ordered today can be paid and still renew.
    pub deadline: Option<NaiveDate>,
}

pub struct Priced {
    pub customer: customers::Model,
    pub vat: VatTreatment,
    pub lines: Vec<Line>,
    /// The currency of the order: the first line's.
    pub currency: Option<Currency>,
    pub promo: Option<(promo_codes::Model, Promo)>,
    pub refused: Option<PromoRefusal>,
    /// The promo code's line (a negative amount), when it takes something off.
    pub discount: Option<DraftLine>,
}

impl Priced {
    /// Every line of the order checkout makes, in order: the cart's, then the discount.
    pub fn drafts(&self) -> Vec<DraftLine> {
        let lines = self.lines.iter().flat_map(|l| l.drafts.iter().cloned());
        lines.chain(self.discount.clone()).collect()
    }

    /// The renewal periods among the cart's order lines (not restore fees, not the discount):
    /// what a promo code applies to.
    pub fn periods(&self) -> impl Iterator<Item = &DraftLine> {
        self.lines.iter().flat_map(|l| l.drafts.iter()).filter(|d| d.period_months.is_some())
    }

    pub fn applied_promo(&self) -> Option<AppliedPromo> {
        let (_, promo) = self.promo.as_ref()?;
        Some(AppliedPromo {
            code: promo.code.clone(),
            discount: promo.discount,
            net_off: self
                .discount
                .as_ref()
                .zip(self.currency)
                .map(|(line, currency)| Money::new(-line.amounts.net, currency)),
            refused: self.refused,
        })
    }
}

/// The customer's cart lines, oldest first.
pub async fn rows(
    conn: &impl ConnectionTrait,
    customer_id: i64,
) -> Result<Vec<cart_lines::Model>, DbErr> {
    cart_lines::Entity::find()
        .filter(cart_lines::Column::CustomerId.eq(customer_id))
        .order_by_asc(cart_lines::Column::Id)
        .all(conn)
        .await
}

/// Why the service cannot be renewed through the cart today; `None`: it can. The one rule the
/// renew-services page, adding to the cart, the cart page and checkout all apply.
pub async fn problem(
    conn: &impl ConnectionTrait,
    service: &services::Model,
    today: NaiveDate,
) -> Result<Option<LineProblem>, DbErr> {
    let stage = lifecycle::timeline(conn, service).await?.map(|t| t.stage_on(today));
    problem_on(conn, service, stage).await
}

/// [`problem`], for a service whose lifecycle stage today is already known.
pub async fn problem_on(
    conn: &impl ConnectionTrait,
    service: &services::Model,
    stage: Option<Stage>,
) -> Result<Option<LineProblem>, DbErr> {
    if !service_detail::renewable_on(service.kind, service.status, stage) {
        return Ok(Some(LineProblem::NotRenewable));
    }
    if awaiting_renewal(conn, service.customer_id, service.id).await?.is_some() {
        return Ok(Some(LineProblem::AwaitingPayment));
    }
    Ok(None)
}

/// Prices the customer's cart `rows` (their services in `services`, any order) today.
pub async fn price(
    conn: &impl ConnectionTrait,
    customer: customers::Model,
    rows: Vec<cart_lines::Model>,
    services: &[services::Model],
    today: NaiveDate,
) -> Result<Priced, AppError> {
    let vat = vat_of(&customer)?;
    let rate = vat.rate();
    let lang = customer.language;
    let mut currency = None;
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(service) = row.service_id.and_then(|id| services.iter().find(|s| s.id == id))
        else {
            continue;
        };
        let timeline = lifecycle::timeline(conn, service).await?;
        let stage = timeline.as_ref().map(|t| t.stage_on(today));
        let restore_fee = timeline.as_ref().and_then(|t| t.restore_fee_on(today));
        let months = u32::try_from(row.period_months).unwrap_or(0);
        let mut problem = problem_on(conn, service, stage).await?;
        if problem.is_none() && currency.is_some_and(|c| c != service.currency) {
            problem = Some(LineProblem::OtherCurrency);
        }
        let drafts = match problem {
            None => renewal_lines(service, months, restore_fee, rate, lang),
            Some(_) => None,
        };
        // A period no longer offered (the product changed) cannot be bought either.
        let problem = problem.or(drafts.is_none().then_some(LineProblem::NotRenewable));
        let drafts = drafts.unwrap_or_default();
        if problem.is_none() {
            currency.get_or_insert(service.currency);
        }
        let choices: Vec<_> = periods(service.kind, service.billing_cycle)
            .into_iter()
            .filter_map(|m| choice(service, m, restore_fee, rate, lang, today))
            .collect();
        // A line that cannot be bought still shows what its period costs; only the lines
        // that can are in the totals.
        let sum = billing::sum(&drafts);
        let money = |minor| Money::new(minor, service.currency);
        let shown = choices.iter().find(|c| c.months == months);
        let (net, vat, total) = match shown {
            Some(c) if drafts.is_empty() => (c.net, c.vat, c.total),
            _ => (money(sum.net), money(sum.tax), money(sum.total)),
        };
        let view = CartLineView {
            id: row.id,
            service_id: service.id,
            label: label(service),
            months,
            choices,
            net,
            vat,
            total,
            restore_fee,
            until: renewed_until(service.expires_on.or(service.next_due_date), months, today),
            problem,
        };
        let deadline = timeline.as_ref().and_then(|t| t.renewal_deadline(today));
        lines.push(Line { row, service: service.clone(), view, drafts, deadline });
    }
    let promo = promo::applied(conn, customer.id).await?;
    let mut priced =
        Priced { customer, vat, lines, currency, promo, refused: None, discount: None };
    discount(&mut priced, today);
    Ok(priced)
}

/// The promo code's line: its discount on the net price of the period lines it applies to,
/// taxed at the customer's rate like every line.
fn discount(priced: &mut Priced, today: NaiveDate) {
    let Some((_, promo)) = &priced.promo else { return };
    let Some(currency) = priced.currency else { return };
    let products: Vec<Option<i64>> = priced.periods().map(|d| d.product_id).collect();
    if let Some(refusal) = promo.refusal(today, currency, &products) {
        priced.refused = Some(refusal);
        return;
    }
    let eligible: i64 =
        priced.periods().filter(|d| promo.applies_to(d.product_id)).map(|d| d.amounts.net).sum();
    let off = promo.discount.net_off(eligible);
    if off > 0 {
        let description = (texts(priced.customer.language).cart.promo_line)(&promo.code);
        priced.discount = Some(DraftLine::one(-off, priced.vat.rate(), description));
    }
}

/// The customer's services named by `rows`, in id order; `for_update` locks their rows until
/// the transaction ends (checkout).
pub async fn services_of(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    rows: &[cart_lines::Model],
    for_update: bool,
) -> Result<Vec<services::Model>, DbErr> {
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.service_id).collect();
    let query = services::Entity::find()
        .filter(services::Column::CustomerId.eq(customer_id))
        .filter(services::Column::Id.is_in(ids))
        .order_by_asc(services::Column::Id);
    if for_update { query.lock_exclusive() } else { query }.all(conn).await
}
/// The period a service is renewed for when the customer has not chosen: its own cycle.
pub fn default_months(service: &services::Model) -> u32 {
    cycle_months(service.billing_cycle)
}
