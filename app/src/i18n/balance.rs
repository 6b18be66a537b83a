//! The texts of the balance page (`/balance`). One value per language in
//! `i18n/<lang>/balance.rs`.

use crate::model::LedgerReason;

pub struct BalanceTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub current: &'static str,
    pub col_date: &'static str,
    pub col_movement: &'static str,
    pub col_amount: &'static str,
    pub col_after: &'static str,
    pub empty: &'static str,
    pub top_up: &'static str,
    pub payment: &'static str,
    pub payment_credited: &'static str,
    pub refund: &'static str,
    pub credit_note: &'static str,
    /// Topping up by card.
    pub top_up_heading: &'static str,
    pub top_up_lead: &'static str,
    pub amount: &'static str,
    /// "From 5,00 € to 5.000,00 €."
    pub top_up_range: fn(&str, &str) -> String,
    pub top_up_by_card: &'static str,
}

impl BalanceTexts {
    pub fn reason(&self, reason: LedgerReason) -> &'static str {
        match reason {
            LedgerReason::TopUp => self.top_up,
            LedgerReason::Payment => self.payment,
            LedgerReason::PaymentCredited => self.payment_credited,
            LedgerReason::Refund => self.refund,
            LedgerReason::CreditNote => self.credit_note,
        }
    }
}
