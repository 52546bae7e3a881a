//! The audit log repository: entries are appended in the transaction of the change they record,
//! and read a page at a time, most recent first.

use super::backend::{on_pool, on_tx, Tx};
use super::{Store, StoreError};
use crate::domain::audit::{AuditAction, AuditEntry, AuditPage};
use crate::error::ChangedBy;

/// Who did what, and when, for one change.
#[derive(Debug, Clone, Copy)]
pub struct AuditRecord<'a> {
    pub actor: &'a str,
    pub at: &'a str,
}

pub const PAGE_SIZE: i64 = 20;

pub(super) async fn append(
    tx: &mut Tx,
    tenant: &str,
    record: AuditRecord<'_>,
    action: &AuditAction,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(action).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    on_tx!(tx, |c, pg| sqlx::query(
        "INSERT INTO audit_log (tenant_id, at, actor, action) VALUES ($1, $2, $3, $4)"
    )
    .bind(tenant)
    .bind(record.at)
    .bind(record.actor)
    .bind(json)
    .execute(&mut *c)
    .await
    .map(drop))?;
    Ok(())
}

/// The last save or deletion of `tenant`'s settings (tests and tokens are not changes to them).
pub(super) async fn last_change(
    tx: &mut Tx,
    tenant: &str,
) -> Result<Option<ChangedBy>, StoreError> {
    let row: Option<(String, String)> = on_tx!(tx, |c, pg| {
        sqlx::query_as(if pg {
        "SELECT actor, at FROM audit_log
         WHERE tenant_id = $1
           AND (action::jsonb -> 'Saved' IS NOT NULL OR action::jsonb -> 'Deleted' IS NOT NULL)
         ORDER BY id DESC LIMIT 1"
    } else {
        "SELECT actor, at FROM audit_log
         WHERE tenant_id = $1
           AND (json_type(action, '$.Saved') IS NOT NULL OR json_type(action, '$.Deleted') IS NOT NULL)
         ORDER BY id DESC LIMIT 1"
    })
    .bind(tenant)
    .fetch_optional(&mut *c)
    .await
    })?;
    Ok(row.map(|(by, at)| ChangedBy { by, at }))
}

impl Store {
    /// Entries of `tenant` older than `before` (all when `None`), most recent first.
    pub async fn audit_page(
        &self,
        tenant: &str,
        before: Option<i64>,
    ) -> Result<AuditPage, StoreError> {
        let rows: Vec<(i64, String, String, String)> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as(
                "SELECT id, at, actor, action FROM audit_log
                 WHERE tenant_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
            )
            .bind(tenant)
            .bind(before.unwrap_or(i64::MAX))
            .bind(PAGE_SIZE + 1)
            .fetch_all(c)
            .await
        })?;
        let more = rows.len() as i64 > PAGE_SIZE;
        let entries = rows
            .into_iter()
            .take(PAGE_SIZE as usize)
            .map(|(id, at, actor, action)| {
                let action = serde_json::from_str(&action)
                    .map_err(|e| StoreError::Corrupt(format!("audit entry {id}: {e}")))?;
                Ok(AuditEntry {
                    id,
                    at,
                    actor,
                    action,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let older = more.then(|| entries.last().map(|e| e.id)).flatten();
        Ok(AuditPage { entries, older })
    }
}
