//! The `graph_settings` row of a tenant (Microsoft 365).

use super::StoredGraph;
use crate::domain::microsoft::{GraphSettings, MicrosoftApp};
use crate::secret::Secret;
use crate::store::StoreError;
use sqlx::{Row, SqliteConnection};

pub async fn load(conn: &mut SqliteConnection, tenant: &str) -> Result<StoredGraph, StoreError> {
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
        client_secret: Secret::new(row.try_get("client_secret")?),
    })
}

/// The stored client secret, if Microsoft 365 settings exist.
pub async fn secret(
    conn: &mut SqliteConnection,
    tenant: &str,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT client_secret FROM graph_settings WHERE tenant_id = ?")
            .bind(tenant)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn insert(
    conn: &mut SqliteConnection,
    tenant: &str,
    settings: &GraphSettings,
    client_secret: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO graph_settings (tenant_id, sender_email, directory_id, client_id, client_secret)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(tenant)
    .bind(&settings.sender_email)
    .bind(&settings.app.tenant_id)
    .bind(&settings.app.client_id)
    .bind(client_secret)
    .execute(conn)
    .await?;
    Ok(())
}
