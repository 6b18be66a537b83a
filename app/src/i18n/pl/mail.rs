use crate::i18n::mail::MailTexts;

pub const TEXTS: MailTexts = MailTexts {
    greeting: |name| format!("Dzień dobry, {name},"),
    sign_off: "Z poważaniem",
    proforma_subject: |number, amount, due| {
        format!("Proforma {number}: {amount} do zapłaty do {due}")
    },
    proforma_lead: |number, amount, due| {
        format!(
            "Wystawiliśmy fakturę proforma {number} na kwotę {amount}. Prosimy o zapłatę do {due}; fakturę końcową wystawimy zaraz po zaksięgowaniu wpłaty."
        )
    },
    proforma_transfer: |amount, iban, number| {
        format!("Przelewem: {amount} na konto {iban}, w tytule przelewu {number}.")
    },
    pay_now: "Zapłać teraz",
    receipt_subject: |number| format!("Płatność otrzymana: faktura {number}"),
    receipt_lead: |amount, number| {
        format!(
            "Dziękujemy: otrzymaliśmy Twoją płatność w kwocie {amount}. Numer faktury: {number}."
        )
    },
    view_invoice: "Zobacz fakturę",
    credit_note_subject: |number| format!("Faktura korygująca {number}"),
    credit_note_lead: |number, amount| {
        format!(
            "Wystawiliśmy fakturę korygującą {number}: kwota {amount} została dodana do Twojego salda, z którego możesz opłacić kolejne dokumenty. Korygowana faktura jest na niej wskazana."
        )
    },
    view_balance: "Zobacz saldo",
    reminder_subject: |service, due| format!("Przypomnienie: {service} wygasa {due}"),
    reminder_lead: |service, due, days| {
        let when = match days {
            0 => "dziś".to_owned(),
            1 => "jutro".to_owned(),
            n => format!("za {n} dni"),
        };
        format!(
            "{service} wygasa {due}, {when}. Usługa zostanie odnowiona tylko wtedy, gdy do tego dnia zamówisz i opłacisz odnowienie; potem wygaśnie, a później zostanie zawieszona i usunięta."
        )
    },
    reminder_auto: "Automatyczne odnowienie jest włączone: w dniu terminu zamówi odnowienie i opłaci je z salda, jeśli saldo je pokrywa.",
    reminder_how: "Na stronie odnowienia wybierzesz okres i zapłacisz od razu kartą albo na podstawie faktury proforma.",
    renew_now: "Odnów teraz",
    auto_renew_subject: |service| {
        format!("Nie udało się opłacić automatycznego odnowienia {service}")
    },
    auto_renew_lead: |service, due, balance, needed| {
        format!(
            "Termin płatności za {service} minął {due}. Automatyczne odnowienie jest włączone, ale saldo ({balance}) nie pokrywa odnowienia ({needed}). Doładuj saldo, a usługa zostanie odnowiona przy następnej próbie, albo odnów ją sam; w przeciwnym razie wygaśnie, a później zostanie zawieszona i usunięta."
        )
    },
    attached: |file| format!("Dokument jest załączony jako PDF ({file})."),
    why: "Otrzymujesz tę wiadomość jako kontakt rozliczeniowy tego konta. Inną skrzynkę do faktur możesz wskazać w ustawieniach konta.",
};
