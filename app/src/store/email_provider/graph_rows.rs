//! The `graph_settings` row of a tenant (Microsoft 365).

use super::secret_column::SecretColumn;
use super::StoredGraph;
use crate::crypto::SecretBox;
use crate::domain::microsoft::{GraphSettings, MicrosoftApp};
use crate::store::StoreError;
use sqlx::{Row, SqliteConnection};

/// Where this table keeps its sealed secret.
pub const SECRET: SecretColumn = SecretColumn {
    all: "SELECT tenant_id, client_secret FROM graph_settings WHERE client_secret IS NOT NULL",
    one: "SELECT client_secret FROM graph_settings WHERE tenant_id = ?",
    update: "UPDATE graph_settings SET client_secret = ? WHERE tenant_id = ?",
    context,
};

/// The associated data a secret is sealed with: its table, column and tenant.
fn context(tenant: &str) -> String {
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
