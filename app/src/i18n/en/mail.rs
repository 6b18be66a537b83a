use crate::i18n::mail::MailTexts;

pub const TEXTS: MailTexts = MailTexts {
    greeting: |name| format!("Dear {name},"),
    sign_off: "Kind regards,",
    proforma_subject: |number, amount, due| format!("Proforma {number}: {amount} to pay by {due}"),
    proforma_lead: |number, amount, due| {
        format!(
            "We have issued proforma {number} for {amount}. Please pay it by {due}; the final invoice follows as soon as the payment arrives."
        )
    },
    proforma_transfer: |amount, iban, number| {
        format!(
            "To pay by bank transfer, send {amount} to {iban} and quote {number} as the reference."
        )
    },
    pay_now: "Pay now",
    receipt_subject: |number| format!("Payment received: invoice {number}"),
    receipt_lead: |amount, number| {
        format!("Thank you: we have received your payment of {amount}. Your invoice is {number}.")
    },
    view_invoice: "View the invoice",
    credit_note_subject: |number| format!("Credit note {number}"),
    credit_note_lead: |number, amount| {
        format!(
            "We have issued credit note {number}: {amount} has been added to your balance, from which your next documents can be paid. The invoice it credits is named on it."
        )
    },
    view_balance: "View your balance",
    reminder_subject: |service, due| format!("Renewal reminder: {service} expires on {due}"),
    reminder_lead: |service, due, days| {
        let when = match days {
            0 => "today".to_owned(),
            1 => "tomorrow".to_owned(),
            n => format!("in {n} days"),
        };
        format!(
            "{service} expires on {due}, {when}. It is renewed only if the renewal is ordered and paid by then; after that it expires and is later suspended and deleted."
        )
    },
    reminder_auto: "Automatic renewal is on: on the due date it orders the renewal and pays it from your balance, if the balance covers it.",
    reminder_how: "On the renewal page you choose the period and pay by card at once or with a proforma.",
    renew_now: "Renew now",
    auto_renew_subject: |service| format!("Automatic renewal of {service} could not be paid"),
    auto_renew_lead: |service, due, balance, needed| {
        format!(
            "{service} was due on {due}. Its automatic renewal is on, but your balance ({balance}) does not cover the renewal ({needed}). Top up your balance and it is renewed on the next attempt, or renew it yourself; otherwise it expires and is later suspended and deleted."
        )
    },
    attached: |file| format!("The document is attached as a PDF ({file})."),
    why: "You receive this e-mail as the billing contact of this account. You can name another billing mailbox in your account settings.",
};
