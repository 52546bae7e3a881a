//! Password hashing with Argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane; OWASP's
//! recommended minimum).
//!
//! Each hash holds 19 MiB while it runs, so hashes run on a fixed number of slots (one per CPU:
//! hashing is CPU-bound, more at once would not be faster). However many sign-ins arrive, hashing
//! memory stays at slots × 19 MiB; the others wait their turn, first come first served, and are
//! turned away (429) after [`SLOT_WAIT`]. A sign-in for an unknown address waits and hashes like
//! any other, so neither the wait nor the answer says whether the address exists.

use crate::error::ApiError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a request waits for a hashing slot before it is told to try again.
pub const SLOT_WAIT: Duration = Duration::from_secs(10);
/// What a turned-away request is told to wait (Retry-After).
const RETRY_AFTER_S: u64 = 5;

/// A hash of a password no account has, with the same parameters as real ones: checked when
/// the address has no account, so that sign-in costs the same either way. A constant, so the
/// first such sign-in is not slower than the next (it would be if it were computed on first use).
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$KavR4pawEn0x5zTiIICILg$+rr8pjCZ2Sgc8iHNBwnypRH4ow4Y214ZafM9rLkyu50";

static SLOTS: LazyLock<Semaphore> = LazyLock::new(|| {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    Semaphore::new(cpus)
});

/// Runs `work` on the blocking pool once a hashing slot is free.
async fn on_a_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let permit = tokio::time::timeout(SLOT_WAIT, SLOTS.acquire())
        .await
        .map_err(|_| {
            tracing::warn!("password hashing busy: a request waited too long and was turned away");
            ApiError::Busy {
                retry_after_s: RETRY_AFTER_S,
            }
        })?
        .map_err(|_| ApiError::Internal)?;
    let result = tokio::task::spawn_blocking(work).await;
    drop(permit);
    result.map_err(|_| ApiError::Internal)
}

pub async fn hash(password: String) -> Result<String, ApiError> {
    on_a_slot(move || hash_now(&password)).await?
}

/// Synchronous hashing, for the command line (one hash per process: no slot needed).
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
/// a decoy hash, so the answer takes as long and reveals nothing about which emails exist.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    on_a_slot(move || {
        let phc = stored.as_deref().unwrap_or(DECOY_HASH);
        let matches = PasswordHash::new(phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        stored.is_some() && matches
    })
    .await
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
        assert!(verify("a long passphrase".into(), Some(first.clone()))
            .await
            .unwrap());
        assert!(!verify("a long passphrasE".into(), Some(first))
            .await
            .unwrap());
    }

    #[test]
    fn the_decoy_costs_what_a_real_hash_costs() {
        let real = hash_now("x").unwrap();
        let params = |phc: &str| phc.split('$').nth(3).unwrap().to_owned();
        assert_eq!(params(DECOY_HASH), params(&real));
        let decoy = PasswordHash::new(DECOY_HASH).unwrap();
        assert_eq!(
            decoy.hash.unwrap().len(),
            32,
            "same output length as real hashes"
        );
    }

    #[tokio::test]
    async fn an_unknown_account_never_matches_not_even_the_decoy_password() {
        assert!(!verify("decoy password that no account has".into(), None)
            .await
            .unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn at_most_one_hash_per_cpu_runs_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(on_a_slot(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(30));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        // Other tests share the slots, so fewer may have run here at once, never more.
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = most.load(Ordering::SeqCst);
        assert!(
            (1..=cpus).contains(&most),
            "{most} hashes at once on {cpus} CPUs"
        );
    }
}
