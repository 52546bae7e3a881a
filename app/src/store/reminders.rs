//! The client-secret expiry reminders already sent, and who gets them.

use super::backend::on_pool;
use super::{Store, StoreError};
use crate::domain::account::Role;
use crate::domain::date::CalendarDate;
use crate::domain::secret_expiry::Reminder;
use crate::i18n::Lang;

impl Store {
    /// Claims `reminder` of the secret expiring on `expires_on`: `true` for the one caller (on
    /// any instance) that should send it.
    pub async fn claim_reminder(
        &self,
        tenant: &str,
        expires_on: CalendarDate,
        reminder: Reminder,
        now: i64,
    ) -> Result<bool, StoreError> {
        let inserted = on_pool!(self.db.writer(), |c, pg| sqlx::query(
            "INSERT INTO secret_expiry_reminder (tenant_id, expires_on, reminder, sent_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(tenant)
        .bind(expires_on.to_string())
        .bind(reminder.as_str())
        .bind(now)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
        Ok(inserted == 1)
    }

    /// Gives a claimed reminder back when its emails could not be queued: the next check tries
    /// again.
    pub async fn release_reminder(
        &self,
        tenant: &str,
        expires_on: CalendarDate,
        reminder: Reminder,
    ) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| sqlx::query(
            "DELETE FROM secret_expiry_reminder
             WHERE tenant_id = $1 AND expires_on = $2 AND reminder = $3",
        )
        .bind(tenant)
        .bind(expires_on.to_string())
        .bind(reminder.as_str())
        .execute(c)
        .await
        .map(drop))?;
        Ok(())
    }

    /// The tenant's admins: their addresses and chosen languages.
    pub async fn tenant_admins(
        &self,
        tenant: &str,
    ) -> Result<Vec<(String, Option<Lang>)>, StoreError> {
        let rows: Vec<(String, Option<String>)> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as(
                "SELECT email, language FROM user_account
                 WHERE tenant_id = $1 AND role = $2 ORDER BY id",
            )
            .bind(tenant)
            .bind(Role::Admin.as_str())
            .fetch_all(c)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(email, lang)| (email, lang.as_deref().and_then(Lang::from_tag)))
            .collect())
    }

    /// The expiry date the admin gave for the active provider's client secret, with the app's
    /// client ID; `None` when the provider has no client secret or no date was given.
    pub async fn secret_expiry(
        &self,
        tenant: &str,
    ) -> Result<Option<(CalendarDate, String)>, StoreError> {
        let row: Option<(String, String)> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as(
                "SELECT oauth_secret_expires_on, oauth_client_id FROM smtp_settings
                 WHERE tenant_id = $1 AND auth_enabled AND auth_type = 'microsoft_oauth'
                   AND oauth_secret_expires_on IS NOT NULL AND oauth_client_id IS NOT NULL
                 UNION ALL
                 SELECT secret_expires_on, client_id FROM graph_settings
                 WHERE tenant_id = $1 AND secret_expires_on IS NOT NULL",
            )
            .bind(tenant)
            .fetch_optional(c)
            .await
        })?;
        row.map(|(date, client_id)| {
            CalendarDate::parse(&date)
                .map(|date| (date, client_id))
                .ok_or_else(|| StoreError::Corrupt(format!("date {date}")))
        })
        .transpose()
    }

    pub async fn tenant_name(&self, tenant: &str) -> Result<Option<String>, StoreError> {
        Ok(on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_scalar("SELECT name FROM tenant WHERE id = $1")
                .bind(tenant)
                .fetch_optional(c)
                .await
        })?)
    }
}
