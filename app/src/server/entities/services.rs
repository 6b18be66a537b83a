//! `services`: A customer's service (domain, hosting, ...). `details` holds kind-specific data.

use crate::model::enums::{BillingCycle, Currency, ServiceKind, ServiceStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    pub product_id: Option<i64>,
    pub kind: ServiceKind,
    pub name: String,
    pub domain: Option<String>,
    pub status: ServiceStatus,
    pub billing_cycle: BillingCycle,
    pub currency: Currency,
    pub price_minor: i64,
    pub next_due_date: Option<Date>,
    pub expires_on: Option<Date>,
    pub auto_renew: bool,
    pub details: Option<Json>,
    /// An addon: the service it is attached to.
    pub parent_id: Option<i64>,
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
        fk_name = "fk_services_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::products::Entity",
        from = "Column::ProductId",
        to = "super::products::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_services_product_id"
    )]
    Products,
    #[sea_orm(has_many = "super::orders::Entity")]
    Orders,
    #[sea_orm(has_many = "super::order_lines::Entity")]
    OrderLines,
    #[sea_orm(has_many = "super::documents::Entity")]
    Documents,
    #[sea_orm(has_many = "super::invoice_lines::Entity")]
    InvoiceLines,
    #[sea_orm(has_many = "super::tickets::Entity")]
    Tickets,
    #[sea_orm(has_many = "super::traffic_samples::Entity")]
    TrafficSamples,
}

impl Related<super::customers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customers.def()
    }
}

impl Related<super::products::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Products.def()
    }
}

impl Related<super::orders::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Orders.def()
    }
}

impl Related<super::order_lines::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OrderLines.def()
    }
}

impl Related<super::documents::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Documents.def()
    }
}

impl Related<super::invoice_lines::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InvoiceLines.def()
    }
}

impl Related<super::tickets::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Tickets.def()
    }
}

impl Related<super::traffic_samples::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrafficSamples.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
