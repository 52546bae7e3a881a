//! The email provider repository: the active provider of a tenant, its settings and secret, and
//! its last test. A save replaces everything in one transaction; a delete removes every row.

use super::{Store, StoreError};
use crate::domain::provider::{ActiveProvider, EmailProviderView, LastTest};
use crate::domain::smtp::{PasswordUpdate, SavedSmtp, SmtpAuth, SmtpSecurity, SmtpSettings};
use crate::domain::test_email::TestEmailReport;
use crate::secret::Secret;
use sqlx::Row;

/// The provider row with its secrets. Deliberately not `Serialize`: turn it into an
/// [`EmailProviderView`] before it leaves the server.
#[derive(Debug)]
pub struct StoredProvider {
    pub version: i64,
    pub updated_at: String,
    pub last_test: Option<LastTest>,
    pub smtp: StoredSmtp,
}

#[derive(Debug)]
pub struct StoredSmtp {
    pub settings: SmtpSettings,
    pub password: Option<Secret>,
}

impl StoredProvider {
    /// The SMTP settings without the secret.
    pub fn saved_smtp(&self) -> SavedSmtp {
        SavedSmtp {
            settings: self.smtp.settings.clone(),
            password_saved: self.smtp.password.is_some(),
        }
    }

    pub fn view(&self) -> EmailProviderView {
        EmailProviderView {
            provider: ActiveProvider::Smtp(self.saved_smtp()),
            updated_at: Some(self.updated_at.clone()),
            last_test: self.last_test.clone(),
        }
    }
}

impl Store {
    pub async fn load_email_provider(
        &self,
        tenant: &str,
    ) -> Result<Option<StoredProvider>, StoreError> {
        let row = sqlx::query(
            "SELECT p.version, p.updated_at, p.last_test_at, p.last_test_report,
                    s.host, s.port, s.security, s.sender_email, s.sender_name,
                    s.auth_enabled, s.username, s.password
             FROM email_provider p JOIN smtp_settings s ON s.tenant_id = p.tenant_id
             WHERE p.tenant_id = ?",
        )
        .bind(tenant)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };

        let security: String = row.try_get("security")?;
        let security = SmtpSecurity::parse(&security)
            .ok_or_else(|| StoreError::Corrupt(format!("security {security}")))?;
        let port: i64 = row.try_get("port")?;
        let auth_enabled: bool = row.try_get("auth_enabled")?;
        let settings = SmtpSettings {
            host: row.try_get("host")?,
            port: u16::try_from(port).map_err(|_| StoreError::Corrupt(format!("port {port}")))?,
            security,
            sender_email: row.try_get("sender_email")?,
            sender_name: row.try_get("sender_name")?,
            auth: auth_enabled
                .then(|| row.try_get("username"))
                .transpose()?
                .map(|username| SmtpAuth { username }),
        };
        let last_test = match (
            row.try_get::<Option<String>, _>("last_test_at")?,
            row.try_get::<Option<String>, _>("last_test_report")?,
        ) {
            (Some(at), Some(json)) => {
                let report: TestEmailReport = serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("last test report: {e}")))?;
                Some(LastTest { at, report })
            }
            _ => None,
        };
        Ok(Some(StoredProvider {
            version: row.try_get("version")?,
            updated_at: row.try_get("updated_at")?,
            last_test,
            smtp: StoredSmtp {
                settings,
                password: row
                    .try_get::<Option<String>, _>("password")?
                    .map(Secret::new),
            },
        }))
    }

    /// Saves and activates SMTP settings in one transaction. `based_on` is the version the
    /// caller validated against (`None`: nothing was saved); a different version is a conflict.
    pub async fn save_smtp(
        &self,
        tenant: &str,
        settings: &SmtpSettings,
        password: &PasswordUpdate,
        based_on: Option<i64>,
        now: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let current: Option<i64> =
            sqlx::query_scalar("SELECT version FROM email_provider WHERE tenant_id = ?")
                .bind(tenant)
                .fetch_optional(&mut *tx)
                .await?;
        if current != based_on {
            return Err(StoreError::Conflict);
        }
        let kept_password: Option<String> = match password {
            PasswordUpdate::Keep => {
                sqlx::query_scalar("SELECT password FROM smtp_settings WHERE tenant_id = ?")
                    .bind(tenant)
                    .fetch_optional(&mut *tx)
                    .await?
                    .flatten()
            }
            _ => None,
        };
        let new_password = match password {
            PasswordUpdate::Set(p) => Some(p.clone()),
            PasswordUpdate::Keep => kept_password,
            PasswordUpdate::Clear => None,
        };
        // A new configuration has not been tested yet.
        sqlx::query(
            "INSERT INTO email_provider (tenant_id, provider, version, updated_at) VALUES (?, 'smtp', 1, ?)
             ON CONFLICT (tenant_id) DO UPDATE SET provider = 'smtp', version = version + 1,
               updated_at = excluded.updated_at, last_test_at = NULL, last_test_report = NULL",
        )
        .bind(tenant)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let auth = settings.auth.as_ref();
        sqlx::query(
            "INSERT OR REPLACE INTO smtp_settings
               (tenant_id, host, port, security, sender_email, sender_name, auth_enabled, username, password)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(tenant)
        .bind(&settings.host)
        .bind(i64::from(settings.port))
        .bind(settings.security.as_str())
        .bind(&settings.sender_email)
        .bind(&settings.sender_name)
        .bind(auth.is_some())
        .bind(auth.and_then(|a| a.username.as_deref()))
        .bind(new_password)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes the provider and all its settings and secrets. Returns whether anything existed.
    pub async fn delete_email_provider(&self, tenant: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM smtp_settings WHERE tenant_id = ?")
            .bind(tenant)
            .execute(&mut *tx)
            .await?;
        let deleted = sqlx::query("DELETE FROM email_provider WHERE tenant_id = ?")
            .bind(tenant)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(deleted.rows_affected() > 0)
    }

    /// Records a test of the configuration `version`; ignored if it was replaced meanwhile.
    pub async fn record_test(
        &self,
        tenant: &str,
        version: i64,
        test: &LastTest,
    ) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(&test.report).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query(
            "UPDATE email_provider SET last_test_at = ?, last_test_report = ? WHERE tenant_id = ? AND version = ?",
        )
        .bind(&test.at)
        .bind(json)
        .bind(tenant)
        .bind(version)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
