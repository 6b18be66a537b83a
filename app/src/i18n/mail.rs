//! The texts of the e-mails Portico sends (the proforma, the payment receipt, the credit note). Server-only:
//! the browser never needs them, so they stay out of the wasm. One value per language in
//! `i18n/<lang>/mail.rs`, chosen by the customer's language, not a browser's.

use crate::model::Lang;

pub struct MailTexts {
    /// "Dear Kovács Kft.,"
    pub greeting: fn(&str) -> String,
    /// "Kind regards," above the seller's name.
    pub sign_off: &'static str,
    /// "Proforma DBK26-00005: 12 700 Ft to pay by 09.12.2026"
    pub proforma_subject: fn(&str, &str, &str) -> String,
    /// "We have issued proforma {number} for {amount}. Please pay it by {due}."
    pub proforma_lead: fn(&str, &str, &str) -> String,
    /// "By bank transfer: {amount} to {iban}, reference {number}."
    pub proforma_transfer: fn(&str, &str, &str) -> String,
    pub pay_now: &'static str,
    /// "Payment received: invoice VRS26-00042"
    pub receipt_subject: fn(&str) -> String,
    /// "Thank you: we have received {amount}. Invoice {number} is attached."
    pub receipt_lead: fn(&str, &str) -> String,
    pub view_invoice: &'static str,
    /// "Credit note STO26-00001"
    pub credit_note_subject: fn(&str) -> String,
    /// "We have issued credit note {number}: {amount} has been added to your balance."
    pub credit_note_lead: fn(&str, &str) -> String,
    pub view_balance: &'static str,
    /// "Renewal reminder: kovacs.hu expires on 22.12.2026"
    pub reminder_subject: fn(&str, &str) -> String,
    /// (service, due date, days left) → "kovacs.hu expires on 22.12.2026, in 30 days. ..."
    pub reminder_lead: fn(&str, &str, i64) -> String,
    /// Said when automatic renewal is on: what it will do on the due date.
    pub reminder_auto: &'static str,
    /// How to renew: the period and the way to pay are chosen on the renewal page.
    pub reminder_how: &'static str,
    pub renew_now: &'static str,
    /// "Automatic renewal of kovacs.hu could not be paid"
    pub auto_renew_subject: fn(&str) -> String,
    /// (service, due date, balance, needed)
    pub auto_renew_lead: fn(&str, &str, &str, &str) -> String,
    /// "The document is attached as a PDF ({file})."
    pub attached: fn(&str) -> String,
    /// Why the customer gets this e-mail and where to change it.
    pub why: &'static str,
}

pub fn mail_texts(lang: Lang) -> &'static MailTexts {
    match lang {
        Lang::En => &super::en::mail::TEXTS,
        Lang::Hu => &super::hu::mail::TEXTS,
        Lang::Pl => &super::pl::mail::TEXTS,
        Lang::De => &super::de::mail::TEXTS,
        Lang::It => &super::it::mail::TEXTS,
    }
}
