//! `pay_all_documents`: A document a pay-all link was made for.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pay_all_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub pay_all_link_id: i64,
    pub invoice_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::pay_all_links::Entity",
        from = "Column::PayAllLinkId",
        to = "super::pay_all_links::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_pay_all_documents_pay_all_link_id"
    )]
    PayAllLinks,
    #[sea_orm(
        belongs_to = "super::invoices::Entity",
        from = "Column::InvoiceId",
        to = "super::invoices::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_pay_all_documents_invoice_id"
    )]
    Invoices,
}

impl Related<super::invoices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Invoices.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
