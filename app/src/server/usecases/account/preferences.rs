//! Account preferences the customer changes directly.

use crate::model::{AppError, Lang};
use crate::server::audit;
use crate::server::context::AppState;
use crate::server::db::begin_write;
use crate::server::entities::customers;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub async fn set_language(state: &AppState, customer_id: i64, lang: Lang) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    customers::Entity::update_many()
        .col_expr(customers::Column::Language, Expr::value(lang.as_str()))
        .filter(customers::Column::Id.eq(customer_id))
        .exec(&txn)
        .await?;
    audit::customer_action(
        &txn,
        customer_id,
        None,
        "customer.language",
        ("customer", customer_id),
        Some(serde_json::json!({ "language": lang.as_str() })),
        now,
    )
    .await?;
    txn.commit().await?;
    // The language is part of the remembered session: the next page is in the new one.
    state.sessions.forget_customer(customer_id);
    Ok(())
}
