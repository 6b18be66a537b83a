//! `product_prices`: The price of a product for one billing cycle in one currency (minor units).

use crate::model::enums::{BillingCycle, Currency};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "product_prices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub product_id: i64,
    pub billing_cycle: BillingCycle,
    pub currency: Currency,
    pub amount_minor: i64,
    pub setup_fee_minor: i64,
    /// What restoring a suspended service costs (net); 0: nothing.
    pub restore_fee_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::products::Entity",
        from = "Column::ProductId",
        to = "super::products::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_product_prices_product_id"
    )]
    Products,
}

impl Related<super::products::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Products.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
