use crate::i18n::account::AccountTexts;

pub const TEXTS: AccountTexts = AccountTexts {
    sign_in_lead: "Melden Sie sich an, um Ihre Dienste, Rechnungen und Tickets zu verwalten.",
    email: "E-Mail-Adresse",
    password: "Passwort",
    invalid_credentials: "Die E-Mail-Adresse oder das Passwort ist nicht korrekt.",
    sign_in_wait: |m| match m {
        1 => {
            "Zu viele Anmeldeversuche. Bitte warten Sie 1 Minute und versuchen Sie es dann erneut."
                .to_string()
        }
        m => format!(
            "Zu viele Anmeldeversuche. Bitte warten Sie {m} Minuten und versuchen Sie es dann erneut."
        ),
    },
    signed_out: "Sie wurden abgemeldet.",
};
