//! The `smtp_settings` row of a tenant.

use super::secret_column::SecretColumn;
use super::StoredSmtp;
use crate::crypto::SecretBox;
use crate::domain::microsoft::MicrosoftApp;
use crate::domain::smtp::{SmtpAuth, SmtpAuthType, SmtpSecurity, SmtpSettings};
use crate::store::StoreError;
use sqlx::{Row, SqliteConnection};

/// Where this table keeps its sealed secret.
pub const SECRET: SecretColumn = SecretColumn {
    all: "SELECT tenant_id, secret FROM smtp_settings WHERE secret IS NOT NULL",
    one: "SELECT secret FROM smtp_settings WHERE tenant_id = ?",
    update: "UPDATE smtp_settings SET secret = ? WHERE tenant_id = ?",
    context,
};

/// The associated data a secret is sealed with: its table, column and tenant.
fn context(tenant: &str) -> String {
    format!("smtp_settings.secret/{tenant}")
}

pub async fn load(
    conn: &mut SqliteConnection,
    tenant: &str,
    secrets: &SecretBox,
) -> Result<StoredSmtp, StoreError> {
    let row = sqlx::query(
        "SELECT host, port, security, sender_email, sender_name, auth_enabled, auth_type,
                username, oauth_tenant_id, oauth_client_id, secret, rate_per_minute
         FROM smtp_settings WHERE tenant_id = ?",
    )
    .bind(tenant)
    .fetch_one(conn)
    .await?;
    let security: String = row.try_get("security")?;
    let security = SmtpSecurity::parse(&security)
        .ok_or_else(|| StoreError::Corrupt(format!("security {security}")))?;
    let port: i64 = row.try_get("port")?;
    let auth = if row.try_get::<bool, _>("auth_enabled")? {
        let auth_type: String = row.try_get("auth_type")?;
        Some(
            match SmtpAuthType::parse(&auth_type)
                .ok_or_else(|| StoreError::Corrupt(format!("auth type {auth_type}")))?
            {
                SmtpAuthType::Password => SmtpAuth::Password {
                    username: row.try_get("username")?,
                },
                SmtpAuthType::MicrosoftOAuth => SmtpAuth::MicrosoftOAuth(MicrosoftApp {
                    tenant_id: required(&row, "oauth_tenant_id")?,
                    client_id: required(&row, "oauth_client_id")?,
                }),
            },
        )
    } else {
        None
    };
    Ok(StoredSmtp {
        settings: SmtpSettings {
            host: row.try_get("host")?,
            port: u16::try_from(port).map_err(|_| StoreError::Corrupt(format!("port {port}")))?,
            security,
            sender_email: row.try_get("sender_email")?,
            sender_name: row.try_get("sender_name")?,
            auth,
            rate_per_minute: row
                .try_get::<Option<i64>, _>("rate_per_minute")?
                .and_then(|r| u32::try_from(r).ok()),
        },
        secret: row
            .try_get::<Option<String>, _>("secret")?
            .map(|sealed| secrets.open(&sealed, &context(tenant)))
            .transpose()?,
    })
}

fn required(row: &sqlx::sqlite::SqliteRow, column: &str) -> Result<String, StoreError> {
    row.try_get::<Option<String>, _>(column)?
        .ok_or_else(|| StoreError::Corrupt(format!("{column} missing")))
}

pub async fn insert(
    conn: &mut SqliteConnection,
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
    sqlx::query(
        "INSERT INTO smtp_settings
           (tenant_id, host, port, security, sender_email, sender_name, auth_enabled, auth_type,
            username, oauth_tenant_id, oauth_client_id, secret, rate_per_minute)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    .bind(secret.map(|s| secrets.seal(s, &context(tenant))))
    .bind(settings.rate_per_minute.map(i64::from))
    .execute(conn)
    .await?;
    Ok(())
}
