//! The `smtp_settings` row of a tenant.

use super::secret_column::SecretColumn;
use super::StoredSmtp;
use crate::crypto::SecretBox;
use crate::domain::date::CalendarDate;
use crate::domain::microsoft::MicrosoftApp;
use crate::domain::smtp::{SmtpAuth, SmtpAuthType, SmtpSecurity, SmtpSettings};
use crate::store::backend::{on_tx, Tx};
use crate::store::StoreError;

/// Where this table keeps its sealed secret.
pub const SECRET: SecretColumn = SecretColumn {
    all: "SELECT tenant_id, secret FROM smtp_settings WHERE secret IS NOT NULL",
    one: "SELECT secret FROM smtp_settings WHERE tenant_id = $1",
    update: "UPDATE smtp_settings SET secret = $1 WHERE tenant_id = $2",
    context,
};

/// The associated data a secret is sealed with: its table, column and tenant.
fn context(tenant: &str) -> String {
    format!("smtp_settings.secret/{tenant}")
}

/// The row as either database returns it.
#[derive(sqlx::FromRow)]
struct SmtpRow {
    host: String,
    port: i64,
    security: String,
    sender_email: String,
    sender_name: Option<String>,
    auth_enabled: bool,
    auth_type: String,
    username: Option<String>,
    oauth_tenant_id: Option<String>,
    oauth_client_id: Option<String>,
    secret: Option<String>,
    rate_per_minute: Option<i64>,
    ca_certificate: Option<String>,
    oauth_secret_expires_on: Option<String>,
}

pub async fn load(
    tx: &mut Tx,
    tenant: &str,
    secrets: &SecretBox,
) -> Result<StoredSmtp, StoreError> {
    let row: SmtpRow = on_tx!(tx, |c, pg| sqlx::query_as(
        "SELECT host, port, security, sender_email, sender_name, auth_enabled, auth_type,
                username, oauth_tenant_id, oauth_client_id, secret, rate_per_minute,
                ca_certificate, oauth_secret_expires_on
         FROM smtp_settings WHERE tenant_id = $1",
    )
    .bind(tenant)
    .fetch_one(&mut *c)
    .await)?;
    let security = SmtpSecurity::parse(&row.security)
        .ok_or_else(|| StoreError::Corrupt(format!("security {}", row.security)))?;
    let auth = if row.auth_enabled {
        Some(
            match SmtpAuthType::parse(&row.auth_type)
                .ok_or_else(|| StoreError::Corrupt(format!("auth type {}", row.auth_type)))?
            {
                SmtpAuthType::Password => SmtpAuth::Password {
                    username: row.username,
                },
                SmtpAuthType::MicrosoftOAuth => SmtpAuth::MicrosoftOAuth(MicrosoftApp {
                    tenant_id: required(row.oauth_tenant_id, "oauth_tenant_id")?,
                    client_id: required(row.oauth_client_id, "oauth_client_id")?,
                    secret_expires_on: date(row.oauth_secret_expires_on)?,
                }),
            },
        )
    } else {
        None
    };
    let port = row.port;
    Ok(StoredSmtp {
        settings: SmtpSettings {
            host: row.host,
            port: u16::try_from(port).map_err(|_| StoreError::Corrupt(format!("port {port}")))?,
            security,
            sender_email: row.sender_email,
            sender_name: row.sender_name,
            auth,
            rate_per_minute: row.rate_per_minute.and_then(|r| u32::try_from(r).ok()),
            ca_certificate: row.ca_certificate,
        },
        secret: row
            .secret
            .map(|sealed| secrets.open(&sealed, &context(tenant)))
            .transpose()?,
    })
}

/// A stored `YYYY-MM-DD`.
pub fn date(value: Option<String>) -> Result<Option<CalendarDate>, StoreError> {
    value
        .map(|v| CalendarDate::parse(&v).ok_or_else(|| StoreError::Corrupt(format!("date {v}"))))
        .transpose()
}

fn required(value: Option<String>, column: &str) -> Result<String, StoreError> {
    value.ok_or_else(|| StoreError::Corrupt(format!("{column} missing")))
}

pub async fn insert(
    tx: &mut Tx,
    tenant: &str,
    settings: &SmtpSettings,
    secret: Option<&str>,
    secrets: &SecretBox,
) -> Result<(), StoreError> {
    let auth = settings.auth.as_ref();
    let (username, app) = match auth {
        Some(SmtpAuth::Password { username }) => (username.as_deref(), None),
        Some(SmtpAuth::MicrosoftOAuth(app)) => (None, Some(app)),
        None => (None, None),
    };
    let sealed = secret.map(|s| secrets.seal(s, &context(tenant)));
    on_tx!(tx, |c, pg| sqlx::query(
        "INSERT INTO smtp_settings
           (tenant_id, host, port, security, sender_email, sender_name, auth_enabled, auth_type,
            username, oauth_tenant_id, oauth_client_id, secret, rate_per_minute, ca_certificate,
            oauth_secret_expires_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(tenant)
    .bind(&settings.host)
    .bind(i64::from(settings.port))
    .bind(settings.security.as_str())
    .bind(&settings.sender_email)
    .bind(&settings.sender_name)
    .bind(auth.is_some())
    .bind(
        auth.map_or(SmtpAuthType::Password, SmtpAuth::auth_type)
            .as_str(),
    )
    .bind(username)
    .bind(app.map(|a| a.tenant_id.as_str()))
    .bind(app.map(|a| a.client_id.as_str()))
    .bind(&sealed)
    .bind(settings.rate_per_minute.map(i64::from))
    .bind(&settings.ca_certificate)
    .bind(app.and_then(|a| a.secret_expires_on).map(|d| d.to_string()))
    .execute(&mut *c)
    .await
    .map(drop))?;
    Ok(())
}
