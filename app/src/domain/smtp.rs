//! SMTP settings: the form as typed, the saved settings without their secret, and the rules
//! that turn one into the other.

use super::address::validate_address;
use super::field::{single_line, Field, FieldError, FieldErrors};
use super::host::validate_host;
use super::microsoft::{check_app, client_secret_update, MicrosoftApp, MicrosoftAppForm};
use super::secret::{redacted, secret_update, BlankSecretErrors, SecretUpdate};
use super::test_email::PresentedCertificate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which is required (never opportunistic).
    #[default]
    StartTls,
    /// TLS from the first byte ("SSL/TLS", implicit TLS).
    Tls,
    /// No encryption, for relays on a trusted network.
    None,
}

impl SmtpSecurity {
    pub const ALL: [SmtpSecurity; 3] = [Self::StartTls, Self::Tls, Self::None];

    /// The port an admin almost always wants with this security (RFC 6409, RFC 8314, RFC 5321).
    pub fn default_port(self) -> u16 {
        match self {
            Self::StartTls => 587,
            Self::Tls => 465,
            Self::None => 25,
        }
    }

    /// Stable name for storage and form values.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StartTls => "starttls",
            Self::Tls => "tls",
            Self::None => "none",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// How the platform proves its identity to the SMTP server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SmtpAuthType {
    /// AUTH PLAIN or LOGIN with a username and password.
    #[default]
    Password,
    /// AUTH XOAUTH2 with a token from the Microsoft identity platform (Office 365).
    MicrosoftOAuth,
}

impl SmtpAuthType {
    pub const ALL: [SmtpAuthType; 2] = [Self::Password, Self::MicrosoftOAuth];

    /// Stable name for storage and form values.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::MicrosoftOAuth => "microsoft_oauth",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// The SMTP form exactly as the admin filled it in.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SmtpForm {
    pub host: String,
    pub port: String,
    pub security: SmtpSecurity,
    pub sender_email: String,
    pub sender_name: String,
    pub auth_enabled: bool,
    /// Defaults keep forms from before Microsoft OAuth 2.0 existed valid.
    #[serde(default)]
    pub auth_type: SmtpAuthType,
    pub username_same_as_sender: bool,
    pub username: String,
    /// Blank keeps the stored password.
    pub password: String,
    /// For Microsoft OAuth 2.0; the token authenticates as the sender email.
    #[serde(default)]
    pub oauth: MicrosoftAppForm,
    /// Messages a minute the platform may send through this server; blank: no limit.
    #[serde(default)]
    pub rate_per_minute: String,
    /// The tenant's own CA certificate in PEM, for a server whose certificate it issued;
    /// blank: the public authorities (and the operator's) only.
    #[serde(default)]
    pub ca_certificate: String,
}

impl SmtpForm {
    /// A new form: empty, with the security, port and authentication most admins want.
    pub fn suggested() -> Self {
        let security = SmtpSecurity::default();
        Self {
            port: security.default_port().to_string(),
            security,
            auth_enabled: true,
            username_same_as_sender: true,
            ..Self::default()
        }
    }

    /// Switches security. The port follows it unless the admin chose a port of their own.
    pub fn set_security(&mut self, security: SmtpSecurity, port_chosen: bool) {
        self.security = security;
        if !port_chosen {
            self.port = security.default_port().to_string();
        }
    }
}

impl fmt::Debug for SmtpForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpForm")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("sender_email", &self.sender_email)
            .field("auth_enabled", &self.auth_enabled)
            .field("auth_type", &self.auth_type)
            .field("username", &self.username)
            .field("password", &redacted(&self.password))
            .field("oauth", &self.oauth)
            .finish()
    }
}

/// Saved SMTP settings without the password: safe to show and to send to a browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub sender_email: String,
    pub sender_name: Option<String>,
    pub auth: Option<SmtpAuth>,
    /// The platform's messages (the outbox) go out at most this many a minute; `None`: no
    /// limit. Test emails are not counted.
    #[serde(default)]
    pub rate_per_minute: Option<u32>,
    /// A CA certificate (PEM) this tenant's SMTP connections trust besides the public ones.
    #[serde(default)]
    pub ca_certificate: Option<String>,
}

/// SMTP authentication; its secret (password or client secret) is kept elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SmtpAuth {
    Password {
        /// `None`: the sender email is the username.
        username: Option<String>,
    },
    /// XOAUTH2 as the sender mailbox, with a token for this app.
    MicrosoftOAuth(MicrosoftApp),
}

impl SmtpAuth {
    pub fn auth_type(&self) -> SmtpAuthType {
        match self {
            Self::Password { .. } => SmtpAuthType::Password,
            Self::MicrosoftOAuth(_) => SmtpAuthType::MicrosoftOAuth,
        }
    }

    pub fn microsoft_app(&self) -> Option<&MicrosoftApp> {
        match self {
            Self::MicrosoftOAuth(app) => Some(app),
            Self::Password { .. } => None,
        }
    }

    fn username(&self) -> Option<&String> {
        match self {
            Self::Password { username } => username.as_ref(),
            Self::MicrosoftOAuth(_) => None,
        }
    }
}

/// Server, login, Microsoft app and trusted CA: see [`SmtpSettings::secret_destination`].
type SecretDestination<'a> = (
    (&'a str, u16, SmtpSecurity),
    Option<&'a str>,
    Option<(&'a str, &'a str)>,
    Option<&'a str>,
);

/// Exchange Online's SMTP AUTH endpoints.
const MICROSOFT_SMTP_HOSTS: [&str; 2] = ["smtp.office365.com", "smtp-mail.outlook.com"];

impl SmtpSettings {
    /// A typical configuration (StartTLS on 587, the sender as username), for examples and
    /// tests.
    pub fn example() -> Self {
        Self {
            host: "smtp.example.com".into(),
            port: 587,
            security: SmtpSecurity::StartTls,
            sender_email: "reports@example.com".into(),
            sender_name: None,
            auth: Some(SmtpAuth::Password { username: None }),
            rate_per_minute: None,
            ca_certificate: None,
        }
    }

    /// The username actually sent to the server, if authentication is on.
    /// A username and password against Exchange Online's SMTP endpoints: basic
    /// authentication, which Microsoft is retiring for SMTP AUTH.
    pub fn uses_microsoft_basic_auth(&self) -> bool {
        let host = self.host.trim_end_matches('.').to_ascii_lowercase();
        MICROSOFT_SMTP_HOSTS.contains(&host.as_str())
            && matches!(self.auth, Some(SmtpAuth::Password { .. }))
    }

    pub fn login(&self) -> Option<&str> {
        let auth = self.auth.as_ref()?;
        Some(auth.username().map_or(&self.sender_email, |u| u))
    }

    /// Everything that decides where a stored secret (or the token it buys) would be sent. If
    /// any of it changes, the admin must type the secret again. The CA certificate is part of
    /// it: a new CA makes other servers trusted under the same host name.
    fn secret_destination(&self) -> SecretDestination<'_> {
        let app = self.auth.as_ref().and_then(SmtpAuth::microsoft_app);
        (
            (&self.host, self.port, self.security),
            self.login(),
            app.map(MicrosoftApp::secret_destination),
            self.ca_certificate.as_deref(),
        )
    }

    /// Whether the admin chose a port other than the usual one for the security.
    pub fn has_custom_port(&self) -> bool {
        self.port != self.security.default_port()
    }

    /// The form showing these settings, with the password left blank ("keep").
    pub fn to_form(&self) -> SmtpForm {
        SmtpForm {
            host: self.host.clone(),
            port: self.port.to_string(),
            security: self.security,
            sender_email: self.sender_email.clone(),
            sender_name: self.sender_name.clone().unwrap_or_default(),
            auth_enabled: self.auth.is_some(),
            auth_type: self
                .auth
                .as_ref()
                .map(SmtpAuth::auth_type)
                .unwrap_or_default(),
            username_same_as_sender: self.auth.as_ref().is_none_or(|a| a.username().is_none()),
            username: self
                .auth
                .as_ref()
                .and_then(|a| a.username().cloned())
                .unwrap_or_default(),
            password: String::new(),
            oauth: self
                .auth
                .as_ref()
                .and_then(SmtpAuth::microsoft_app)
                .map(MicrosoftApp::to_form)
                .unwrap_or_default(),
            rate_per_minute: self
                .rate_per_minute
                .map(|r| r.to_string())
                .unwrap_or_default(),
            ca_certificate: self.ca_certificate.clone().unwrap_or_default(),
        }
    }
}

/// What is saved now, as far as the rules need to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSmtp {
    pub settings: SmtpSettings,
    /// A password or client secret is stored.
    pub secret_saved: bool,
    /// What the server read from the saved CA certificate, to show its subject and fingerprint.
    #[serde(default)]
    pub trusted_ca: Option<Box<PresentedCertificate>>,
}

/// A form that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSmtp {
    pub settings: SmtpSettings,
    pub secret: SecretUpdate,
}

const MAX_NAME_CHARS: usize = 128;
const MAX_PASSWORD_BYTES: usize = 1024;

/// Applies every SMTP rule to `form`, given what is saved now (`None`: nothing saved).
pub fn validate_smtp(form: &SmtpForm, saved: Option<&SavedSmtp>) -> Result<ValidSmtp, FieldErrors> {
    let mut errors = FieldErrors::new();
    let host = form.host.trim();
    errors.check(Field::Host, validate_host(host));
    let port = errors.check(Field::Port, parse_port(&form.port));
    let sender_email = form.sender_email.trim();
    errors.check(Field::SenderEmail, validate_address(sender_email));
    let sender_name = form.sender_name.trim();
    errors.check(Field::SenderName, validate_display_name(sender_name));
    let rate_per_minute = errors
        .check(Field::RateLimit, parse_rate(&form.rate_per_minute))
        .flatten();
    let ca_certificate = errors
        .check(Field::CaCertificate, parse_ca_pem(&form.ca_certificate))
        .flatten();

    let auth = form.auth_enabled.then(|| match form.auth_type {
        SmtpAuthType::Password => {
            let username = (!form.username_same_as_sender).then(|| form.username.trim().to_owned());
            if let Some(name) = &username {
                errors.check(Field::Username, validate_username(name));
            }
            SmtpAuth::Password { username }
        }
        SmtpAuthType::MicrosoftOAuth => {
            SmtpAuth::MicrosoftOAuth(check_app(&form.oauth, &mut errors))
        }
    });

    let settings = SmtpSettings {
        host: host.to_owned(),
        port: port.unwrap_or(0),
        security: form.security,
        sender_email: sender_email.to_owned(),
        sender_name: (!sender_name.is_empty()).then(|| sender_name.to_owned()),
        auth,
        rate_per_minute,
        ca_certificate,
    };
    // Checked even when other fields are wrong, so the admin sees every problem at once.
    let secret = check_secret(form, &settings, saved, &mut errors);
    match secret {
        Some(secret) if errors.is_empty() => Ok(ValidSmtp { settings, secret }),
        _ => Err(errors),
    }
}

pub fn parse_port(port: &str) -> Result<u16, FieldError> {
    let port = port.trim();
    if port.is_empty() {
        return Err(FieldError::Required);
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::PortNotNumber);
    }
    match port.parse::<u32>() {
        Ok(n @ 1..=65535) => Ok(n as u16),
        _ => Err(FieldError::PortOutOfRange),
    }
}

/// The highest sending limit accepted, in messages a minute (above it, leave the field blank).
pub const MAX_RATE_PER_MINUTE: u32 = 100_000;

/// Blank: no limit; otherwise a whole number of messages a minute.
pub fn parse_rate(value: &str) -> Result<Option<u32>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<u32>()
        .ok()
        .filter(|r| (1..=MAX_RATE_PER_MINUTE).contains(r))
        .map(Some)
        .ok_or(FieldError::RateInvalid)
}

/// A pasted CA certificate is a few KB; a bundle of many is not what this field is for.
const MAX_PEM_BYTES: usize = 16 * 1024;
const PEM_BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const PEM_END: &str = "-----END CERTIFICATE-----";

/// Blank: none. Otherwise exactly one PEM certificate, returned with `\n` line ends. Whether it
/// is a CA certificate and still valid needs an X.509 parser, which only the server has
/// (`mail::certificate::inspect_ca`).
pub fn parse_ca_pem(value: &str) -> Result<Option<String>, FieldError> {
    let pem = value.trim().replace("\r\n", "\n");
    if pem.is_empty() {
        return Ok(None);
    }
    if pem.len() > MAX_PEM_BYTES {
        return Err(FieldError::TooLong);
    }
    let body = pem
        .strip_prefix(PEM_BEGIN)
        .and_then(|rest| rest.strip_suffix(PEM_END))
        .ok_or(FieldError::CertificateNotPem)?;
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    if body.trim().is_empty() || !body.chars().all(|c| base64(c) || c.is_ascii_whitespace()) {
        return Err(FieldError::CertificateNotPem);
    }
    Ok(Some(pem))
}

pub fn validate_display_name(name: &str) -> Result<(), FieldError> {
    single_line(name)?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FieldError::TooLong);
    }
    Ok(())
}

fn validate_username(username: &str) -> Result<(), FieldError> {
    if username.is_empty() {
        return Err(FieldError::Required);
    }
    single_line(username)?;
    if username.len() > MAX_PASSWORD_BYTES {
        return Err(FieldError::TooLong);
    }
    Ok(())
}

/// The secret of the chosen authentication type, checked into its own field.
fn check_secret(
    form: &SmtpForm,
    settings: &SmtpSettings,
    saved: Option<&SavedSmtp>,
    errors: &mut FieldErrors,
) -> Option<SecretUpdate> {
    let Some(auth) = &settings.auth else {
        return Some(SecretUpdate::Clear);
    };
    let secret_saved = saved.is_some_and(|s| s.secret_saved);
    let unchanged =
        saved.is_some_and(|s| s.settings.secret_destination() == settings.secret_destination());
    match auth {
        SmtpAuth::Password { .. } => errors.check(
            Field::Password,
            password_update(&form.password, unchanged, secret_saved),
        ),
        SmtpAuth::MicrosoftOAuth(_) => errors.check(
            Field::ClientSecret,
            client_secret_update(&form.oauth.client_secret, unchanged, secret_saved),
        ),
    }
}

fn password_update(
    typed: &str,
    destination_unchanged: bool,
    secret_saved: bool,
) -> Result<SecretUpdate, FieldError> {
    let blank = BlankSecretErrors {
        required: FieldError::PasswordRequired,
        retype: FieldError::PasswordRetypeForNewDestination,
    };
    secret_update(
        typed,
        MAX_PASSWORD_BYTES,
        destination_unchanged,
        secret_saved,
        blank,
    )
}

#[cfg(test)]
mod tests;
