//! `audit_log`: Who did what to which subject.

use crate::model::enums::Actor;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: Option<i64>,
    pub actor: Actor,
    pub actor_id: Option<i64>,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub action: String,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub detail: Option<Json>,
    pub ip: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_audit_log_customer_id"
    )]
    Customers,
}

impl Related<super::customers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customers.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
