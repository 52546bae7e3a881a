//! What happens after a failed attempt (pure rules): try the message again later, fail it, or
//! pause the tenant's sending because its configuration, not the message, is at fault.

use crate::domain::test_email::{FailureCause, SendFailure, SendStep};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The same message may go through later (SMTP 4xx, timeouts, Graph 429/5xx).
    Temporary,
    /// This message will never go through (SMTP 5xx at RCPT or DATA, Graph 400).
    Permanent,
    /// The configuration is broken (authentication, secret, permission, certificate, no
    /// provider): every message would fail the same way until an admin fixes it.
    Configuration,
}

pub fn classify(failure: &SendFailure) -> FailureKind {
    use FailureCause::*;
    let http = matches!(failure.step, SendStep::TokenRequest | SendStep::GraphSend);
    if !http && matches!(failure.code, Some(400..=499)) {
        return FailureKind::Temporary;
    }
    if http && matches!(failure.code, Some(429 | 500 | 502 | 503 | 504)) {
        return FailureKind::Temporary;
    }
    match failure.cause {
        Timeout | NoGreeting | Throttled | TemporaryFailure | ConnectionRefused | Unreachable
        | ConnectionClosed | SlowReply | ServerBusy => FailureKind::Temporary,
        HostNotFound
        | ServerExpectsPlainText
        | CertificateUntrusted
        | CertificateNameMismatch
        | CertificateExpired
        | CertificateSelfSigned
        | TlsFailed
        | StartTlsNotOffered
        | ServerRequiresTls
        | AuthNotOffered
        | AuthRejected
        | SenderRejected
        | NotConfigured
        | SmtpAuthDisabled
        | SmtpOAuthRejected
        | TenantNotFound
        | TenantIdMalformed
        | AppNotFound
        | ClientSecretInvalid
        | ClientSecretExpired
        | ScopeInvalid
        | TokenRefused
        | GraphAccessDenied
        | GraphTokenRejected
        | MailboxNotFound
        | MailboxNotEnabled
        | SendAsDenied
        | ServerRefusesClient
        | PortSpeaksTls
        | ClientNotAuthenticated
        | ReputationBlocked => FailureKind::Configuration,
        RecipientRejected | MessageRejected | UnexpectedAnswer | RelayDenied | MessageTooLarge
        | MailboxFull | RecipientUnknown | ServerSystemProblem | RoutingProblem | ProtocolError
        | PolicyRejected | Other => FailureKind::Permanent,
    }
}

/// When to try a message again after a temporary failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failure; it doubles with each further failure...
    pub first: Duration,
    /// ...up to this.
    pub longest: Duration,
    /// A message still not sent this long after it was accepted has failed.
    pub give_up_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(30),
            longest: Duration::from_secs(3600),
            give_up_after: Duration::from_secs(24 * 3600),
        }
    }
}

impl RetryPolicy {
    /// The time (Unix ms) of the next attempt after `failures` failed ones, or `None` when the
    /// message has waited long enough. Never sooner than the provider's Retry-After. `jitter`
    /// (0 to 1) spreads retries of many messages over ±20% of the wait.
    pub fn next_attempt(
        &self,
        failures: u32,
        accepted_at_ms: i64,
        now_ms: i64,
        retry_after_s: Option<u64>,
        jitter: f64,
    ) -> Option<i64> {
        let doubling = 2u32.saturating_pow(failures.saturating_sub(1).min(20));
        let backoff = self.first.saturating_mul(doubling).min(self.longest);
        let spread = backoff.mul_f64(0.8 + 0.4 * jitter.clamp(0.0, 1.0));
        let wait = spread.max(Duration::from_secs(retry_after_s.unwrap_or(0)));
        let at = now_ms.saturating_add(wait.as_millis() as i64);
        let deadline = accepted_at_ms.saturating_add(self.give_up_after.as_millis() as i64);
        (at <= deadline).then_some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(step: SendStep, cause: FailureCause, code: Option<u32>) -> SendFailure {
        SendFailure {
            step,
            cause,
            code,
            detail: String::new(),
            reference: None,
            retry_after_s: None,
            certificate: None,
        }
    }

    #[test]
    fn failures_are_classified_like_a_mail_server_would() {
        use FailureCause::*;
        use FailureKind::*;
        use SendStep::*;
        let cases = [
            (Recipient, TemporaryFailure, Some(451), Temporary),
            (Recipient, RecipientRejected, Some(550), Permanent),
            (Data, MessageRejected, Some(554), Permanent),
            (Data, TemporaryFailure, Some(452), Temporary),
            (Authentication, AuthRejected, Some(535), Configuration),
            (Authentication, AuthRejected, Some(454), Temporary),
            (Connect, ConnectionRefused, None, Temporary),
            (Greeting, NoGreeting, None, Temporary),
            (Tls, CertificateUntrusted, None, Configuration),
            (Dns, HostNotFound, None, Configuration),
            (
                TokenRequest,
                ClientSecretExpired,
                Some(7000222),
                Configuration,
            ),
            (
                TokenRequest,
                ClientSecretInvalid,
                Some(7000215),
                Configuration,
            ),
            (TokenRequest, TokenRefused, Some(503), Temporary),
            (GraphSend, GraphAccessDenied, Some(403), Configuration),
            (GraphSend, Throttled, Some(429), Temporary),
            (GraphSend, UnexpectedAnswer, Some(502), Temporary),
            (GraphSend, UnexpectedAnswer, Some(400), Permanent),
            (GraphSend, NotConfigured, None, Configuration),
        ];
        for (step, cause, code, kind) in cases {
            assert_eq!(
                classify(&failure(step, cause, code)),
                kind,
                "{step:?} {cause:?} {code:?}"
            );
        }
    }

    #[test]
    fn waits_double_up_to_the_longest_and_honour_retry_after() {
        let policy = RetryPolicy::default();
        let at = |failures, retry_after| policy.next_attempt(failures, 0, 0, retry_after, 0.5);
        assert_eq!(at(1, None), Some(30_000));
        assert_eq!(at(2, None), Some(60_000));
        assert_eq!(at(3, None), Some(120_000));
        assert_eq!(at(12, None), Some(3_600_000), "capped at an hour");
        assert_eq!(
            at(1, Some(90)),
            Some(90_000),
            "never sooner than Retry-After"
        );
        let low = policy.next_attempt(1, 0, 0, None, 0.0).unwrap();
        let high = policy.next_attempt(1, 0, 0, None, 1.0).unwrap();
        assert_eq!((low, high), (24_000, 36_000), "±20% jitter");
    }

    #[test]
    fn a_message_is_given_up_after_a_day() {
        let policy = RetryPolicy::default();
        let day = 24 * 3600 * 1000;
        assert!(policy
            .next_attempt(5, 0, day - 3_600_000, None, 0.5)
            .is_some());
        assert_eq!(policy.next_attempt(30, 0, day - 1000, None, 0.5), None);
    }
}
