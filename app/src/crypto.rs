//! Secrets at rest (server only): SMTP passwords and client secrets are sealed with AES-256-GCM
//! under a key kept outside the database (`MAILWRIGHT_SECRET_KEY`, or a key file in the data
//! directory). Each sealed value is bound to the row and column it belongs to (GCM associated
//! data), so a value copied into another tenant's row does not open.

mod key_file;

use crate::secret::Secret;
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::fmt;
use std::sync::Arc;

pub use key_file::{load_keys, KeyFiles};

/// The prefix of a sealed value: format version 1 (AES-256-GCM, 96-bit nonce, base64).
const SEALED_PREFIX: &str = "mw1:";
const NONCE_LEN: usize = 12;

/// A 256-bit key. Its `Debug` shows nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("a secret key must be 32 bytes in base64 (44 characters), for example from `openssl rand -base64 32`")]
    BadKey,
    /// Wrong key, a value moved from another row, or a damaged value.
    #[error("a stored secret cannot be decrypted with the configured key (is MAILWRIGHT_SECRET_KEY or the key file the one it was saved with?)")]
    CannotOpen,
}

impl SecretKey {
    pub fn generate() -> Self {
        Self(Aes256Gcm::generate_key(&mut OsRng).into())
    }

    pub fn from_base64(text: &str) -> Result<Self, CryptoError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| CryptoError::BadKey)?;
        Ok(Self(bytes.try_into().map_err(|_| CryptoError::BadKey)?))
    }

    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.0))
    }
}

/// Seals with the current key; opens with the current key or, during a key rotation, the
/// previous one (GCM's tag tells which key a value was sealed with).
#[derive(Clone)]
pub struct SecretBox {
    inner: Arc<Keys>,
}

struct Keys {
    current: Aes256Gcm,
    previous: Option<Aes256Gcm>,
}

impl SecretBox {
    pub fn new(current: &SecretKey, previous: Option<&SecretKey>) -> Self {
        Self {
            inner: Arc::new(Keys {
                current: current.cipher(),
                previous: previous.map(SecretKey::cipher),
            }),
        }
    }

    /// Seals `secret` for the place named by `context` (table, column and row).
    pub fn seal(&self, secret: &str, context: &str) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: secret.as_bytes(),
            aad: context.as_bytes(),
        };
        let sealed = self
            .inner
            .current
            .encrypt(&nonce, payload)
            .expect("AES-GCM encryption of a short value cannot fail");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{SEALED_PREFIX}{}", STANDARD.encode(bytes))
    }

    pub fn open(&self, sealed: &str, context: &str) -> Result<Secret, CryptoError> {
        let bytes = sealed
            .strip_prefix(SEALED_PREFIX)
            .and_then(|b64| STANDARD.decode(b64).ok())
            .filter(|b| b.len() > NONCE_LEN)
            .ok_or(CryptoError::CannotOpen)?;
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::from_slice(nonce);
        let payload = || Payload {
            msg: ciphertext,
            aad: context.as_bytes(),
        };
        let keys = &self.inner;
        let plain = keys
            .current
            .decrypt(nonce, payload())
            .or_else(|_| match &keys.previous {
                Some(previous) => previous.decrypt(nonce, payload()),
                None => Err(aes_gcm::Error),
            })
            .map_err(|_| CryptoError::CannotOpen)?;
        String::from_utf8(plain)
            .map(Secret::new)
            .map_err(|_| CryptoError::CannotOpen)
    }

    /// Whether a stored value is sealed (databases from before encryption hold plain text).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED_PREFIX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_context() {
        let key = SecretKey::generate();
        let sealed_box = SecretBox::new(&key, None);
        let sealed = sealed_box.seal("hunter2", "smtp_settings.secret/default");
        assert!(SecretBox::is_sealed(&sealed));
        assert!(!sealed.contains("hunter2"));
        let opened = sealed_box
            .open(&sealed, "smtp_settings.secret/default")
            .unwrap();
        assert_eq!(opened.expose(), "hunter2");
        // A fresh nonce every time: the same secret never seals to the same text.
        assert_ne!(
            sealed,
            sealed_box.seal("hunter2", "smtp_settings.secret/default")
        );

        let other_row = sealed_box.open(&sealed, "smtp_settings.secret/other-tenant");
        assert_eq!(other_row.unwrap_err(), CryptoError::CannotOpen);
        let other_key = SecretBox::new(&SecretKey::generate(), None);
        assert!(other_key
            .open(&sealed, "smtp_settings.secret/default")
            .is_err());
        let mut tampered = sealed.clone();
        tampered.replace_range(10..11, if &sealed[10..11] == "A" { "B" } else { "A" });
        assert!(sealed_box
            .open(&tampered, "smtp_settings.secret/default")
            .is_err());
        assert!(sealed_box
            .open("hunter2", "smtp_settings.secret/default")
            .is_err());
    }

    #[test]
    fn during_a_rotation_both_keys_open_and_the_new_one_seals() {
        let (old, new) = (SecretKey::generate(), SecretKey::generate());
        let sealed_old = SecretBox::new(&old, None).seal("s", "c");
        let rotating = SecretBox::new(&new, Some(&old));
        assert_eq!(rotating.open(&sealed_old, "c").unwrap().expose(), "s");
        let sealed_new = rotating.seal("s", "c");
        assert!(SecretBox::new(&new, None).open(&sealed_new, "c").is_ok());
        assert!(SecretBox::new(&old, None).open(&sealed_new, "c").is_err());
    }

    #[test]
    fn keys_are_32_bytes_of_base64() {
        let key = SecretKey::generate();
        assert_eq!(SecretKey::from_base64(&key.to_base64()).unwrap(), key);
        assert_eq!(SecretKey::from_base64("c2hvcnQ="), Err(CryptoError::BadKey));
        assert_eq!(
            SecretKey::from_base64("not base64!"),
            Err(CryptoError::BadKey)
        );
        assert_eq!(format!("{key:?}"), "SecretKey(<redacted>)");
    }
}
