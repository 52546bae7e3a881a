//! Databases for tests and benchmarks. With `MAILWRIGHT_TEST_POSTGRES` set to a PostgreSQL
//! server's URL (the README's test command starts one and sets it for its PostgreSQL pass),
//! each call makes a new, empty database there; otherwise a SQLite file in the given folder.

use super::{PoolSettings, Store};
use crate::crypto::SecretBox;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use std::path::Path;

/// The environment variable naming the PostgreSQL server tests use.
pub const TEST_POSTGRES_ENV: &str = "MAILWRIGHT_TEST_POSTGRES";

/// A URL of a new, empty database: on the test PostgreSQL server if there is one, else the
/// SQLite file `mailwright.db` in `dir`.
pub async fn database_url(dir: &Path) -> anyhow::Result<String> {
    match std::env::var(TEST_POSTGRES_ENV) {
        Ok(server) if !server.is_empty() => new_postgres_database(&server).await,
        _ => Ok(format!(
            "sqlite://{}",
            dir.join("mailwright.db").to_string_lossy()
        )),
    }
}

/// Creates a database with a random name on `server` (a URL of any database there) and
/// returns its URL.
pub async fn new_postgres_database(server: &str) -> anyhow::Result<String> {
    use aes_gcm::aead::{rand_core::RngCore, OsRng};
    let name = format!("mw_{:016x}", OsRng.next_u64());
    let mut conn = PgConnection::connect(server).await?;
    // The name is made here from hex digits, never input.
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let base = server.split('?').next().unwrap_or(server);
    let (host, _) = base
        .rsplit_once('/')
        .filter(|(host, _)| host.contains("//"))
        .unwrap_or((base, ""));
    Ok(format!("{host}/{name}"))
}

/// A store on a new [`database_url`], with default pool settings.
pub async fn open(dir: &Path, secrets: SecretBox) -> anyhow::Result<Store> {
    Store::open_url(&database_url(dir).await?, secrets, PoolSettings::default()).await
}
