//! Microsoft Entra app credentials (tenant ID, client ID, client secret), used by the
//! Microsoft 365 provider (Graph) and by Microsoft OAuth 2.0 on SMTP, and the Microsoft 365
//! provider's own settings.

use super::address::validate_address;
use super::date::CalendarDate;
use super::field::{single_line, Field, FieldError, FieldErrors};
use super::host::validate_host_name;
use super::secret::{redacted, secret_update, BlankSecretErrors, SecretUpdate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Client secrets are about 40 characters; anything far longer is a paste gone wrong.
const MAX_SECRET_BYTES: usize = 1024;

/// An app registration in a Microsoft Entra tenant: where a client secret is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MicrosoftApp {
    /// Directory (tenant) ID: a GUID or a verified domain such as contoso.onmicrosoft.com.
    pub tenant_id: String,
    /// Application (client) ID: a GUID.
    pub client_id: String,
    /// The client secret's expiry as the Entra admin center shows it, when the admin gave it:
    /// the page warns before it, and the admins get reminders.
    #[serde(default)]
    pub secret_expires_on: Option<CalendarDate>,
}

/// The app credentials exactly as typed.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MicrosoftAppForm {
    pub tenant_id: String,
    pub client_id: String,
    /// Blank keeps the stored secret.
    pub client_secret: String,
    /// `YYYY-MM-DD` (`<input type="date">`), or blank when not known.
    #[serde(default)]
    pub secret_expires_on: String,
}

impl fmt::Debug for MicrosoftAppForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MicrosoftAppForm")
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &redacted(&self.client_secret))
            .field("secret_expires_on", &self.secret_expires_on)
            .finish()
    }
}

impl MicrosoftApp {
    pub fn to_form(&self) -> MicrosoftAppForm {
        MicrosoftAppForm {
            tenant_id: self.tenant_id.clone(),
            client_id: self.client_id.clone(),
            client_secret: String::new(),
            secret_expires_on: self
                .secret_expires_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    /// Where the client secret goes: the tenant and the app. The expiry date is not part of it,
    /// so correcting the date keeps the stored secret.
    pub fn secret_destination(&self) -> (&str, &str) {
        (&self.tenant_id, &self.client_id)
    }
}

/// Whether `value` is a GUID in its usual 8-4-4-4-12 hexadecimal form.
pub fn is_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn validate_tenant_id(tenant: &str) -> Result<(), FieldError> {
    if tenant.is_empty() {
        return Err(FieldError::Required);
    }
    single_line(tenant)?;
    // A domain must have a dot; a GUID-like typo must not pass as a one-label "domain".
    let domain_ok = tenant.contains('.') && tenant.is_ascii() && validate_host_name(tenant).is_ok();
    if is_guid(tenant) || domain_ok {
        Ok(())
    } else {
        Err(FieldError::TenantIdInvalid)
    }
}

pub fn validate_client_id(client: &str) -> Result<(), FieldError> {
    if client.is_empty() {
        return Err(FieldError::Required);
    }
    single_line(client)?;
    if is_guid(client) {
        Ok(())
    } else {
        Err(FieldError::ClientIdNotGuid)
    }
}

/// Checks the app fields into `errors` and returns the app (meaningful only without errors).
pub fn check_app(form: &MicrosoftAppForm, errors: &mut FieldErrors) -> MicrosoftApp {
    let tenant_id = form.tenant_id.trim();
    let client_id = form.client_id.trim();
    errors.check(Field::TenantId, validate_tenant_id(tenant_id));
    errors.check(Field::ClientId, validate_client_id(client_id));
    let secret_expires_on = errors
        .check(
            Field::SecretExpiresOn,
            parse_expiry_date(&form.secret_expires_on),
        )
        .flatten();
    MicrosoftApp {
        tenant_id: tenant_id.to_ascii_lowercase(),
        client_id: client_id.to_ascii_lowercase(),
        secret_expires_on,
    }
}

/// Blank: not known; otherwise a real date (`YYYY-MM-DD`). A date in the past is accepted:
/// the banner then says the secret has expired, which is the truth worth showing.
pub fn parse_expiry_date(value: &str) -> Result<Option<CalendarDate>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    CalendarDate::parse(value)
        .map(Some)
        .ok_or(FieldError::DateInvalid)
}

/// What to do with the client secret. `destination_unchanged`: the stored secret (if any) would
/// go to the same tenant and app as before. A stored secret is never sent anywhere new unless
/// the admin types it again.
pub fn client_secret_update(
    typed: &str,
    destination_unchanged: bool,
    secret_saved: bool,
) -> Result<SecretUpdate, FieldError> {
    let typed = typed.trim();
    if is_guid(typed) {
        // Entra shows "Secret ID" (a GUID) next to "Value"; only the value authenticates.
        return Err(FieldError::ClientSecretIsId);
    }
    let blank = BlankSecretErrors {
        required: FieldError::ClientSecretRequired,
        retype: FieldError::ClientSecretRetypeForNewDestination,
    };
    secret_update(
        typed,
        MAX_SECRET_BYTES,
        destination_unchanged,
        secret_saved,
        blank,
    )
}

/// The Microsoft 365 (Graph) form exactly as the admin filled it in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphForm {
    pub sender_email: String,
    pub app: MicrosoftAppForm,
}

/// Saved Microsoft 365 settings without the secret: safe to show and to send to a browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphSettings {
    /// The UserPrincipalName of the mailbox that sends.
    pub sender_email: String,
    pub app: MicrosoftApp,
}

impl GraphSettings {
    pub fn to_form(&self) -> GraphForm {
        GraphForm {
            sender_email: self.sender_email.clone(),
            app: self.app.to_form(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedGraph {
    pub settings: GraphSettings,
    pub secret_saved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidGraph {
    pub settings: GraphSettings,
    pub secret: SecretUpdate,
}

/// Applies every Microsoft 365 rule to `form`, given what is saved now (`None`: no Microsoft
/// 365 settings are saved).
pub fn validate_graph(
    form: &GraphForm,
    saved: Option<&SavedGraph>,
) -> Result<ValidGraph, FieldErrors> {
    let mut errors = FieldErrors::new();
    let sender_email = form.sender_email.trim();
    errors.check(Field::SenderEmail, validate_address(sender_email));
    let app = check_app(&form.app, &mut errors);
    let unchanged =
        saved.is_some_and(|s| s.settings.app.secret_destination() == app.secret_destination());
    let secret = errors.check(
        Field::ClientSecret,
        client_secret_update(
            &form.app.client_secret,
            unchanged,
            saved.is_some_and(|s| s.secret_saved),
        ),
    );
    let settings = GraphSettings {
        sender_email: sender_email.to_owned(),
        app,
    };
    match secret {
        Some(secret) if errors.is_empty() => Ok(ValidGraph { settings, secret }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests;
