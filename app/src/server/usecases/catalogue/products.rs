//! Products on sale in one currency: their price, the periods they are sold for, their options,
//! and the order lines a new service or addon of them becomes. The catalogue, the addons page,
//! the cart and checkout all price with this, so what a page shows is what the proforma says.

use crate::i18n::texts;
use crate::model::catalogue::{
    Choices, ProductOffer, ProductOption, needs_domain, orderable_from_catalogue,
};
use crate::model::renewal::{
    RenewalChoice, cycle_months, cycle_of, offers, period_price, periods, renewed_until,
};
use crate::model::tax::VatRate;
use crate::model::{Currency, Lang, Money, ServiceKind};
use crate::server::billing::{self, DraftLine};
use crate::server::entities::{product_prices, products};
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// A product on sale with its price in one currency.
#[derive(Clone, Debug)]
pub struct Offered {
    pub product: products::Model,
    /// The price of one of its cycles (the shortest it has in the currency): every period on
    /// offer is a whole number of these.
    pub price: product_prices::Model,
    pub options: Vec<ProductOption>,
    /// An addon: the kinds of service it attaches to.
    pub fits: Vec<ServiceKind>,
}

impl Offered {
    /// The periods, in months, it is sold for: as a service of its kind is renewed
    /// (`model::renewal::periods`), so a new service can later be renewed for what it was
    /// bought for.
    pub fn periods(&self) -> Vec<u32> {
        periods(self.product.kind, self.price.billing_cycle)
    }

    pub fn offers(&self, months: u32) -> bool {
        offers(self.product.kind, self.price.billing_cycle, months)
    }

    pub fn default_months(&self) -> u32 {
        cycle_months(self.price.billing_cycle)
    }

    /// The lines that order it for `months` with `choices`: the period's (its description
    /// names the choices and the period) and a setup fee's where the product has one. `None`:
    /// the period is not offered.
    pub fn lines(
        &self,
        months: u32,
        choices: &Choices,
        rate: VatRate,
        lang: Lang,
    ) -> Option<Vec<DraftLine>> {
        if !self.offers(months) {
            return None;
        }
        let net = period_price(self.price.amount_minor, self.price.billing_cycle, months)?;
        let t = texts(lang);
        let summary = choices.summary(&self.options);
        let name = &self.product.name;
        let name = if summary.is_empty() { name.clone() } else { format!("{name} ({summary})") };
        let description = format!("{name}, {}", (t.services.period)(months));
        let mut period = DraftLine::one(net, rate, description);
        period.product_id = Some(self.product.id);
        period.billing_cycle = cycle_of(months).map(|c| c.as_str().to_owned());
        period.period_months = Some(i32::try_from(months).unwrap_or(i32::MAX));
        let mut lines = vec![period];
        if self.price.setup_fee_minor > 0 {
            let description = format!("{}: {}", self.product.name, t.catalogue.setup_fee_line);
            let mut fee = DraftLine::one(self.price.setup_fee_minor, rate, description);
            fee.product_id = Some(self.product.id);
            lines.push(fee);
        }
        Some(lines)
    }

    /// One period on offer, priced as its proforma would add its lines up; `until`: the end
    /// of a service bought today.
    pub fn choice(
        &self,
        months: u32,
        rate: VatRate,
        lang: Lang,
        today: NaiveDate,
    ) -> Option<RenewalChoice> {
        let sum = billing::sum(&self.lines(months, &Choices::default(), rate, lang)?);
        let money = |minor| Money::new(minor, self.price.currency);
        Some(RenewalChoice {
            months,
            net: money(sum.net),
            vat: money(sum.tax),
            total: money(sum.total),
            until: renewed_until(None, months, today),
        })
    }

    /// The product as the catalogue and the addons page show it.
    pub fn offer(&self, rate: VatRate, lang: Lang, today: NaiveDate) -> ProductOffer {
        let kind = self.product.kind;
        ProductOffer {
            id: self.product.id,
            name: self.product.name.clone(),
            description: self.product.description.clone(),
            kind,
            periods: self
                .periods()
                .into_iter()
                .filter_map(|months| self.choice(months, rate, lang, today))
                .collect(),
            default_months: self.default_months(),
            setup_fee: (self.price.setup_fee_minor > 0)
                .then(|| Money::new(self.price.setup_fee_minor, self.price.currency)),
            options: self.options.clone(),
            needs_domain: needs_domain(kind),
            orderable: orderable_from_catalogue(kind),
        }
    }
}

/// The active products priced in `currency`, `only` these when given, in catalogue order
/// (by kind, then as created). A product without a price in the currency is not on sale in it.
pub async fn on_sale(
    conn: &impl ConnectionTrait,
    currency: Currency,
    only: Option<&[i64]>,
) -> Result<Vec<Offered>, DbErr> {
    let mut query = products::Entity::find().filter(products::Column::Active.eq(true));
    if let Some(ids) = only {
        query = query.filter(products::Column::Id.is_in(ids.iter().copied()));
    }
    let found = query.order_by_asc(products::Column::Id).all(conn).await?;
    let prices = product_prices::Entity::find()
        .filter(product_prices::Column::ProductId.is_in(found.iter().map(|p| p.id)))
        .filter(product_prices::Column::Currency.eq(currency))
        .all(conn)
        .await?;
    let mut offered: Vec<Offered> = found
        .into_iter()
        .filter_map(|product| {
            let price = prices
                .iter()
                .filter(|p| p.product_id == product.id)
                .min_by_key(|p| cycle_months(p.billing_cycle))?
                .clone();
            Some(Offered {
                options: read(&product.options),
                fits: read(&product.fits),
                product,
                price,
            })
        })
        .collect();
    offered.sort_by_key(|o| ServiceKind::ALL.iter().position(|k| *k == o.product.kind));
    Ok(offered)
}

/// A product's JSON column as its type; missing or unreadable: none (nothing to choose, fits
/// nothing), never an error on a page.
fn read<T: serde::de::DeserializeOwned + Default>(json: &Option<serde_json::Value>) -> T {
    json.clone().and_then(|j| serde_json::from_value(j).ok()).unwrap_or_default()
}

/// A product's name, whether or not it is on sale.
pub async fn name(conn: &impl ConnectionTrait, id: i64) -> Result<Option<String>, DbErr> {
    products::Entity::find_by_id(id)
        .select_only()
        .column(products::Column::Name)
        .into_tuple()
        .one(conn)
        .await
}
