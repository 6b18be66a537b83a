//! `promo_code_products`: A product a promo code is limited to; a code with none applies to
//! every product.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "promo_code_products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub promo_code_id: i64,
    pub product_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::promo_codes::Entity",
        from = "Column::PromoCodeId",
        to = "super::promo_codes::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_promo_code_products_promo_code_id"
    )]
    PromoCodes,
    #[sea_orm(
        belongs_to = "super::products::Entity",
        from = "Column::ProductId",
        to = "super::products::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_promo_code_products_product_id"
    )]
    Products,
}

impl Related<super::promo_codes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromoCodes.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
