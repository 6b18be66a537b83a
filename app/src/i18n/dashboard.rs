//! The texts of the dashboard (`/`): the boxes of what needs attention. One value per language in
//! `i18n/<lang>/dashboard.rs`.

pub struct DashboardTexts {
    pub dashboard_title: &'static str,
    pub dashboard_lead: &'static str,
    pub nothing_pending: &'static str,
    pub box_abandoned_orders: &'static str,
    pub box_rejected_documents: &'static str,
    pub box_expiring_domains: &'static str,
    pub box_expiring_hosting: &'static str,
    pub box_expiring_ssl: &'static str,
    pub box_unpaid_proformas: &'static str,
    pub col_order: &'static str,
    pub col_step: &'static str,
    pub col_last_change: &'static str,
    pub col_reasons: &'static str,
    pub col_expires: &'static str,
    pub col_amount: &'static str,
    pub col_due_date: &'static str,
    pub continue_order: &'static str,
    pub delete: &'static str,
    pub delete_order_question: &'static str,
    pub delete_confirm: &'static str,
    pub fix_and_resubmit: &'static str,
    pub overdue: &'static str,
    pub order_kind_domain_registration: &'static str,
    pub order_kind_domain_transfer: &'static str,
    pub order_kind_other: &'static str,
    pub document_kind_hu_transfer: &'static str,
    pub document_kind_other: &'static str,
    /// "Step 2 of the order".
    pub step_n: fn(i32) -> String,
}
