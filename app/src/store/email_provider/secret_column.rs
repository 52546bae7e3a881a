//! The columns that hold sealed secrets: reading one tenant's secret, and re-sealing them all
//! (plain text from older databases at start, everything on a key rotation).

use super::{graph_rows, smtp_rows};
use crate::crypto::SecretBox;
use crate::store::backend::{on_tx, Tx};
use crate::store::{Store, StoreError};

pub struct SecretColumn {
    /// `tenant_id` and the stored value of every row that has a secret.
    pub all: &'static str,
    /// The stored value of one tenant's row.
    pub one: &'static str,
    pub update: &'static str,
    /// The associated data a value is sealed with: table, column and tenant.
    pub context: fn(&str) -> String,
}

impl SecretColumn {
    /// The tenant's secret in plain text, if one is stored.
    pub async fn read(
        &self,
        tx: &mut Tx,
        secrets: &SecretBox,
        tenant: &str,
    ) -> Result<Option<String>, StoreError> {
        let sealed: Option<Option<String>> = on_tx!(tx, |c, pg| sqlx::query_scalar(self.one)
            .bind(tenant)
            .fetch_optional(&mut *c)
            .await)?;
        Ok(sealed
            .flatten()
            .map(|s| secrets.open(&s, &(self.context)(tenant)))
            .transpose()?
            .map(|s| s.expose().to_owned()))
    }
}

/// Which stored secrets [`Store::reseal_secrets`] seals again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reseal {
    /// Only values stored before encryption existed.
    PlainTextOnly,
    /// Every value, with the current key (a key rotation).
    All,
}

impl Store {
    /// Seals stored secrets with the current key, in one transaction. Returns how many.
    pub async fn reseal_secrets(&self, which: Reseal) -> Result<usize, StoreError> {
        // Serial: instances starting together do not seal the same values twice.
        let mut tx = self.begin_serial("secrets").await?;
        let mut count = 0;
        for column in [&smtp_rows::SECRET, &graph_rows::SECRET] {
            let rows: Vec<(String, String)> = on_tx!(&mut tx, |c, pg| sqlx::query_as(column.all)
                .fetch_all(&mut *c)
                .await)?;
            for (tenant, stored) in rows {
                let context = (column.context)(&tenant);
                let plain = match (SecretBox::is_sealed(&stored), which) {
                    (true, Reseal::PlainTextOnly) => continue,
                    (true, Reseal::All) => {
                        self.secrets.open(&stored, &context)?.expose().to_owned()
                    }
                    (false, _) => stored,
                };
                let sealed = self.secrets.seal(&plain, &context);
                on_tx!(&mut tx, |c, pg| sqlx::query(column.update)
                    .bind(&sealed)
                    .bind(&tenant)
                    .execute(&mut *c)
                    .await
                    .map(drop))?;
                count += 1;
            }
        }
        tx.commit().await?;
        if count > 0 {
            // The old values (plain text, or sealed with the old key) must not stay in the files.
            self.checkpoint().await;
        }
        Ok(count)
    }
}
