//! Failures of a send, classified by step and cause from the typed errors of tokio, rustls and
//! lettre (never by matching error text).

use crate::domain::test_email::{FailureCause, PresentedCertificate, SendFailure, SendStep};
use std::error::Error as StdError;
use std::io;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{step:?} failed ({cause:?}, code {code:?}): {detail}")]
pub struct MailError {
    pub step: SendStep,
    pub cause: FailureCause,
    pub code: Option<u32>,
    /// Server reply text or local error text; never contains a secret.
    pub detail: String,
    /// Microsoft's request-id or trace ID.
    pub reference: Option<String>,
    /// Seconds to wait before trying again, when the provider said so.
    pub retry_after_s: Option<u64>,
    /// The certificate the server presented, when TLS failed on it.
    pub certificate: Option<Box<PresentedCertificate>>,
}

impl MailError {
    pub fn new(step: SendStep, cause: FailureCause, detail: impl Into<String>) -> Self {
        Self {
            step,
            cause,
            code: None,
            detail: detail.into(),
            reference: None,
            retry_after_s: None,
            certificate: None,
        }
    }

    pub fn with_code(mut self, code: u32) -> Self {
        self.code = Some(code);
        self
    }

    pub fn with_reference(mut self, reference: Option<String>) -> Self {
        self.reference = reference.filter(|r| !r.is_empty());
        self
    }

    /// A 4xx reply or a timeout: the same message may go through later.
    pub fn is_transient(&self) -> bool {
        let smtp_transient = matches!(self.code, Some(400..=499)) && self.is_smtp_reply();
        smtp_transient
            || matches!(
                self.cause,
                FailureCause::Timeout
                    | FailureCause::SlowReply
                    | FailureCause::NoGreeting
                    | FailureCause::Throttled
                    | FailureCause::TemporaryFailure
            )
    }

    /// Whether `code` is an SMTP reply code (not an HTTP status or AADSTS number).
    fn is_smtp_reply(&self) -> bool {
        !matches!(self.step, SendStep::TokenRequest | SendStep::GraphSend)
    }

    pub fn timeout(step: SendStep, seconds: u64) -> Self {
        let cause = if step == SendStep::Greeting {
            FailureCause::NoGreeting
        } else {
            FailureCause::Timeout
        };
        Self::new(step, cause, format!("no answer within {seconds} s"))
    }

    /// A timeout in a step during which the server had started to answer (`heard_more`) was
    /// a slow reply, not silence: only silence suggests a TLS mode mismatch.
    pub fn slow_if_heard(mut self, heard_more: bool) -> Self {
        if heard_more && matches!(self.cause, FailureCause::NoGreeting | FailureCause::Timeout) {
            self.cause = FailureCause::SlowReply;
            self.detail = format!("{}; the reply had started but did not finish", self.detail);
        }
        self
    }

    /// A failed TLS handshake, with the certificate the server presented: a self-signed one
    /// is named as such.
    pub fn from_tls(step: SendStep, err: &super::tls::TlsError) -> Self {
        let mut error = Self::from_io(step, &err.io);
        if let Some(cert) = &err.presented {
            if error.cause == FailureCause::CertificateUntrusted && cert.self_signed {
                error.cause = FailureCause::CertificateSelfSigned;
            }
        }
        error.certificate = err.presented.clone().map(Box::new);
        error
    }

    /// An error from a socket or a TLS handshake.
    pub fn from_io(step: SendStep, err: &io::Error) -> Self {
        let cause = find_rustls(err)
            .map(tls_cause)
            .unwrap_or_else(|| io_cause(err.kind()));
        Self::new(step, cause, describe(err))
    }

    /// An HTTP request that got no answer (Microsoft identity platform or Graph).
    pub fn from_http(step: SendStep, err: &reqwest::Error) -> Self {
        let cause = if let Some(tls) = find_rustls(err) {
            tls_cause(tls)
        } else if err.is_timeout() {
            FailureCause::Timeout
        } else if let Some(io_err) = find::<io::Error>(err) {
            match io_cause(io_err.kind()) {
                FailureCause::Other if err.is_connect() => FailureCause::Unreachable,
                cause => cause,
            }
        } else if err.is_connect() {
            FailureCause::Unreachable
        } else {
            FailureCause::Other
        };
        Self::new(step, cause, describe(err))
    }

    /// An error from lettre's SMTP client at `step`.
    pub fn from_smtp(step: SendStep, err: &lettre::transport::smtp::Error) -> Self {
        if let Some(code) = err.status() {
            let detail = err
                .source()
                .map(|s| s.to_string())
                .unwrap_or_else(|| err.to_string());
            return Self::from_reply(step, u16::from(code), &detail);
        }
        let cause = if let Some(tls) = find_rustls(err) {
            tls_cause(tls)
        } else if let Some(io_err) = find::<io::Error>(err) {
            io_cause(io_err.kind())
        } else if err.is_client() && step == SendStep::Authentication {
            FailureCause::AuthNotOffered
        } else if err.is_client() && step == SendStep::Tls {
            FailureCause::StartTlsNotOffered
        } else {
            FailureCause::Other
        };
        Self::new(step, cause, describe(err))
    }

    /// A negative SMTP reply at `step`: its code and text.
    pub fn from_reply(step: SendStep, code: u16, text: &str) -> Self {
        let cause = super::status_codes::refusal_cause(step, code, text);
        Self::new(step, cause, text).with_code(u32::from(code))
    }

    pub fn into_failure(self) -> SendFailure {
        SendFailure {
            step: self.step,
            cause: self.cause,
            code: self.code,
            detail: self.detail,
            reference: self.reference,
            retry_after_s: self.retry_after_s,
            certificate: self.certificate,
        }
    }
}

fn io_cause(kind: io::ErrorKind) -> FailureCause {
    use io::ErrorKind::*;
    match kind {
        ConnectionRefused => FailureCause::ConnectionRefused,
        ConnectionReset | ConnectionAborted | UnexpectedEof | BrokenPipe => {
            FailureCause::ConnectionClosed
        }
        TimedOut => FailureCause::Timeout,
        HostUnreachable | NetworkUnreachable | AddrNotAvailable => FailureCause::Unreachable,
        _ => FailureCause::Other,
    }
}

fn tls_cause(err: &rustls::Error) -> FailureCause {
    use rustls::CertificateError as C;
    match err {
        rustls::Error::InvalidCertificate(cert) => match cert {
            C::UnknownIssuer | C::BadSignature | C::UnhandledCriticalExtension => {
                FailureCause::CertificateUntrusted
            }
            C::NotValidForName | C::NotValidForNameContext { .. } => {
                FailureCause::CertificateNameMismatch
            }
            C::Expired
            | C::ExpiredContext { .. }
            | C::NotValidYet
            | C::NotValidYetContext { .. } => FailureCause::CertificateExpired,
            _ => FailureCause::TlsFailed,
        },
        // The server's first bytes were not a TLS record: it is speaking plain SMTP ("220 ...").
        rustls::Error::InvalidMessage(_) => FailureCause::ServerExpectsPlainText,
        _ => FailureCause::TlsFailed,
    }
}

/// Finds a `T` in an error chain, looking inside `io::Error`s too (their `source()` skips the
/// error they wrap).
fn find<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        if let Some(inner) = e.downcast_ref::<io::Error>().and_then(|io| io.get_ref()) {
            if let Some(found) = find::<T>(inner) {
                return Some(found);
            }
        }
        current = e.source();
    }
    None
}

fn find_rustls<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    find::<rustls::Error>(err)
}

/// The error and its causes on one line.
fn describe(err: &(dyn StdError + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustls_errors_inside_io_errors_are_found() {
        let err = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        );
        let e = MailError::from_io(SendStep::Tls, &err);
        assert_eq!(e.cause, FailureCause::CertificateUntrusted);
        let plain = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType),
        );
        assert_eq!(
            MailError::from_io(SendStep::Tls, &plain).cause,
            FailureCause::ServerExpectsPlainText
        );
    }

    #[test]
    fn timeouts_are_transient() {
        assert!(MailError::timeout(SendStep::Greeting, 10).is_transient());
        assert_eq!(
            MailError::timeout(SendStep::Greeting, 10).cause,
            FailureCause::NoGreeting
        );
        assert!(
            !MailError::new(SendStep::Tls, FailureCause::CertificateUntrusted, "x").is_transient()
        );
    }
}
