//! `payments`: A payment attempt or settlement through a gateway (or from the balance).

use crate::model::enums::{Currency, PaymentMethod, PaymentStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    pub invoice_id: Option<i64>,
    pub method: PaymentMethod,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub gateway: String,
    pub gateway_txn_id: Option<String>,
    pub status: PaymentStatus,
    pub currency: Currency,
    pub amount_minor: i64,
    pub idempotency_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub settled_at: Option<DateTimeUtc>,
    /// A payment opened through a pay-all link: its documents are in `payment_documents`.
    pub pay_all_link_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_payments_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::invoices::Entity",
        from = "Column::InvoiceId",
        to = "super::invoices::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_payments_invoice_id"
    )]
    Invoices,
    #[sea_orm(has_many = "super::balance_ledger::Entity")]
    BalanceLedger,
}

impl Related<super::customers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customers.def()
    }
}

impl Related<super::invoices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Invoices.def()
    }
}

impl Related<super::balance_ledger::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BalanceLedger.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
