//! `pay_all_links`: One link to pay several unpaid documents of one currency without logging in. Only the hash of the token is stored.

use crate::model::enums::Currency;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pay_all_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub token_hash: String,
    pub currency: Currency,
    pub expires_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_pay_all_links_customer_id"
    )]
    Customers,
}

impl ActiveModelBehavior for ActiveModel {}
