use crate::i18n::mail::MailTexts;

pub const TEXTS: MailTexts = MailTexts {
    greeting: |name| format!("Gentile {name},"),
    sign_off: "Cordiali saluti,",
    proforma_subject: |number, amount, due| {
        format!("Proforma {number}: {amount} da pagare entro il {due}")
    },
    proforma_lead: |number, amount, due| {
        format!(
            "Abbiamo emesso la fattura proforma {number} di {amount}. La preghiamo di pagarla entro il {due}; la fattura definitiva segue appena riceviamo il pagamento."
        )
    },
    proforma_transfer: |amount, iban, number| {
        format!("Con bonifico bancario: {amount} sul conto {iban}, causale {number}.")
    },
    pay_now: "Paga ora",
    receipt_subject: |number| format!("Pagamento ricevuto: fattura {number}"),
    receipt_lead: |amount, number| {
        format!(
            "Grazie: abbiamo ricevuto il suo pagamento di {amount}. La sua fattura è la numero {number}."
        )
    },
    view_invoice: "Vedi la fattura",
    credit_note_subject: |number| format!("Nota di credito {number}"),
    credit_note_lead: |number, amount| {
        format!(
            "Abbiamo emesso la nota di credito {number}: {amount} sono stati aggiunti al tuo saldo, con cui puoi pagare i prossimi documenti. La fattura stornata è indicata sulla nota."
        )
    },
    view_balance: "Vedi il saldo",
    reminder_subject: |service, due| format!("Promemoria: {service} scade il {due}"),
    reminder_lead: |service, due, days| {
        let when = match days {
            0 => "oggi".to_owned(),
            1 => "domani".to_owned(),
            n => format!("tra {n} giorni"),
        };
        format!(
            "{service} scade il {due}, {when}. Si rinnova solo se il rinnovo viene ordinato e pagato entro quella data; dopo scade e in seguito viene sospeso ed eliminato."
        )
    },
    reminder_auto: "Il rinnovo automatico è attivo: alla scadenza ordina il rinnovo e lo paga dal tuo saldo, se il saldo lo copre.",
    reminder_how: "Nella pagina di rinnovo scegli la durata e paghi subito con carta o con una proforma.",
    renew_now: "Rinnova ora",
    auto_renew_subject: |service| format!("Il rinnovo automatico di {service} non è stato pagato"),
    auto_renew_lead: |service, due, balance, needed| {
        format!(
            "{service} era in scadenza il {due}. Il rinnovo automatico è attivo, ma il tuo saldo ({balance}) non copre il rinnovo ({needed}). Ricarica il saldo e verrà rinnovato al prossimo tentativo, oppure rinnovalo tu; altrimenti scade e in seguito viene sospeso ed eliminato."
        )
    },
    attached: |file| format!("Il documento è allegato in PDF ({file})."),
    why: "Riceve questa e-mail come contatto per la fatturazione di questo account. Può indicare un'altra casella per le fatture nelle impostazioni dell'account.",
};
