use crate::i18n::mail::MailTexts;

pub const TEXTS: MailTexts = MailTexts {
    greeting: |name| format!("Tisztelt {name}!"),
    sign_off: "Üdvözlettel:",
    proforma_subject: |number, amount, due| {
        format!("{number} díjbekérő: {amount}, fizetési határidő {due}")
    },
    proforma_lead: |number, amount, due| {
        format!(
            "Kiállítottuk a(z) {number} számú díjbekérőt {amount} összegben, fizetési határideje {due} A számlát a fizetés beérkezése után azonnal kiállítjuk."
        )
    },
    proforma_transfer: |amount, iban, number| {
        format!(
            "Banki átutalás esetén utaljon {amount} összeget a(z) {iban} számlára, a közleményben ezzel: {number}."
        )
    },
    pay_now: "Fizetés most",
    receipt_subject: |number| format!("Befizetés megérkezett: {number} számla"),
    receipt_lead: |amount, number| {
        format!("Köszönjük, {amount} összegű befizetése megérkezett. Számlájának száma: {number}.")
    },
    view_invoice: "A számla megtekintése",
    credit_note_subject: |number| format!("{number} jóváíró számla"),
    credit_note_lead: |number, amount| {
        format!(
            "Kiállítottuk a(z) {number} jóváíró számlát: {amount} összeget jóváírtunk az egyenlegén, amelyből a következő bizonylatait kifizetheti. A helyesbített számla száma rajta szerepel."
        )
    },
    view_balance: "Egyenleg megtekintése",
    reminder_subject: |service, due| format!("Emlékeztető: {service} lejár ({due})"),
    reminder_lead: |service, due, days| {
        let when = match days {
            0 => "ma".to_owned(),
            1 => "holnap".to_owned(),
            n => format!("{n} nap múlva"),
        };
        format!(
            "{service} díjfordulója {due}, azaz {when}. Csak akkor hosszabbítjuk meg, ha addig nyilatkozik a hosszabbítási szándékáról és ki is fizeti; ezután lejár, később felfüggesztjük, majd töröljük."
        )
    },
    reminder_auto: "Az automatikus hosszabbítás be van kapcsolva: a díjforduló napján megrendeli a hosszabbítást, és kifizeti az egyenlegéből, ha az fedezi.",
    reminder_how: "A hosszabbítás oldalán kiválaszthatja az időtartamot, és fizethet azonnal bankkártyával vagy díjbekérővel.",
    renew_now: "Hosszabbítás most",
    auto_renew_subject: |service| format!("{service} automatikus hosszabbítása nem sikerült"),
    auto_renew_lead: |service, due, balance, needed| {
        format!(
            "{service} díjfordulója {due} volt. Az automatikus hosszabbítás be van kapcsolva, de egyenlege ({balance}) nem fedezi a hosszabbítást ({needed}). Töltse fel egyenlegét, és a következő próbálkozáskor meghosszabbítjuk, vagy hosszabbítsa meg maga; különben lejár, később felfüggesztjük, majd töröljük."
        )
    },
    attached: |file| format!("A bizonylatot PDF-ben csatoltuk ({file})."),
    why: "Ezt a levelet a fiók számlázási kapcsolattartójaként kapja. Másik számlázási postafiókot a fiókbeállításokban adhat meg.",
};
