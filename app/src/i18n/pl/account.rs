use crate::i18n::account::AccountTexts;
use crate::i18n::plural;

pub const TEXTS: AccountTexts = AccountTexts {
    sign_in_lead: "Po zalogowaniu można zarządzać usługami, fakturami i zgłoszeniami do pomocy technicznej.",
    email: "Adres e-mail",
    password: "Hasło",
    invalid_credentials: "Nieprawidłowy adres e-mail lub hasło.",
    sign_in_wait: |m| {
        format!(
            "Zbyt wiele prób logowania. Prosimy odczekać {m} {} i spróbować ponownie.",
            plural::polish(m, "minutę", "minuty", "minut")
        )
    },
    signed_out: "Wylogowano.",
};
