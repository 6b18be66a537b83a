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
    reminder_subject: |service, due| format!("Erinnerung: {service} läuft am {due} ab"),
    reminder_lead: |service, due, days| {
        let when = match days {
            0 => "heute".to_owned(),
            1 => "morgen".to_owned(),
            n => format!("in {n} Tagen"),
        };
        format!(
            "{service} läuft am {due} ab, {when}. Verlängert wird nur, wenn die Verlängerung bis dahin beauftragt und bezahlt ist; danach läuft der Dienst ab und wird später gesperrt und gelöscht."
        )
    },
    reminder_auto: "Die automatische Verlängerung ist eingeschaltet: Am Fälligkeitstag beauftragt sie die Verlängerung und bezahlt sie aus Ihrem Guthaben, wenn es sie deckt.",
    reminder_how: "Auf der Verlängerungsseite wählen Sie den Zeitraum und zahlen sofort per Karte oder per Vorabrechnung.",
    renew_now: "Jetzt verlängern",
    auto_renew_subject: |service| format!("Automatische Verlängerung von {service} nicht bezahlt"),
    auto_renew_lead: |service, due, balance, needed| {
        format!(
            "{service} war am {due} fällig. Die automatische Verlängerung ist eingeschaltet, aber Ihr Guthaben ({balance}) deckt die Verlängerung ({needed}) nicht. Laden Sie Ihr Guthaben auf, dann wird beim nächsten Versuch verlängert, oder verlängern Sie selbst; sonst läuft der Dienst ab und wird später gesperrt und gelöscht."
        )
    },
    attached: |file| format!("Das Dokument liegt als PDF bei ({file})."),
    why: "Sie erhalten diese E-Mail als Rechnungskontakt dieses Kontos. Ein anderes Postfach für Rechnungen können Sie in den Kontoeinstellungen angeben.",
};
