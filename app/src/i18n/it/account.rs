use crate::i18n::account::AccountTexts;

pub const TEXTS: AccountTexts = AccountTexts {
    sign_in_lead: "Acceda per gestire i Suoi servizi, le fatture e le richieste di assistenza.",
    email: "Indirizzo e-mail",
    password: "Password",
    invalid_credentials: "L'indirizzo e-mail o la password non sono corretti.",
    sign_in_wait: |m| match m {
        1 => "Troppi tentativi di accesso. Attenda 1 minuto e riprovi.".to_string(),
        m => format!("Troppi tentativi di accesso. Attenda {m} minuti e riprovi."),
    },
    signed_out: "Disconnessione effettuata.",
};
