//! The texts of signing in and out, and the customer's own settings (`/login`). One value per language in
//! `i18n/<lang>/account.rs`.

pub struct AccountTexts {
    pub sign_in_lead: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub invalid_credentials: &'static str,
    /// A limit refused the sign-in: "… Please wait 12 minutes and try again." (whole
    /// minutes, at least 1).
    pub sign_in_wait: fn(i64) -> String,
    pub signed_out: &'static str,
}
