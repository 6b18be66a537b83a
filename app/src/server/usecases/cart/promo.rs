//! Promo codes as the cart reads them: the code applied to a customer's cart, with its
//! products and how often it was used, and its use counted at checkout.

use crate::model::cart::{Discount, Promo, PromoRefusal};
use crate::model::{AppError, Money};
use crate::server::entities::{cart_promos, promo_code_products, promo_codes, promo_redemptions};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect,
};

/// The code named `code` (already normalised), if it exists.
pub async fn find(
    conn: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<promo_codes::Model>, DbErr> {
    promo_codes::Entity::find().filter(promo_codes::Column::Code.eq(code)).one(conn).await
}

/// The code applied to the customer's cart, as the rules read it.
pub async fn applied(
    conn: &impl ConnectionTrait,
    customer_id: i64,
) -> Result<Option<(promo_codes::Model, Promo)>, DbErr> {
    let Some(applied) = cart_promos::Entity::find_by_id(customer_id).one(conn).await? else {
        return Ok(None);
    };
    let Some(code) = promo_codes::Entity::find_by_id(applied.promo_code_id).one(conn).await? else {
        return Ok(None);
    };
    let promo = rules(conn, &code, customer_id).await?;
    Ok(Some((code, promo)))
}

/// `code` with its products and the customer's uses of it.
pub async fn rules(
    conn: &impl ConnectionTrait,
    code: &promo_codes::Model,
    customer_id: i64,
) -> Result<Promo, DbErr> {
    let products: Vec<i64> = promo_code_products::Entity::find()
        .select_only()
        .column(promo_code_products::Column::ProductId)
        .filter(promo_code_products::Column::PromoCodeId.eq(code.id))
        .into_tuple()
        .all(conn)
        .await?;
    let customer_uses = promo_redemptions::Entity::find()
        .filter(promo_redemptions::Column::PromoCodeId.eq(code.id))
        .filter(promo_redemptions::Column::CustomerId.eq(customer_id))
        .count(conn)
        .await?;
    let discount = match (code.percent, code.amount_minor, code.currency) {
        (Some(percent), _, _) => Discount::Percent(u32::try_from(percent).unwrap_or(0)),
        (None, Some(amount), Some(currency)) => Discount::Amount(Money::new(amount, currency)),
        // The table's check constraint allows nothing else.
        _ => Discount::Percent(0),
    };
    Ok(Promo {
        code: code.code.clone(),
        discount,
        valid_from: code.valid_from,
        valid_until: code.valid_until,
        max_uses: code.max_uses,
        uses: code.uses,
        max_uses_per_customer: code.max_uses_per_customer,
        customer_uses: i32::try_from(customer_uses).unwrap_or(i32::MAX),
        products,
    })
}

/// Counts one use of the code, if one is left: a single conditional update, so parallel
/// checkouts on any number of servers never use it more than `max_uses` times.
pub async fn count_use(conn: &impl ConnectionTrait, promo_code_id: i64) -> Result<(), AppError> {
    let counted =
        promo_codes::Entity::update_many()
            .col_expr(promo_codes::Column::Uses, Expr::col(promo_codes::Column::Uses).add(1))
            .filter(promo_codes::Column::Id.eq(promo_code_id))
            .filter(Condition::any().add(promo_codes::Column::MaxUses.is_null()).add(
                Expr::col(promo_codes::Column::Uses).lt(Expr::col(promo_codes::Column::MaxUses)),
            ))
            .exec(conn)
            .await?;
    if counted.rows_affected == 1 { Ok(()) } else { Err(refused(PromoRefusal::UsedUp)) }
}

/// A refused code, as the cart's form shows it.
pub fn refused(refusal: PromoRefusal) -> AppError {
    AppError::Invalid { field: "code".into(), code: refusal.code().into() }
}
