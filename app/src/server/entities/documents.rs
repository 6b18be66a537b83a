//! `documents`: A document the customer uploaded (e.g. a .hu transfer declaration). `rejection_reasons` is a JSON array of strings.

use crate::model::enums::DocumentStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub customer_id: i64,
    pub service_id: Option<i64>,
    pub cart_id: Option<i64>,
    #[sea_orm(column_type = "String(StringLen::N(48))")]
    pub kind: String,
    pub file_name: String,
    pub status: DocumentStatus,
    pub rejection_reasons: Option<Json>,
    pub submitted_at: DateTimeUtc,
    pub reviewed_at: Option<DateTimeUtc>,
    /// The file, under the documents directory; none for a document recorded without one.
    pub stored_as: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customers::Entity",
        from = "Column::CustomerId",
        to = "super::customers::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_documents_customer_id"
    )]
    Customers,
    #[sea_orm(
        belongs_to = "super::services::Entity",
        from = "Column::ServiceId",
        to = "super::services::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_documents_service_id"
    )]
    Services,
    #[sea_orm(
        belongs_to = "super::carts::Entity",
        from = "Column::CartId",
        to = "super::carts::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_documents_cart_id"
    )]
    Carts,
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

impl Related<super::carts::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Carts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
