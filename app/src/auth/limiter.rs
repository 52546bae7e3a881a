//! Failed sign-ins are limited per account and per client address, in memory. With several
//! instances each keeps its own count, so the limit is per instance.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone)]
pub struct LoginLimiter {
    windows: Arc<Mutex<HashMap<Key, Window>>>,
    limits: Limits,
}

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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

/// Past this many tracked keys, expired windows are dropped.
const PRUNE_AT: usize = 10_000;

impl LoginLimiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            windows: Arc::new(Mutex::new(HashMap::new())),
            limits,
        }
    }

    /// `Err(seconds)` to wait when the account or the address has used up its failures.
    pub fn check(&self, account: &str, address: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let blocked = |key: Key, limit: u32| {
            windows
                .get(&key)
                .filter(|w| now.duration_since(w.started) < self.limits.window)
                .filter(|w| w.failures >= limit)
                .map(|w| (self.limits.window - now.duration_since(w.started)).as_secs() + 1)
        };
        match blocked(
            Key::Account(account.to_lowercase()),
            self.limits.per_account,
        )
        .max(blocked(Key::Address(address), self.limits.per_address))
        {
            Some(wait) => Err(wait),
            None => Ok(()),
        }
    }

    pub fn record_failure(&self, account: &str, address: IpAddr) {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= PRUNE_AT {
            windows.retain(|_, w| now.duration_since(w.started) < self.limits.window);
        }
        for key in [Key::Account(account.to_lowercase()), Key::Address(address)] {
            let window = windows.entry(key).or_insert(Window {
                started: now,
                failures: 0,
            });
            if now.duration_since(window.started) >= self.limits.window {
                *window = Window {
                    started: now,
                    failures: 0,
                };
            }
            window.failures += 1;
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn record_success(&self, account: &str) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        windows.remove(&Key::Account(account.to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const AWAY: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 2));

    #[test]
    fn an_account_locks_after_five_failures_from_anywhere() {
        let limiter = LoginLimiter::new(Limits::default());
        for n in 0..5 {
            assert!(limiter
                .check("Ann@x.example", if n % 2 == 0 { HOME } else { AWAY })
                .is_ok());
            limiter.record_failure("Ann@x.example", if n % 2 == 0 { HOME } else { AWAY });
        }
        let wait = limiter.check("ann@x.example", AWAY).unwrap_err();
        assert!((890..=900).contains(&wait), "{wait}");
        assert!(limiter.check("bob@x.example", AWAY).is_ok());
    }

    #[test]
    fn an_address_locks_after_twenty_failures_across_accounts() {
        let limiter = LoginLimiter::new(Limits::default());
        for n in 0..20 {
            limiter.record_failure(&format!("user{n}@x.example"), HOME);
        }
        assert!(limiter.check("new@x.example", HOME).is_err());
        assert!(limiter.check("new@x.example", AWAY).is_ok());
    }

    #[test]
    fn windows_expire_and_success_clears_the_account() {
        let limiter = LoginLimiter::new(Limits {
            window: Duration::from_millis(50),
            ..Limits::default()
        });
        for _ in 0..5 {
            limiter.record_failure("ann@x.example", HOME);
        }
        assert!(limiter.check("ann@x.example", HOME).is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(limiter.check("ann@x.example", HOME).is_ok());
        for _ in 0..4 {
            limiter.record_failure("ann@x.example", HOME);
        }
        limiter.record_success("ann@x.example");
        limiter.record_failure("ann@x.example", HOME);
        assert!(limiter.check("ann@x.example", HOME).is_ok());
    }
}
