//! `cart_promos`: The promo code applied to a customer's cart, at most one.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cart_promos")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: i64,
    pub promo_code_id: i64,
    pub applied_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_cart_promos_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::promo_codes::Entity",
        from = "Column::PromoCodeId",
        to = "super::promo_codes::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_cart_promos_promo_code_id"
    )]
    PromoCodes,
}

impl Related<super::promo_codes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromoCodes.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
