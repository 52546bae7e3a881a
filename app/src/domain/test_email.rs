//! The test email: what the admin asks for and the report they get back. A failure names the
//! step, the server's own code and text, and a cause the page explains in plain words.

use super::address::validate_address;
use super::field::{Field, FieldErrors};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestEmailRequest {
    pub recipient: String,
}

impl TestEmailRequest {
    /// The trimmed recipient, or the field error.
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let recipient = self.recipient.trim();
        let mut errors = FieldErrors::new();
        errors.check(Field::Recipient, validate_address(recipient));
        if errors.is_empty() {
            Ok(recipient.to_owned())
        } else {
            Err(errors)
        }
    }
}

/// The stages of an SMTP submission, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SendStep {
    Dns,
    Connect,
    Tls,
    Greeting,
    Authentication,
    Sender,
    Recipient,
    Data,
}

/// Why a step failed, as far as we can tell; each has its own explanation and fix on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FailureCause {
    HostNotFound,
    ConnectionRefused,
    Unreachable,
    Timeout,
    /// Connected, but the server said nothing: often StartTLS or None against an SSL/TLS port.
    NoGreeting,
    /// The server answered in plain text to a TLS handshake: the port expects StartTLS or None.
    ServerExpectsPlainText,
    CertificateUntrusted,
    CertificateNameMismatch,
    CertificateExpired,
    TlsFailed,
    StartTlsNotOffered,
    /// The server wants STARTTLS before anything else (530 5.7.0).
    ServerRequiresTls,
    AuthNotOffered,
    AuthRejected,
    SenderRejected,
    RecipientRejected,
    MessageRejected,
    /// A 4xx reply: try again later.
    TemporaryFailure,
    ConnectionClosed,
    NotConfigured,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendFailure {
    pub step: SendStep,
    pub cause: FailureCause,
    /// The SMTP reply code, when the server gave one.
    pub code: Option<u16>,
    /// The server's reply text or the local error, with every secret removed.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TestEmailOutcome {
    /// The server took the message: its reply (for example a queue id). Not "delivered".
    Accepted {
        reply: String,
    },
    Failed(SendFailure),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestEmailReport {
    pub recipient: String,
    pub elapsed_ms: u64,
    pub outcome: TestEmailOutcome,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldError;

    #[test]
    fn recipient_rules() {
        let ok = TestEmailRequest {
            recipient: " admin@example.com ".into(),
        };
        assert_eq!(ok.validate().unwrap(), "admin@example.com");
        let bad = TestEmailRequest {
            recipient: "admin".into(),
        };
        let errors = bad.validate().unwrap_err();
        assert_eq!(
            errors.get(Field::Recipient),
            Some(FieldError::AddressMissingAt)
        );
    }
}
