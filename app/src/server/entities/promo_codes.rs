//! `promo_codes`: A promo code on offer: a percentage off, or a fixed amount off in one
//! currency; valid between two dates (either open); `uses` orders made with it so far, at most
//! `max_uses` in all and `max_uses_per_customer` per customer (empty: no limit).

use crate::model::enums::Currency;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "promo_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Upper case; customers' input is matched in upper case.
    pub code: String,
    pub percent: Option<i32>,
    pub amount_minor: Option<i64>,
    pub currency: Option<Currency>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub max_uses: Option<i32>,
    pub max_uses_per_customer: Option<i32>,
    pub uses: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::promo_code_products::Entity")]
    PromoCodeProducts,
}

impl Related<super::promo_code_products::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromoCodeProducts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
