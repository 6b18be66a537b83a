//! Every visible text, in five languages. Each language is a `Texts` value: a missing
//! translation is a missing struct field, so it fails the build instead of showing a key.

mod de;
mod en;
mod hu;
mod it;
pub mod manage;
mod pl;

use crate::model::{BillingCycle, Lang, ServiceStatus};
use leptos::prelude::*;

pub struct Texts {
    /// Texts of the service, operation and order pages.
    pub m: &'static manage::ManageTexts,
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
    pub sign_in_lead: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub invalid_credentials: &'static str,
    /// A limit refused the attempt, without saying for how long.
    pub too_many_attempts: &'static str,
    /// A limit refused the sign-in: "… Please wait 12 minutes and try again." (whole
    /// minutes, at least 1).
    pub sign_in_wait: fn(i64) -> String,
    /// Every password check slot is taken: try again in a moment.
    pub busy: &'static str,
    pub signed_out: &'static str,
    pub session_expired: &'static str,

    pub dashboard_title: &'static str,
    pub dashboard_lead: &'static str,
    pub nothing_pending: &'static str,
    pub box_abandoned_orders: &'static str,
    pub box_rejected_documents: &'static str,
    pub box_expiring_domains: &'static str,
    pub box_expiring_hosting: &'static str,
    pub box_expiring_ssl: &'static str,
    pub box_unpaid_proformas: &'static str,
    pub col_order: &'static str,
    pub col_step: &'static str,
    pub col_last_change: &'static str,
    pub col_document: &'static str,
    pub col_reasons: &'static str,
    pub col_name: &'static str,
    pub col_expires: &'static str,
    pub col_number: &'static str,
    pub col_amount: &'static str,
    pub col_due_date: &'static str,
    pub col_actions: &'static str,
    pub continue_order: &'static str,
    pub delete: &'static str,
    pub delete_order_question: &'static str,
    pub delete_confirm: &'static str,
    pub renew: &'static str,
    pub fix_and_resubmit: &'static str,
    pub overdue: &'static str,
    pub order_kind_domain_registration: &'static str,
    pub order_kind_domain_transfer: &'static str,
    pub order_kind_other: &'static str,
    pub document_kind_hu_transfer: &'static str,
    pub document_kind_other: &'static str,
    /// "Step 2 of the order".
    pub step_n: fn(i32) -> String,
    /// "in 12 days", "today", "expired".
    pub days_left: fn(i64) -> String,

    pub services_title: &'static str,
    pub services_lead: &'static str,
    /// The links above the list (seed 001 "Czynności").
    pub services_actions: &'static str,
    pub renew_services: &'static str,
    pub new_order: &'static str,
    pub view_addons: &'static str,
    /// The status filter's label (seed 001 "Zobacz").
    pub filter_view: &'static str,
    pub filter_all: &'static str,
    pub sort_by: &'static str,
    /// The filter form's submit button.
    pub show: &'static str,
    pub col_service: &'static str,
    pub col_price: &'static str,
    pub col_next_due: &'static str,
    pub col_status: &'static str,
    /// Shown instead of a next due date for services that are not billed again.
    pub no_due_date: &'static str,
    pub no_services: &'static str,
    pub manage: &'static str,
    pub invoices: &'static str,
    pub open_ticket: &'static str,
    /// The row menu's accessible name: "Actions for kovacs.hu".
    pub actions_for: fn(&str) -> String,
    pub pagination: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    /// "Page 2 of 4".
    pub page_of: fn(u32, u32) -> String,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub status_suspended: &'static str,
    pub status_cancelled: &'static str,
    pub status_expired: &'static str,
    pub status_terminated: &'static str,
    /// Billing cycles as the unit after a price: "4 990 Ft / év".
    pub cycle_monthly: &'static str,
    pub cycle_quarterly: &'static str,
    pub cycle_semiannual: &'static str,
    pub cycle_annual: &'static str,
    pub cycle_biennial: &'static str,
    pub cycle_triennial: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub error_reference: &'static str,
    pub error_invalid: &'static str,
    pub error_conflict: &'static str,
    pub back_to_dashboard: &'static str,
    pub loading: &'static str,
}

impl Texts {
    pub fn service_status(&self, status: ServiceStatus) -> &'static str {
        match status {
            ServiceStatus::Pending => self.status_pending,
            ServiceStatus::Active => self.status_active,
            ServiceStatus::Suspended => self.status_suspended,
            ServiceStatus::Cancelled => self.status_cancelled,
            ServiceStatus::Expired => self.status_expired,
            ServiceStatus::Terminated => self.status_terminated,
        }
    }

    pub fn billing_cycle(&self, cycle: BillingCycle) -> &'static str {
        match cycle {
            BillingCycle::Monthly => self.cycle_monthly,
            BillingCycle::Quarterly => self.cycle_quarterly,
            BillingCycle::Semiannual => self.cycle_semiannual,
            BillingCycle::Annual => self.cycle_annual,
            BillingCycle::Biennial => self.cycle_biennial,
            BillingCycle::Triennial => self.cycle_triennial,
        }
    }
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
    use_context::<Lang>().unwrap_or(Lang::En)
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
                assert_ne!(t.dashboard_title, en::TEXTS.dashboard_title, "{lang:?}");
                assert_ne!(t.services_title, en::TEXTS.services_title, "{lang:?}");
                assert_ne!(t.m.op_reboot, en::TEXTS.m.op_reboot, "{lang:?} manage texts");
                assert_ne!(t.m.auto_renew, en::TEXTS.m.auto_renew, "{lang:?} manage texts");
            }
            assert!(!(t.days_left)(3).is_empty());
            for minutes in [1, 2, 5, 12, 15] {
                assert!((t.sign_in_wait)(minutes).contains(&minutes.to_string()), "{lang:?}");
            }
            assert!(!t.too_many_attempts.contains("15"), "{lang:?}: the wait is not fixed");
            assert_ne!(t.busy, t.too_many_attempts);
            for minutes in [0, 1, 5, 180, 4000] {
                assert!(!(t.m.minutes_ago)(minutes).is_empty());
            }
            assert!((t.m.space_of)(75, 100).contains("75"), "{lang:?}");
            assert!((t.actions_for)("kovacs.hu").contains("kovacs.hu"), "{lang:?}");
            let page = (t.page_of)(2, 4);
            assert!(page.contains('2') && page.contains('4'), "{lang:?}: {page}");
        }
    }

    #[test]
    fn sign_in_wait_uses_each_languages_plural_forms() {
        let wait = |lang: Lang, n: i64| (texts(lang).sign_in_wait)(n);
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
}
