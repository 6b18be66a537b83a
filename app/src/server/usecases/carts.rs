//! Unfinished orders. The dashboard offers to delete one; continuing comes with ordering.

use crate::model::{AppError, CartStatus};
use crate::server::audit;
use crate::server::context::AppState;
use crate::server::db::begin_write;
use crate::server::entities::carts;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Deletes (open -> deleted) one of the customer's unfinished orders. Another customer's id,
/// or one already deleted, answers `NotFound`, exactly like an id that never existed.
pub async fn delete(
    state: &AppState,
    customer_id: i64,
    cart_id: i64,
    ip: Option<String>,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    // Compare-and-set: the row changes only if it is ours and still open.
    let result = carts::Entity::update_many()
        .col_expr(carts::Column::Status, Expr::value(CartStatus::Deleted.as_str()))
        .col_expr(carts::Column::UpdatedAt, Expr::value(now))
        .filter(carts::Column::Id.eq(cart_id))
        .filter(carts::Column::CustomerId.eq(customer_id))
        .filter(carts::Column::Status.eq(CartStatus::Open))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    audit::customer_action(&txn, customer_id, ip, "cart.delete", ("cart", cart_id), None, now)
        .await?;
    txn.commit().await?;
    Ok(())
}
