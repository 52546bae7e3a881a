//! The connection check: everything a send does before the message, and nothing after, so the
//! admin learns whether the configuration works without an email being sent.

use super::test_email::{SendFailure, TranscriptLine};
use serde::{Deserialize, Serialize};

/// What a check could verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckScope {
    /// SMTP: connect, TLS, greeting, authentication, then QUIT before MAIL FROM.
    SmtpSession,
    /// Microsoft 365: a new token for the app. Mail.Send allows no Graph request that sends
    /// nothing, so the mailbox itself is checked only by a test email.
    TokenOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckOutcome {
    /// Every step up to the message worked; `reply` is the provider's last answer.
    Passed {
        scope: CheckScope,
        reply: String,
    },
    Failed(SendFailure),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionCheckReport {
    pub elapsed_ms: u64,
    pub outcome: CheckOutcome,
    /// The exchange, secrets blanked.
    pub transcript: Vec<TranscriptLine>,
}
