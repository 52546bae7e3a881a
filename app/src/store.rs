//! The database (server only): one connection pool, migrations embedded in the binary and run
//! at start, and one repository per resource.

mod email_provider;
mod error;

pub use email_provider::{NewConfig, StoredConfig, StoredGraph, StoredProvider, StoredSmtp};
pub use error::StoreError;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating it if needed) the SQLite database file `path` and applies migrations.
    pub async fn open_file(path: &Path) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
        }
        Self::open(
            SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true),
        )
        .await
    }

    /// Opens a `sqlite:` URL (`DATABASE_URL`).
    pub async fn open_url(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| {
                "DATABASE_URL is not a valid sqlite: URL (PostgreSQL support comes later)"
            })?
            .create_if_missing(true);
        Self::open(options).await
    }

    async fn open(options: SqliteConnectOptions) -> anyhow::Result<Self> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Overwrite deleted content (old passwords) instead of leaving it in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .context("could not open the database")?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .context("could not apply database migrations")?;
        Ok(Self { pool })
    }
}

impl Store {
    /// Moves committed pages from the WAL into the database file and empties the WAL. With
    /// `secure_delete`, a deleted secret is zeroed in its page, but until a checkpoint the old
    /// page is still in the database file and the WAL holds the frames that first wrote it.
    /// Best effort: a long reader can keep part of the WAL alive until the next checkpoint.
    pub async fn checkpoint(&self) {
        match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&self.pool)
            .await
        {
            Ok((0, _, _)) => {}
            Ok((busy, log, done)) => {
                tracing::warn!(
                    busy,
                    log,
                    done,
                    "WAL checkpoint incomplete (a reader was active)"
                )
            }
            Err(e) => tracing::warn!(error = %e, "WAL checkpoint failed"),
        }
    }
}
