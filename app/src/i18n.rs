//! The translation catalog. Every user-visible text is a field of [`Catalog`]; each language is
//! one `const` of that type, so a language missing a text does not compile. Codes from the
//! domain (field errors, send steps, failure causes) are worded here and nowhere else.
//!
//! Texts with `{name}` placeholders are filled with [`fill`].

mod en;

use crate::domain::audit::AuditField;
use crate::domain::test_email::{FailureCause, SendStep};
use crate::domain::FieldError;

pub use en::EN;

/// The catalog for the current request or page. One language for now; more come later.
pub fn catalog() -> &'static Catalog {
    &EN
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A plain-language explanation of a failure and what to do about it.
pub struct Explanation {
    pub cause: &'static str,
    pub fix: &'static str,
}

pub struct Catalog {
    pub lang: &'static str,
    pub app_name: &'static str,
    pub nav_settings: &'static str,
    pub page_title: &'static str,
    pub page_intro: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,

    pub provider_legend: &'static str,
    pub provider_none: &'static str,
    pub provider_smtp: &'static str,
    pub provider_microsoft365: &'static str,
    pub current_heading: &'static str,
    pub no_provider: &'static str,
    pub last_changed: &'static str,
    pub last_test: &'static str,
    pub never_tested: &'static str,
    pub test_passed: &'static str,
    pub test_failed_short: &'static str,
    pub edit: &'static str,
    pub cancel: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved_notice: &'static str,
    pub deleted_notice: &'static str,
    pub yes: &'static str,
    pub no: &'static str,

    pub smtp_heading: &'static str,
    pub label_host: &'static str,
    pub help_host: &'static str,
    pub label_port: &'static str,
    pub help_port: &'static str,
    pub label_security: &'static str,
    pub security_starttls: &'static str,
    pub security_tls: &'static str,
    pub security_none: &'static str,
    pub help_security: &'static str,
    pub label_sender_email: &'static str,
    pub help_sender_email: &'static str,
    pub label_sender_name: &'static str,
    pub help_sender_name: &'static str,
    /// SMTP: the outbox's sending limit.
    pub label_rate: &'static str,
    pub help_rate: &'static str,
    pub rate_unlimited: &'static str,
    pub label_auth: &'static str,
    pub help_auth_off: &'static str,
    pub label_same_as_sender: &'static str,
    pub label_username: &'static str,
    pub label_password: &'static str,
    pub password_saved: &'static str,
    pub help_password_saved: &'static str,
    pub auth_summary_off: &'static str,
    pub label_auth_type: &'static str,
    pub auth_type_password: &'static str,
    pub auth_type_microsoft: &'static str,
    pub label_oauth_tenant_id: &'static str,
    pub label_oauth_client_id: &'static str,
    pub help_smtp_oauth: &'static str,
    /// Setting up Microsoft OAuth 2.0 for SMTP in Entra and Exchange Online.
    pub smtp_oauth_steps_title: &'static str,
    pub smtp_oauth_steps: &'static [&'static str],

    pub microsoft_heading: &'static str,
    pub help_graph_sender: &'static str,
    pub label_tenant_id: &'static str,
    pub help_tenant_id: &'static str,
    pub label_client_id: &'static str,
    pub help_client_id: &'static str,
    pub label_client_secret: &'static str,
    pub help_client_secret: &'static str,
    pub help_client_secret_saved: &'static str,
    pub graph_steps_title: &'static str,
    pub graph_steps: &'static [&'static str],
    pub graph_limits: &'static str,

    pub label_test_after_save: &'static str,

    pub confirm_delete_title: &'static str,
    /// `{old}`
    pub confirm_delete_body: &'static str,
    pub confirm_delete: &'static str,
    /// `{old}`, `{new}`
    pub confirm_replace_title: &'static str,
    /// `{old}`, `{new}`
    pub confirm_replace_body: &'static str,
    pub confirm_replace: &'static str,

    pub test_heading: &'static str,
    pub test_intro: &'static str,
    pub label_recipient: &'static str,
    pub send_test: &'static str,
    pub sending_test: &'static str,
    pub test_save_first: &'static str,
    /// `{ms}`
    pub test_accepted: &'static str,
    pub test_accepted_note: &'static str,
    pub server_reply: &'static str,
    /// `{ms}`
    pub test_failed: &'static str,
    pub failed_step: &'static str,
    pub reply_code: &'static str,
    pub server_said: &'static str,
    pub what_to_do: &'static str,
    pub reference: &'static str,
    /// `{s}`
    pub retry_after: &'static str,
    pub transcript_heading: &'static str,
    /// Marks Mailwright's lines in a transcript.
    pub transcript_client: &'static str,
    /// Marks the server's lines in a transcript.
    pub transcript_server: &'static str,
    pub test_subject: &'static str,
    /// `{provider}`, `{server}`, `{port}`, `{security}`
    pub test_body: &'static str,
    /// `{provider}`, `{sender}`, `{tenant}`
    pub test_body_graph: &'static str,

    pub audit_heading: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_what: &'static str,
    pub audit_empty: &'static str,
    pub audit_older: &'static str,
    /// `{provider}`
    pub audit_saved: &'static str,
    /// `{provider}`
    pub audit_activated: &'static str,
    /// `{provider}`
    pub audit_deleted: &'static str,
    /// `{recipient}`
    pub audit_test_ok: &'static str,
    /// `{recipient}`, `{step}`
    pub audit_test_failed: &'static str,
    /// `{field}`
    /// An API token was created / revoked; `{name}`.
    pub audit_token_created: &'static str,
    pub audit_token_revoked: &'static str,
    pub audit_secret_changed: &'static str,
    pub audit_empty_value: &'static str,
    pub audit_field: fn(AuditField) -> &'static str,

    pub error_fix_fields: &'static str,
    pub error_unauthenticated: &'static str,
    pub error_forbidden: &'static str,
    pub error_conflict: &'static str,
    /// `{by}`, `{at}`
    pub error_conflict_by: &'static str,
    pub error_sign_in_failed: &'static str,
    /// `{minutes}`
    pub error_too_many_attempts: &'static str,
    /// More sign-ins at once than the server takes; `{seconds}`.
    pub error_busy: &'static str,
    pub error_link_invalid: &'static str,
    pub error_not_found: &'static str,
    pub error_not_configured: &'static str,
    pub error_internal: &'static str,
    pub error_transport: &'static str,

    pub account: AccountTexts,
    pub outbox: OutboxTexts,

    pub field_error: fn(FieldError) -> &'static str,
    pub step_name: fn(SendStep) -> &'static str,
    pub explain: fn(FailureCause, SendStep) -> Explanation,
}

/// API tokens, the delivery log and the paused-sending banner.
pub struct OutboxTexts {
    pub tokens_title: &'static str,
    pub tokens_intro: &'static str,
    pub label_token_name: &'static str,
    pub label_scope: &'static str,
    pub scope_send: &'static str,
    pub scope_send_read: &'static str,
    pub label_expires_days: &'static str,
    pub help_expires_days: &'static str,
    pub create_token: &'static str,
    pub token_created: &'static str,
    pub label_new_token: &'static str,
    pub tokens_empty: &'static str,
    pub col_name: &'static str,
    pub col_scope: &'static str,
    pub col_created: &'static str,
    pub col_last_used: &'static str,
    pub col_expires: &'static str,
    pub never: &'static str,
    pub revoke: &'static str,
    /// `{name}`
    pub revoke_label: &'static str,
    /// `{name}`
    pub revoke_confirm: &'static str,
    pub token_revoked: &'static str,
    pub deliveries_title: &'static str,
    pub deliveries_intro: &'static str,
    pub filter_status: &'static str,
    pub filter_category: &'static str,
    pub filter_recipient: &'static str,
    pub filter_any: &'static str,
    pub search: &'static str,
    pub col_time: &'static str,
    pub col_category: &'static str,
    pub col_recipients: &'static str,
    pub col_subject: &'static str,
    pub col_status: &'static str,
    pub col_attempts: &'static str,
    pub deliveries_empty: &'static str,
    pub older: &'static str,
    /// `{at}`
    pub next_attempt: &'static str,
    pub status_name: fn(crate::domain::delivery::DeliveryStatus) -> &'static str,
    pub category_name: fn(crate::domain::delivery::Category) -> &'static str,
    pub paused_title: &'static str,
    /// `{step}`, `{since}`
    pub paused_intro: &'static str,
    pub paused_resume: &'static str,
}

/// Sign-in, sign-out, password reset and first-start setup.
pub struct AccountTexts {
    pub sign_in_title: &'static str,
    pub label_email: &'static str,
    pub label_password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub forgot_link: &'static str,
    pub sign_out: &'static str,
    /// `{email}`, `{tenant}`
    pub signed_in_as: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub send_reset_link: &'static str,
    /// `{email}`
    pub forgot_sent: &'static str,
    pub back_to_sign_in: &'static str,
    pub reset_title: &'static str,
    pub label_new_password: &'static str,
    pub help_new_password: &'static str,
    pub set_password: &'static str,
    pub reset_done: &'static str,
    pub request_new_link: &'static str,
    pub setup_title: &'static str,
    pub setup_intro: &'static str,
    pub label_organization: &'static str,
    pub create_admin: &'static str,
    pub reset_email_subject: &'static str,
    /// `{email}`, `{link}`
    pub reset_email_body: &'static str,
}

impl Catalog {
    pub fn security_label(&self, security: crate::domain::smtp::SmtpSecurity) -> &'static str {
        use crate::domain::smtp::SmtpSecurity::*;
        match security {
            StartTls => self.security_starttls,
            Tls => self.security_tls,
            None => self.security_none,
        }
    }

    pub fn provider_name(&self, kind: crate::domain::provider::ProviderKind) -> &'static str {
        use crate::domain::provider::ProviderKind::*;
        match kind {
            None => self.provider_none,
            Smtp => self.provider_smtp,
            Microsoft365 => self.provider_microsoft365,
        }
    }

    pub fn auth_type_label(&self, auth: crate::domain::smtp::SmtpAuthType) -> &'static str {
        use crate::domain::smtp::SmtpAuthType::*;
        match auth {
            Password => self.auth_type_password,
            MicrosoftOAuth => self.auth_type_microsoft,
        }
    }

    pub fn api_error(&self, error: &crate::error::ApiError) -> String {
        use crate::error::ApiError::*;
        match error {
            Invalid(_) => self.error_fix_fields,
            Unauthenticated => self.error_unauthenticated,
            Forbidden => self.error_forbidden,
            Conflict(Some(changed)) => {
                let at = display_time(&changed.at);
                return fill(self.error_conflict_by, &[("by", &changed.by), ("at", &at)]);
            }
            Conflict(None) => self.error_conflict,
            SignInFailed => self.error_sign_in_failed,
            TooManyAttempts { retry_after_s } => {
                let minutes = retry_after_s.div_ceil(60).to_string();
                return fill(self.error_too_many_attempts, &[("minutes", &minutes)]);
            }
            Busy { retry_after_s } => {
                let seconds = retry_after_s.to_string();
                return fill(self.error_busy, &[("seconds", &seconds)]);
            }
            LinkInvalid => self.error_link_invalid,
            NotFound => self.error_not_found,
            NotConfigured => self.error_not_configured,
            Internal => self.error_internal,
            Transport(_) => self.error_transport,
        }
        .to_owned()
    }
}

/// An RFC 3339 UTC time as "2026-11-22 14:05:09 UTC".
pub fn display_time(rfc3339: &str) -> String {
    match rfc3339.strip_suffix('Z') {
        Some(time) => format!("{} UTC", time.replacen('T', " ", 1)),
        None => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(
            fill("took {ms} ms, {ms}!", &[("ms", "12")]),
            "took 12 ms, 12!"
        );
    }
}
