//! The balance page: the balance now and its ledger, newest first, each movement with the
//! balance it left, and the top-up form (topping up itself is a card payment:
//! `payments::top_up`). Two or three queries whatever the page: the customer, the page of
//! movements with their documents, and for later pages the sum of the newer movements.

use crate::model::balance::{BalanceView, LedgerRow};
use crate::model::invoices::Reference;
use crate::model::{AppError, Money};
use crate::server::context::AppState;
use crate::server::entities::{balance_ledger, customers, invoices};
use crate::server::usecases::payments::top_up;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

pub const PAGE_SIZE: u64 = 20;

pub async fn view(state: &AppState, customer_id: i64, page: u32) -> Result<BalanceView, AppError> {
    let conn = &state.db;
    let page = page.max(1);
    let customer =
        customers::Entity::find_by_id(customer_id).one(conn).await?.ok_or(AppError::NotFound)?;
    let newest_first = || {
        balance_ledger::Entity::find()
            .filter(balance_ledger::Column::CustomerId.eq(customer_id))
            .order_by_desc(balance_ledger::Column::CreatedAt)
            .order_by_desc(balance_ledger::Column::Id)
    };
    let skipped = u64::from(page - 1) * PAGE_SIZE;
    let mut rows = newest_first()
        .find_also_related(invoices::Entity)
        .offset(skipped)
        .limit(PAGE_SIZE + 1)
        .all(conn)
        .await?;
    let has_next = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    // The balance after the newest movement on this page: today's, less what came later.
    let later: i64 = if skipped == 0 {
        0
    } else {
        let amounts: Vec<i64> = newest_first()
            .select_only()
            .column(balance_ledger::Column::AmountMinor)
            .limit(skipped)
            .into_tuple()
            .all(conn)
            .await?;
        amounts.iter().sum()
    };
    let mut after = customer.balance_minor - later;
    let entries = rows
        .into_iter()
        .map(|(entry, document)| {
            let row = LedgerRow {
                id: entry.id,
                date: entry.created_at.date_naive(),
                reason: entry.reason,
                amount: Money::new(entry.amount_minor, entry.currency),
                balance_after: Money::new(after, customer.currency),
                document: document.map(|d| Reference { id: d.id, number: d.number }),
            };
            after -= entry.amount_minor;
            row
        })
        .collect();
    Ok(BalanceView {
        balance: Money::new(customer.balance_minor, customer.currency),
        entries,
        page,
        has_next,
        top_up: top_up::form(state, customer.currency),
    })
}
