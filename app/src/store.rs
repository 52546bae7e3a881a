//! The database (server only): SQLite or PostgreSQL, migrations embedded in the binary and run
//! at start, and one repository per resource.

mod accounts;
mod audit;
mod backend;
mod copy;
mod email_provider;
mod error;
mod health;
mod outbox;
mod reminders;
pub mod scratch;
mod shared_limits;
mod tokens;

pub use accounts::{SessionRecord, UserRecord};
pub use audit::{AuditRecord, PAGE_SIZE};
pub use copy::{CopyError, CopyReport};
pub use email_provider::{
    NewConfig, Reseal, StoredConfig, StoredGraph, StoredProvider, StoredSmtp,
};
pub use error::StoreError;
pub use health::{HealthChangeRow, HealthRow};
pub use outbox::{AttemptEnd, AttemptRow, Claimed, Enqueued, LogFilter, MessageRow, NewMessage};
pub use tokens::{NewToken, TokenRecord};

use crate::crypto::SecretBox;
use anyhow::Context;
use backend::{on_pool, Db, Tx};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The database connections: how many read at once and how long a statement may wait.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Connections that read at once (one more writes: SQLite has one writer). On PostgreSQL,
    /// the pool has this many connections plus one.
    pub readers: u32,
    /// How long a statement may wait for a lock another process (a CLI command, another
    /// instance) holds, or run on PostgreSQL, before it fails.
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
    db: Db,
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

    /// Opens a `sqlite:` or `postgres:` URL (`DATABASE_URL`).
    pub async fn open_url(
        url: &str,
        secrets: SecretBox,
        settings: PoolSettings,
    ) -> anyhow::Result<Self> {
        if is_postgres_url(url) {
            return Self::open_postgres(url, secrets, settings).await;
        }
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| "DATABASE_URL is neither a sqlite: nor a postgres: URL")?
            .create_if_missing(true);
        Self::open(options, secrets, settings).await
    }

    /// Opens a PostgreSQL database (14 or newer) and applies its migrations.
    async fn open_postgres(
        url: &str,
        secrets: SecretBox,
        settings: PoolSettings,
    ) -> anyhow::Result<Self> {
        let timeout = format!("{}ms", settings.statement_timeout.as_millis());
        let options = PgConnectOptions::from_str(url)
            .context("DATABASE_URL is not a valid postgres: URL")?
            .application_name("mailwright")
            // Notices ("already exists, skipping" from migrations) are not news to anyone.
            .options([
                ("statement_timeout", timeout.as_str()),
                ("client_min_messages", "warning"),
            ]);
        let pool = PgPoolOptions::new()
            .max_connections(settings.readers.max(1) + 1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .context("could not connect to PostgreSQL")?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .context("could not apply database migrations")?;
        Self::ready(Db::Postgres(pool), secrets).await
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
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options.clone())
            .await
            .context("could not open the database")?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&write)
            .await
            .context("could not apply database migrations")?;
        let read = SqlitePoolOptions::new()
            .max_connections(settings.readers.max(1))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options.read_only(true))
            .await
            .context("could not open the database")?;
        Self::ready(Db::Sqlite { read, write }, secrets).await
    }

    /// The store on an open, migrated database: secrets still in plain text sealed.
    async fn ready(db: Db, secrets: SecretBox) -> anyhow::Result<Self> {
        let store = Self { db, secrets };
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

/// Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl Store {
    /// Whether the database answers (readiness checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self.db.reader(), |c, pg| sqlx::query("SELECT 1")
            .execute(c)
            .await
            .map(drop))?;
        Ok(())
    }

    /// "sqlite" or "postgres" (logs, metrics, the copy command).
    pub fn backend(&self) -> &'static str {
        if self.db.is_postgres() {
            "postgres"
        } else {
            "sqlite"
        }
    }

    /// Waits for every connection to finish and closes them (commands that exit).
    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }

    async fn begin_write(&self) -> Result<Tx, StoreError> {
        Ok(self.db.begin_write().await?)
    }

    async fn begin_serial(&self, key: &str) -> Result<Tx, StoreError> {
        Ok(self.db.begin_serial(key).await?)
    }

    /// Moves committed pages from the WAL into the database file and empties the WAL. With
    /// `secure_delete`, a deleted secret is zeroed in its page, but until a checkpoint the old
    /// page is still in the database file and the WAL holds the frames that first wrote it.
    /// Best effort: a long reader can keep part of the WAL alive until the next checkpoint.
    /// PostgreSQL has no such step: see "Secrets at rest" in the README.
    pub async fn checkpoint(&self) {
        let Db::Sqlite { write, .. } = &self.db else {
            return;
        };
        match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(write)
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
