//! The texts of paying (`/invoices/{id}/pay`, `/payments/{id}`) and of the sandbox gateway's
//! pages. One value per language in `i18n/<lang>/payments.rs`.

pub struct PaymentsTexts {
    /// The button that leads to the payment step.
    pub pay: &'static str,
    /// Its accessible name, and the payment step's title: "Pay DBK26-00005".
    pub pay_document: fn(&str) -> String,
    pub pay_lead: &'static str,
    pub by_card: &'static str,
    pub by_card_lead: &'static str,
    pub pay_by_card: &'static str,
    pub by_transfer: &'static str,
    pub by_transfer_lead: &'static str,
    /// The document was paid or cancelled meanwhile.
    pub not_payable: &'static str,
    /// The return page while the gateway's confirmation is awaited.
    pub confirming_title: &'static str,
    pub confirming_lead: &'static str,
    /// The return page of a payment pending for long: most likely left on the gateway's page.
    pub unconfirmed_title: &'static str,
    pub unconfirmed_lead: &'static str,
    pub check_again: &'static str,
    pub paid_title: &'static str,
    pub paid_lead: &'static str,
    pub view_invoice: &'static str,
    pub declined_title: &'static str,
    pub declined_lead: &'static str,
    pub try_again: &'static str,
    /// The sandbox gateway's page says what it is.
    pub sandbox_banner: &'static str,
    pub sandbox_title: &'static str,
    pub sandbox_merchant: &'static str,
    pub card_number: &'static str,
    /// "Pay 12 700 Ft".
    pub sandbox_pay: fn(&str) -> String,
    pub sandbox_cancel: &'static str,
    pub test_cards: &'static str,
    pub card_succeeds: &'static str,
    pub card_declined: &'static str,
    pub card_confirm: &'static str,
    pub card_late: &'static str,
    pub unknown_card: &'static str,
    pub confirm_title: &'static str,
    pub confirm_lead: &'static str,
    pub confirm: &'static str,
    pub refuse: &'static str,
    /// Seed 002 "copy the link": the pay link on a document's page, and the link's own page.
    pub link_title: &'static str,
    pub link_lead: &'static str,
    pub create_link: &'static str,
    pub link_label: &'static str,
    pub link_created: &'static str,
    /// "Kovács Kft. asks for payment of this document."
    pub link_page_lead: fn(&str) -> String,
    pub link_paid: &'static str,
    pub link_invalid: &'static str,
    /// One pay link for every unpaid document (an accountant pays them at once).
    pub all_title: &'static str,
    pub all_lead: &'static str,
    pub create_all_link: &'static str,
    /// The pay-all link's page: its title, lead, "still to pay" and "all paid".
    pub all_page_title: &'static str,
    pub all_page_lead: fn(&str) -> String,
    pub all_due: &'static str,
    pub all_pay: fn(&str) -> String,
    pub all_paid: &'static str,
    /// Paying from the balance, on the payment step.
    pub by_balance: &'static str,
    /// "Your balance: 20 000 Ft."
    pub balance_is: fn(&str) -> String,
    pub pay_from_balance: &'static str,
    /// The balance does not cover the document (the step, and a refused payment).
    pub balance_too_low: &'static str,
    /// A top-up's page once the gateway has confirmed it.
    pub topped_up_lead: &'static str,
    pub view_balance: &'static str,
    pub err_amount_invalid: &'static str,
    pub err_amount_too_small: &'static str,
    pub err_amount_too_large: &'static str,
}

impl PaymentsTexts {
    /// The message for a refused payment's error code, where paying has one of its own.
    pub fn invalid(&self, code: &str) -> Option<&'static str> {
        match code {
            "balance_too_low" => Some(self.balance_too_low),
            "amount_invalid" => Some(self.err_amount_invalid),
            "amount_too_small" => Some(self.err_amount_too_small),
            "amount_too_large" => Some(self.err_amount_too_large),
            _ => None,
        }
    }
}
