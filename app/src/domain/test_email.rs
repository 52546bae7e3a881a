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

/// The stages of a submission, in order. SMTP goes from `Dns` to `Data` (with `TokenRequest`
/// first for Microsoft OAuth 2.0); Microsoft Graph is `TokenRequest`, then `GraphSend`.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SendStep {
    /// Getting an OAuth 2.0 token from the Microsoft identity platform.
    TokenRequest,
    Dns,
    Connect,
    Tls,
    Greeting,
    Authentication,
    Sender,
    Recipient,
    Data,
    /// `POST /users/{sender}/sendMail` to Microsoft Graph.
    GraphSend,
}

/// Why a step failed, as far as we can tell; each has its own explanation and fix on the page.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
    /// Untrusted because it is signed by itself, not by an authority.
    CertificateSelfSigned,
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
    /// Office 365: SMTP AUTH is disabled for the tenant or mailbox (535 5.7.139).
    SmtpAuthDisabled,
    /// Office 365 refused the OAuth token on SMTP (535 5.7.3): service principal or mailbox
    /// permission missing in Exchange, or SMTP.SendAsApp not granted.
    SmtpOAuthRejected,
    /// AADSTS90002: no such tenant (or it is in another cloud).
    TenantNotFound,
    /// AADSTS900023: the tenant ID is not a GUID or domain.
    TenantIdMalformed,
    /// AADSTS700016: no such application in that tenant.
    AppNotFound,
    /// AADSTS7000215: wrong secret, often the secret's ID pasted instead of its value.
    ClientSecretInvalid,
    /// AADSTS7000222: the client secret has expired.
    ClientSecretExpired,
    /// AADSTS70011 / 1002012: the scope was refused.
    ScopeInvalid,
    /// Another answer from the token endpoint.
    TokenRefused,
    /// Graph 403 ErrorAccessDenied / 401 NoPermissionsInAccessToken: Mail.Send as an application
    /// permission with admin consent is missing, or an access policy excludes the mailbox.
    GraphAccessDenied,
    /// Graph 401 InvalidAuthenticationToken.
    GraphTokenRejected,
    /// Graph 404 ErrorInvalidUser / ResourceNotFound: no such sender mailbox.
    MailboxNotFound,
    /// Graph MailboxNotEnabledForRESTAPI: inactive, unlicensed or on-premises mailbox.
    MailboxNotEnabled,
    /// Graph 403 ErrorSendAsDenied.
    SendAsDenied,
    /// HTTP 429: throttled; `retry_after_s` says when to try again.
    Throttled,
    /// An HTTP answer that is not the documented one (proxy, wrong base URL).
    UnexpectedAnswer,
    /// A 5xx greeting ("554 5.7.1 No SMTP service here"): this server refuses this machine.
    ServerRefusesClient,
    /// A reply started but did not finish within the step's limit (not silence).
    SlowReply,
    /// Silence in plain text, but the port completes a TLS handshake: choose SSL/TLS.
    PortSpeaksTls,
    /// 5.7.57: the server takes mail only from clients that authenticate.
    ClientNotAuthenticated,
    /// Relaying refused (5.7.1 or 5.4.1 at RCPT, 5.7.54).
    RelayDenied,
    /// 552, 5.2.3, 5.3.4.
    MessageTooLarge,
    /// 5.2.2.
    MailboxFull,
    /// 5.1.1, 5.1.10 and other 5.1.x at RCPT: no such recipient.
    RecipientUnknown,
    /// 5.3.x: the server's own system problem.
    ServerSystemProblem,
    /// 5.4.x: routing or DNS on the server's side.
    RoutingProblem,
    /// 5.5.x: a command the server did not accept.
    ProtocolError,
    /// 5.7.x otherwise: security or content policy (spam, SPF, DKIM, DMARC).
    PolicyRejected,
    /// 5.7.708, 5.7.750, 5.7.705, 5.7.511, 5.1.8: sender, tenant or IP blocked for its
    /// reputation.
    ReputationBlocked,
    /// 4.3.2 and 421: the server is busy or throttling.
    ServerBusy,
    Other,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendFailure {
    pub step: SendStep,
    pub cause: FailureCause,
    /// The SMTP reply code, the HTTP status, or the AADSTS error number.
    pub code: Option<u32>,
    /// The server's reply text or the local error, with every secret removed.
    pub detail: String,
    /// Microsoft's request-id (Graph) or trace ID (identity platform), for their support.
    pub reference: Option<String>,
    /// Seconds the provider asked us to wait before trying again (HTTP Retry-After).
    pub retry_after_s: Option<u64>,
    /// The certificate the server presented, when TLS failed on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Box<PresentedCertificate>>,
}

/// The certificate a server presented, for the admin to compare with what they expect.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresentedCertificate {
    pub subject: String,
    /// The DNS names and IP addresses it is valid for (subject alternative names).
    pub names: Vec<String>,
    pub issuer: String,
    /// RFC 3339, UTC.
    pub not_before: String,
    pub not_after: String,
    /// SHA-256 of the certificate, upper-case hex pairs separated by colons.
    pub sha256: String,
    /// Issued by itself: no authority vouches for it.
    pub self_signed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TestEmailOutcome {
    /// The server took the message: its reply (for example a queue id, or Graph's
    /// "202 Accepted" with the request-id). Not "delivered".
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
    /// The exchange with the provider, secrets blanked. Reports from before transcripts
    /// existed have none.
    #[serde(default)]
    pub transcript: Vec<TranscriptLine>,
}

/// Who a transcript line is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speaker {
    /// Mailwright, as the client.
    Client,
    /// The mail server or Microsoft.
    Server,
    /// What happened between the lines (a TLS handshake, a connection).
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLine {
    pub from: Speaker,
    pub text: String,
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
