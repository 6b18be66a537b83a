//! The cart priced: each line's order lines as checkout would write them, the promo code's
//! discount line, and why a line or the code cannot be bought now. The cart page shows this
//! and checkout writes it, so the two never disagree.

use super::promo;
use crate::i18n::texts;
use crate::model::cart::{AppliedPromo, CartLineView, LineProblem, Promo, PromoRefusal};
use crate::model::catalogue::{Choices, addon_fits, check_choices};
use crate::model::lifecycle::Stage;
use crate::model::renewal::{RenewalChoice, cycle_months, periods, renewed_until};
use crate::model::tax::{VatRate, VatTreatment};
use crate::model::{AppError, CartLineKind, Currency, Lang, Money, service_detail};
use crate::server::billing::{self, DraftLine};
use crate::server::entities::{cart_lines, customers, promo_codes, services};
use crate::server::lifecycle;
use crate::server::usecases::catalogue::products::{self, Offered};
use crate::server::usecases::services::renewal::{
    Renewing, awaiting_renewal, choice, label, live_addons, renewal_lines, vat_of,
};
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// One line of the cart, priced.
pub struct Line {
    pub row: cart_lines::Model,
    /// A renewal's service.
    pub service: Option<services::Model>,
    /// A new service's or addon's product, while it is on sale.
    pub offered: Option<Offered>,
    /// A new service's choices, as checked again today.
    pub choices: Choices,
    /// An addon's service.
    pub parent: Option<services::Model>,
    pub view: CartLineView,
    /// The order lines it becomes (the period's, and a restore or setup fee's); empty with a
    /// problem.
    pub drafts: Vec<DraftLine>,
    /// A renewal: the last day it can be paid and still renew.
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

    /// The periods among the cart's order lines (renewals, new services, addons; not restore
    /// or setup fees, not the discount): what a promo code applies to.
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

/// Prices the customer's cart `rows` (their services, and the services addons are for, in
/// `services`, any order) today.
pub async fn price(
    conn: &impl ConnectionTrait,
    customer: customers::Model,
    rows: Vec<cart_lines::Model>,
    services: &[services::Model],
    today: NaiveDate,
) -> Result<Priced, AppError> {
    let vat = vat_of(&customer)?;
    let product_ids: Vec<i64> = rows
        .iter()
        .filter(|r| r.kind != CartLineKind::Renewal)
        .filter_map(|r| r.product_id)
        .collect();
    let offered = match product_ids.is_empty() {
        true => Vec::new(),
        false => products::on_sale(conn, customer.currency, Some(&product_ids)).await?,
    };
    let renewed: Vec<i64> = rows
        .iter()
        .filter(|r| r.kind == CartLineKind::Renewal)
        .filter_map(|r| r.service_id)
        .collect();
    let addons = live_addons(conn, &renewed).await?;
    let mut currency = None;
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let mut line = match row.kind {
            CartLineKind::Renewal => {
                let Some(service) =
                    row.service_id.and_then(|id| services.iter().find(|s| s.id == id))
                else {
                    continue;
                };
                let renewing = Renewing { service, addons: &addons, restore_fee: None };
                renewal(conn, row, renewing, vat.rate(), customer.language, today).await?
            }
            CartLineKind::New | CartLineKind::Addon => {
                let priced =
                    new_line(conn, row, &offered, services, vat.rate(), customer.language, today);
                priced.await?
            }
        };
        let line_currency = line.view.total.currency;
        if line.view.problem.is_none() && currency.is_some_and(|c| c != line_currency) {
            line.view.problem = Some(LineProblem::OtherCurrency);
            line.drafts.clear();
        }
        if line.view.problem.is_none() {
            currency.get_or_insert(line_currency);
        }
        lines.push(line);
    }
    let promo = promo::applied(conn, customer.id).await?;
    let mut priced =
        Priced { customer, vat, lines, currency, promo, refused: None, discount: None };
    discount(&mut priced, today);
    Ok(priced)
}

/// A renewal line: the service's period, any restore fee and its addons' share, as its
/// renewal page prices them. The restore fee is read here, from the service's timeline.
async fn renewal(
    conn: &impl ConnectionTrait,
    row: cart_lines::Model,
    mut renewing: Renewing<'_>,
    rate: VatRate,
    lang: Lang,
    today: NaiveDate,
) -> Result<Line, AppError> {
    let service = renewing.service;
    let timeline = lifecycle::timeline(conn, service).await?;
    let stage = timeline.as_ref().map(|t| t.stage_on(today));
    let restore_fee = timeline.as_ref().and_then(|t| t.restore_fee_on(today));
    renewing.restore_fee = restore_fee;
    let months = u32::try_from(row.period_months).unwrap_or(0);
    let problem = problem_on(conn, service, stage).await?;
    let drafts = match problem {
        None => renewal_lines(&renewing, months, rate, lang, today),
        Some(_) => None,
    };
    // A period no longer offered (the product changed) cannot be bought either.
    let problem = problem.or(drafts.is_none().then_some(LineProblem::NotRenewable));
    let choices: Vec<_> = periods(service.kind, service.billing_cycle)
        .into_iter()
        .filter_map(|m| choice(&renewing, m, rate, lang, today))
        .collect();
    let (net, vat, total) =
        shown(&choices, months, drafts.as_deref().unwrap_or_default(), service.currency);
    let view = CartLineView {
        id: row.id,
        kind: row.kind,
        service_id: Some(service.id),
        label: label(service),
        detail: None,
        attached_to: None,
        months,
        choices,
        net,
        vat,
        total,
        restore_fee,
        until: renewed_until(service.expires_on.or(service.next_due_date), months, today),
        problem,
    };
    Ok(Line {
        row,
        service: Some(service.clone()),
        offered: None,
        choices: Choices::default(),
        parent: None,
        view,
        drafts: drafts.unwrap_or_default(),
        deadline: timeline.as_ref().and_then(|t| t.renewal_deadline(today)),
    })
}

/// A new service's or an addon's line: the product's period (and setup fee) with the choices
/// made, if it is still on sale as it was chosen and, for an addon, still fits its service.
async fn new_line(
    conn: &impl ConnectionTrait,
    row: cart_lines::Model,
    offered: &[Offered],
    services: &[services::Model],
    rate: VatRate,
    lang: Lang,
    today: NaiveDate,
) -> Result<Line, AppError> {
    let months = u32::try_from(row.period_months).unwrap_or(0);
    let product = offered.iter().find(|o| Some(o.product.id) == row.product_id).cloned();
    let stored: Choices =
        row.choices.clone().and_then(|j| serde_json::from_value(j).ok()).unwrap_or_default();
    let parent = row.parent_service_id.and_then(|id| services.iter().find(|s| s.id == id)).cloned();
    let checked = product.as_ref().and_then(|o| {
        let kind = o.product.kind;
        let mut checked =
            check_choices(kind, &o.options, &stored.options, stored.domain.as_deref()).ok()?;
        // A domain's nameservers were checked at the domain order's step, which also found
        // whether it is to be registered or transferred in.
        checked.nameservers = stored.nameservers.clone();
        checked.transfer = stored.transfer;
        Some(checked)
    });
    let drafts = product
        .as_ref()
        .zip(checked.as_ref())
        .and_then(|(o, choices)| o.lines(months, choices, rate, lang));
    let unfit = row.kind == CartLineKind::Addon
        && !parent
            .as_ref()
            .zip(product.as_ref())
            .is_some_and(|(s, o)| addon_fits(&o.fits, s.kind, s.status));
    let problem = if drafts.is_none() {
        Some(LineProblem::NotOffered)
    } else if unfit {
        Some(LineProblem::AddonUnfit)
    } else {
        None
    };
    let name = match &product {
        Some(o) => o.product.name.clone(),
        None => product_name(conn, row.product_id).await?,
    };
    let choices: Vec<_> = product
        .iter()
        .flat_map(|o| o.periods().into_iter().filter_map(|m| o.choice(m, rate, lang, today)))
        .collect();
    let currency = product.as_ref().map_or(Currency::Huf, |o| o.price.currency);
    let detail = product.as_ref().map(|o| stored.summary(&o.options)).filter(|s| !s.is_empty());
    let (net, vat, total) =
        shown(&choices, months, drafts.as_deref().unwrap_or_default(), currency);
    let view = CartLineView {
        id: row.id,
        kind: row.kind,
        service_id: None,
        label: name,
        detail,
        attached_to: parent.as_ref().map(label),
        months,
        choices,
        net,
        vat,
        total,
        restore_fee: None,
        until: renewed_until(None, months, today),
        problem,
    };
    Ok(Line {
        row,
        service: None,
        offered: product,
        choices: checked.unwrap_or_default(),
        parent,
        view,
        drafts: if problem.is_none() { drafts.unwrap_or_default() } else { Vec::new() },
        deadline: None,
    })
}

/// The net, VAT and total a line shows: its order lines added up, or, for a line that cannot
/// be bought, what its period would cost (only the lines that can are in the totals).
fn shown(
    choices: &[RenewalChoice],
    months: u32,
    drafts: &[DraftLine],
    currency: Currency,
) -> (Money, Money, Money) {
    let sum = billing::sum(drafts);
    let money = |minor| Money::new(minor, currency);
    match choices.iter().find(|c| c.months == months) {
        Some(c) if drafts.is_empty() => (c.net, c.vat, c.total),
        _ => (money(sum.net), money(sum.tax), money(sum.total)),
    }
}

/// A product's name for a line whose product is no longer on sale.
async fn product_name(conn: &impl ConnectionTrait, id: Option<i64>) -> Result<String, DbErr> {
    let Some(id) = id else { return Ok(String::new()) };
    Ok(products::name(conn, id).await?.unwrap_or_default())
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

/// The customer's services named by `rows` (renewed, or an addon's), in id order; `for_update` locks their rows until
/// the transaction ends (checkout).
pub async fn services_of(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    rows: &[cart_lines::Model],
    for_update: bool,
) -> Result<Vec<services::Model>, DbErr> {
    let ids: Vec<i64> =
        rows.iter().flat_map(|r| [r.service_id, r.parent_service_id]).flatten().collect();
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
