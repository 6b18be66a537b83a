//! Secrets Portico must be able to show again (a server's root and IP-KVM passwords, a
//! domain's EPP code) are stored only sealed: encrypted with XChaCha20-Poly1305 under a key
//! from configuration (`PORTICO_SECRET_KEYS`), and bound to their place.
//!
//! A sealed value is a self-describing string:
//!
//! ```text
//! sealed:v1:<key id>:<base64url(24-byte nonce || ciphertext and tag)>
//! ```
//!
//! The associated data is the service's id and the field's name, so a value copied into
//! another service or another field does not open. The key ring holds several keys: the first
//! seals, every one opens, which is what rotation needs ([`rotate`]).
//!
//! In a service's `details` each secret lives under its own key, `<field>_sealed`
//! (`root_password_sealed`, `kvm_password_sealed`, `epp_code_sealed`); the plain names
//! (`root_password`, …) are what versions before sealing wrote, and [`rotate`] seals and
//! removes any left. Code that needs a secret reads it through [`read`] and writes it through
//! [`write`]; nothing else looks at these keys.

use crate::server::db::{Db, begin_write};
use crate::server::entities::services;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::Value;
use std::fmt;

const PREFIX: &str = "sealed:v1:";
const NONCE_LEN: usize = 24;
const KEY_LEN: usize = 32;
/// The key id of [`KeyRing::development`].
pub const DEVELOPMENT_KEY_ID: &str = "dev";
/// The demo's key. It is in this public source code, so it protects nothing: anything sealed
/// with it can be read by anyone who has the database. Production sets its own keys.
const DEVELOPMENT_KEY: &[u8; KEY_LEN] = b"portico-public-development-key!!";

/// A secret field of a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A server's root (administrator) password.
    RootPassword,
    /// A server's IP-KVM console password.
    KvmPassword,
    /// A domain's transfer (EPP) code, as the registrar sent it.
    EppCode,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::RootPassword, Field::KvmPassword, Field::EppCode];

    /// The field's name: part of the associated data, and the key a plain value had before
    /// values were sealed.
    pub fn name(self) -> &'static str {
        match self {
            Field::RootPassword => "root_password",
            Field::KvmPassword => "kvm_password",
            Field::EppCode => "epp_code",
        }
    }

    /// The key of the sealed value in a service's `details`.
    pub fn sealed_key(self) -> &'static str {
        match self {
            Field::RootPassword => "root_password_sealed",
            Field::KvmPassword => "kvm_password_sealed",
            Field::EppCode => "epp_code_sealed",
        }
    }
}

/// Why a sealed value did not open, or could not be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("not a sealed value (expected `sealed:v1:<key id>:<data>`)")]
    Malformed,
    #[error(
        "sealed with key `{0}`, which is not in PORTICO_SECRET_KEYS (was it removed before \
         `portico rotate-secrets` re-sealed everything?)"
    )]
    UnknownKey(String),
    #[error("does not open with key `{0}`: altered, or copied from another service or field")]
    DoesNotOpen(String),
    #[error("could not be sealed")]
    Seal,
}

/// Why `PORTICO_SECRET_KEYS` was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyRingError {
    #[error("no key given (expected `id:base64key`, comma-separated, newest first)")]
    Empty,
    #[error("entry {0} is not `id:base64key`")]
    NotIdAndKey(usize),
    #[error("key id `{0}` must be 1-16 letters, digits, `-` or `_`")]
    BadId(String),
    #[error("key `{0}` is not base64")]
    NotBase64(String),
    #[error("key `{id}` is {len} bytes; it must be exactly 32 (e.g. `openssl rand -base64 32`)")]
    WrongLength { id: String, len: usize },
    #[error("key id `{0}` appears twice")]
    DuplicateId(String),
}

#[derive(Clone)]
struct RingKey {
    id: String,
    bytes: [u8; KEY_LEN],
}

impl RingKey {
    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&Key::from(self.bytes))
    }
}

/// The keys secrets are sealed with: the first seals, all of them open. Never empty.
#[derive(Clone)]
pub struct KeyRing {
    keys: Vec<RingKey>,
}

impl fmt::Debug for KeyRing {
    /// Names the key ids only: key bytes never reach a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRing").field("ids", &self.ids()).finish_non_exhaustive()
    }
}

impl Default for KeyRing {
    fn default() -> Self {
        Self::development()
    }
}

impl KeyRing {
    /// The public development key, id `dev`: for the demo and tests only.
    pub fn development() -> Self {
        Self { keys: vec![RingKey { id: DEVELOPMENT_KEY_ID.to_owned(), bytes: *DEVELOPMENT_KEY }] }
    }

    /// Parses `id:base64key[,id:base64key…]`, newest (sealing) key first. Keys are 32 bytes in
    /// standard or URL-safe base64, padded or not; ids are 1-16 of `[A-Za-z0-9_-]`.
    pub fn parse(spec: &str) -> Result<Self, KeyRingError> {
        let mut keys: Vec<RingKey> = Vec::new();
        let entries = spec.split(',').map(str::trim).filter(|e| !e.is_empty());
        for (n, entry) in entries.enumerate() {
            let (id, encoded) = entry.split_once(':').ok_or(KeyRingError::NotIdAndKey(n + 1))?;
            let (id, encoded) = (id.trim(), encoded.trim());
            let id_ok = (1..=16).contains(&id.len())
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !id_ok {
                return Err(KeyRingError::BadId(id.to_owned()));
            }
            let decoded = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
                .iter()
                .find_map(|engine| engine.decode(encoded).ok())
                .ok_or_else(|| KeyRingError::NotBase64(id.to_owned()))?;
            let bytes: [u8; KEY_LEN] = decoded
                .as_slice()
                .try_into()
                .map_err(|_| KeyRingError::WrongLength { id: id.to_owned(), len: decoded.len() })?;
            if keys.iter().any(|k| k.id == id) {
                return Err(KeyRingError::DuplicateId(id.to_owned()));
            }
            keys.push(RingKey { id: id.to_owned(), bytes });
        }
        if keys.is_empty() {
            return Err(KeyRingError::Empty);
        }
        Ok(Self { keys })
    }

    /// The key ids, sealing key first.
    pub fn ids(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.id.as_str()).collect()
    }

    /// The id of the key new values are sealed with.
    pub fn current_id(&self) -> &str {
        self.current().id.as_str()
    }

    /// Whether new values are sealed with the public development key.
    pub fn seals_with_development_key(&self) -> bool {
        self.current().bytes == *DEVELOPMENT_KEY
    }

    fn current(&self) -> &RingKey {
        // `parse` and `development` never make an empty ring.
        &self.keys[0]
    }

    /// Seals `plain` for `field` of service `service_id`.
    pub fn seal(&self, service_id: i64, field: Field, plain: &str) -> Result<String, SecretError> {
        let key = self.current();
        // 192 random bits: a repeat is out of reach however many values are sealed.
        let nonce: [u8; NONCE_LEN] = rand::random();
        let aad = associated_data(service_id, field);
        let ciphertext = key
            .cipher()
            .encrypt(&XNonce::from(nonce), Payload { msg: plain.as_bytes(), aad: &aad })
            .map_err(|_| SecretError::Seal)?;
        let mut data = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        data.extend_from_slice(&nonce);
        data.extend_from_slice(&ciphertext);
        Ok(format!("{PREFIX}{}:{}", key.id, URL_SAFE_NO_PAD.encode(data)))
    }

    /// Opens a value sealed for `field` of service `service_id`.
    pub fn open(&self, service_id: i64, field: Field, sealed: &str) -> Result<String, SecretError> {
        let (id, encoded) = envelope(sealed).ok_or(SecretError::Malformed)?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id == id)
            .ok_or_else(|| SecretError::UnknownKey(id.to_owned()))?;
        let data = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| SecretError::Malformed)?;
        if data.len() < NONCE_LEN {
            return Err(SecretError::Malformed);
        }
        let (nonce, ciphertext) = data.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SecretError::Malformed)?;
        let aad = associated_data(service_id, field);
        let plain = key
            .cipher()
            .decrypt(&XNonce::from(nonce), Payload { msg: ciphertext, aad: &aad })
            .map_err(|_| SecretError::DoesNotOpen(id.to_owned()))?;
        String::from_utf8(plain).map_err(|_| SecretError::Malformed)
    }
}

fn associated_data(service_id: i64, field: Field) -> Vec<u8> {
    format!("portico:services:{service_id}:{}", field.name()).into_bytes()
}

/// The key id and the data of a sealed value.
fn envelope(sealed: &str) -> Option<(&str, &str)> {
    sealed.strip_prefix(PREFIX)?.split_once(':')
}

/// The id of the key a sealed value was sealed with.
pub fn sealed_with(sealed: &str) -> Option<&str> {
    envelope(sealed).map(|(id, _)| id)
}

/// The secret `field` of service `service_id`, opened from its `details`; `None` when none is
/// stored. The one way code reads a secret.
pub fn read(
    keys: &KeyRing,
    service_id: i64,
    details: &Value,
    field: Field,
) -> Result<Option<String>, SecretError> {
    match details.get(field.sealed_key()).and_then(Value::as_str) {
        Some(sealed) => keys.open(service_id, field, sealed).map(Some),
        None => Ok(None),
    }
}

/// Whether a sealed value of `field` is stored, without opening it.
pub fn is_stored(details: &Value, field: Field) -> bool {
    details.get(field.sealed_key()).is_some_and(Value::is_string)
}

/// Stores `plain` sealed as `field` of service `service_id` into its `details` (an object),
/// and drops any plain value an older version left under the field's name.
pub fn write(
    keys: &KeyRing,
    service_id: i64,
    details: &mut Value,
    field: Field,
    plain: &str,
) -> Result<(), SecretError> {
    let sealed = keys.seal(service_id, field, plain)?;
    if let Some(map) = details.as_object_mut() {
        map.remove(field.name());
        map.insert(field.sealed_key().to_owned(), Value::String(sealed));
    }
    Ok(())
}

/// Removes the plain secret values from `details` and returns them, so they can be written
/// sealed once the service has its id (demo data, and [`reseal`] for data from older versions).
pub fn take_plain(details: &mut Value) -> Vec<(Field, String)> {
    let Some(map) = details.as_object_mut() else { return Vec::new() };
    Field::ALL
        .into_iter()
        .filter_map(|field| match map.remove(field.name()) {
            Some(Value::String(plain)) => Some((field, plain)),
            _ => None,
        })
        .collect()
}

/// Whether [`reseal`] would change anything in `details`.
pub fn needs_reseal(keys: &KeyRing, details: &Value) -> bool {
    Field::ALL.into_iter().any(|field| {
        details.get(field.name()).is_some()
            || details
                .get(field.sealed_key())
                .and_then(Value::as_str)
                .is_some_and(|s| sealed_with(s) != Some(keys.current_id()))
    })
}

/// Re-seals with the current key every secret of service `service_id` sealed with another
/// one, and seals any plain value left by an older version. Returns how many values changed.
pub fn reseal(keys: &KeyRing, service_id: i64, details: &mut Value) -> Result<usize, SecretError> {
    let mut changed = 0;
    for (field, plain) in take_plain(details) {
        // A sealed value next to a plain one was written later, by this version: it wins.
        if !is_stored(details, field) {
            write(keys, service_id, details, field, &plain)?;
        }
        changed += 1;
    }
    for field in Field::ALL {
        let Some(sealed) = details.get(field.sealed_key()).and_then(Value::as_str) else {
            continue;
        };
        if sealed_with(sealed) == Some(keys.current_id()) {
            continue;
        }
        let plain = keys.open(service_id, field, sealed)?;
        write(keys, service_id, details, field, &plain)?;
        changed += 1;
    }
    Ok(changed)
}

/// Why [`rotate`] stopped.
#[derive(Debug, thiserror::Error)]
pub enum RotateError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("service {service_id}: {error}")]
    Secret { service_id: i64, error: SecretError },
}

/// `portico rotate-secrets`: re-seals every secret with the ring's current key and seals any
/// plain value left by an older version, one transaction per service. Returns how many values
/// it re-sealed; a second run returns 0. Stops at the first value no key opens, leaving the
/// services done so far done.
pub async fn rotate(db: &Db, keys: &KeyRing) -> Result<usize, RotateError> {
    const PAGE: u64 = 500;
    let mut resealed = 0;
    let mut after = 0_i64;
    loop {
        let page: Vec<(i64, Option<Value>)> = services::Entity::find()
            .select_only()
            .column(services::Column::Id)
            .column(services::Column::Details)
            .filter(services::Column::Id.gt(after))
            .order_by_asc(services::Column::Id)
            .limit(PAGE)
            .into_tuple()
            .all(db)
            .await?;
        let Some((last, _)) = page.last() else { break };
        after = *last;
        for (service_id, details) in page {
            if details.is_some_and(|d| needs_reseal(keys, &d)) {
                resealed += rotate_service(db, keys, service_id).await?;
            }
        }
    }
    Ok(resealed)
}

async fn rotate_service(db: &Db, keys: &KeyRing, service_id: i64) -> Result<usize, RotateError> {
    let txn = begin_write(db).await?;
    let mut query = services::Entity::find_by_id(service_id);
    if txn.get_database_backend() == DbBackend::Postgres {
        // Nothing else may write the details between this read and the write below.
        query = query.lock_exclusive();
    }
    let Some(service) = query.one(&txn).await? else { return Ok(0) };
    let Some(mut details) = service.details else { return Ok(0) };
    let changed = reseal(keys, service_id, &mut details)
        .map_err(|error| RotateError::Secret { service_id, error })?;
    if changed > 0 {
        // `updated_at` stays: it is the age of the state the data centre reported.
        services::Entity::update_many()
            .col_expr(services::Column::Details, Expr::value(details))
            .filter(services::Column::Id.eq(service_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(changed)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ring(spec: &str) -> KeyRing {
        KeyRing::parse(spec).unwrap()
    }

    fn key(byte: u8) -> String {
        STANDARD.encode([byte; KEY_LEN])
    }

    #[test]
    fn a_sealed_value_opens_to_what_was_sealed_and_does_not_show_it() {
        let keys = ring(&format!("k1:{}", key(1)));
        let sealed = keys.seal(7, Field::RootPassword, "Ds2-demo-Wq5n").unwrap();
        assert!(sealed.starts_with("sealed:v1:k1:"), "{sealed}");
        assert!(!sealed.contains("Ds2-demo-Wq5n"));
        assert_eq!(keys.open(7, Field::RootPassword, &sealed).unwrap(), "Ds2-demo-Wq5n");
        // A fresh nonce each time: the same secret never seals to the same text.
        assert_ne!(sealed, keys.seal(7, Field::RootPassword, "Ds2-demo-Wq5n").unwrap());
        assert_eq!(
            keys.open(7, Field::EppCode, &keys.seal(7, Field::EppCode, "").unwrap()),
            Ok(String::new())
        );
    }

    #[test]
    fn an_altered_value_does_not_open() {
        let keys = KeyRing::development();
        let sealed = keys.seal(7, Field::KvmPassword, "Kvm-demo-83Rz").unwrap();
        let (head, data) = sealed.rsplit_once(':').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(data).unwrap();
        for i in [0, NONCE_LEN, bytes.len() - 1] {
            bytes[i] ^= 1;
            let altered = format!("{head}:{}", URL_SAFE_NO_PAD.encode(&bytes));
            assert_eq!(
                keys.open(7, Field::KvmPassword, &altered),
                Err(SecretError::DoesNotOpen("dev".into())),
                "byte {i}"
            );
            bytes[i] ^= 1;
        }
        let truncated = format!("{head}:{}", URL_SAFE_NO_PAD.encode(&bytes[..NONCE_LEN + 4]));
        assert!(keys.open(7, Field::KvmPassword, &truncated).is_err());
        for garbage in
            ["", "Kvm-demo-83Rz", "sealed:v1:dev", "sealed:v1:dev:***", "sealed:v1:dev:AAAA"]
        {
            assert_eq!(keys.open(7, Field::KvmPassword, garbage), Err(SecretError::Malformed));
        }
    }

    #[test]
    fn a_value_moved_to_another_service_or_field_does_not_open() {
        let keys = KeyRing::development();
        let sealed = keys.seal(7, Field::RootPassword, "secret").unwrap();
        assert!(keys.open(8, Field::RootPassword, &sealed).is_err(), "another service");
        assert!(keys.open(7, Field::KvmPassword, &sealed).is_err(), "another field");
        assert!(keys.open(-7, Field::EppCode, &sealed).is_err());
    }

    #[test]
    fn a_value_sealed_with_a_key_no_longer_in_the_ring_says_which_key() {
        let old = ring(&format!("old:{}", key(1)));
        let new = ring(&format!("new:{}", key(2)));
        let sealed = old.seal(1, Field::EppCode, "AbC-123").unwrap();
        let err = new.open(1, Field::EppCode, &sealed).unwrap_err();
        assert_eq!(err, SecretError::UnknownKey("old".into()));
        assert!(
            err.to_string().contains("`old`") && err.to_string().contains("PORTICO_SECRET_KEYS")
        );
        // The same id with other bytes: it does not open either, and says so.
        let impostor = ring(&format!("old:{}", key(3)));
        assert_eq!(
            impostor.open(1, Field::EppCode, &sealed),
            Err(SecretError::DoesNotOpen("old".into()))
        );
    }

    #[test]
    fn the_first_key_seals_and_every_key_opens() {
        let old = ring(&format!("old:{}", key(1)));
        let both = ring(&format!("new:{}, old:{}", key(2), key(1)));
        assert_eq!(both.ids(), ["new", "old"]);
        let from_old = old.seal(3, Field::RootPassword, "pw").unwrap();
        assert_eq!(both.open(3, Field::RootPassword, &from_old).unwrap(), "pw");
        assert_eq!(sealed_with(&both.seal(3, Field::RootPassword, "pw").unwrap()), Some("new"));
    }

    #[test]
    fn the_key_ring_is_parsed_strictly() {
        let k = key(9);
        // openssl's output (padded standard base64) and the URL-safe alphabet both work.
        let url = URL_SAFE_NO_PAD.encode([0xfb; KEY_LEN]);
        assert_eq!(ring(&format!(" a:{k} ,b_2:{url},")).ids(), ["a", "b_2"]);
        for (spec, error) in [
            ("", KeyRingError::Empty),
            (" , ", KeyRingError::Empty),
            (&k as &str, KeyRingError::NotIdAndKey(1)),
            (&format!("a:{k},{k}"), KeyRingError::NotIdAndKey(2)),
            (&format!(":{k}"), KeyRingError::BadId(String::new())),
            (&format!("a b:{k}"), KeyRingError::BadId("a b".into())),
            (&format!("{}:{k}", "x".repeat(17)), KeyRingError::BadId("x".repeat(17))),
            ("a:not base64!", KeyRingError::NotBase64("a".into())),
            (
                &format!("a:{}", STANDARD.encode([1u8; 16])),
                KeyRingError::WrongLength { id: "a".into(), len: 16 },
            ),
            (&format!("a:{k},a:{}", key(8)), KeyRingError::DuplicateId("a".into())),
        ] {
            assert_eq!(KeyRing::parse(spec).unwrap_err(), error, "{spec:?}");
        }
    }

    #[test]
    fn debug_output_names_the_keys_but_never_shows_them() {
        let bytes = [0x5a; KEY_LEN];
        let keys = ring(&format!("live:{}", STANDARD.encode(bytes)));
        let shown = format!("{keys:?} {:?}", KeyRing::development());
        assert!(shown.contains("live") && shown.contains("dev"), "{shown}");
        for encoded in [STANDARD.encode(bytes), URL_SAFE_NO_PAD.encode(bytes)] {
            assert!(!shown.contains(&encoded[..10]), "{shown}");
        }
        assert!(!shown.contains("90, 90") && !shown.contains("development-key"), "{shown}");
    }

    #[test]
    fn the_development_key_is_recognised() {
        assert!(KeyRing::development().seals_with_development_key());
        let dev = STANDARD.encode(DEVELOPMENT_KEY);
        assert!(ring(&format!("local:{dev}")).seals_with_development_key());
        assert!(!ring(&format!("live:{},dev:{dev}", key(1))).seals_with_development_key());
    }

    #[test]
    fn details_hold_secrets_only_sealed() {
        let keys = KeyRing::development();
        let mut details = json!({ "ip": "10.0.0.1", "root_password": "legacy" });
        assert_eq!(read(&keys, 5, &details, Field::RootPassword), Ok(None), "plain is never read");
        write(&keys, 5, &mut details, Field::RootPassword, "new-pw").unwrap();
        assert!(details.get("root_password").is_none(), "the plain value is gone");
        assert!(is_stored(&details, Field::RootPassword));
        assert!(!details.to_string().contains("new-pw"));
        assert_eq!(read(&keys, 5, &details, Field::RootPassword).unwrap().unwrap(), "new-pw");
        assert!(read(&keys, 6, &details, Field::RootPassword).is_err());
        assert_eq!(read(&keys, 5, &details, Field::EppCode), Ok(None));
    }

    #[test]
    fn resealing_moves_old_and_plain_values_to_the_current_key() {
        let old = ring(&format!("old:{}", key(1)));
        let both = ring(&format!("new:{},old:{}", key(2), key(1)));
        let mut details = json!({ "ip": "10.0.0.1", "kvm_password": "plain-kvm" });
        write(&old, 4, &mut details, Field::RootPassword, "root-pw").unwrap();
        assert!(needs_reseal(&old, &details), "a plain value is left");
        assert!(needs_reseal(&both, &details));

        assert_eq!(reseal(&both, 4, &mut details), Ok(2));
        assert!(!needs_reseal(&both, &details));
        assert_eq!(reseal(&both, 4, &mut details), Ok(0));
        assert!(details.get("kvm_password").is_none());
        let new_only = ring(&format!("new:{}", key(2)));
        for (field, plain) in [(Field::RootPassword, "root-pw"), (Field::KvmPassword, "plain-kvm")]
        {
            let sealed = details[field.sealed_key()].as_str().unwrap();
            assert_eq!(sealed_with(sealed), Some("new"));
            assert_eq!(read(&new_only, 4, &details, field).unwrap().unwrap(), plain);
        }
        assert_eq!(details["ip"], "10.0.0.1");

        // A value no key in the ring opens stops the rotation rather than losing it.
        let mut orphan = json!({});
        write(&ring(&format!("gone:{}", key(7))), 4, &mut orphan, Field::EppCode, "x").unwrap();
        assert_eq!(reseal(&both, 4, &mut orphan), Err(SecretError::UnknownKey("gone".into())));
    }
}
