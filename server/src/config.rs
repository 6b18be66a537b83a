//! Configuration from the environment. Every variable has a default that runs the demo on
//! an embedded SQLite file.

use app::server::client_ip::{ForwardedHeader, TrustedProxies, canonical};
use app::server::context::Settings;
use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path?mode=rwc` or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// Overrides Leptos' `site-addr` when set.
    pub listen: Option<SocketAddr>,
    /// `PORTICO_SECURE_COOKIES` when set: `Some(true)` for `1`, `Some(false)` for `0`.
    pub secure_cookies: Option<bool>,
    /// `PORTICO_PUBLIC_URL` starts with `https://`.
    pub https_public_url: bool,
    /// `PORTICO_TRUSTED_PROXIES` and `PORTICO_FORWARDED_HEADER`.
    pub trusted_proxies: TrustedProxies,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://portico.db?mode=rwc";

impl Config {
    pub fn from_env() -> Result<Self, String> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the variables through `var`, so tests need not change the process environment.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
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
        let https_public_url = var("PORTICO_PUBLIC_URL").is_some_and(|u| u.starts_with("https://"));
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
        Ok(Self { database_url, listen, secure_cookies, https_public_url, trusted_proxies })
    }

    /// The settings for a server listening on `listen`.
    pub fn settings(&self, listen: SocketAddr) -> Settings {
        Settings {
            secure_cookies: self.secure_cookies(listen),
            trusted_proxies: self.trusted_proxies.clone(),
            ..Settings::default()
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
        let https = config(&[("PORTICO_PUBLIC_URL", "https://portal.example")]).unwrap();
        assert!(https.settings(addr("127.0.0.1:3000")).secure_cookies);
        let contradiction = config(&[
            ("PORTICO_PUBLIC_URL", "https://portal.example"),
            ("PORTICO_SECURE_COOKIES", "0"),
        ]);
        assert!(contradiction.unwrap_err().contains("contradicts"));
        assert!(config(&[("PORTICO_SECURE_COOKIES", "yes")]).is_err());
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
}
