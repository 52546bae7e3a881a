//! The background health check's state: each tenant's last result and its changes between
//! healthy and failing. Times are Unix milliseconds.

use super::backend::{on_pool, on_tx};
use super::{Store, StoreError};
use crate::domain::test_email::SendFailure;

/// A tenant's last result.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HealthRow {
    pub checked_at: i64,
    pub healthy: bool,
    pub since: i64,
    /// JSON of the failure while failing.
    pub failure: Option<String>,
}

/// One change between healthy and failing.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HealthChangeRow {
    pub at: i64,
    pub healthy: bool,
    pub cause: Option<String>,
}

impl Store {
    /// Claims `tenant`'s check at `now` unless one started after `due_before` (another
    /// instance's, or a recent one): every instance may look, one checks.
    pub async fn claim_health_check(
        &self,
        tenant: &str,
        now: i64,
        due_before: i64,
    ) -> Result<bool, StoreError> {
        let claimed: Option<String> = on_pool!(self.db.writer(), |c, pg| sqlx::query_scalar(
            "INSERT INTO provider_health (tenant_id, checked_at, healthy, since)
             VALUES ($1, $2, TRUE, $2)
             ON CONFLICT (tenant_id) DO UPDATE SET checked_at = $2
             WHERE provider_health.checked_at <= $3
             RETURNING tenant_id",
        )
        .bind(tenant)
        .bind(now)
        .bind(due_before)
        .fetch_optional(c)
        .await)?;
        Ok(claimed.is_some())
    }

    /// Records a check's result (`failure: None`: it passed). Returns whether the tenant went
    /// from healthy to failing or back, which is then kept in the history.
    pub async fn record_health(
        &self,
        tenant: &str,
        now: i64,
        failure: Option<&SendFailure>,
    ) -> Result<bool, StoreError> {
        let json = failure
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let healthy = failure.is_none();
        let cause = failure.map(|f| format!("{:?}", f.cause));
        let mut tx = self.begin_write().await?;
        let was: Option<bool> = on_tx!(&mut tx, |c, pg| sqlx::query_scalar(if pg {
            "SELECT healthy FROM provider_health WHERE tenant_id = $1 FOR UPDATE"
        } else {
            "SELECT healthy FROM provider_health WHERE tenant_id = $1"
        })
        .bind(tenant)
        .fetch_optional(&mut *c)
        .await)?;
        // A first result that fails is a change too: the page shows since when.
        let changed = was.map_or(!healthy, |was| was != healthy);
        on_tx!(&mut tx, |c, pg| {
            sqlx::query(
                "INSERT INTO provider_health AS h (tenant_id, checked_at, healthy, since, failure)
                 VALUES ($1, $2, $3, $2, $4)
                 ON CONFLICT (tenant_id) DO UPDATE SET healthy = $3, failure = $4,
                   since = CASE WHEN $5 THEN $2 ELSE h.since END",
            )
            .bind(tenant)
            .bind(now)
            .bind(healthy)
            .bind(&json)
            .bind(changed)
            .execute(&mut *c)
            .await?;
            if changed {
                sqlx::query(
                    "INSERT INTO provider_health_change (tenant_id, at, healthy, cause)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(tenant)
                .bind(now)
                .bind(healthy)
                .bind(&cause)
                .execute(&mut *c)
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        tx.commit().await?;
        Ok(changed)
    }

    /// `tenant`'s last result, if it was ever checked.
    pub async fn health(&self, tenant: &str) -> Result<Option<HealthRow>, StoreError> {
        Ok(on_pool!(self.db.reader(), |c, pg| sqlx::query_as(
            "SELECT checked_at, healthy, since, failure FROM provider_health WHERE tenant_id = $1"
        )
        .bind(tenant)
        .fetch_optional(c)
        .await)?)
    }

    /// `tenant`'s last `limit` changes, newest first.
    pub async fn health_changes(
        &self,
        tenant: &str,
        limit: i64,
    ) -> Result<Vec<HealthChangeRow>, StoreError> {
        Ok(on_pool!(self.db.reader(), |c, pg| sqlx::query_as(
            "SELECT at, healthy, cause FROM provider_health_change
             WHERE tenant_id = $1 ORDER BY at DESC LIMIT $2"
        )
        .bind(tenant)
        .bind(limit)
        .fetch_all(c)
        .await)?)
    }

    /// The failures of every tenant whose provider is failing (metrics).
    pub async fn failing_providers(&self) -> Result<Vec<String>, StoreError> {
        Ok(on_pool!(self.db.reader(), |c, pg| sqlx::query_scalar(
            "SELECT failure FROM provider_health WHERE NOT healthy AND failure IS NOT NULL"
        )
        .fetch_all(c)
        .await)?)
    }

    /// The tenants that have a provider.
    pub async fn provider_tenants(&self) -> Result<Vec<String>, StoreError> {
        Ok(on_pool!(self.db.reader(), |c, pg| sqlx::query_scalar(
            "SELECT tenant_id FROM email_provider ORDER BY tenant_id"
        )
        .fetch_all(c)
        .await)?)
    }
}
