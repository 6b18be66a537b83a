//! Configuration from the environment. Every variable has a default that runs the demo on
//! an embedded SQLite file.

use app::server::context::Settings;
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
        let settings = Settings {
            secure_cookies: public_url.starts_with("https://")
                || std::env::var("PORTICO_SECURE_COOKIES").is_ok_and(|v| v == "1"),
            ..Settings::default()
        };
        Ok(Self { database_url, listen, settings })
    }
}
