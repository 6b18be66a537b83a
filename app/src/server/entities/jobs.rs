//! `jobs`: Background work (registrar, provisioning), claimed with leases. `service_id` and
//! `customer_id` say whose page shows the job; `external_ref` is the operation's id at the
//! external system once started, `progress` its last reported percentage. `lease_until` is
//! on the database's clock; `lease_token` fences the writes of the runner holding the lease.

use crate::model::enums::JobStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(48))")]
    pub kind: String,
    pub customer_id: Option<i64>,
    pub service_id: Option<i64>,
    pub payload: Json,
    pub status: JobStatus,
    pub attempts: i32,
    pub progress: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub external_ref: Option<String>,
    pub run_after: DateTimeUtc,
    pub lease_until: Option<DateTimeUtc>,
    /// The claim that holds the lease; every write of a claimed job names it.
    pub lease_token: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::services::Entity",
        from = "Column::ServiceId",
        to = "super::services::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_jobs_service_id"
    )]
    Services,
}

impl Related<super::services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Services.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
