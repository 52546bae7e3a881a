//! The database (server only): one connection pool, migrations embedded in the binary and run
//! at start, and one repository per resource.

mod accounts;
mod audit;
mod email_provider;
mod error;
mod outbox;
mod shared_limits;
mod tokens;

pub use accounts::{SessionRecord, UserRecord};
pub use audit::{AuditRecord, PAGE_SIZE};
pub use email_provider::{
    NewConfig, Reseal, StoredConfig, StoredGraph, StoredProvider, StoredSmtp,
};
pub use error::StoreError;
pub use outbox::{AttemptEnd, AttemptRow, Claimed, Enqueued, LogFilter, MessageRow, NewMessage};
pub use tokens::{NewToken, TokenRecord};

use crate::crypto::SecretBox;
use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The database connections: how many read at once and how long a statement may wait.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Connections that read at once (one more writes: SQLite has one writer).
    pub readers: u32,
    /// How long a statement waits for the database lock another process (a CLI command,
    /// another instance) holds before it fails.
    pub statement_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            readers: 4,
            statement_timeout: Duration::from_secs(5),
        }
    }
}

/// How long a request waits for a connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone)]
pub struct Store {
    /// Connections for reading. SQLite in WAL mode lets readers run beside the one writer.
    pool: SqlitePool,
    /// The one connection that writes. SQLite allows one writer at a time; queueing writers
    /// here (first come, first served) instead of letting several connections poll the lock
    /// keeps them from timing out under load. A writer from another process (a CLI command)
    /// still waits through the busy timeout.
    writer: SqlitePool,
    /// Seals secrets before they are written and opens them when read.
    secrets: SecretBox,
}

impl Store {
    /// Opens (creating it if needed) the SQLite database file `path`, applies migrations and
    /// seals any secret still stored in plain text (databases from before encryption).
    pub async fn open_file(path: &Path, secrets: SecretBox) -> anyhow::Result<Self> {
        Self::open_file_with(path, secrets, PoolSettings::default()).await
    }

    /// [`Store::open_file`] with other pool settings (`--db-pool-size`, ...).
    pub async fn open_file_with(
        path: &Path,
        secrets: SecretBox,
        settings: PoolSettings,
    ) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
        }
        Self::open(
            SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true),
            secrets,
            settings,
        )
        .await
    }

    /// Opens a `sqlite:` URL (`DATABASE_URL`).
    pub async fn open_url(
        url: &str,
        secrets: SecretBox,
        settings: PoolSettings,
    ) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| {
                "DATABASE_URL is not a valid sqlite: URL (PostgreSQL support comes later)"
            })?
            .create_if_missing(true);
        Self::open(options, secrets, settings).await
    }

    async fn open(
        options: SqliteConnectOptions,
        secrets: SecretBox,
        settings: PoolSettings,
    ) -> anyhow::Result<Self> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit (an accepted message above all) survives a power cut, not only a killed
            // process. Measured cost: see the README's acceptance figures.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Overwrite deleted content (old passwords) instead of leaving it in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(settings.statement_timeout);
        // The writer first: it creates the file and applies migrations before anyone reads.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options.clone())
            .await
            .context("could not open the database")?;
        sqlx::migrate!("./migrations")
            .run(&writer)
            .await
            .context("could not apply database migrations")?;
        let pool = SqlitePoolOptions::new()
            .max_connections(settings.readers.max(1))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options.read_only(true))
            .await
            .context("could not open the database")?;
        let store = Self {
            pool,
            writer,
            secrets,
        };
        let sealed = store
            .reseal_secrets(Reseal::PlainTextOnly)
            .await
            .context("could not encrypt the secrets stored in plain text")?;
        if sealed > 0 {
            tracing::info!(
                count = sealed,
                "encrypted secrets that were stored in plain text"
            );
        }
        Ok(store)
    }
}

impl Store {
    /// Whether the database answers (readiness checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Waits for every connection to finish and closes them (commands that exit).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }

    /// Starts a transaction that may write. `BEGIN IMMEDIATE` takes SQLite's write lock at
    /// once: a transaction that starts by reading (`BEGIN DEFERRED`) and upgrades to writing
    /// later fails with SQLITE_BUSY, whatever the busy timeout, when another writer committed
    /// in between.
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Moves committed pages from the WAL into the database file and empties the WAL. With
    /// `secure_delete`, a deleted secret is zeroed in its page, but until a checkpoint the old
    /// page is still in the database file and the WAL holds the frames that first wrote it.
    /// Best effort: a long reader can keep part of the WAL alive until the next checkpoint.
    pub async fn checkpoint(&self) {
        match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&self.writer)
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
