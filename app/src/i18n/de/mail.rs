use crate::i18n::mail::MailTexts;

pub const TEXTS: MailTexts = MailTexts {
    greeting: |name| format!("Guten Tag {name},"),
    sign_off: "Mit freundlichen Grüßen",
    proforma_subject: |number, amount, due| {
        format!("Proforma {number}: {amount} zahlbar bis {due}")
    },
    proforma_lead: |number, amount, due| {
        format!(
            "Wir haben die Proforma-Rechnung {number} über {amount} ausgestellt. Bitte zahlen Sie bis {due}; die Rechnung folgt, sobald die Zahlung eingegangen ist."
        )
    },
    proforma_transfer: |amount, iban, number| {
        format!("Per Überweisung: {amount} an {iban}, Verwendungszweck {number}.")
    },
    pay_now: "Jetzt bezahlen",
    receipt_subject: |number| format!("Zahlung erhalten: Rechnung {number}"),
    receipt_lead: |amount, number| {
        format!(
            "Vielen Dank: Ihre Zahlung über {amount} ist eingegangen. Ihre Rechnung hat die Nummer {number}."
        )
    },
    view_invoice: "Rechnung ansehen",
    credit_note_subject: |number| format!("Gutschrift {number}"),
    credit_note_lead: |number, amount| {
        format!(
            "Wir haben die Gutschrift {number} ausgestellt: {amount} wurden Ihrem Guthaben gutgeschrieben, aus dem Sie Ihre nächsten Belege bezahlen können. Die stornierte Rechnung ist darauf genannt."
        )
    },
    view_balance: "Guthaben ansehen",
    attached: |file| format!("Das Dokument liegt als PDF bei ({file})."),
    why: "Sie erhalten diese E-Mail als Rechnungskontakt dieses Kontos. Ein anderes Postfach für Rechnungen können Sie in den Kontoeinstellungen angeben.",
};
