//! Password hashing with Argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane; OWASP's
//! recommended minimum). Hashing is CPU-bound, so it runs on the blocking pool.

use crate::error::ApiError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|_| ApiError::Internal)?
}

/// Synchronous hashing, for the command line.
pub fn hash_now(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut aes_gcm::aead::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            ApiError::Internal
        })
}

/// Checks `password` against `stored`. Without a stored hash (no such user) it checks against
/// a throw-away hash, so the answer takes as long and reveals nothing about which emails exist.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let (phc, real) = match &stored {
            Some(phc) => (phc.as_str(), true),
            None => (decoy_hash(), false),
        };
        let matches = PasswordHash::new(phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        real && matches
    })
    .await
    .unwrap_or(false)
}

fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        hash_now("decoy password that no account has").unwrap_or_else(|_| String::new())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let first = hash("a long passphrase".into()).await.unwrap();
        let second = hash("a long passphrase".into()).await.unwrap();
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("a long passphrase".into(), Some(first.clone())).await);
        assert!(!verify("a long passphrasE".into(), Some(first)).await);
        assert!(!verify("decoy password that no account has".into(), None).await);
    }
}
