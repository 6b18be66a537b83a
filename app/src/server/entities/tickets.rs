//! `tickets`: A support ticket.

use crate::model::enums::{TicketDepartment, TicketPriority, TicketStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    pub number: String,
    pub department: TicketDepartment,
    pub subject: String,
    pub priority: TicketPriority,
    pub status: TicketStatus,
    pub order_id: Option<i64>,
    pub service_id: Option<i64>,
    pub unread_by_customer: bool,
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
        fk_name = "fk_tickets_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::orders::Entity",
        from = "Column::OrderId",
        to = "super::orders::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_tickets_order_id"
    )]
    Orders,
    #[sea_orm(
        belongs_to = "super::services::Entity",
        from = "Column::ServiceId",
        to = "super::services::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_tickets_service_id"
    )]
    Services,
    #[sea_orm(has_many = "super::ticket_messages::Entity")]
    TicketMessages,
}

impl Related<super::customers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customers.def()
    }
}

impl Related<super::orders::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Orders.def()
    }
}

impl Related<super::services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Services.def()
    }
}

impl Related<super::ticket_messages::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TicketMessages.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
