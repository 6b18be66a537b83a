//! The texts of invoices (`/invoices`, `/invoices/{id}`): the list of documents and one
//! document. One value per language in `i18n/<lang>/invoices.rs`.

use crate::model::invoices::InvoiceFilter;
use crate::model::{InvoiceKind, InvoiceStatus};

pub struct InvoicesTexts {
    pub invoices_lead: &'static str,
    /// The filter's label: which documents to show.
    pub filter_label: &'static str,
    pub filter_unpaid: &'static str,
    pub filter_paid: &'static str,
    pub filter_all: &'static str,
    pub col_issued: &'static str,
    pub col_due: &'static str,
    pub col_amount: &'static str,
    pub kind_proforma: &'static str,
    pub kind_invoice: &'static str,
    pub kind_quote: &'static str,
    pub kind_credit_note: &'static str,
    pub status_unpaid: &'static str,
    pub status_paid: &'static str,
    pub status_cancelled: &'static str,
    /// Beside the due date of an unpaid document past it.
    pub overdue: &'static str,
    /// The unpaid list when nothing is owed.
    pub none_unpaid: &'static str,
    pub none: &'static str,
    pub view: &'static str,
    /// The accessible name of a row's "View" link: "View PRT26-000042".
    pub view_document: fn(&str) -> String,
    pub section_vat: &'static str,
    pub total_net: &'static str,
    pub total_vat: &'static str,
    pub total: &'static str,
    pub paid_on: &'static str,
    /// A final invoice names the proforma it was made from.
    pub made_from: &'static str,
    pub order: &'static str,
    /// The link to a document's PDF.
    pub download_pdf: &'static str,
    /// Its accessible name: "Download VRS26-00042 as PDF".
    pub download_document: fn(&str) -> String,
    // On the PDF itself.
    pub seller: &'static str,
    pub buyer: &'static str,
    pub tax_id: &'static str,
    pub issue_date: &'static str,
    pub due_date: &'static str,
    pub bank_account: &'static str,
    /// What to quote on a bank transfer: the document's number.
    pub payment_reference: &'static str,
    /// A proforma says it is not an invoice.
    pub proforma_notice: &'static str,
    /// The footer of every page: "Page 1 of 2".
    pub page_of: fn(usize, usize) -> String,
    /// Deleting an unpaid proforma (seed 002), which cancels its order.
    pub delete: &'static str,
    pub delete_question: &'static str,
    pub delete_confirm: &'static str,
    /// Seed 002 "request a quote": a non-binding, dated PDF of an unpaid proforma's lines.
    pub quote: &'static str,
    /// Its link's accessible name: "Quote for DBK26-00005 as PDF".
    pub quote_document: fn(&str) -> String,
    /// On the quote: "For proforma DBK26-00005".
    pub quote_for: fn(&str) -> String,
    pub valid_until: &'static str,
    pub quote_notice: &'static str,
    /// A credit note names the final invoice it credits.
    pub credits_invoice: &'static str,
    /// A credited final invoice names its credit note.
    pub credited_by: &'static str,
    /// On a credit note: it cancels the invoice, and where the money went.
    pub credit_note_notice: &'static str,
    /// "What changed" on a renewal document, against the service's previous paid invoice.
    pub section_changes: &'static str,
    /// Above one line's comparison: "Against VRS26-00003".
    pub compared_with: &'static str,
    pub change_term: &'static str,
    pub change_before: &'static str,
    pub change_now: &'static str,
    pub change_price: &'static str,
    pub change_period: &'static str,
    pub change_vat_rate: &'static str,
    pub change_currency: &'static str,
    /// A renewal on the same terms as last time.
    pub no_change: &'static str,
}

impl InvoicesTexts {
    pub fn kind(&self, kind: InvoiceKind) -> &'static str {
        match kind {
            InvoiceKind::Proforma => self.kind_proforma,
            InvoiceKind::Invoice => self.kind_invoice,
            InvoiceKind::Quote => self.kind_quote,
            InvoiceKind::CreditNote => self.kind_credit_note,
        }
    }

    pub fn status(&self, status: InvoiceStatus) -> &'static str {
        match status {
            InvoiceStatus::Unpaid => self.status_unpaid,
            InvoiceStatus::Paid => self.status_paid,
            InvoiceStatus::Cancelled => self.status_cancelled,
        }
    }

    pub fn filter(&self, filter: InvoiceFilter) -> &'static str {
        match filter {
            InvoiceFilter::Unpaid => self.filter_unpaid,
            InvoiceFilter::Paid => self.filter_paid,
            InvoiceFilter::All => self.filter_all,
        }
    }
}
