//! Failed sign-ins (and password reset requests) are limited per account and per client
//! address, in fixed windows. The counts are kept in the database, so every instance of a
//! deployment sees the same ones: failures spread over several instances still lock the
//! account.

use crate::store::{Store, StoreError};
use std::net::IpAddr;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Failures allowed per account in one window.
    pub per_account: u32,
    /// Failures allowed per client address in one window (several people behind one NAT).
    pub per_address: u32,
    pub window: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_address: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// The limits for one purpose (`sign_in` or `reset`).
#[derive(Debug, Clone)]
pub struct LoginLimiter {
    purpose: &'static str,
    limits: Limits,
}

/// What is counted: an account (lower case) and the address it was tried from.
fn subjects(account: &str, address: IpAddr) -> [String; 2] {
    [account_subject(account), format!("client:{address}")]
}

fn account_subject(account: &str) -> String {
    format!("account:{}", account.trim().to_lowercase())
}

impl LoginLimiter {
    pub fn new(purpose: &'static str, limits: Limits) -> Self {
        Self { purpose, limits }
    }

    fn window_ms(&self) -> i64 {
        self.limits.window.as_millis() as i64
    }

    /// `Some(seconds)` to wait when the account or the address has used up its failures.
    pub async fn check(
        &self,
        store: &Store,
        account: &str,
        address: IpAddr,
        now_ms: i64,
    ) -> Result<Option<u64>, StoreError> {
        let [account, client] = subjects(account, address);
        let windows = store
            .attempt_windows(
                self.purpose,
                &[account.clone(), client],
                now_ms - self.window_ms(),
            )
            .await?;
        let wait = windows
            .iter()
            .filter(|(subject, _, failures)| {
                let limit = if *subject == account {
                    self.limits.per_account
                } else {
                    self.limits.per_address
                };
                *failures >= limit
            })
            .map(|(_, started, _)| wait_seconds(*started + self.window_ms() - now_ms))
            .max();
        Ok(wait)
    }

    pub async fn record_failure(
        &self,
        store: &Store,
        account: &str,
        address: IpAddr,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let subjects = subjects(account, address);
        store
            .record_attempt_failure(self.purpose, &subjects, now_ms, self.window_ms())
            .await
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub async fn record_success(&self, store: &Store, account: &str) -> Result<(), StoreError> {
        store
            .clear_attempts(self.purpose, &account_subject(account))
            .await
    }
}

/// Whole seconds to wait for `ms` more milliseconds, at least one.
fn wait_seconds(ms: i64) -> u64 {
    (ms.max(0) as u64).div_ceil(1000).max(1)
}
