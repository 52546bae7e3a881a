//! The two databases the store runs on: SQLite (embedded, the default) and PostgreSQL (several
//! instances). Repositories write each statement once where the SQL is the same on both
//! (placeholders are `$1`, `$2`... which SQLite accepts too) and pick per backend where it is
//! not; the [`on_pool!`] and [`on_tx!`] macros run one body against whichever pool or
//! transaction is there, type-checked for both.

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

/// The connections of one backend.
#[derive(Clone)]
pub(super) enum Db {
    Sqlite {
        /// Connections for reading. SQLite in WAL mode lets readers run beside the one writer.
        read: SqlitePool,
        /// The one connection that writes. SQLite allows one writer at a time; queueing
        /// writers here (first come, first served) instead of letting several connections poll
        /// the lock keeps them from timing out under load. A writer from another process (a
        /// CLI command, another instance) still waits through the busy timeout.
        write: SqlitePool,
    },
    /// PostgreSQL: one pool; row locks and advisory locks order the writers.
    Postgres(PgPool),
}

/// A pool to run one statement on.
#[derive(Clone, Copy)]
pub(super) enum Pool<'a> {
    Sqlite(&'a SqlitePool),
    Postgres(&'a PgPool),
}

/// A transaction on either backend.
pub(super) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Db {
    /// Where reads go.
    pub fn reader(&self) -> Pool<'_> {
        match self {
            Db::Sqlite { read, .. } => Pool::Sqlite(read),
            Db::Postgres(pool) => Pool::Postgres(pool),
        }
    }

    /// Where writes outside a transaction go.
    pub fn writer(&self) -> Pool<'_> {
        match self {
            Db::Sqlite { write, .. } => Pool::Sqlite(write),
            Db::Postgres(pool) => Pool::Postgres(pool),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    /// A read-only transaction: every statement in it sees the same snapshot.
    pub async fn begin_read(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { read, .. } => Tx::Sqlite(read.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(
                pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        })
    }

    /// A transaction that writes rows it locks itself (`UPDATE ... RETURNING`, `FOR UPDATE`).
    /// On SQLite `BEGIN IMMEDIATE` takes the write lock at once: a transaction that starts by
    /// reading and upgrades to writing later fails with SQLITE_BUSY, whatever the busy
    /// timeout, when another writer committed in between.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A write transaction that reads before it decides (is the version still the one the
    /// caller saw? is there a user yet?): it runs alone among those with the same `key`. SQLite
    /// has one writer anyway; PostgreSQL takes a transaction advisory lock on the key, so two
    /// instances cannot both decide on the same state.
    pub async fn begin_serial(&self, key: &str) -> Result<Tx, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        if let Tx::Postgres(pg) = &mut tx {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(key)
                .execute(&mut **pg)
                .await?;
        }
        Ok(tx)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}

/// Runs `$body` with `$c` bound to the pool (`&SqlitePool` or `&PgPool`) and `$pg` to whether
/// it is PostgreSQL.
macro_rules! on_pool {
    ($pool:expr, |$c:ident, $pg:ident| $body:expr) => {
        match $pool {
            $crate::store::backend::Pool::Sqlite($c) => {
                #[allow(unused_variables)]
                let $pg = false;
                $body
            }
            $crate::store::backend::Pool::Postgres($c) => {
                #[allow(unused_variables)]
                let $pg = true;
                $body
            }
        }
    };
}

/// Runs `$body` with `$c` bound to the transaction's connection and `$pg` to whether it is
/// PostgreSQL. Statements take `&mut *$c`.
macro_rules! on_tx {
    ($tx:expr, |$c:ident, $pg:ident| $body:expr) => {
        match $tx {
            $crate::store::backend::Tx::Sqlite(tx) => {
                let $c = &mut **tx;
                #[allow(unused_variables)]
                let $pg = false;
                $body
            }
            $crate::store::backend::Tx::Postgres(tx) => {
                let $c = &mut **tx;
                #[allow(unused_variables)]
                let $pg = true;
                $body
            }
        }
    };
}

pub(super) use {on_pool, on_tx};
