use crate::i18n::account::AccountTexts;

pub const TEXTS: AccountTexts = AccountTexts {
    sign_in_lead: "Jelentkezzen be szolgáltatásai, számlái és ügyfélszolgálati jegyei kezeléséhez.",
    email: "E-mail-cím",
    password: "Jelszó",
    invalid_credentials: "Az e-mail-cím vagy a jelszó nem megfelelő.",
    // No plural after a numeral: 1 percet, 12 percet.
    sign_in_wait: |m| {
        format!("Túl sok bejelentkezési kísérlet. Kérjük, várjon {m} percet, majd próbálja újra.")
    },
    signed_out: "Sikeresen kijelentkezett.",
};
