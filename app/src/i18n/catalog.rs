//! The catalog's shape: one field per text. Every language fills every field (a language
//! missing a text does not compile), and the `texts!` macro lets a catalog be written as a flat
//! list of strings and read back from it, which is how the browser receives its one language.

use super::texts::{texts, Texts};

texts! {
    /// A plain-language explanation of a failure and what to do about it.
    #[derive(Clone, Copy)]
    pub struct Explanation {
        pub cause: &'static str,
        pub fix: &'static str,
    }
}

texts! {
    pub struct Catalog {
        pub lang: &'static str,
        pub app_name: &'static str,
        pub nav_settings: &'static str,
        /// The header's language menu.
        pub language_label: &'static str,
        /// The language menu's button where pages run without JavaScript.
        pub language_apply: &'static str,
        pub page_title: &'static str,
        pub page_intro: &'static str,
        pub loading: &'static str,
        /// A part of the page whose code is fetched later could not be fetched.
        pub part_load_failed: &'static str,
        pub try_again: &'static str,
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
        pub label_secret_expires_on: &'static str,
        pub help_secret_expires_on: &'static str,
        pub label_ca_certificate: &'static str,
        pub help_ca_certificate: &'static str,
        pub ca_saved: &'static str,
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
        pub check_connection: &'static str,
        pub checking_connection: &'static str,
        pub check_passed_smtp: &'static str,
        pub check_passed_token: &'static str,
        pub check_failed: &'static str,
        pub check_nothing_sent: &'static str,
        pub health_heading: &'static str,
        pub health_passing: &'static str,
        pub health_failing: &'static str,
        pub health_history: &'static str,
        pub health_became_healthy: &'static str,
        pub health_became_failing: &'static str,
        pub basic_auth_notice: &'static str,
        pub switch_to_microsoft: &'static str,
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
        pub cert_heading: &'static str,
        pub cert_subject: &'static str,
        pub cert_names: &'static str,
        pub cert_no_names: &'static str,
        pub cert_issuer: &'static str,
        pub cert_validity: &'static str,
        pub cert_fingerprint: &'static str,
        /// `{s}`; `_one`: the form for a count the language calls "one" (see `Lang::is_one`).
        pub retry_after: &'static str,
        pub retry_after_one: &'static str,
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
        pub audit_fields: AuditFieldTexts,

        pub error_fix_fields: &'static str,
        pub error_unauthenticated: &'static str,
        pub error_forbidden: &'static str,
        pub error_conflict: &'static str,
        /// `{by}`, `{at}`
        pub error_conflict_by: &'static str,
        pub error_sign_in_failed: &'static str,
        /// `{minutes}`
        pub error_too_many_attempts: &'static str,
        pub error_too_many_attempts_one: &'static str,
        /// More sign-ins at once than the server takes; `{seconds}`.
        pub error_busy: &'static str,
        pub error_busy_one: &'static str,
        pub error_link_invalid: &'static str,
        pub error_not_found: &'static str,
        pub error_not_configured: &'static str,
        pub error_internal: &'static str,
        pub error_transport: &'static str,

        pub account: AccountTexts,
        pub outbox: OutboxTexts,
        pub expiry: ExpiryTexts,

        pub field_errors: FieldErrorTexts,
        pub steps: StepTexts,
        pub causes: CauseTexts,
    }
}

texts! {
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
        pub statuses: StatusTexts,
        pub categories: CategoryTexts,
        pub paused_title: &'static str,
        /// `{step}`, `{since}`
        pub paused_intro: &'static str,
        pub paused_resume: &'static str,
        pub failing_title: &'static str,
        pub failing_intro: &'static str,
        pub open_settings: &'static str,
    }
}

texts! {
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
}

texts! {
    pub struct StatusTexts {
        pub queued: &'static str,
        pub sending: &'static str,
        pub sent: &'static str,
        pub deferred: &'static str,
        pub failed: &'static str,
    }
}

texts! {
    pub struct CategoryTexts {
        pub subscription: &'static str,
        pub alert: &'static str,
        pub share: &'static str,
        pub notification: &'static str,
        pub password_reset: &'static str,
        pub other: &'static str,
    }
}

texts! {
    pub struct FieldErrorTexts {
        pub required: &'static str,
        pub line_break: &'static str,
        pub too_long: &'static str,
        pub port_not_number: &'static str,
        pub port_out_of_range: &'static str,
        pub host_has_scheme: &'static str,
        pub host_has_port: &'static str,
        pub host_invalid: &'static str,
        pub address_missing_at: &'static str,
        pub address_local_part_invalid: &'static str,
        pub address_local_part_too_long: &'static str,
        pub address_non_ascii_local_part: &'static str,
        pub address_domain_invalid: &'static str,
        pub address_too_long: &'static str,
        pub password_required: &'static str,
        pub password_retype_for_new_destination: &'static str,
        pub tenant_id_invalid: &'static str,
        pub client_id_not_guid: &'static str,
        pub client_secret_is_id: &'static str,
        pub client_secret_required: &'static str,
        pub client_secret_retype_for_new_destination: &'static str,
        pub password_too_short: &'static str,
        pub too_many_recipients: &'static str,
        pub body_required: &'static str,
        pub not_base64: &'static str,
        pub content_type_invalid: &'static str,
        pub unknown_value: &'static str,
        pub rate_invalid: &'static str,
        pub date_invalid: &'static str,
        pub certificate_not_pem: &'static str,
        pub certificate_invalid: &'static str,
        pub certificate_not_ca: &'static str,
        pub certificate_expired: &'static str,
    }
}

texts! {
    pub struct AuditFieldTexts {
        pub host: &'static str,
        pub port: &'static str,
        pub security: &'static str,
        pub sender_email: &'static str,
        pub sender_name: &'static str,
        pub authentication: &'static str,
        pub username: &'static str,
        pub tenant_id: &'static str,
        pub client_id: &'static str,
        pub secret: &'static str,
        pub rate_limit: &'static str,
        pub secret_expires_on: &'static str,
        pub ca_certificate: &'static str,
    }
}

texts! {
    pub struct StepTexts {
        pub token_request: &'static str,
        pub graph_send: &'static str,
        pub dns: &'static str,
        pub connect: &'static str,
        pub tls: &'static str,
        pub greeting: &'static str,
        pub authentication: &'static str,
        pub sender: &'static str,
        pub recipient: &'static str,
        pub data: &'static str,
    }
}

texts! {
    /// What each failure cause means and what to do; `timeout_on_connect` replaces the
    /// cause of a timeout while connecting.
    pub struct CauseTexts {
        pub host_not_found: Explanation,
        pub connection_refused: Explanation,
        pub unreachable: Explanation,
        pub no_greeting: Explanation,
        pub server_expects_plain_text: Explanation,
        pub certificate_untrusted: Explanation,
        pub certificate_name_mismatch: Explanation,
        pub certificate_expired: Explanation,
        pub certificate_self_signed: Explanation,
        pub tls_failed: Explanation,
        pub start_tls_not_offered: Explanation,
        pub server_requires_tls: Explanation,
        pub auth_not_offered: Explanation,
        pub auth_rejected: Explanation,
        pub sender_rejected: Explanation,
        pub recipient_rejected: Explanation,
        pub message_rejected: Explanation,
        pub temporary_failure: Explanation,
        pub connection_closed: Explanation,
        pub not_configured: Explanation,
        pub smtp_auth_disabled: Explanation,
        pub smtp_oauth_rejected: Explanation,
        pub tenant_not_found: Explanation,
        pub tenant_id_malformed: Explanation,
        pub app_not_found: Explanation,
        pub client_secret_invalid: Explanation,
        pub client_secret_expired: Explanation,
        pub scope_invalid: Explanation,
        pub token_refused: Explanation,
        pub graph_access_denied: Explanation,
        pub graph_token_rejected: Explanation,
        pub mailbox_not_found: Explanation,
        pub mailbox_not_enabled: Explanation,
        pub send_as_denied: Explanation,
        pub throttled: Explanation,
        pub unexpected_answer: Explanation,
        pub server_refuses_client: Explanation,
        pub slow_reply: Explanation,
        pub port_speaks_tls: Explanation,
        pub client_not_authenticated: Explanation,
        pub relay_denied: Explanation,
        pub message_too_large: Explanation,
        pub mailbox_full: Explanation,
        pub recipient_unknown: Explanation,
        pub server_system_problem: Explanation,
        pub routing_problem: Explanation,
        pub protocol_error: Explanation,
        pub policy_rejected: Explanation,
        pub reputation_blocked: Explanation,
        pub server_busy: Explanation,
        pub smtp_send_as_denied: Explanation,
        pub other: Explanation,
        pub timeout: Explanation,
        pub timeout_on_connect: &'static str,
    }
}

texts! {
    /// The client secret's expiry: the banner of every admin page and the reminder emails.
    pub struct ExpiryTexts {
        pub banner_soon_title: &'static str,
        pub banner_expired_title: &'static str,
        pub banner_soon: &'static str,
        pub banner_expired: &'static str,
        pub banner_fix: &'static str,
        pub email_subject_week: &'static str,
        pub email_subject_day: &'static str,
        pub email_body: &'static str,
    }
}
