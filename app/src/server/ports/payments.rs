//! The card payment gateway, modelled on a hosted payment page (Stripe Checkout, Barion,
//! PayU): Portico never sees a card number.
//!
//! 1. [`PaymentGateway::create`] opens a payment for an amount, with an idempotency key (the
//!    same key answers with the same payment), and says where to send the customer.
//! 2. The customer enters the card on the gateway's page, which sends them back to Portico's
//!    return page.
//! 3. Independently, the gateway calls Portico's webhook with the outcome, signed:
//!    [`verify_webhook`] checks the HMAC-SHA256 signature over timestamp and body and refuses
//!    a stale one; only then does the use case "payment received" act on it. The return page
//!    itself decides nothing: it shows what the webhook has recorded.
//!
//! A real adapter implements `create` with the gateway's API and signs nothing: its
//! webhooks arrive signed by the gateway, with the secret from the gateway's dashboard
//! (`PORTICO_PAYMENT_WEBHOOK_SECRET`).

use async_trait::async_trait;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The header that carries a webhook's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
/// "<t>.<body>">`.
pub const SIGNATURE_HEADER: &str = "portico-signature";

/// A webhook older (or further in the future) than this is refused: a captured request
/// cannot be replayed later.
pub const WEBHOOK_TOLERANCE_SECS: i64 = 300;

/// What Portico asks the gateway to collect.
#[derive(Clone, Debug)]
pub struct NewPayment<'a> {
    /// The same key always answers with the same payment.
    pub idempotency_key: &'a str,
    pub amount_minor: i64,
    /// ISO 4217, as the gateway expects it.
    pub currency: &'a str,
    /// What the customer sees on the gateway's page: the document's number.
    pub description: &'a str,
    /// Where the gateway sends the customer when they are done, paid or not.
    pub return_url: &'a str,
}

/// A payment opened at the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostedPayment {
    /// The gateway's id of the payment, which its webhooks name.
    pub id: String,
    /// The gateway's page where the customer enters the card.
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    #[error("payment gateway unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait PaymentGateway: Send + Sync {
    /// The name stored with each payment and used in the webhook's path.
    fn name(&self) -> &'static str;
    async fn create(&self, payment: &NewPayment<'_>) -> Result<HostedPayment, GatewayError>;
}

/// What a gateway reports about one payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayEvent {
    /// Unique per event: a repeated delivery carries the same id.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// [`HostedPayment::id`].
    pub payment: String,
    pub amount_minor: i64,
    pub currency: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    #[serde(rename = "payment.succeeded")]
    Succeeded,
    #[serde(rename = "payment.failed")]
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("missing or malformed signature header")]
    Malformed,
    #[error("signature does not match")]
    BadSignature,
    #[error("timestamp outside the tolerance")]
    Stale,
    #[error("body is not an event: {0}")]
    Body(String),
}

/// The signature header for `body` sent at `timestamp` (unix seconds).
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", hex(&mac(secret, timestamp, body).finalize().into_bytes()))
}

/// Checks a webhook's signature and age, then reads its event. The comparison is constant
/// time (`verify_slice`).
pub fn verify_webhook(
    secret: &[u8],
    header: Option<&str>,
    body: &[u8],
    now_unix: i64,
) -> Result<GatewayEvent, WebhookError> {
    let header = header.ok_or(WebhookError::Malformed)?;
    let mut timestamp = None;
    let mut signature = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => signature = unhex(v),
            _ => {}
        }
    }
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return Err(WebhookError::Malformed);
    };
    mac(secret, timestamp, body)
        .verify_slice(&signature)
        .map_err(|_| WebhookError::BadSignature)?;
    if (now_unix - timestamp).abs() > WEBHOOK_TOLERANCE_SECS {
        return Err(WebhookError::Stale);
    }
    serde_json::from_slice(body).map_err(|e| WebhookError::Body(e.to_string()))
}

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = keyed(secret);
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// HMAC-SHA256 keyed with `secret`: the webhook's signature, and the sandbox page's address.
pub(crate) fn keyed(secret: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts a key of any length.
    #[allow(clippy::expect_used)]
    Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"whsec_test";

    fn event() -> Vec<u8> {
        serde_json::to_vec(&GatewayEvent {
            id: "evt_1".into(),
            kind: EventKind::Succeeded,
            payment: "sbx_1".into(),
            amount_minor: 12_700,
            currency: "HUF".into(),
        })
        .unwrap_or_default()
    }

    #[test]
    fn a_signed_fresh_webhook_is_read() {
        let body = event();
        let header = sign(SECRET, 1_000, &body);
        let read = verify_webhook(SECRET, Some(&header), &body, 1_000 + WEBHOOK_TOLERANCE_SECS);
        assert_eq!(read.map(|e| e.kind), Ok(EventKind::Succeeded));
    }

    #[test]
    fn a_forged_altered_stale_or_unsigned_webhook_is_refused() {
        let body = event();
        let header = sign(SECRET, 1_000, &body);
        assert_eq!(
            verify_webhook(b"another secret", Some(&header), &body, 1_000),
            Err(WebhookError::BadSignature)
        );
        let altered = String::from_utf8_lossy(&body).replace("12700", "1");
        assert_eq!(
            verify_webhook(SECRET, Some(&header), altered.as_bytes(), 1_000),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify_webhook(SECRET, Some(&header), &body, 1_000 + WEBHOOK_TOLERANCE_SECS + 1),
            Err(WebhookError::Stale)
        );
        // The timestamp is signed: moving it forward breaks the signature.
        let moved = header.replace("t=1000", "t=1301");
        assert_eq!(
            verify_webhook(SECRET, Some(&moved), &body, 1_301),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(verify_webhook(SECRET, None, &body, 1_000), Err(WebhookError::Malformed));
        assert_eq!(
            verify_webhook(SECRET, Some("t=1000,v1=zz"), &body, 1_000),
            Err(WebhookError::Malformed)
        );
    }
}
