//! Configuration from the environment. Every variable has a default that runs the demo on
//! an embedded SQLite file.

use app::server::context::Settings;
use app::server::secrets::KeyRing;
use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path?mode=rwc` or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// Overrides Leptos' `site-addr` when set.
    pub listen: Option<SocketAddr>,
    pub settings: Settings,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://portico.db?mode=rwc";

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
        let listen = match std::env::var("PORTICO_LISTEN") {
            Ok(v) => Some(v.parse().map_err(|e| format!("PORTICO_LISTEN={v}: {e}"))?),
            Err(_) => None,
        };
        // Behind TLS (directly or through a proxy) cookies must carry `Secure`.
        let public_url = std::env::var("PORTICO_PUBLIC_URL").unwrap_or_default();
        let secret_keys =
            secret_keys(std::env::var("PORTICO_SECRET_KEYS").ok().as_deref(), &public_url)?;
        if secret_keys.seals_with_development_key() {
            tracing::warn!(
                "PORTICO_SECRET_KEYS is not set: secrets are sealed with the public demo \
                 development key, which protects nothing. Never use it in production: set \
                 PORTICO_SECRET_KEYS (see README, \"Rotating the secret key\")."
            );
        }
        let settings = Settings {
            secure_cookies: public_url.starts_with("https://")
                || std::env::var("PORTICO_SECURE_COOKIES").is_ok_and(|v| v == "1"),
            secret_keys,
            ..Settings::default()
        };
        Ok(Self { database_url, listen, settings })
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
mod tests {
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
