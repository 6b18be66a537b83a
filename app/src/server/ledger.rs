//! Money added to a customer's balance: a ledger entry and the cached balance, written in the
//! caller's transaction. Every credit goes through here (a top-up, a payment whose document
//! was cancelled meanwhile, a credit note); a credit only adds, so it cannot make the balance
//! negative. Taking money out is the payment from balance's conditional update.

use crate::model::{LedgerReason, Money};
use crate::server::entities::{balance_ledger, customers};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

/// What is credited, why, and the document and payment it came from.
pub struct Credit {
    pub customer_id: i64,
    pub amount: Money,
    pub reason: LedgerReason,
    pub invoice_id: Option<i64>,
    pub payment_id: Option<i64>,
}

pub async fn credit(
    conn: &impl ConnectionTrait,
    credit: Credit,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    debug_assert!(credit.amount.minor > 0, "a credit adds money");
    balance_ledger::ActiveModel {
        customer_id: Set(credit.customer_id),
        currency: Set(credit.amount.currency),
        amount_minor: Set(credit.amount.minor),
        reason: Set(credit.reason),
        invoice_id: Set(credit.invoice_id),
        payment_id: Set(credit.payment_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    customers::Entity::update_many()
        .col_expr(
            customers::Column::BalanceMinor,
            Expr::col(customers::Column::BalanceMinor).add(credit.amount.minor),
        )
        .filter(customers::Column::Id.eq(credit.customer_id))
        .exec(conn)
        .await?;
    Ok(())
}
