//! `promo_redemptions`: An order a promo code discounted, and by how much (net).

use crate::model::enums::Currency;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "promo_redemptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub promo_code_id: i64,
    pub customer_id: i64,
    pub order_id: i64,
    pub discount_minor: i64,
    pub currency: Currency,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::promo_codes::Entity",
        from = "Column::PromoCodeId",
        to = "super::promo_codes::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_promo_redemptions_promo_code_id"
    )]
    PromoCodes,
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_promo_redemptions_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::orders::Entity",
        from = "Column::OrderId",
        to = "super::orders::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_promo_redemptions_order_id"
    )]
    Orders,
}

impl ActiveModelBehavior for ActiveModel {}
