//! The sandbox card gateway. No money moves and no card network is asked: Portico serves the
//! "gateway's hosted page" itself, under `/sandbox/gateway/`, labelled as a sandbox, and
//! plays the gateway's part of the protocol honestly: the page's address is signed (so its
//! amount cannot be edited), and the outcome reaches Portico only as a webhook signed with
//! the webhook secret, through the same verification a real gateway's webhook goes through.
//!
//! Test cards (any expiry date and CVC):
//! - `4242 4242 4242 4242` succeeds;
//! - `4000 0000 0000 0002` is declined;
//! - `4000 0000 0000 3220` asks for a confirmation step first (3-D Secure-like);
//! - `4000 0000 0000 0259` succeeds, but its webhook arrives twice and late (after
//!   [`LATE_WEBHOOK`]), while the customer is already back on the return page.

use super::payments::{
    EventKind, GatewayError, GatewayEvent, HostedPayment, NewPayment, PaymentGateway, hex, keyed,
    sign,
};
use crate::server::context::AppState;
use crate::server::usecases::payments::{self, WebhookOutcome, WebhookRefused};
use async_trait::async_trait;
use hmac::Mac;
use sha2::{Digest, Sha256};
use std::time::Duration;

pub const GATEWAY: &str = "sandbox";

/// How long the "late" test card's webhook takes.
pub const LATE_WEBHOOK: Duration = Duration::from_secs(3);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestCard {
    Succeeds,
    Declined,
    NeedsConfirmation,
    LateTwice,
}

impl TestCard {
    pub const ALL: [(&'static str, TestCard); 4] = [
        ("4242 4242 4242 4242", TestCard::Succeeds),
        ("4000 0000 0000 0002", TestCard::Declined),
        ("4000 0000 0000 3220", TestCard::NeedsConfirmation),
        ("4000 0000 0000 0259", TestCard::LateTwice),
    ];

    /// The test card with this number, spaces or dashes ignored.
    pub fn parse(number: &str) -> Option<TestCard> {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        TestCard::ALL.iter().find(|(n, _)| n.replace(' ', "") == digits).map(|(_, card)| *card)
    }
}

/// One payment on the sandbox's page, read back from its signed address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkout {
    pub id: String,
    pub amount_minor: i64,
    pub currency: String,
    pub description: String,
    /// A path on Portico (never another site).
    pub return_url: String,
}

impl Checkout {
    /// The query string of the page's address, signed.
    pub fn query(&self, secret: &[u8]) -> String {
        format!(
            "amount={}&currency={}&description={}&return={}&sig={}",
            self.amount_minor,
            encode(&self.currency),
            encode(&self.description),
            encode(&self.return_url),
            self.signature(secret)
        )
    }

    /// Reads a checkout from the page's address; `None` when anything was changed.
    pub fn from_query(secret: &[u8], id: &str, query: &str) -> Option<Checkout> {
        let mut fields = std::collections::HashMap::new();
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=')?;
            fields.insert(name, decode(value)?);
        }
        let checkout = Checkout {
            id: id.to_owned(),
            amount_minor: fields.get("amount")?.parse().ok()?,
            currency: fields.get("currency")?.clone(),
            description: fields.get("description")?.clone(),
            return_url: fields.get("return")?.clone(),
        };
        let local = checkout.return_url.starts_with('/') && !checkout.return_url.starts_with("//");
        (local && fields.get("sig")? == &checkout.signature(secret)).then_some(checkout)
    }

    fn signature(&self, secret: &[u8]) -> String {
        let mut mac = keyed(secret);
        for part in [&self.id, &self.amount_minor.to_string(), &self.currency, &self.description] {
            mac.update(part.as_bytes());
            mac.update(b"\n");
        }
        mac.update(self.return_url.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

pub struct SandboxGateway {
    secret: Vec<u8>,
}

impl SandboxGateway {
    pub fn new(secret: &str) -> Self {
        SandboxGateway { secret: secret.as_bytes().to_vec() }
    }
}

#[async_trait]
impl PaymentGateway for SandboxGateway {
    fn name(&self) -> &'static str {
        GATEWAY
    }

    /// The same key gives the same payment id, as a real gateway's idempotency does.
    async fn create(&self, payment: &NewPayment<'_>) -> Result<HostedPayment, GatewayError> {
        let digest = Sha256::digest(payment.idempotency_key.as_bytes());
        let id = format!("sbx_{}", &hex(&digest)[..24]);
        let checkout = Checkout {
            id: id.clone(),
            amount_minor: payment.amount_minor,
            currency: payment.currency.to_owned(),
            description: payment.description.to_owned(),
            return_url: payment.return_url.to_owned(),
        };
        let url = format!("/sandbox/gateway/{id}?{}", checkout.query(&self.secret));
        Ok(HostedPayment { id, url })
    }
}

/// Sends the gateway's webhook for `checkout` the way the gateway would: a signed body to
/// Portico's webhook handler (in process: the sandbox runs inside Portico).
pub async fn deliver(
    state: &AppState,
    checkout: &Checkout,
    kind: EventKind,
) -> Result<WebhookOutcome, WebhookRefused> {
    let body = event_body(checkout, kind).map_err(|e| WebhookRefused::Storage(e.to_string()))?;
    deliver_body(state, &body).await
}

/// The body of a new event about `checkout`, as the gateway would send it.
fn event_body(checkout: &Checkout, kind: EventKind) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&GatewayEvent {
        id: format!("evt_{}", crate::server::sessions::new_token()),
        kind,
        payment: checkout.id.clone(),
        amount_minor: checkout.amount_minor,
        currency: checkout.currency.clone(),
    })
}

/// Delivers one signed body (the late test card sends the same one twice).
pub async fn deliver_body(state: &AppState, body: &[u8]) -> Result<WebhookOutcome, WebhookRefused> {
    let secret = state.settings.payment_webhook_secret.as_bytes();
    let signature = sign(secret, state.clock.now().timestamp(), body);
    payments::webhook(state, GATEWAY, Some(&signature), body).await
}

/// The late test card: the same event twice, at once, after [`LATE_WEBHOOK`].
pub fn deliver_late_twice(state: AppState, checkout: Checkout) {
    tokio::spawn(async move {
        tokio::time::sleep(LATE_WEBHOOK).await;
        let Ok(body) = event_body(&checkout, EventKind::Succeeded) else { return };
        let (first, second) =
            tokio::join!(deliver_body(&state, &body), deliver_body(&state, &body));
        tracing::info!(payment = checkout.id, "sandbox late webhook: {first:?}, {second:?}");
    });
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                out.push(u8::from_str_radix(text.get(i + 1..i + 3)?, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards_are_read_with_or_without_spaces() {
        assert_eq!(TestCard::parse("4242424242424242"), Some(TestCard::Succeeds));
        assert_eq!(TestCard::parse(" 4000-0000-0000-0002 "), Some(TestCard::Declined));
        assert_eq!(TestCard::parse("4000 0000 0000 3220"), Some(TestCard::NeedsConfirmation));
        assert_eq!(TestCard::parse("4000000000000259"), Some(TestCard::LateTwice));
        assert_eq!(TestCard::parse("5555 5555 5555 4444"), None);
    }

    #[test]
    fn the_page_address_is_signed_and_returns_only_to_portico() {
        let secret = b"s";
        let checkout = Checkout {
            id: "sbx_1".into(),
            amount_minor: 12_700,
            currency: "HUF".into(),
            description: "DBK26-00005 & co".into(),
            return_url: "/payments/7".into(),
        };
        let query = checkout.query(secret);
        assert_eq!(Checkout::from_query(secret, "sbx_1", &query), Some(checkout.clone()));
        // Another amount, another payment id, another secret: refused.
        assert_eq!(Checkout::from_query(secret, "sbx_1", &query.replace("12700", "1")), None);
        assert_eq!(Checkout::from_query(secret, "sbx_2", &query), None);
        assert_eq!(Checkout::from_query(b"t", "sbx_1", &query), None);
        // Never back to another site, even when signed.
        let away = Checkout { return_url: "//evil.example/".into(), ..checkout };
        assert_eq!(Checkout::from_query(secret, "sbx_1", &away.query(secret)), None);
    }
}
