//! `invoices`: A proforma, final invoice, quote or credit note. A final invoice points to the proforma it settles, a credit note to the final invoice it credits.

use crate::model::enums::{Currency, InvoiceKind, InvoiceStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    pub kind: InvoiceKind,
    #[sea_orm(column_type = "String(StringLen::N(16))")]
    pub series: String,
    pub year: i32,
    pub seq: i32,
    pub number: String,
    pub status: InvoiceStatus,
    pub currency: Currency,
    pub net_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub reverse_charge: bool,
    pub issue_date: Date,
    pub due_date: Date,
    pub paid_at: Option<DateTimeUtc>,
    pub proforma_id: Option<i64>,
    pub order_id: Option<i64>,
    pub created_at: DateTimeUtc,
    /// A credit note's final invoice (one credit note per invoice: a unique index).
    pub credits_invoice_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_invoices_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ProformaId",
        to = "Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_invoices_proforma_id"
    )]
    Proforma,
    #[sea_orm(
        belongs_to = "super::orders::Entity",
        from = "Column::OrderId",
        to = "super::orders::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_invoices_order_id"
    )]
    Orders,
    #[sea_orm(has_many = "super::invoice_lines::Entity")]
    InvoiceLines,
    #[sea_orm(has_many = "super::payments::Entity")]
    Payments,
    #[sea_orm(has_many = "super::pay_links::Entity")]
    PayLinks,
    #[sea_orm(has_many = "super::balance_ledger::Entity")]
    BalanceLedger,
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

impl Related<super::invoice_lines::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InvoiceLines.def()
    }
}

impl Related<super::payments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Payments.def()
    }
}

impl Related<super::pay_links::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PayLinks.def()
    }
}

impl Related<super::balance_ledger::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BalanceLedger.def()
    }
}

/// From a final invoice to the proforma it settles: `invoice.find_linked(ToProforma)`.
pub struct ToProforma;

impl Linked for ToProforma {
    type FromEntity = Entity;
    type ToEntity = Entity;

    fn link(&self) -> Vec<RelationDef> {
        vec![Relation::Proforma.def()]
    }
}

impl ActiveModelBehavior for ActiveModel {}
