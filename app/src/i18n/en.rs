//! English, the reference language.

use super::{Catalog, Explanation};
use crate::domain::test_email::{FailureCause, SendStep};
use crate::domain::FieldError;

pub const EN: Catalog = Catalog {
    lang: "en",
    app_name: "Mailwright",
    nav_settings: "Settings",
    page_title: "Email provider",
    page_intro: "Choose the email provider that this tenant's report subscriptions, shared charts, alerts and password resets are sent through.",
    loading: "Loading…",
    not_found: "This page does not exist.",

    provider_legend: "Email provider",
    provider_none: "None",
    provider_smtp: "SMTP",
    current_heading: "Active configuration",
    no_provider: "No email provider is configured: the platform sends no email.",
    last_changed: "Last changed",
    last_test: "Last test",
    never_tested: "Not tested yet",
    test_passed: "accepted by the server",
    test_failed_short: "failed",
    edit: "Edit",
    cancel: "Cancel",
    save: "Save",
    saving: "Saving…",
    saved_notice: "Saved. This configuration is now active.",
    deleted_notice: "The email settings were deleted. No email provider is active.",
    yes: "Yes",
    no: "No",

    smtp_heading: "SMTP settings",
    label_host: "SMTP server",
    help_host: "Host name or IP address of your mail server, for example smtp.example.com.",
    label_port: "Port",
    help_port: "Usually 587 with StartTLS, 465 with SSL/TLS, 25 for an internal relay.",
    label_security: "Security",
    security_starttls: "StartTLS",
    security_tls: "SSL/TLS",
    security_none: "None",
    help_security: "StartTLS and SSL/TLS encrypt the connection. Choose None only for a relay on a trusted network.",
    label_sender_email: "Sender email",
    help_sender_email: "Recipients see this address in the From field.",
    label_sender_name: "Sender name",
    help_sender_name: "Optional. Shown to recipients next to the sender email.",
    label_auth: "SMTP authentication",
    help_auth_off: "Without authentication the server must accept mail from this platform as an unauthenticated relay.",
    label_same_as_sender: "Same as sender email",
    label_username: "Username",
    label_password: "Password",
    password_saved: "Saved",
    help_password_saved: "A password is saved. Leave this field blank to keep it.",
    auth_summary_off: "Off (unauthenticated relay)",

    confirm_delete_title: "Delete the email settings?",
    confirm_delete_body: "The SMTP settings and the saved password will be deleted. The platform sends no email until a provider is configured again.",
    confirm_delete: "Delete settings",

    test_heading: "Send test email",
    test_intro: "Sends a short message through the saved configuration.",
    label_recipient: "Recipient",
    send_test: "Send test email",
    sending_test: "Sending…",
    test_save_first: "Save a configuration before sending a test email.",
    test_accepted: "Accepted by the server in {ms} ms.",
    test_accepted_note: "Accepted means the server took the message for delivery; check the recipient's inbox (and spam folder) to confirm it arrived.",
    server_reply: "Server reply",
    test_failed: "The test email was not sent (after {ms} ms).",
    failed_step: "Failed at",
    reply_code: "Code",
    server_said: "Details",
    what_to_do: "What to do",
    test_subject: "Test email from Mailwright Administration",
    test_body: "This is a test email from Mailwright.\n\nIt was sent through the email provider configured for your organization:\n\nProvider: {provider}\nServer: {server}\nPort: {port}\nSecurity: {security}\n\nIf you can read this, the platform can send email. No action is needed.\n",

    error_fix_fields: "Some fields need attention. Correct them and try again.",
    error_unauthenticated: "Your session has ended. Sign in again.",
    error_forbidden: "Only tenant admins can see or change email settings.",
    error_conflict: "Someone else changed these settings while you were editing. Reload the page to see their version.",
    error_not_configured: "No email provider is saved. Save a configuration first.",
    error_internal: "Something went wrong on the server. Try again; if it keeps happening, ask your operator to check the server log.",
    error_transport: "The server could not be reached. Check your connection and try again.",

    field_error,
    step_name,
    explain,
};

fn field_error(error: FieldError) -> &'static str {
    use FieldError::*;
    match error {
        Required => "This field is required.",
        LineBreak => "Remove the line breaks and control characters.",
        TooLong => "This value is too long.",
        PortNotNumber => "Enter the port as a number, for example 587.",
        PortOutOfRange => "Enter a port between 1 and 65535.",
        HostHasScheme => "Enter only the server name, without smtp:// or https://.",
        HostHasPort => "Enter only the server name here and the port in the Port field.",
        HostInvalid => "Enter a host name such as smtp.example.com or an IP address.",
        AddressMissingAt => "Enter an email address such as name@example.com.",
        AddressLocalPartInvalid => "The part before @ contains characters that are not allowed in an email address.",
        AddressLocalPartTooLong => "The part before @ can be at most 64 characters long.",
        AddressNonAsciiLocalPart => "The part before @ must use only ASCII letters, digits and . _ - + characters.",
        AddressDomainInvalid => "The part after @ must be a domain name such as example.com.",
        AddressTooLong => "An email address can be at most 254 characters long.",
        PasswordRequired => "Enter the password.",
        PasswordRetypeForNewDestination => "You changed the server, port, security or username: enter the password again, so the saved password is never sent to a different server.",
    }
}

fn step_name(step: SendStep) -> &'static str {
    use SendStep::*;
    match step {
        Dns => "Looking up the server name (DNS)",
        Connect => "Connecting (TCP)",
        Tls => "Encrypting the connection (TLS)",
        Greeting => "Server greeting",
        Authentication => "Authentication",
        Sender => "Sender",
        Recipient => "Recipient",
        Data => "Sending the message",
    }
}

fn explain(cause: FailureCause, step: SendStep) -> Explanation {
    use FailureCause::*;
    let (cause, fix) = match cause {
        HostNotFound => ("The server name could not be found in DNS.", "Check the spelling of the SMTP server name."),
        ConnectionRefused => ("Nothing is listening on this port of the server, or a firewall refused the connection.", "Check the port number, and that the server accepts connections from this platform."),
        Unreachable => ("The server cannot be reached from this platform.", "Check the server name and your network or firewall settings."),
        Timeout => (
            match step {
                SendStep::Connect => "The server did not accept the connection in time.",
                _ => "The server stopped answering.",
            },
            "Check that the server and port are right and that no firewall silently drops the connection; then try again.",
        ),
        NoGreeting => ("The connection opened, but the server did not greet. This usually means the port expects SSL/TLS from the first byte.", "If the port is 465, choose SSL/TLS as Security. Otherwise check the port number."),
        ServerExpectsPlainText => ("The server answered in plain text instead of starting TLS: this port does not use SSL/TLS.", "Choose StartTLS as Security (usually with port 587), or use the server's SSL/TLS port (usually 465)."),
        CertificateUntrusted => ("The server's certificate is not signed by an authority this platform trusts.", "Use the server's official host name, or ask your operator to add your organization's CA certificate (--smtp-ca-file)."),
        CertificateNameMismatch => ("The server's certificate is for a different host name.", "Enter the host name the certificate was issued for, usually the provider's documented SMTP server name."),
        CertificateExpired => ("The server's certificate has expired or is not valid yet.", "Ask the mail server's administrator to renew the certificate."),
        TlsFailed => ("The encrypted connection could not be set up.", "Check the Security setting. The server may require a TLS version or cipher this platform does not allow (TLS 1.2 or newer is required)."),
        StartTlsNotOffered => ("The server does not offer StartTLS on this port.", "Choose SSL/TLS with the server's SSL/TLS port (usually 465), or ask the server's administrator to enable StartTLS."),
        ServerRequiresTls => ("The server requires an encrypted connection first.", "Choose StartTLS or SSL/TLS as Security."),
        AuthNotOffered => ("The server does not offer password authentication on this connection.", "Turn on encryption (StartTLS or SSL/TLS); many servers offer authentication only then. Or turn off SMTP authentication for an unauthenticated relay."),
        AuthRejected => ("The server rejected the username or password.", "Check the username and password. Some providers need an app password or require SMTP authentication to be enabled for the mailbox."),
        SenderRejected => ("The server refused the sender address.", "Use a sender email that this account is allowed to send as."),
        RecipientRejected => ("The server refused the recipient.", "Check the recipient address. If it is outside your organization, the server may not allow relaying for this account."),
        MessageRejected => ("The server refused the message after receiving it.", "Read the server's reply below; the message may have been classified as spam or be too large."),
        TemporaryFailure => ("The server reported a temporary problem.", "Try again in a few minutes."),
        ConnectionClosed => ("The server closed the connection unexpectedly.", "Check the Security setting and the port, then try again."),
        NotConfigured => ("No email provider is configured.", "Save a configuration first."),
        Other => ("The server reported an error.", "Read the details below; they come from the server."),
    };
    Explanation { cause, fix }
}
