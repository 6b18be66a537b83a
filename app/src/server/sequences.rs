//! Gap-free number series (orders, proformas, invoices), one counter per series and year.
//!
//! The counter advances in one statement, `INSERT .. ON CONFLICT .. DO UPDATE SET last_seq =
//! last_seq + 1 RETURNING last_seq`: the row lock it takes is held until the caller's
//! transaction ends, so two transactions never read the same value (PostgreSQL runs them
//! one after the other on that row; SQLite has one writer anyway), and a transaction that
//! rolls back takes its number back with it: no gaps, no duplicates.

use super::entities::invoice_sequences::{self, Column};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

/// The next number of `series` in `year`, starting at 1. Call it inside the transaction that
/// uses the number.
pub async fn next(conn: &impl ConnectionTrait, series: &str, year: i32) -> Result<i64, DbErr> {
    let table = invoice_sequences::Entity;
    let statement = Query::insert()
        .into_table(table)
        .columns([Column::Series, Column::Year, Column::LastSeq])
        .values_panic([series.into(), year.into(), 1.into()])
        .on_conflict(
            OnConflict::columns([Column::Series, Column::Year])
                .value(Column::LastSeq, Expr::col((table, Column::LastSeq)).add(1))
                .to_owned(),
        )
        .returning_col(Column::LastSeq)
        .to_owned();
    let row = conn
        .query_one(&statement)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("sequence {series}/{year} returned no row")))?;
    let seq: i32 = row.try_get("", "last_seq")?;
    Ok(i64::from(seq))
}
