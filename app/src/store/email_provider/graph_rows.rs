//! The `graph_settings` row of a tenant (Microsoft 365).

use super::StoredGraph;
use crate::crypto::SecretBox;
use crate::domain::microsoft::{GraphSettings, MicrosoftApp};
use crate::store::StoreError;
use sqlx::{Row, SqliteConnection};

/// The select and update of the sealed secrets (for re-sealing), and the associated data each
/// secret is sealed with: its table, column and tenant.
pub const SECRETS: &str =
    "SELECT tenant_id, client_secret FROM graph_settings WHERE client_secret IS NOT NULL";
pub const UPDATE_SECRET: &str = "UPDATE graph_settings SET client_secret = ? WHERE tenant_id = ?";

pub fn context(tenant: &str) -> String {
    format!("graph_settings.client_secret/{tenant}")
}

pub async fn load(
    conn: &mut SqliteConnection,
    tenant: &str,
    secrets: &SecretBox,
) -> Result<StoredGraph, StoreError> {
    let row = sqlx::query(
        "SELECT sender_email, directory_id, client_id, client_secret
         FROM graph_settings WHERE tenant_id = ?",
    )
    .bind(tenant)
    .fetch_one(conn)
    .await?;
    Ok(StoredGraph {
        settings: GraphSettings {
            sender_email: row.try_get("sender_email")?,
            app: MicrosoftApp {
                tenant_id: row.try_get("directory_id")?,
                client_id: row.try_get("client_id")?,
            },
        },
        client_secret: secrets.open(
            &row.try_get::<String, _>("client_secret")?,
            &context(tenant),
        )?,
    })
}

/// The stored client secret, if Microsoft 365 settings exist.
pub async fn secret(
    conn: &mut SqliteConnection,
    tenant: &str,
    secrets: &SecretBox,
) -> Result<Option<String>, StoreError> {
    let sealed: Option<String> =
        sqlx::query_scalar("SELECT client_secret FROM graph_settings WHERE tenant_id = ?")
            .bind(tenant)
            .fetch_optional(conn)
            .await?;
    Ok(sealed
        .map(|s| secrets.open(&s, &context(tenant)))
        .transpose()?
        .map(|s| s.expose().to_owned()))
}

pub async fn insert(
    conn: &mut SqliteConnection,
    tenant: &str,
    settings: &GraphSettings,
    client_secret: &str,
    secrets: &SecretBox,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO graph_settings (tenant_id, sender_email, directory_id, client_id, client_secret)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(tenant)
    .bind(&settings.sender_email)
    .bind(&settings.app.tenant_id)
    .bind(&settings.app.client_id)
    .bind(secrets.seal(client_secret, &context(tenant)))
    .execute(conn)
    .await?;
    Ok(())
}
