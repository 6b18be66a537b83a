//! `carts`: An unfinished order the customer may continue. `step` is 1-based; `data` holds the answers so far.

use crate::model::enums::CartStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "carts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    #[sea_orm(column_type = "String(StringLen::N(24))")]
    pub kind: String,
    pub step: i32,
    pub data: Option<Json>,
    pub status: CartStatus,
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
        fk_name = "fk_carts_customer_id"
    )]
    Customers,
    #[sea_orm(has_many = "super::documents::Entity")]
    Documents,
}

impl Related<super::customers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customers.def()
    }
}

impl Related<super::documents::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Documents.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
