//! A refund or a cancellation after payment (issue 9): the paid final invoice is never edited
//! or deleted; a credit note in its own series credits it in full, and the amount goes to the
//! customer's balance, from which their next documents can be paid. Staff ask for it by the
//! invoice's number (`portico credit-note`) until the staff console exists. The service the
//! invoice renewed is not shortened here: what happens to it is staff's decision.
//!
//! Exactly once: the invoice's row is locked while the credit is decided, and the unique
//! index on `credits_invoice_id` refuses a second credit note whoever asks.

use crate::model::{Actor, InvoiceKind, InvoiceStatus, LedgerReason, Money};
use crate::server::audit::{self, AuditEntry};
use crate::server::context::AppState;
use crate::server::db::{ONE_CREDIT_NOTE, begin_write, violates};
use crate::server::entities::{customers, invoices};
use crate::server::{billing, ledger, mail};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

/// Why an invoice could not be credited: said to the operator, nothing changes.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CreditRefused {
    #[error("no final invoice has the number {0}")]
    UnknownInvoice(String),
    #[error("{number} is {status}: only a paid final invoice can be credited")]
    NotPaid { number: String, status: &'static str },
    #[error("{number} has already been credited by {credit_note}")]
    AlreadyCredited { number: String, credit_note: String },
    #[error("{number} is in {invoice}, the customer's balance in {balance}: refund it another way")]
    OtherCurrency { number: String, invoice: &'static str, balance: &'static str },
    #[error("a reason is needed: it is kept with the credit note's audit entry")]
    NoReason,
    #[error("database: {0}")]
    Storage(String),
}

impl From<DbErr> for CreditRefused {
    fn from(err: DbErr) -> Self {
        CreditRefused::Storage(err.to_string())
    }
}

/// What was issued.
#[derive(Debug)]
pub struct Credited {
    pub credit_note: invoices::Model,
    /// Added to the customer's balance.
    pub amount: Money,
}

/// Credits the paid final invoice `number` in full: the credit note, the balance credited by
/// its amount (ledger reason `credit_note`), its e-mail with the PDF, and an audit entry with
/// `reason`, all in one transaction.
pub async fn credit_invoice(
    state: &AppState,
    number: &str,
    reason: &str,
) -> Result<Credited, CreditRefused> {
    let (number, reason) = (number.trim(), reason.trim());
    if reason.is_empty() {
        return Err(CreditRefused::NoReason);
    }
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    let invoice = invoices::Entity::find()
        .filter(invoices::Column::Number.eq(number))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| CreditRefused::UnknownInvoice(number.to_owned()))?;
    if invoice.status != InvoiceStatus::Paid {
        return Err(CreditRefused::NotPaid {
            number: invoice.number,
            status: invoice.status.as_str(),
        });
    }
    if let Some(note) = credit_note_of(&txn, invoice.id).await? {
        return Err(already(invoice.number, note.number));
    }
    let customer = customers::Entity::find_by_id(invoice.customer_id)
        .one(&txn)
        .await?
        .ok_or_else(|| CreditRefused::Storage(format!("customer {}", invoice.customer_id)))?;
    if customer.currency != invoice.currency {
        return Err(CreditRefused::OtherCurrency {
            number: invoice.number,
            invoice: invoice.currency.as_str(),
            balance: customer.currency.as_str(),
        });
    }
    let contact = mail::outbox::BillingContact::of(&txn, invoice.customer_id).await?;
    // Last, the number: from here the credit note series is locked until commit.
    let note = match billing::issue_credit_note(&txn, &invoice, now).await {
        Ok(note) => note,
        Err(err) if violates(&err, &ONE_CREDIT_NOTE) => {
            // Credited by another transaction since the check above (the row lock makes this
            // the last guard, not the rule).
            drop(txn);
            let note = credit_note_of(&state.db, invoice.id).await?;
            let note = note.map(|n| n.number).unwrap_or_default();
            return Err(already(invoice.number, note));
        }
        Err(err) => return Err(err.into()),
    };
    let amount = Money::new(invoice.total_minor, invoice.currency);
    let credit = ledger::Credit {
        customer_id: invoice.customer_id,
        amount,
        reason: LedgerReason::CreditNote,
        invoice_id: Some(note.id),
        payment_id: None,
    };
    ledger::credit(&txn, credit, now).await?;
    mail::outbox::queue_document(&txn, &state.settings, &contact, &note, now).await?;
    audit::record(
        &txn,
        AuditEntry {
            customer_id: Some(invoice.customer_id),
            actor: Actor::Staff,
            actor_id: None,
            action: "invoice.credited",
            subject_type: "invoice",
            subject_id: Some(invoice.id),
            detail: Some(serde_json::json!({
                "credit_note": note.number,
                "reason": reason,
                "via": "portico credit-note",
            })),
            ip: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Credited { credit_note: note, amount })
}

fn already(number: String, credit_note: String) -> CreditRefused {
    CreditRefused::AlreadyCredited { number, credit_note }
}

/// The credit note of the final invoice `invoice_id`, if it has one.
pub(crate) async fn credit_note_of(
    conn: &impl ConnectionTrait,
    invoice_id: i64,
) -> Result<Option<invoices::Model>, DbErr> {
    invoices::Entity::find()
        .filter(invoices::Column::CreditsInvoiceId.eq(invoice_id))
        .one(conn)
        .await
}
