//! `mailwright copy-database`: every row of one database into another, empty one (SQLite to
//! PostgreSQL when an installation outgrows one machine). Secrets are copied sealed, as they
//! are: the target must be used with the same key.

use super::backend::{on_pool, on_tx, Pool, Tx};
use super::{Store, StoreError};
use sqlx::{AssertSqlSafe, Row};

/// How a column is read and written.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Bool,
}

use Kind::{Bool, Int, Text};

/// Every table, parents before children (foreign keys), with its columns.
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "tenant",
        &[("id", Text), ("name", Text), ("created_at", Text)],
    ),
    (
        "user_account",
        &[
            ("id", Int),
            ("tenant_id", Text),
            ("email", Text),
            ("password_hash", Text),
            ("role", Text),
            ("created_at", Text),
            ("language", Text),
        ],
    ),
    (
        "session",
        &[
            ("id_digest", Text),
            ("user_id", Int),
            ("created_at", Int),
            ("last_seen_at", Int),
        ],
    ),
    (
        "password_reset",
        &[
            ("token_digest", Text),
            ("user_id", Int),
            ("expires_at", Int),
            ("used_at", Int),
        ],
    ),
    (
        "email_provider",
        &[
            ("tenant_id", Text),
            ("provider", Text),
            ("version", Int),
            ("updated_at", Text),
            ("last_test_at", Text),
            ("last_test_report", Text),
        ],
    ),
    (
        "smtp_settings",
        &[
            ("tenant_id", Text),
            ("host", Text),
            ("port", Int),
            ("security", Text),
            ("sender_email", Text),
            ("sender_name", Text),
            ("auth_enabled", Bool),
            ("username", Text),
            ("secret", Text),
            ("auth_type", Text),
            ("oauth_tenant_id", Text),
            ("oauth_client_id", Text),
            ("rate_per_minute", Int),
            ("ca_certificate", Text),
            ("oauth_secret_expires_on", Text),
        ],
    ),
    (
        "graph_settings",
        &[
            ("tenant_id", Text),
            ("sender_email", Text),
            ("directory_id", Text),
            ("client_id", Text),
            ("client_secret", Text),
            ("secret_expires_on", Text),
        ],
    ),
    (
        "secret_expiry_reminder",
        &[
            ("tenant_id", Text),
            ("expires_on", Text),
            ("reminder", Text),
            ("sent_at", Int),
        ],
    ),
    (
        "audit_log",
        &[
            ("id", Int),
            ("tenant_id", Text),
            ("at", Text),
            ("actor", Text),
            ("action", Text),
        ],
    ),
    (
        "api_token",
        &[
            ("id", Int),
            ("tenant_id", Text),
            ("name", Text),
            ("digest", Text),
            ("scope", Text),
            ("created_at", Int),
            ("created_by", Text),
            ("last_used_at", Int),
            ("expires_at", Int),
            ("revoked_at", Int),
        ],
    ),
    (
        "outbox_message",
        &[
            ("id", Text),
            ("tenant_id", Text),
            ("idempotency_key", Text),
            ("request_digest", Text),
            ("category", Text),
            ("recipients", Text),
            ("recipient_count", Int),
            ("subject", Text),
            ("body", Text),
            ("message_id", Text),
            ("status", Text),
            ("run_at", Int),
            ("attempts", Int),
            ("lease_until", Int),
            ("created_at", Int),
            ("finished_at", Int),
        ],
    ),
    (
        "delivery_attempt",
        &[
            ("message_id", Text),
            ("n", Int),
            ("at", Int),
            ("outcome", Text),
            ("reply", Text),
            ("failure", Text),
        ],
    ),
    (
        "sending_pause",
        &[("tenant_id", Text), ("since", Int), ("failure", Text)],
    ),
    (
        "attempt_window",
        &[
            ("purpose", Text),
            ("subject", Text),
            ("started_at", Int),
            ("failures", Int),
        ],
    ),
    ("sender_pace", &[("sender", Text), ("next_slot", Int)]),
    (
        "provider_health",
        &[
            ("tenant_id", Text),
            ("checked_at", Int),
            ("healthy", Bool),
            ("since", Int),
            ("failure", Text),
        ],
    ),
    (
        "provider_health_change",
        &[
            ("tenant_id", Text),
            ("at", Int),
            ("healthy", Bool),
            ("cause", Text),
        ],
    ),
];

/// Tables whose ids the database hands out: on PostgreSQL their sequences continue after the
/// copied ids.
const IDENTITY_TABLES: &[&str] = &["user_account", "audit_log", "api_token"];

/// One column's value of one row.
enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(bool),
}

/// What [`Store::copy_into`] copied: table and row count, in copy order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub tables: Vec<(&'static str, i64)>,
}

/// Why a copy did not happen or did not check out.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error(
        "the target database is not empty: table {0} has rows (copy into a new, empty database)"
    )]
    TargetNotEmpty(&'static str),
    #[error("table {table}: {source_rows} rows in the source but {target_rows} in the target")]
    CountMismatch {
        table: &'static str,
        source_rows: i64,
        target_rows: i64,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CopyError {
    fn from(e: sqlx::Error) -> Self {
        CopyError::Store(e.into())
    }
}

impl Store {
    /// Copies every row into `target`, which must be empty, in one transaction, then checks
    /// that each table has as many rows on both sides. The source is read from one snapshot.
    pub async fn copy_into(&self, target: &Store) -> Result<CopyReport, CopyError> {
        for (table, _) in TABLES {
            if count(target.db.reader(), table).await? > 0 {
                return Err(CopyError::TargetNotEmpty(table));
            }
        }
        let mut source = self.db.begin_read().await?;
        let mut tx = target.begin_serial("copy-database").await?;
        let mut report = CopyReport { tables: Vec::new() };
        for (table, columns) in TABLES {
            let rows = read_table(&mut source, table, columns).await?;
            for row in &rows {
                insert_row(&mut tx, table, columns, row).await?;
            }
            report.tables.push((*table, rows.len() as i64));
        }
        if let Tx::Postgres(pg) = &mut tx {
            for table in IDENTITY_TABLES {
                // Table names are this file's constants, never input.
                sqlx::query(AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                   COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )))
                .execute(&mut **pg)
                .await?;
            }
        }
        tx.commit().await?;
        source.commit().await?;
        for (table, copied) in &report.tables {
            let target_rows = count(target.db.reader(), table).await?;
            if target_rows != *copied {
                return Err(CopyError::CountMismatch {
                    table,
                    source_rows: *copied,
                    target_rows,
                });
            }
        }
        Ok(report)
    }
}

async fn count(pool: Pool<'_>, table: &str) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    on_pool!(pool, |c, pg| sqlx::query_scalar(AssertSqlSafe(sql.clone()))
        .fetch_one(c)
        .await)
}

async fn read_table(
    tx: &mut Tx,
    table: &str,
    columns: &[(&str, Kind)],
) -> Result<Vec<Vec<Value>>, sqlx::Error> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let sql = format!("SELECT {} FROM {table}", names.join(", "));
    on_tx!(tx, |c, pg| {
        let rows = sqlx::query(AssertSqlSafe(sql.clone()))
            .fetch_all(&mut *c)
            .await?;
        rows.iter()
            .map(|row| {
                columns
                    .iter()
                    .enumerate()
                    .map(|(i, (_, kind))| {
                        Ok(match kind {
                            Text => Value::Text(row.try_get(i)?),
                            Int => Value::Int(row.try_get(i)?),
                            Bool => Value::Bool(row.try_get(i)?),
                        })
                    })
                    .collect()
            })
            .collect()
    })
}

async fn insert_row(
    tx: &mut Tx,
    table: &str,
    columns: &[(&str, Kind)],
    row: &[Value],
) -> Result<(), sqlx::Error> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        placeholders.join(", ")
    );
    on_tx!(tx, |c, pg| {
        let mut query = sqlx::query(AssertSqlSafe(sql.clone()));
        for value in row {
            query = match value {
                Value::Text(v) => query.bind(v.as_deref()),
                Value::Int(v) => query.bind(*v),
                Value::Bool(v) => query.bind(*v),
            };
        }
        query.execute(&mut *c).await.map(drop)
    })
}
