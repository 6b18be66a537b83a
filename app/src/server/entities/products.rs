//! `products`: A catalogue product.

use crate::model::enums::ServiceKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub kind: ServiceKind,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub active: bool,
    /// Days after the due date the service may still be renewed at its usual price; empty:
    /// the kind's default (`model::lifecycle::Policy`).
    pub grace_days: Option<i32>,
    /// Days after the grace period the service stays suspended and can be restored; empty:
    /// the kind's default.
    pub suspension_days: Option<i32>,
    /// What the customer chooses when ordering it: a JSON list of `model::catalogue::ProductOption`.
    pub options: Option<Json>,
    /// An addon: the kinds of service it attaches to, a JSON list of `ServiceKind` values.
    pub fits: Option<Json>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::product_prices::Entity")]
    ProductPrices,
    #[sea_orm(has_many = "super::services::Entity")]
    Services,
    #[sea_orm(has_many = "super::order_lines::Entity")]
    OrderLines,
}

impl Related<super::product_prices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProductPrices.def()
    }
}

impl Related<super::services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Services.def()
    }
}

impl Related<super::order_lines::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OrderLines.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
