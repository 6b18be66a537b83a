//! Every visible text, in five languages: one folder per language (`en/`, `hu/`, `pl/`,
//! `de/`, `it/`), one file per area of the portal inside it (`account.rs`, `dashboard.rs`,
//! `services.rs`, `orders.rs`, `invoices.rs`; the shared texts in its `mod.rs`). Each area's
//! texts are a struct ([`account::AccountTexts`], ...), and each language a value of it: a missing
//! translation is a missing struct field, so it fails the build instead of showing a key.
//! Counts take their words from [`plural`], the one place for each language's rule.

pub mod account;
pub mod balance;
pub mod cart;
pub mod catalogue;
pub mod dashboard;
pub mod domain_order;
pub mod invoices;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod orders;
pub mod payments;
pub mod plural;
pub mod services;

mod de;
mod en;
mod hu;
mod it;
mod pl;

use crate::model::Lang;
use leptos::prelude::*;

/// The texts of one language: each area's, and those every area shares (navigation,
/// errors, tables, paging).
pub struct Texts {
    pub account: &'static account::AccountTexts,
    pub balance: &'static balance::BalanceTexts,
    pub cart: &'static cart::CartTexts,
    pub catalogue: &'static catalogue::CatalogueTexts,
    pub dashboard: &'static dashboard::DashboardTexts,
    pub domain_order: &'static domain_order::DomainOrderTexts,
    pub services: &'static services::ServicesTexts,
    pub orders: &'static orders::OrdersTexts,
    pub invoices: &'static invoices::InvoicesTexts,
    pub payments: &'static payments::PaymentsTexts,
    /// The language's own name, for the language switcher.
    pub lang_name: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_services: &'static str,
    pub log_out: &'static str,
    pub language: &'static str,
    pub switch_language: &'static str,
    pub footer_note: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in: &'static str,
    /// A limit refused the attempt, without saying for how long.
    pub too_many_attempts: &'static str,
    /// Every password check slot is taken: try again in a moment.
    pub busy: &'static str,
    pub session_expired: &'static str,
    pub col_document: &'static str,
    pub col_name: &'static str,
    pub col_number: &'static str,
    pub col_actions: &'static str,
    pub renew: &'static str,
    /// "in 12 days", "today", "expired".
    pub days_left: fn(i64) -> String,
    pub new_order: &'static str,
    pub view_addons: &'static str,
    pub col_status: &'static str,
    pub manage: &'static str,
    pub nav_invoices: &'static str,
    pub open_ticket: &'static str,
    pub pagination: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    /// "Page 2 of 4".
    pub page_of: fn(u32, u32) -> String,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub error_reference: &'static str,
    pub error_invalid: &'static str,
    pub error_conflict: &'static str,
    pub back_to_dashboard: &'static str,
    pub loading: &'static str,
    pub tab_details: &'static str,
    pub nav_orders: &'static str,
    pub order_actions_for: fn(&str) -> String,
    pub err_not_now: &'static str,
    // A priced document's lines (an order, an invoice), shared by their pages.
    pub section_lines: &'static str,
    pub col_description: &'static str,
    pub col_quantity: &'static str,
    pub col_unit_price: &'static str,
    pub col_net: &'static str,
    pub col_vat_rate: &'static str,
    pub col_vat: &'static str,
    pub col_gross: &'static str,
    /// The sentence an order or invoice under reverse charge carries.
    pub reverse_charge_note: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &en::TEXTS,
        Lang::Hu => &hu::TEXTS,
        Lang::Pl => &pl::TEXTS,
        Lang::De => &de::TEXTS,
        Lang::It => &it::TEXTS,
    }
}

/// The page's language, provided once at the root. Switching language reloads the page, so
/// it never changes during a page's life.
pub fn use_lang() -> Lang {
    // An island in the browser has no context from the server's tree: it reads `<html lang>`.
    use_context::<Lang>().unwrap_or_else(crate::page_lang)
}

pub fn use_texts() -> &'static Texts {
    texts(use_lang())
}

/// Picks the best supported language from an `Accept-Language` header value.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, u32)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        // Quality in thousandths, so no float arithmetic is needed.
        let quality =
            pieces.find_map(|p| p.trim().strip_prefix("q=")).map(parse_quality).unwrap_or(1000);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary)
            && quality > 0
            && best.is_none_or(|(_, q)| quality > q)
        {
            best = Some((lang, quality));
        }
    }
    best.map(|(lang, _)| lang)
}

/// A quality value in thousandths, 0..=1000. The header comes from anyone: out-of-range and
/// malformed values are clamped or read as 0, never overflow.
fn parse_quality(q: &str) -> u32 {
    let (int, frac) = q.trim().split_once('.').unwrap_or((q.trim(), ""));
    if !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && !int.trim_start_matches('0').is_empty()
    {
        return 1000; // 1, or an out-of-range 5000000: the most a quality can be
    }
    let frac: String = frac.chars().chain("000".chars()).take(3).collect();
    frac.parse::<u32>().unwrap_or(0).min(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_quality_supported() {
        assert_eq!(from_accept_language("fr-FR,de;q=0.8,hu;q=0.9"), Some(Lang::Hu));
        assert_eq!(from_accept_language("pl-PL"), Some(Lang::Pl));
        assert_eq!(from_accept_language("fr, es;q=0.5"), None);
        assert_eq!(from_accept_language("it;q=0, en;q=0.1"), Some(Lang::En));
    }

    #[test]
    fn absurd_quality_values_neither_overflow_nor_win_unfairly() {
        assert_eq!(from_accept_language("en;q=5000000"), Some(Lang::En));
        assert_eq!(from_accept_language("de;q=99999999999999999999, hu"), Some(Lang::De));
        assert_eq!(from_accept_language("pl;q=-1, it;q=0.5"), Some(Lang::It));
        assert_eq!(from_accept_language("pl;q=abc, it;q=0.5"), Some(Lang::It));
        assert_eq!(parse_quality("1.000"), 1000);
        assert_eq!(parse_quality("0.25"), 250);
    }

    #[test]
    fn every_language_has_its_own_texts() {
        // Guards against a language wired to another's table by copy and paste.
        let names: Vec<_> = Lang::ALL.iter().map(|l| texts(*l).lang_name).collect();
        assert_eq!(names, ["English", "Magyar", "Polski", "Deutsch", "Italiano"]);
        for lang in Lang::ALL {
            let t = texts(*lang);
            if *lang != Lang::En {
                assert_ne!(t.sign_in, en::TEXTS.sign_in, "{lang:?} sign-in untranslated");
                assert_ne!(
                    t.dashboard.dashboard_title,
                    en::TEXTS.dashboard.dashboard_title,
                    "{lang:?}"
                );
                assert_ne!(
                    t.services.services_title,
                    en::TEXTS.services.services_title,
                    "{lang:?}"
                );
                assert_ne!(
                    t.services.op_reboot,
                    en::TEXTS.services.op_reboot,
                    "{lang:?} manage texts"
                );
                assert_ne!(
                    t.services.auto_renew,
                    en::TEXTS.services.auto_renew,
                    "{lang:?} manage texts"
                );
            }
            assert!(!(t.days_left)(3).is_empty());
            for minutes in [1, 2, 5, 12, 15] {
                assert!(
                    (t.account.sign_in_wait)(minutes).contains(&minutes.to_string()),
                    "{lang:?}"
                );
            }
            assert!(!t.too_many_attempts.contains("15"), "{lang:?}: the wait is not fixed");
            assert_ne!(t.busy, t.too_many_attempts);
            for minutes in [0, 1, 5, 180, 4000] {
                assert!(!(t.services.minutes_ago)(minutes).is_empty());
            }
            assert!((t.services.space_of)(75, 100).contains("75"), "{lang:?}");
            assert!((t.services.actions_for)("kovacs.hu").contains("kovacs.hu"), "{lang:?}");
            let page = (t.page_of)(2, 4);
            assert!(page.contains('2') && page.contains('4'), "{lang:?}: {page}");
        }
    }

    #[test]
    fn sign_in_wait_uses_each_languages_plural_forms() {
        let wait = |lang: Lang, n: i64| (texts(lang).account.sign_in_wait)(n);
        assert!(
            wait(Lang::En, 1).contains("1 minute ") && wait(Lang::En, 12).contains("12 minutes")
        );
        assert!(wait(Lang::De, 1).contains("1 Minute ") && wait(Lang::De, 2).contains("2 Minuten"));
        assert!(wait(Lang::It, 1).contains("1 minuto") && wait(Lang::It, 12).contains("12 minuti"));
        assert!(wait(Lang::Hu, 1).contains("1 percet") && wait(Lang::Hu, 12).contains("12 percet"));
        // Polish: 1 minutę; 2-4 (also 22-24, not 12-14) minuty; otherwise minut.
        for (n, form) in [
            (1, "1 minutę"),
            (2, "2 minuty"),
            (4, "4 minuty"),
            (5, "5 minut "),
            (11, "11 minut "),
            (12, "12 minut "),
            (14, "14 minut "),
            (15, "15 minut "),
            (21, "21 minut "),
            (22, "22 minuty"),
            (112, "112 minut "),
        ] {
            assert!(wait(Lang::Pl, n).contains(form), "{n}: {}", wait(Lang::Pl, n));
        }
    }

    #[test]
    fn a_renewal_period_reads_right_in_every_language() {
        let said = |lang, months: &[u32]| -> Vec<String> {
            months.iter().map(|m| (texts(lang).services.period)(*m)).collect()
        };
        let months = [1, 3, 12, 24, 60];
        assert_eq!(
            said(Lang::En, &months),
            ["1 month", "3 months", "1 year", "2 years", "5 years"]
        );
        assert_eq!(
            said(Lang::De, &months),
            ["1 Monat", "3 Monate", "1 Jahr", "2 Jahre", "5 Jahre"]
        );
        assert_eq!(said(Lang::It, &months), ["1 mese", "3 mesi", "1 anno", "2 anni", "5 anni"]);
        assert_eq!(said(Lang::Hu, &months), ["1 hónap", "3 hónap", "1 év", "2 év", "5 év"]);
        assert_eq!(
            said(Lang::Pl, &[1, 3, 6, 12, 24, 60]),
            ["1 miesiąc", "3 miesiące", "6 miesięcy", "1 rok", "2 lata", "5 lat"]
        );
    }
}
