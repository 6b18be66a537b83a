//! `sign_in_limits`: One row per sign-in bucket (`email:<address>`, `ip:<address or /64>`):
//! failures in the current window and the attempts holding a slot. Written only by the atomic
//! statements in `usecases::account::limits`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_limits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false, column_type = "String(StringLen::N(320))")]
    pub bucket: String,
    pub window_start: DateTimeUtc,
    pub failures: i32,
    pub in_flight: i32,
    pub reserved_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
