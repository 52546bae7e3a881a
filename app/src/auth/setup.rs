//! The one-time setup URL of a fresh installation. `mailwright serve` opens the gate when no
//! user exists and prints the URL; creating the first admin closes it for good. While closed,
//! the setup server function answers 404 to everyone.

use super::token::{digest, new_token};
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct SetupGate {
    /// Digest of the printed token while setup is possible.
    open: Arc<Mutex<Option<String>>>,
}

impl SetupGate {
    /// Opens the gate with a new token and returns it (to print, never to log).
    pub fn open(&self) -> String {
        let token = new_token();
        *self.lock() = Some(digest(&token));
        token
    }

    /// Whether `token` is the printed one and setup is still possible.
    pub fn accepts(&self, token: &str) -> bool {
        self.lock().as_deref() == Some(digest(token).as_str())
    }

    pub fn close(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_printed_token_and_only_until_closed() {
        let gate = SetupGate::default();
        assert!(!gate.accepts(""));
        let token = gate.open();
        assert!(gate.accepts(&token));
        assert!(!gate.accepts("guess"));
        gate.close();
        assert!(!gate.accepts(&token));
    }
}
