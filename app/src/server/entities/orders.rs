//! `orders`: An order. `service_id` is the service it created or renews.

use crate::model::enums::{Currency, OrderKind, OrderStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    pub number: String,
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub currency: Currency,
    pub total_minor: i64,
    pub service_id: Option<i64>,
    /// The customer accounts for the VAT (EU business in another member state).
    pub reverse_charge: bool,
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
        fk_name = "fk_orders_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::services::Entity",
        from = "Column::ServiceId",
        to = "super::services::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_orders_service_id"
    )]
    Services,
    #[sea_orm(has_many = "super::order_lines::Entity")]
    OrderLines,
    #[sea_orm(has_many = "super::invoices::Entity")]
    Invoices,
    #[sea_orm(has_many = "super::tickets::Entity")]
    Tickets,
}

impl Related<super::customers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customers.def()
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

impl Related<super::invoices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Invoices.def()
    }
}

impl Related<super::tickets::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Tickets.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
