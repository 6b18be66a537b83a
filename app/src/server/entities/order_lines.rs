//! `order_lines`: A line of an order. `billing_cycle` holds a `BillingCycle` value when the line is recurring.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "order_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub order_id: i64,
    pub product_id: Option<i64>,
    pub service_id: Option<i64>,
    pub description: String,
    #[sea_orm(column_type = "String(StringLen::N(24))")]
    pub billing_cycle: Option<String>,
    /// Months the line pays for: paying a renewal extends the service by this much.
    pub period_months: Option<i32>,
    pub quantity: i32,
    pub unit_price_minor: i64,
    /// Net amount of the line.
    pub amount_minor: i64,
    /// VAT rate in basis points (2700 = 27 %); 0 under reverse charge.
    pub tax_rate_bp: i32,
    pub tax_minor: i64,
    /// Gross: net plus tax. The lines' totals add up to the order's total.
    pub total_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::orders::Entity",
        from = "Column::OrderId",
        to = "super::orders::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_order_lines_order_id"
    )]
    Orders,
    #[sea_orm(
        belongs_to = "super::products::Entity",
        from = "Column::ProductId",
        to = "super::products::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_order_lines_product_id"
    )]
    Products,
    #[sea_orm(
        belongs_to = "super::services::Entity",
        from = "Column::ServiceId",
        to = "super::services::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_order_lines_service_id"
    )]
    Services,
}

impl Related<super::orders::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Orders.def()
    }
}

impl Related<super::products::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Products.def()
    }
}

impl Related<super::services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Services.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
