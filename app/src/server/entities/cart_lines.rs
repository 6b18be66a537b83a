//! `cart_lines`: A line of the customer's cart (seed 001): the renewal of one of their services
//! for `period_months` (one line per service, a unique index), a new service from the catalogue,
//! or an addon for one of their services.

use crate::model::enums::CartLineKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cart_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    pub kind: CartLineKind,
    pub service_id: Option<i64>,
    pub product_id: Option<i64>,
    pub period_months: i32,
    /// A new service's or addon's choices: `model::catalogue::Choices` as JSON.
    pub choices: Option<Json>,
    /// An addon line: the customer's service it is for.
    pub parent_service_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_cart_lines_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::services::Entity",
        from = "Column::ServiceId",
        to = "super::services::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_cart_lines_service_id"
    )]
    Services,
    #[sea_orm(
        belongs_to = "super::products::Entity",
        from = "Column::ProductId",
        to = "super::products::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_cart_lines_product_id"
    )]
    Products,
}

impl Related<super::services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Services.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
