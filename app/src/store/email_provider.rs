//! The email provider repository: the active provider of a tenant, its settings and secret, and
//! its last test. Only the active provider's settings exist: a save replaces everything in one
//! transaction, and a delete removes every row.

mod graph_rows;
mod secret_column;
mod smtp_rows;

pub use secret_column::Reseal;

use super::audit::{append, last_change, AuditRecord};
use super::backend::{on_tx, Tx};
use super::{Store, StoreError};
use crate::domain::audit::AuditAction;
use crate::domain::microsoft::{GraphSettings, SavedGraph};
use crate::domain::provider::{ActiveProvider, EmailProviderView, LastTest, ProviderKind};
use crate::domain::secret::SecretUpdate;
use crate::domain::smtp::{SavedSmtp, SmtpSettings};
use crate::domain::test_email::TestEmailReport;
use crate::secret::Secret;

/// The provider with its secret. Deliberately not `Serialize`: turn it into an
/// [`EmailProviderView`] before it leaves the server.
#[derive(Debug)]
pub struct StoredProvider {
    pub version: i64,
    pub updated_at: String,
    pub last_test: Option<LastTest>,
    pub config: StoredConfig,
}

#[derive(Debug)]
pub enum StoredConfig {
    Smtp(StoredSmtp),
    Microsoft365(StoredGraph),
}

#[derive(Debug)]
pub struct StoredSmtp {
    pub settings: SmtpSettings,
    /// The password, or the client secret for Microsoft OAuth 2.0.
    pub secret: Option<Secret>,
}

#[derive(Debug)]
pub struct StoredGraph {
    pub settings: GraphSettings,
    pub client_secret: Secret,
}

/// A configuration to save and activate.
#[derive(Debug, Clone, Copy)]
pub enum NewConfig<'a> {
    Smtp(&'a SmtpSettings, &'a SecretUpdate),
    Microsoft365(&'a GraphSettings, &'a SecretUpdate),
}

impl StoredProvider {
    /// The SMTP settings without the secret, if SMTP is active.
    pub fn saved_smtp(&self) -> Option<SavedSmtp> {
        match &self.config {
            StoredConfig::Smtp(smtp) => Some(SavedSmtp {
                settings: smtp.settings.clone(),
                secret_saved: smtp.secret.is_some(),
                trusted_ca: smtp
                    .settings
                    .ca_certificate
                    .as_deref()
                    .and_then(crate::mail::certificate::ca_der)
                    .as_ref()
                    .and_then(crate::mail::certificate::describe)
                    .map(Box::new),
            }),
            StoredConfig::Microsoft365(_) => None,
        }
    }

    /// The Microsoft 365 settings without the secret, if Microsoft 365 is active.
    pub fn saved_graph(&self) -> Option<SavedGraph> {
        match &self.config {
            StoredConfig::Microsoft365(graph) => Some(SavedGraph {
                settings: graph.settings.clone(),
                secret_saved: true,
            }),
            StoredConfig::Smtp(_) => None,
        }
    }

    pub fn view(&self) -> EmailProviderView {
        let provider = match (self.saved_smtp(), self.saved_graph()) {
            (Some(smtp), _) => ActiveProvider::Smtp(smtp),
            (_, Some(graph)) => ActiveProvider::Microsoft365(graph),
            _ => ActiveProvider::None,
        };
        EmailProviderView {
            provider,
            updated_at: Some(self.updated_at.clone()),
            last_test: self.last_test.clone(),
            version: Some(self.version),
            admin_email: String::new(),
            health: None,
        }
    }
}

fn kind_from_name(name: &str) -> Result<ProviderKind, StoreError> {
    [ProviderKind::Smtp, ProviderKind::Microsoft365]
        .into_iter()
        .find(|k| kind_name(*k) == name)
        .ok_or_else(|| StoreError::Corrupt(format!("provider {name}")))
}

fn kind_name(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::None => "none",
        ProviderKind::Smtp => "smtp",
        ProviderKind::Microsoft365 => "microsoft365",
    }
}

impl Store {
    pub async fn load_email_provider(
        &self,
        tenant: &str,
    ) -> Result<Option<StoredProvider>, StoreError> {
        // One read transaction: the rows below are read from the same snapshot, so a save or
        // delete committed meanwhile cannot leave the provider row without its settings.
        let mut tx = self.db.begin_read().await?;
        let row: Option<ProviderRow> = on_tx!(&mut tx, |c, pg| sqlx::query_as(
            "SELECT provider, version, updated_at, last_test_at, last_test_report
             FROM email_provider WHERE tenant_id = $1",
        )
        .bind(tenant)
        .fetch_optional(&mut *c)
        .await)?;
        let Some(row) = row else { return Ok(None) };
        let config = match kind_from_name(&row.provider)? {
            ProviderKind::Microsoft365 => {
                StoredConfig::Microsoft365(graph_rows::load(&mut tx, tenant, &self.secrets).await?)
            }
            _ => StoredConfig::Smtp(smtp_rows::load(&mut tx, tenant, &self.secrets).await?),
        };
        let last_test = match (row.last_test_at, row.last_test_report) {
            (Some(at), Some(json)) => {
                let report: TestEmailReport = serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("last test report: {e}")))?;
                Some(LastTest { at, report })
            }
            _ => None,
        };
        Ok(Some(StoredProvider {
            version: row.version,
            updated_at: row.updated_at,
            last_test,
            config,
        }))
    }

    /// Loads every tenant's provider with its secret opened; returns how many (a check that
    /// the key in use opens every stored secret).
    pub async fn check_providers(&self) -> Result<usize, StoreError> {
        let tenants = self.provider_tenants().await?;
        for tenant in &tenants {
            self.load_email_provider(tenant).await?;
        }
        Ok(tenants.len())
    }

    /// Saves and activates `config` in one transaction with its audit entry, deleting every
    /// setting and secret of the provider it replaces. `based_on` is the version the caller
    /// validated against (`None`: nothing was saved); a different version is a conflict.
    pub async fn save_email_provider(
        &self,
        tenant: &str,
        config: NewConfig<'_>,
        based_on: Option<i64>,
        audit: AuditRecord<'_>,
        action: &AuditAction,
    ) -> Result<(), StoreError> {
        let now = audit.at;
        // Serial per tenant: of two saves based on the same version, on any instance, the
        // second sees the first's version and is a conflict.
        let mut tx = self.begin_serial(&provider_lock(tenant)).await?;
        let current: Option<i64> = on_tx!(&mut tx, |c, pg| {
            sqlx::query_scalar("SELECT version FROM email_provider WHERE tenant_id = $1")
                .bind(tenant)
                .fetch_optional(&mut *c)
                .await
        })?;
        if current != based_on {
            return Err(StoreError::Conflict(last_change(&mut tx, tenant).await?));
        }
        // Read a kept secret before the rows holding it are deleted.
        let secret = match config {
            NewConfig::Smtp(_, update) => resolve(
                update,
                smtp_rows::SECRET
                    .read(&mut tx, &self.secrets, tenant)
                    .await?,
            )?,
            NewConfig::Microsoft365(_, update) => resolve(
                update,
                graph_rows::SECRET
                    .read(&mut tx, &self.secrets, tenant)
                    .await?,
            )?,
        };
        let kind = match config {
            NewConfig::Smtp(..) => ProviderKind::Smtp,
            NewConfig::Microsoft365(..) => ProviderKind::Microsoft365,
        };
        // A new configuration has not been tested yet.
        on_tx!(&mut tx, |c, pg| sqlx::query(
            "INSERT INTO email_provider AS p (tenant_id, provider, version, updated_at)
             VALUES ($1, $2, 1, $3)
             ON CONFLICT (tenant_id) DO UPDATE SET provider = excluded.provider,
               version = p.version + 1, updated_at = excluded.updated_at,
               last_test_at = NULL, last_test_report = NULL",
        )
        .bind(tenant)
        .bind(kind_name(kind))
        .bind(now)
        .execute(&mut *c)
        .await
        .map(drop))?;
        delete_settings(&mut tx, tenant).await?;
        match config {
            NewConfig::Smtp(settings, _) => {
                smtp_rows::insert(&mut tx, tenant, settings, secret.as_deref(), &self.secrets)
                    .await?
            }
            NewConfig::Microsoft365(settings, _) => {
                let secret = secret
                    .ok_or_else(|| StoreError::Corrupt("Microsoft 365 without a secret".into()))?;
                graph_rows::insert(&mut tx, tenant, settings, &secret, &self.secrets).await?
            }
        }
        append(&mut tx, tenant, audit, action).await?;
        tx.commit().await?;
        self.checkpoint().await;
        Ok(())
    }

    /// Deletes the provider and all its settings and secrets. Returns whether anything existed.
    /// `based_on` is the version the caller saw, as for a save.
    pub async fn delete_email_provider(
        &self,
        tenant: &str,
        based_on: Option<i64>,
        audit: AuditRecord<'_>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_serial(&provider_lock(tenant)).await?;
        let row: Option<(String, i64)> = on_tx!(&mut tx, |c, pg| {
            sqlx::query_as("SELECT provider, version FROM email_provider WHERE tenant_id = $1")
                .bind(tenant)
                .fetch_optional(&mut *c)
                .await
        })?;
        if row.as_ref().map(|(_, version)| *version) != based_on {
            return Err(StoreError::Conflict(last_change(&mut tx, tenant).await?));
        }
        let provider = row.map(|(provider, _)| provider);
        delete_settings(&mut tx, tenant).await?;
        on_tx!(&mut tx, |c, pg| {
            // No provider, nothing to be healthy or failing: its checks go with it.
            for delete in [
                "DELETE FROM email_provider WHERE tenant_id = $1",
                "DELETE FROM provider_health WHERE tenant_id = $1",
                "DELETE FROM provider_health_change WHERE tenant_id = $1",
            ] {
                sqlx::query(delete).bind(tenant).execute(&mut *c).await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        if let Some(provider) = &provider {
            let provider = kind_from_name(provider)?;
            append(&mut tx, tenant, audit, &AuditAction::Deleted { provider }).await?;
        }
        tx.commit().await?;
        self.checkpoint().await;
        Ok(provider.is_some())
    }

    /// Records a test in the audit log and as the last test of the configuration `version`
    /// (unless that was replaced meanwhile).
    pub async fn record_test(
        &self,
        tenant: &str,
        version: i64,
        test: &LastTest,
        actor: &str,
    ) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(&test.report).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        on_tx!(&mut tx, |c, pg| sqlx::query(
            "UPDATE email_provider SET last_test_at = $1, last_test_report = $2
             WHERE tenant_id = $3 AND version = $4",
        )
        .bind(&test.at)
        .bind(&json)
        .bind(tenant)
        .bind(version)
        .execute(&mut *c)
        .await
        .map(drop))?;
        let audit = AuditRecord {
            actor,
            at: &test.at,
        };
        append(
            &mut tx,
            tenant,
            audit,
            &AuditAction::test_sent(&test.report),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The secret to store, given the update and the secret stored now for the same provider.
fn resolve(update: &SecretUpdate, stored: Option<String>) -> Result<Option<String>, StoreError> {
    match update {
        SecretUpdate::Set(secret) => Ok(Some(secret.clone())),
        SecretUpdate::Clear => Ok(None),
        // Validation allows Keep only when a secret of this provider is stored; if it vanished
        // meanwhile, someone else changed the settings.
        SecretUpdate::Keep => stored.map(Some).ok_or(StoreError::Conflict(None)),
    }
}

/// Removes the settings (and secrets) of every provider.
async fn delete_settings(tx: &mut Tx, tenant: &str) -> Result<(), StoreError> {
    for delete in [
        "DELETE FROM smtp_settings WHERE tenant_id = $1",
        "DELETE FROM graph_settings WHERE tenant_id = $1",
    ] {
        on_tx!(&mut *tx, |c, pg| sqlx::query(delete)
            .bind(tenant)
            .execute(&mut *c)
            .await
            .map(drop))?;
    }
    Ok(())
}

/// The key that orders saves and deletions of one tenant's provider.
fn provider_lock(tenant: &str) -> String {
    format!("email provider/{tenant}")
}

/// The `email_provider` row.
#[derive(sqlx::FromRow)]
struct ProviderRow {
    provider: String,
    version: i64,
    updated_at: String,
    last_test_at: Option<String>,
    last_test_report: Option<String>,
}
