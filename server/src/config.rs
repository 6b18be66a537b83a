//! Configuration from the environment. Every variable has a default that runs the demo on
//! an embedded SQLite file.

use app::model::seller::Seller;
use app::server::client_ip::{ForwardedHeader, TrustedProxies, canonical};
use app::server::context::{DEVELOPMENT_WEBHOOK_SECRET, Settings};
use app::server::db::PoolOptions;
use app::server::mail::delivery::Mailer;
use app::server::secrets::KeyRing;
use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path?mode=rwc` or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// `PORTICO_DOCUMENTS_DIR`: where uploaded documents' files are kept.
    pub documents_dir: std::path::PathBuf,
    /// `PORTICO_DB_CONNECTIONS`: the most connections the pool opens.
    pub db_connections: u32,
    /// `PORTICO_SESSION_RECHECK_SECONDS`: how long a page view trusts this instance's check of
    /// its session (0 to 60, default 2).
    pub session_recheck_seconds: u64,
    /// Overrides Leptos' `site-addr` when set.
    pub listen: Option<SocketAddr>,
    /// `PORTICO_SECURE_COOKIES` when set: `Some(true)` for `1`, `Some(false)` for `0`.
    pub secure_cookies: Option<bool>,
    /// `PORTICO_PUBLIC_URL` starts with `https://`.
    pub https_public_url: bool,
    /// `PORTICO_TRUSTED_PROXIES` and `PORTICO_FORWARDED_HEADER`.
    pub trusted_proxies: TrustedProxies,
    /// `PORTICO_SECRET_KEYS`, or the public development key.
    pub secret_keys: KeyRing,
    /// `PORTICO_SELLER_*`: who issues the documents.
    pub seller: Seller,
    /// `PORTICO_PAYMENT_WEBHOOK_SECRET`: verifies the payment gateway's webhooks.
    pub payment_webhook_secret: Option<String>,
    /// `PORTICO_PUBLIC_URL`, when set.
    pub public_url: Option<String>,
    /// `PORTICO_SANDBOX_PAYMENTS`: `1` or `0`; by default on unless the public URL is https.
    pub sandbox_payments: bool,
    /// `PORTICO_SMTP_URL`: where e-mail is sent; without it the outbox keeps it unsent.
    pub smtp_url: Option<String>,
    /// `PORTICO_MAIL_FROM`: the sender of every e-mail, `Name <address>`.
    pub mail_from: String,
}

/// The sender when `PORTICO_MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Portico <billing@portico.invalid>";

/// `http://127.0.0.1:3000` for a server without a public URL (a demo, a test): where it can be
/// reached from this machine, whatever address it listens on.
fn local_origin(listen: SocketAddr) -> String {
    if listen.ip().is_unspecified() {
        format!("http://localhost:{}", listen.port())
    } else {
        format!("http://{listen}")
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://portico.db?mode=rwc";

impl Config {
    pub fn from_env() -> Result<Self, String> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the variables through `var`, so tests need not change the process environment.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let db_connections = match var("PORTICO_DB_CONNECTIONS") {
            Some(v) => v
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| format!("PORTICO_DB_CONNECTIONS={v}: expected 1 to 1000"))?,
            None => PoolOptions::default().connections,
        };
        let session_recheck_seconds =
            match var("PORTICO_SESSION_RECHECK_SECONDS") {
                Some(v) => v.trim().parse().ok().filter(|n| *n <= 60).ok_or_else(|| {
                    format!("PORTICO_SESSION_RECHECK_SECONDS={v}: expected 0 to 60")
                })?,
                None => Settings::default().session_recheck.as_secs(),
            };
        let listen = match var("PORTICO_LISTEN") {
            Some(v) => Some(v.parse().map_err(|e| format!("PORTICO_LISTEN={v}: {e}"))?),
            None => None,
        };
        let secure_cookies = match var("PORTICO_SECURE_COOKIES").as_deref().map(str::trim) {
            None | Some("") => None,
            Some("1") => Some(true),
            Some("0") => Some(false),
            Some(other) => {
                return Err(format!("PORTICO_SECURE_COOKIES={other}: expected 0 or 1"));
            }
        };
        let public_url = var("PORTICO_PUBLIC_URL").unwrap_or_default();
        let https_public_url = public_url.starts_with("https://");
        if https_public_url && secure_cookies == Some(false) {
            return Err("PORTICO_SECURE_COOKIES=0 contradicts an https:// PORTICO_PUBLIC_URL: \
                        the cookies of an https site must be Secure"
                .to_owned());
        }
        let header = match var("PORTICO_FORWARDED_HEADER") {
            Some(v) if !v.trim().is_empty() => {
                v.parse().map_err(|e| format!("PORTICO_FORWARDED_HEADER: {e}"))?
            }
            _ => ForwardedHeader::default(),
        };
        let trusted_proxies =
            TrustedProxies::parse(&var("PORTICO_TRUSTED_PROXIES").unwrap_or_default(), header)
                .map_err(|e| format!("PORTICO_TRUSTED_PROXIES: {e}"))?;
        let secret_keys = secret_keys(var("PORTICO_SECRET_KEYS").as_deref(), &public_url)?;
        let seller = seller(&var);
        let sandbox_payments = match var("PORTICO_SANDBOX_PAYMENTS").as_deref().map(str::trim) {
            None | Some("") => !https_public_url,
            Some("1") => true,
            Some("0") => false,
            Some(other) => {
                return Err(format!("PORTICO_SANDBOX_PAYMENTS={other}: expected 0 or 1"));
            }
        };
        let payment_webhook_secret =
            var("PORTICO_PAYMENT_WEBHOOK_SECRET").filter(|s| !s.trim().is_empty());
        let smtp_url = var("PORTICO_SMTP_URL").filter(|u| !u.trim().is_empty());
        let mail_from = var("PORTICO_MAIL_FROM")
            .filter(|f| !f.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned());
        if let Some(url) = &smtp_url {
            // Refuse a bad address at start, not at the first e-mail.
            Mailer::new(url, &mail_from).map_err(|e| format!("PORTICO_SMTP_URL: {e}"))?;
        }
        let documents_dir = var("PORTICO_DOCUMENTS_DIR")
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| "documents".to_owned())
            .into();
        Ok(Self {
            documents_dir,
            smtp_url,
            mail_from,
            sandbox_payments,
            public_url: Some(public_url).filter(|u| !u.trim().is_empty()),
            payment_webhook_secret,
            seller,
            database_url,
            db_connections,
            session_recheck_seconds,
            listen,
            secure_cookies,
            https_public_url,
            trusted_proxies,
            secret_keys,
        })
    }

    /// The SMTP server e-mail goes through, when one is configured.
    pub fn mailer(&self) -> Option<Mailer> {
        let url = self.smtp_url.as_deref()?;
        // Checked by `from_vars`.
        Mailer::new(url, &self.mail_from).ok()
    }

    /// Says in the log where e-mail goes, or that it waits in the outbox.
    pub fn warn_about_mail(&self) {
        if self.smtp_url.is_none() {
            tracing::warn!(
                "PORTICO_SMTP_URL is not set: e-mails (proformas, receipts) wait in the outbox \
                 unsent until it is (README, \"E-mail\")."
            );
        }
    }

    /// How the database pool is set up.
    pub fn pool(&self) -> PoolOptions {
        PoolOptions { connections: self.db_connections, ..PoolOptions::default() }
    }

    /// The settings for a server listening on `listen`.
    pub fn settings(&self, listen: SocketAddr) -> Settings {
        Settings {
            secure_cookies: self.secure_cookies(listen),
            trusted_proxies: self.trusted_proxies.clone(),
            secret_keys: self.secret_keys.clone(),
            seller: self.seller.clone(),
            public_url: self.public_url.clone(),
            links_origin: self.public_url.clone().unwrap_or_else(|| local_origin(listen)),
            sandbox_payments: self.sandbox_payments,
            documents_dir: self.documents_dir.clone(),
            session_recheck: std::time::Duration::from_secs(self.session_recheck_seconds),
            payment_webhook_secret: self
                .payment_webhook_secret
                .clone()
                .unwrap_or_else(|| DEVELOPMENT_WEBHOOK_SECRET.to_owned()),
            ..Settings::default()
        }
    }

    /// Says in the log whether test cards can pay: the sandbox gateway moves no money.
    pub fn warn_about_sandbox_payments(&self) {
        if self.sandbox_payments && self.https_public_url {
            tracing::warn!(
                "PORTICO_SANDBOX_PAYMENTS=1 on a public https address: the sandbox gateway's test \
                 cards mark real invoices paid without any money moving."
            );
        } else if !self.sandbox_payments {
            tracing::info!(
                "card payments are off: the only gateway is the sandbox (README, Paying)"
            );
        }
    }

    /// Says in the log when documents are issued in the example company's name.
    pub fn warn_about_example_seller(&self) {
        if self.seller.name == Seller::example().name {
            tracing::warn!(
                "PORTICO_SELLER_NAME is not set: documents are issued by an example company. \
                 Set the PORTICO_SELLER_* variables (see README, \"Invoices\")."
            );
        }
    }

    /// Says in the log when stored secrets are sealed with the public development key.
    pub fn warn_about_development_key(&self) {
        if self.secret_keys.seals_with_development_key() {
            tracing::warn!(
                "PORTICO_SECRET_KEYS is not set: secrets are sealed with the public demo \
                 development key, which protects nothing. Never use it in production: set \
                 PORTICO_SECRET_KEYS (see README, \"Rotating the secret key\")."
            );
        }
    }

    /// Cookies are `Secure` (and `__Host-` named) unless the server listens on loopback only:
    /// a server reachable from elsewhere is meant to be reached over TLS, directly or through
    /// a proxy. `PORTICO_SECURE_COOKIES` overrides that either way; an `https://` public URL
    /// requires it (`0` with one is refused by [`Config::from_vars`]).
    pub fn secure_cookies(&self, listen: SocketAddr) -> bool {
        self.secure_cookies
            .unwrap_or_else(|| self.https_public_url || !canonical(listen.ip()).is_loopback())
    }
}

/// The seller from `PORTICO_SELLER_NAME`, `_ADDRESS` (lines separated by `|`), `_TAX_ID`,
/// `_BANK` and `_IBAN`; each one unset keeps the example company's value.
fn seller(var: &impl Fn(&str) -> Option<String>) -> Seller {
    let example = Seller::example();
    let get = |name: &str, default: String| {
        var(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).unwrap_or(default)
    };
    Seller {
        name: get("PORTICO_SELLER_NAME", example.name),
        address: get("PORTICO_SELLER_ADDRESS", example.address)
            .split('|')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n"),
        tax_id: get("PORTICO_SELLER_TAX_ID", example.tax_id),
        bank: get("PORTICO_SELLER_BANK", example.bank),
        iban: get("PORTICO_SELLER_IBAN", example.iban),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, String> {
        let vars: HashMap<String, String> =
            vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Config::from_vars(|name| vars.get(name).cloned())
    }

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn cookies_are_secure_unless_listening_on_loopback() {
        let plain = config(&[]).unwrap();
        assert!(!plain.settings(addr("127.0.0.1:3000")).secure_cookies);
        assert!(!plain.settings(addr("[::1]:3000")).secure_cookies);
        assert!(plain.settings(addr("0.0.0.0:3000")).secure_cookies);
        assert!(plain.settings(addr("[::]:3000")).secure_cookies);
        assert!(plain.settings(addr("192.0.2.10:443")).secure_cookies);
    }

    #[test]
    fn the_secure_cookie_setting_overrides_the_default_both_ways() {
        let on = config(&[("PORTICO_SECURE_COOKIES", "1")]).unwrap();
        assert!(on.settings(addr("127.0.0.1:3000")).secure_cookies);
        let off = config(&[("PORTICO_SECURE_COOKIES", "0")]).unwrap();
        assert!(!off.settings(addr("0.0.0.0:3000")).secure_cookies);
        let https = config(&[
            ("PORTICO_PUBLIC_URL", "https://portal.example"),
            // A production address needs keys of its own (see `secret_key_tests`).
            ("PORTICO_SECRET_KEYS", "k1:yQ7mW1b0n5nq0Hk3t3XxVb4d0mY0cQ9a2x1g4K8l6sE="),
        ])
        .unwrap();
        assert!(https.settings(addr("127.0.0.1:3000")).secure_cookies);
        let contradiction = config(&[
            ("PORTICO_PUBLIC_URL", "https://portal.example"),
            ("PORTICO_SECURE_COOKIES", "0"),
        ]);
        assert!(contradiction.unwrap_err().contains("contradicts"));
        assert!(config(&[("PORTICO_SECURE_COOKIES", "yes")]).is_err());
    }

    #[test]
    fn the_session_recheck_is_a_setting_within_bounds() {
        let listen = "127.0.0.1:3000".parse().unwrap();
        let recheck = |v| config(&[("PORTICO_SESSION_RECHECK_SECONDS", v)]);
        assert_eq!(config(&[]).unwrap().settings(listen).session_recheck.as_secs(), 2);
        assert_eq!(recheck("0").unwrap().settings(listen).session_recheck.as_secs(), 0);
        for bad in ["61", "-1", "soon"] {
            assert!(recheck(bad).unwrap_err().starts_with("PORTICO_SESSION_RECHECK_SECONDS"));
        }
    }

    #[test]
    fn the_pool_size_is_a_setting_within_bounds() {
        assert_eq!(config(&[]).unwrap().pool().connections, PoolOptions::default().connections);
        assert_eq!(config(&[("PORTICO_DB_CONNECTIONS", " 4 ")]).unwrap().pool().connections, 4);
        for bad in ["0", "1001", "four", ""] {
            let err = config(&[("PORTICO_DB_CONNECTIONS", bad)]).unwrap_err();
            assert!(err.starts_with("PORTICO_DB_CONNECTIONS"), "{err}");
        }
    }

    #[test]
    fn trusted_proxies_default_to_none_and_a_bad_entry_stops_the_start() {
        let none = config(&[]).unwrap();
        assert!(none.trusted_proxies.is_empty());
        let set = config(&[("PORTICO_TRUSTED_PROXIES", "127.0.0.1/32, 10.0.0.0/8, ::1")]).unwrap();
        let settings = set.settings(addr("127.0.0.1:3000"));
        assert_eq!(settings.trusted_proxies.networks.len(), 3);
        assert_eq!(settings.trusted_proxies.header, ForwardedHeader::XForwardedFor);
        let err = config(&[("PORTICO_TRUSTED_PROXIES", "127.0.0.1/32, localhost")]).unwrap_err();
        assert!(err.starts_with("PORTICO_TRUSTED_PROXIES") && err.contains("`localhost`"), "{err}");
        let forwarded = config(&[("PORTICO_FORWARDED_HEADER", "forwarded")]).unwrap();
        assert_eq!(forwarded.trusted_proxies.header, ForwardedHeader::Forwarded);
        assert!(config(&[("PORTICO_FORWARDED_HEADER", "x-real-ip")]).is_err());
    }

    #[test]
    fn the_sandbox_gateway_is_off_by_default_on_a_public_https_address() {
        assert!(config(&[]).unwrap().sandbox_payments, "the demo pays with test cards");
        let public = [
            ("PORTICO_PUBLIC_URL", "https://portal.example"),
            ("PORTICO_SECRET_KEYS", "k1:yQ7mW1b0n5nq0Hk3t3XxVb4d0mY0cQ9a2x1g4K8l6sE="),
        ];
        assert!(!config(&public).unwrap().sandbox_payments);
        let forced = [public[0], public[1], ("PORTICO_SANDBOX_PAYMENTS", "1")];
        assert!(config(&forced).unwrap().sandbox_payments);
        assert!(config(&[("PORTICO_SANDBOX_PAYMENTS", "yes")]).is_err());
    }

    #[test]
    fn the_seller_comes_from_the_environment_and_defaults_to_the_example() {
        assert_eq!(config(&[]).unwrap().seller, Seller::example());
        let set = config(&[
            ("PORTICO_SELLER_NAME", " Tárhely Kft. "),
            ("PORTICO_SELLER_ADDRESS", "Fő utca 1. | 1011 Budapest"),
            ("PORTICO_SELLER_IBAN", "HU00 1234"),
        ])
        .unwrap()
        .seller;
        assert_eq!(set.name, "Tárhely Kft.");
        assert_eq!(set.address, "Fő utca 1.\n1011 Budapest");
        assert_eq!(set.iban, "HU00 1234");
        assert_eq!(set.tax_id, Seller::example().tax_id);
    }
}

/// The key ring from `PORTICO_SECRET_KEYS` (`spec`). Unset (or empty), the public development
/// key, except for a portal served over `https://`, which is a real deployment: it must not
/// start with a key everyone can read in the source, nor seal with it.
pub fn secret_keys(spec: Option<&str>, public_url: &str) -> Result<KeyRing, String> {
    let production = public_url.starts_with("https://");
    let keys = match spec.map(str::trim).filter(|s| !s.is_empty()) {
        Some(spec) => KeyRing::parse(spec).map_err(|e| format!("PORTICO_SECRET_KEYS: {e}"))?,
        None if production => {
            return Err(format!(
                "PORTICO_SECRET_KEYS is not set, and PORTICO_PUBLIC_URL ({public_url}) is a \
                 production address: refusing to seal secrets with the public development key. \
                 Generate a key with `openssl rand -base64 32` and set \
                 PORTICO_SECRET_KEYS=k1:<that key>"
            ));
        }
        None => KeyRing::development(),
    };
    if production && keys.seals_with_development_key() {
        return Err("PORTICO_SECRET_KEYS: the first key is the public development key; put a \
                    key of your own first"
            .to_owned());
    }
    Ok(keys)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod secret_key_tests {
    use super::secret_keys;

    const KEY: &str = "yQ7mW1b0n5nq0Hk3t3XxVb4d0mY0cQ9a2x1g4K8l6sE=";

    #[test]
    fn without_keys_the_demo_runs_on_the_development_key() {
        for spec in [None, Some(""), Some("  ")] {
            let keys = secret_keys(spec, "").unwrap();
            assert!(keys.seals_with_development_key());
            assert!(secret_keys(spec, "http://127.0.0.1:3000").is_ok());
        }
    }

    #[test]
    fn a_production_address_needs_keys_of_its_own() {
        let err = secret_keys(None, "https://portal.example.com").unwrap_err();
        assert!(err.contains("PORTICO_SECRET_KEYS is not set"), "{err}");
        let ring = secret_keys(Some(&format!("k1:{KEY}")), "https://portal.example.com").unwrap();
        assert_eq!(ring.ids(), ["k1"]);
        // The development key may stay behind a real one (to rotate away from it), never first.
        let dev = "cG9ydGljby1wdWJsaWMtZGV2ZWxvcG1lbnQta2V5ISE=";
        assert!(secret_keys(Some(&format!("dev:{dev}")), "https://portal.example.com").is_err());
        assert!(secret_keys(Some(&format!("k2:{KEY},dev:{dev}")), "https://p.example").is_ok());
    }

    #[test]
    fn a_malformed_key_ring_stops_the_start() {
        for spec in ["k1", "k1:short", &format!("k1:{KEY},k1:{KEY}"), "bad id:{KEY}"] {
            let err = secret_keys(Some(spec), "").unwrap_err();
            assert!(err.starts_with("PORTICO_SECRET_KEYS: "), "{spec}: {err}");
        }
    }
}
