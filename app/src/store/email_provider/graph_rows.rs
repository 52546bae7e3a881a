//! The `graph_settings` row of a tenant (Microsoft 365).

use super::secret_column::SecretColumn;
use super::StoredGraph;
use crate::crypto::SecretBox;
use crate::domain::microsoft::{GraphSettings, MicrosoftApp};
use crate::store::backend::{on_tx, Tx};
use crate::store::StoreError;

/// Where this table keeps its sealed secret.
pub const SECRET: SecretColumn = SecretColumn {
    all: "SELECT tenant_id, client_secret FROM graph_settings WHERE client_secret IS NOT NULL",
    one: "SELECT client_secret FROM graph_settings WHERE tenant_id = $1",
    update: "UPDATE graph_settings SET client_secret = $1 WHERE tenant_id = $2",
    context,
};

/// The associated data a secret is sealed with: its table, column and tenant.
fn context(tenant: &str) -> String {
    format!("graph_settings.client_secret/{tenant}")
}

/// Sender, directory, client, sealed secret, expiry date.
type GraphRow = (String, String, String, String, Option<String>);

pub async fn load(
    tx: &mut Tx,
    tenant: &str,
    secrets: &SecretBox,
) -> Result<StoredGraph, StoreError> {
    let (sender_email, directory_id, client_id, client_secret, expires_on): GraphRow =
        on_tx!(tx, |c, pg| sqlx::query_as(
            "SELECT sender_email, directory_id, client_id, client_secret, secret_expires_on
             FROM graph_settings WHERE tenant_id = $1",
        )
        .bind(tenant)
        .fetch_one(&mut *c)
        .await)?;
    Ok(StoredGraph {
        settings: GraphSettings {
            sender_email,
            app: MicrosoftApp {
                tenant_id: directory_id,
                client_id,
                secret_expires_on: super::smtp_rows::date(expires_on)?,
            },
        },
        client_secret: secrets.open(&client_secret, &context(tenant))?,
    })
}

pub async fn insert(
    tx: &mut Tx,
    tenant: &str,
    settings: &GraphSettings,
    client_secret: &str,
    secrets: &SecretBox,
) -> Result<(), StoreError> {
    let sealed = secrets.seal(client_secret, &context(tenant));
    on_tx!(tx, |c, pg| {
        sqlx::query(
            "INSERT INTO graph_settings
           (tenant_id, sender_email, directory_id, client_id, client_secret, secret_expires_on)
         VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(tenant)
        .bind(&settings.sender_email)
        .bind(&settings.app.tenant_id)
        .bind(&settings.app.client_id)
        .bind(&sealed)
        .bind(settings.app.secret_expires_on.map(|d| d.to_string()))
        .execute(&mut *c)
        .await
        .map(drop)
    })?;
    Ok(())
}
