use crate::i18n::account::AccountTexts;

pub const TEXTS: AccountTexts = AccountTexts {
    sign_in_lead: "Sign in to manage your services, invoices and support tickets.",
    email: "E-mail address",
    password: "Password",
    invalid_credentials: "The e-mail address or password is not correct.",
    sign_in_wait: |m| match m {
        1 => "Too many sign-in attempts. Please wait 1 minute and try again.".to_string(),
        m => format!("Too many sign-in attempts. Please wait {m} minutes and try again."),
    },
    signed_out: "You have been signed out.",
};
