//! API tokens: only a SHA-256 digest of each is stored. Times are Unix seconds.

use super::audit::{append, AuditRecord};
use super::backend::{on_pool, on_tx};
use super::{Store, StoreError};
use crate::domain::audit::AuditAction;
use crate::domain::delivery::TokenScope;

/// A token as stored (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub id: i64,
    pub tenant_id: String,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: i64,
    pub created_by: String,
    pub last_used_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A token to create.
#[derive(Debug, Clone, Copy)]
pub struct NewToken<'a> {
    pub tenant_id: &'a str,
    pub name: &'a str,
    pub digest: &'a str,
    pub scope: TokenScope,
    pub expires_at: Option<i64>,
    pub now: i64,
}

/// The columns [`TokenRow`] reads.
macro_rules! token_columns {
    () => {
        "id, tenant_id, name, scope, created_at, created_by, last_used_at, expires_at, revoked_at"
    };
}

/// A token's row as either database returns it.
#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    tenant_id: String,
    name: String,
    scope: String,
    created_at: i64,
    created_by: String,
    last_used_at: Option<i64>,
    expires_at: Option<i64>,
    revoked_at: Option<i64>,
}

impl TryFrom<TokenRow> for TokenRecord {
    type Error = StoreError;

    fn try_from(row: TokenRow) -> Result<Self, StoreError> {
        Ok(TokenRecord {
            id: row.id,
            tenant_id: row.tenant_id,
            name: row.name,
            scope: TokenScope::parse(&row.scope)
                .ok_or_else(|| StoreError::Corrupt(format!("token scope {}", row.scope)))?,
            created_at: row.created_at,
            created_by: row.created_by,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
            revoked_at: row.revoked_at,
        })
    }
}

impl Store {
    /// Creates a token and its audit entry in one transaction. Returns its id.
    pub async fn create_token(
        &self,
        new: NewToken<'_>,
        audit: AuditRecord<'_>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = on_tx!(&mut tx, |c, pg| sqlx::query_scalar(
            "INSERT INTO api_token (tenant_id, name, digest, scope, created_at, created_by, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(new.tenant_id)
        .bind(new.name)
        .bind(new.digest)
        .bind(new.scope.as_str())
        .bind(new.now)
        .bind(audit.actor)
        .bind(new.expires_at)
        .fetch_one(&mut *c)
        .await)
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::NotFound("tenant")
            }
            _ => e.into(),
        })?;
        let action = AuditAction::TokenCreated {
            name: new.name.to_owned(),
        };
        append(&mut tx, new.tenant_id, audit, &action).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The tenant's tokens that are not revoked, newest first.
    pub async fn tokens(&self, tenant: &str) -> Result<Vec<TokenRecord>, StoreError> {
        let rows: Vec<TokenRow> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as(concat!(
                "SELECT ",
                token_columns!(),
                " FROM api_token WHERE tenant_id = $1 AND revoked_at IS NULL ORDER BY id DESC"
            ))
            .bind(tenant)
            .fetch_all(c)
            .await
        })?;
        rows.into_iter().map(TokenRecord::try_from).collect()
    }

    /// Revokes the tenant's token `id`, with its audit entry. Returns whether there was one.
    pub async fn revoke_token(
        &self,
        tenant: &str,
        id: i64,
        now: i64,
        audit: AuditRecord<'_>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let name: Option<String> = on_tx!(&mut tx, |c, pg| sqlx::query_scalar(
            "UPDATE api_token SET revoked_at = $1
             WHERE id = $2 AND tenant_id = $3 AND revoked_at IS NULL RETURNING name",
        )
        .bind(now)
        .bind(id)
        .bind(tenant)
        .fetch_optional(&mut *c)
        .await)?;
        let Some(name) = name else {
            return Ok(false);
        };
        append(&mut tx, tenant, audit, &AuditAction::TokenRevoked { name }).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn token_by_digest(&self, digest: &str) -> Result<Option<TokenRecord>, StoreError> {
        let row: Option<TokenRow> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as(concat!(
                "SELECT ",
                token_columns!(),
                " FROM api_token WHERE digest = $1"
            ))
            .bind(digest)
            .fetch_optional(c)
            .await
        })?;
        row.map(TokenRecord::try_from).transpose()
    }

    /// Records a use of token `id`, at most once a minute (it is a write per request otherwise).
    pub async fn touch_token(&self, id: i64, now: i64) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| sqlx::query(
            "UPDATE api_token SET last_used_at = $1
             WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
        )
        .bind(now)
        .bind(id)
        .bind(now - 60)
        .execute(c)
        .await
        .map(drop))?;
        Ok(())
    }
}
