//! Paying a document (seed 000): the choice of method, and what a payment came to. The rules
//! here decide both what the pages offer and what the use cases accept.

use super::invoices::{InvoiceRow, Reference};
use super::{InvoiceKind, InvoiceStatus, Money, PaymentStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Only an unpaid proforma is paid: a final invoice is the receipt of a payment, a quote asks
/// for nothing, and a cancelled proforma's order is gone.
pub fn payable(kind: InvoiceKind, status: InvoiceStatus) -> bool {
    kind == InvoiceKind::Proforma && status == InvoiceStatus::Unpaid
}

/// Where the choice of payment method for a document is.
pub fn pay_href(invoice_id: i64) -> String {
    format!("/invoices/{invoice_id}/pay")
}

/// Where the customer lands back from the gateway, and what they reload until it is settled.
pub fn payment_href(payment_id: i64) -> String {
    format!("/payments/{payment_id}")
}

/// A pay link lives this long, unless a newer one replaces it or its document is deleted.
pub const PAY_LINK_DAYS: i64 = 30;

/// The page of a pay link: pay without signing in (seed 002 "copy the link").
pub fn pay_link_href(token: &str) -> String {
    format!("/pay/{token}")
}

/// What a pay link shows: only the document's number, seller, amount and due date. Nothing
/// else of the account is reachable from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PayLinkView {
    pub number: String,
    pub seller: String,
    pub amount: Money,
    pub due_date: NaiveDate,
    pub overdue: bool,
    /// Paid: the link can pay nothing more and says so.
    pub paid: bool,
    /// Whether paying by card is offered (see `PayOptions::card`).
    pub card: bool,
    /// For the card form, as on the payment step.
    pub idempotency_key: String,
}

/// The page of a pay-all link: several unpaid documents of one currency, one card payment.
pub fn pay_all_href(token: &str) -> String {
    format!("/pay/all/{token}")
}

/// A pay-all link is offered, and made, for this many unpaid documents or more (for one, the
/// document's own pay link is the way). At most [`PAY_ALL_MAX_DOCUMENTS`], oldest due first.
pub const PAY_ALL_MIN_DOCUMENTS: usize = 2;
pub const PAY_ALL_MAX_DOCUMENTS: u64 = 50;

/// Whether the invoices list offers a pay-all link: `unpaid` documents in one currency.
pub fn pay_all_offered(unpaid: usize) -> bool {
    unpaid >= PAY_ALL_MIN_DOCUMENTS
}

/// What a pay-all link shows: the seller, and per document only its number, amount, due date
/// and whether it is still to pay; the total of those still to pay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PayAllView {
    pub seller: String,
    pub documents: Vec<PayAllDocument>,
    /// What one card payment pays now: the documents still unpaid.
    pub due: Money,
    pub card: bool,
    pub idempotency_key: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PayAllDocument {
    pub number: String,
    pub amount: Money,
    pub due_date: NaiveDate,
    pub overdue: bool,
    pub status: InvoiceStatus,
}

/// The payment step (`/invoices/{id}/pay`): what is paid, and how it can be paid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PayOptions {
    pub invoice: InvoiceRow,
    /// Bank transfer: the seller's bank and account; the reference is the document's number.
    pub bank: String,
    pub iban: String,
    /// Whether paying by card is offered: a real gateway, or the sandbox where it may take
    /// payments (never by default on a public https address).
    pub card: bool,
    /// A fresh key for the card form: submitting the same form twice (a double click, a
    /// reload) opens one payment.
    pub idempotency_key: String,
    /// The customer's balance: offered when it covers the amount (`balance::covers`).
    pub balance: Money,
}

/// A payment as its page (`/payments/{id}`) shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentView {
    pub id: i64,
    pub status: PaymentStatus,
    pub amount: Money,
    /// The document paid; none for a top-up of the balance.
    pub invoice: Option<Reference>,
    /// The final invoice issued for it, once the payment is received.
    pub final_invoice: Option<Reference>,
    /// Pending, and recent enough that the gateway's answer may still come: the return page
    /// reloads itself. An older pending payment was most likely left on the gateway's page.
    pub awaiting_gateway: bool,
}

/// How long the return page waits for the gateway's webhook before it stops reloading.
pub const GATEWAY_ANSWER_WAIT_MINUTES: i64 = 15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_unpaid_proforma_is_payable() {
        assert!(payable(InvoiceKind::Proforma, InvoiceStatus::Unpaid));
        assert!(!payable(InvoiceKind::Proforma, InvoiceStatus::Paid));
        assert!(!payable(InvoiceKind::Proforma, InvoiceStatus::Cancelled));
        assert!(!payable(InvoiceKind::Invoice, InvoiceStatus::Unpaid));
        assert!(!payable(InvoiceKind::Quote, InvoiceStatus::Unpaid));
    }
}
