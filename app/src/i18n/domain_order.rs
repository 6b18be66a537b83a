//! The texts of a domain order in steps (`/orders/domain`, `/orders/continue/{id}`), part of
//! the orders area. One value per language in `i18n/<lang>/domain_order.rs`.

use crate::model::DocumentStatus;
use crate::model::domain_order::{DomainOrderKind, Step};

pub struct DomainOrderTexts {
    pub title: &'static str,
    pub lead: &'static str,
    /// The catalogue's button to this page.
    pub order_domain: &'static str,
    pub label_domain: &'static str,
    pub domain_hint: &'static str,
    pub search: &'static str,
    pub kind_registration: &'static str,
    pub kind_transfer: &'static str,
    /// What the registry answered, under the order's heading.
    pub free_note: &'static str,
    pub taken_note: &'static str,
    /// The list of steps, for screen readers.
    pub steps_label: &'static str,
    pub step_period: &'static str,
    pub step_contacts: &'static str,
    pub step_nameservers: &'static str,
    pub step_declaration: &'static str,
    pub step_review: &'static str,
    /// "Step 2 of 5".
    pub step_of: fn(i32, i32) -> String,
    pub label_years: &'static str,
    pub contacts_lead: &'static str,
    pub label_name: &'static str,
    pub label_email: &'static str,
    pub label_phone: &'static str,
    pub label_address: &'static str,
    pub label_nameservers: &'static str,
    pub nameservers_hint: &'static str,
    pub declaration_lead: &'static str,
    pub label_declaration: &'static str,
    pub upload: &'static str,
    pub document_submitted: &'static str,
    pub document_approved: &'static str,
    pub document_rejected: &'static str,
    pub rejection_reasons: &'static str,
    /// After a rejection: upload a corrected one.
    pub resubmit_note: &'static str,
    pub save_continue: &'static str,
    pub change: &'static str,
    pub review_lead: &'static str,
    pub label_price: &'static str,
    pub add_to_cart: &'static str,
    pub err_ending_not_sold: &'static str,
    pub err_already_yours: &'static str,
    pub err_required: &'static str,
    pub err_too_long: &'static str,
    pub err_email_invalid: &'static str,
    pub err_phone_invalid: &'static str,
    pub err_file_type: &'static str,
    pub err_file_too_large: &'static str,
    pub err_file_missing: &'static str,
}

impl DomainOrderTexts {
    pub fn kind(&self, kind: DomainOrderKind) -> &'static str {
        match kind {
            DomainOrderKind::Registration => self.kind_registration,
            DomainOrderKind::Transfer => self.kind_transfer,
        }
    }

    pub fn step(&self, step: Step) -> &'static str {
        match step {
            Step::Period => self.step_period,
            Step::Contacts => self.step_contacts,
            Step::Nameservers => self.step_nameservers,
            Step::Declaration => self.step_declaration,
            Step::Review => self.step_review,
        }
    }

    pub fn document_status(&self, status: DocumentStatus) -> &'static str {
        match status {
            DocumentStatus::Submitted => self.document_submitted,
            DocumentStatus::Approved => self.document_approved,
            DocumentStatus::Rejected => self.document_rejected,
        }
    }

    /// The message for an `AppError::Invalid` code from these pages.
    pub fn invalid(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "domain_ending_not_sold" => self.err_ending_not_sold,
            "domain_already_yours" => self.err_already_yours,
            "required" => self.err_required,
            "too_long" => self.err_too_long,
            "email_invalid" => self.err_email_invalid,
            "phone_invalid" => self.err_phone_invalid,
            "file_type" => self.err_file_type,
            "file_too_large" => self.err_file_too_large,
            "file_missing" => self.err_file_missing,
            _ => return None,
        })
    }
}
