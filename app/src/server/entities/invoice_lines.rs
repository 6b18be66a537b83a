//! `invoice_lines`: A line of an invoice. `tax_rate_bp` is in basis points (2700 = 27 %).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub invoice_id: i64,
    pub service_id: Option<i64>,
    pub description: String,
    /// The period the line pays for (a `BillingCycle` value), when it is recurring.
    #[sea_orm(column_type = "String(StringLen::N(24))")]
    pub billing_cycle: Option<String>,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub net_minor: i64,
    pub tax_rate_bp: i32,
    pub tax_minor: i64,
    pub total_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::invoices::Entity",
        from = "Column::InvoiceId",
        to = "super::invoices::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_invoice_lines_invoice_id"
    )]
    Invoices,
    #[sea_orm(
        belongs_to = "super::services::Entity",
        from = "Column::ServiceId",
        to = "super::services::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_invoice_lines_service_id"
    )]
    Services,
}

impl Related<super::invoices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Invoices.def()
    }
}

impl Related<super::services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Services.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
