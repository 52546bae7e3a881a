//! Texts for the domain's codes (field errors, send steps, failure causes, statuses): the one
//! place where a code becomes words.

use super::{Catalog, Explanation, OutboxTexts};
use crate::domain::audit::AuditField;
use crate::domain::delivery::{Category, DeliveryStatus};
use crate::domain::test_email::{FailureCause, SendStep};
use crate::domain::FieldError;

impl Catalog {
    pub fn field_error(&self, code: FieldError) -> &'static str {
        let t = &self.field_errors;
        match code {
            FieldError::Required => t.required,
            FieldError::LineBreak => t.line_break,
            FieldError::TooLong => t.too_long,
            FieldError::PortNotNumber => t.port_not_number,
            FieldError::PortOutOfRange => t.port_out_of_range,
            FieldError::HostHasScheme => t.host_has_scheme,
            FieldError::HostHasPort => t.host_has_port,
            FieldError::HostInvalid => t.host_invalid,
            FieldError::AddressMissingAt => t.address_missing_at,
            FieldError::AddressLocalPartInvalid => t.address_local_part_invalid,
            FieldError::AddressLocalPartTooLong => t.address_local_part_too_long,
            FieldError::AddressNonAsciiLocalPart => t.address_non_ascii_local_part,
            FieldError::AddressDomainInvalid => t.address_domain_invalid,
            FieldError::AddressTooLong => t.address_too_long,
            FieldError::PasswordRequired => t.password_required,
            FieldError::PasswordRetypeForNewDestination => t.password_retype_for_new_destination,
            FieldError::TenantIdInvalid => t.tenant_id_invalid,
            FieldError::ClientIdNotGuid => t.client_id_not_guid,
            FieldError::ClientSecretIsId => t.client_secret_is_id,
            FieldError::ClientSecretRequired => t.client_secret_required,
            FieldError::ClientSecretRetypeForNewDestination => {
                t.client_secret_retype_for_new_destination
            }
            FieldError::PasswordTooShort => t.password_too_short,
            FieldError::TooManyRecipients => t.too_many_recipients,
            FieldError::BodyRequired => t.body_required,
            FieldError::NotBase64 => t.not_base64,
            FieldError::ContentTypeInvalid => t.content_type_invalid,
            FieldError::UnknownValue => t.unknown_value,
            FieldError::RateInvalid => t.rate_invalid,
            FieldError::DateInvalid => t.date_invalid,
            FieldError::CertificateNotPem => t.certificate_not_pem,
            FieldError::CertificateInvalid => t.certificate_invalid,
            FieldError::CertificateNotCa => t.certificate_not_ca,
            FieldError::CertificateExpired => t.certificate_expired,
        }
    }

    pub fn audit_field(&self, code: AuditField) -> &'static str {
        let t = &self.audit_fields;
        match code {
            AuditField::Host => t.host,
            AuditField::Port => t.port,
            AuditField::Security => t.security,
            AuditField::SenderEmail => t.sender_email,
            AuditField::SenderName => t.sender_name,
            AuditField::Authentication => t.authentication,
            AuditField::Username => t.username,
            AuditField::TenantId => t.tenant_id,
            AuditField::ClientId => t.client_id,
            AuditField::Secret => t.secret,
            AuditField::RateLimit => t.rate_limit,
            AuditField::SecretExpiresOn => t.secret_expires_on,
            AuditField::CaCertificate => t.ca_certificate,
        }
    }

    pub fn step_name(&self, code: SendStep) -> &'static str {
        let t = &self.steps;
        match code {
            SendStep::TokenRequest => t.token_request,
            SendStep::GraphSend => t.graph_send,
            SendStep::Dns => t.dns,
            SendStep::Connect => t.connect,
            SendStep::Tls => t.tls,
            SendStep::Greeting => t.greeting,
            SendStep::Authentication => t.authentication,
            SendStep::Sender => t.sender,
            SendStep::Recipient => t.recipient,
            SendStep::Data => t.data,
        }
    }

    pub fn explain(&self, cause: FailureCause, step: SendStep) -> Explanation {
        let t = &self.causes;
        match cause {
            FailureCause::Timeout if step == SendStep::Connect => Explanation {
                cause: t.timeout_on_connect,
                fix: t.timeout.fix,
            },
            FailureCause::Timeout => t.timeout,
            FailureCause::HostNotFound => t.host_not_found,
            FailureCause::ConnectionRefused => t.connection_refused,
            FailureCause::Unreachable => t.unreachable,
            FailureCause::NoGreeting => t.no_greeting,
            FailureCause::ServerExpectsPlainText => t.server_expects_plain_text,
            FailureCause::CertificateUntrusted => t.certificate_untrusted,
            FailureCause::CertificateNameMismatch => t.certificate_name_mismatch,
            FailureCause::CertificateExpired => t.certificate_expired,
            FailureCause::CertificateSelfSigned => t.certificate_self_signed,
            FailureCause::TlsFailed => t.tls_failed,
            FailureCause::StartTlsNotOffered => t.start_tls_not_offered,
            FailureCause::ServerRequiresTls => t.server_requires_tls,
            FailureCause::AuthNotOffered => t.auth_not_offered,
            FailureCause::AuthRejected => t.auth_rejected,
            FailureCause::SenderRejected => t.sender_rejected,
            FailureCause::RecipientRejected => t.recipient_rejected,
            FailureCause::MessageRejected => t.message_rejected,
            FailureCause::TemporaryFailure => t.temporary_failure,
            FailureCause::ConnectionClosed => t.connection_closed,
            FailureCause::NotConfigured => t.not_configured,
            FailureCause::SmtpAuthDisabled => t.smtp_auth_disabled,
            FailureCause::SmtpOAuthRejected => t.smtp_oauth_rejected,
            FailureCause::TenantNotFound => t.tenant_not_found,
            FailureCause::TenantIdMalformed => t.tenant_id_malformed,
            FailureCause::AppNotFound => t.app_not_found,
            FailureCause::ClientSecretInvalid => t.client_secret_invalid,
            FailureCause::ClientSecretExpired => t.client_secret_expired,
            FailureCause::ScopeInvalid => t.scope_invalid,
            FailureCause::TokenRefused => t.token_refused,
            FailureCause::GraphAccessDenied => t.graph_access_denied,
            FailureCause::GraphTokenRejected => t.graph_token_rejected,
            FailureCause::MailboxNotFound => t.mailbox_not_found,
            FailureCause::MailboxNotEnabled => t.mailbox_not_enabled,
            FailureCause::SendAsDenied if step == SendStep::GraphSend => t.send_as_denied,
            FailureCause::SendAsDenied => t.smtp_send_as_denied,
            FailureCause::Throttled => t.throttled,
            FailureCause::UnexpectedAnswer => t.unexpected_answer,
            FailureCause::ServerRefusesClient => t.server_refuses_client,
            FailureCause::SlowReply => t.slow_reply,
            FailureCause::PortSpeaksTls => t.port_speaks_tls,
            FailureCause::ClientNotAuthenticated => t.client_not_authenticated,
            FailureCause::RelayDenied => t.relay_denied,
            FailureCause::MessageTooLarge => t.message_too_large,
            FailureCause::MailboxFull => t.mailbox_full,
            FailureCause::RecipientUnknown => t.recipient_unknown,
            FailureCause::ServerSystemProblem => t.server_system_problem,
            FailureCause::RoutingProblem => t.routing_problem,
            FailureCause::ProtocolError => t.protocol_error,
            FailureCause::PolicyRejected => t.policy_rejected,
            FailureCause::ReputationBlocked => t.reputation_blocked,
            FailureCause::ServerBusy => t.server_busy,
            FailureCause::Other => t.other,
        }
    }
}

impl OutboxTexts {
    pub fn status_name(&self, code: DeliveryStatus) -> &'static str {
        let t = &self.statuses;
        match code {
            DeliveryStatus::Queued => t.queued,
            DeliveryStatus::Sending => t.sending,
            DeliveryStatus::Sent => t.sent,
            DeliveryStatus::Deferred => t.deferred,
            DeliveryStatus::Failed => t.failed,
        }
    }

    pub fn category_name(&self, code: Category) -> &'static str {
        let t = &self.categories;
        match code {
            Category::Subscription => t.subscription,
            Category::Alert => t.alert,
            Category::Share => t.share,
            Category::Notification => t.notification,
            Category::PasswordReset => t.password_reset,
            Category::Other => t.other,
        }
    }
}
