//! Attempt windows for the sign-in and reset-request limits (see `auth::limiter`): one row per
//! purpose and subject, shared by every process on the database.

use super::{Store, StoreError};

impl Store {
    /// The windows of `subjects` for `purpose` that started after `since`: (subject, started
    /// at, failures).
    pub async fn attempt_windows(
        &self,
        purpose: &str,
        subjects: &[String],
        since: i64,
    ) -> Result<Vec<(String, i64, u32)>, StoreError> {
        let subjects = serde_json::Value::from(subjects.to_vec()).to_string();
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT subject, started_at, failures FROM attempt_window
             WHERE purpose = ? AND started_at > ? AND subject IN (SELECT value FROM json_each(?))",
        )
        .bind(purpose)
        .bind(since)
        .bind(subjects)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(subject, started, failures)| (subject, started, failures as u32))
            .collect())
    }

    /// Counts a failure for each of `subjects`: in its window, or in a new one from `now` when
    /// the last started `window_ms` ago or more. Windows long over are dropped on the way.
    pub async fn record_attempt_failure(
        &self,
        purpose: &str,
        subjects: &[String],
        now: i64,
        window_ms: i64,
    ) -> Result<(), StoreError> {
        let expired = now - window_ms;
        let mut tx = self.begin_write().await?;
        for subject in subjects {
            sqlx::query(
                "INSERT INTO attempt_window (purpose, subject, started_at, failures)
                 VALUES (?1, ?2, ?3, 1)
                 ON CONFLICT (purpose, subject) DO UPDATE SET
                   failures = CASE WHEN started_at <= ?4 THEN 1 ELSE failures + 1 END,
                   started_at = CASE WHEN started_at <= ?4 THEN ?3 ELSE started_at END",
            )
            .bind(purpose)
            .bind(subject)
            .bind(now)
            .bind(expired)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM attempt_window WHERE started_at <= ?")
            .bind(expired - window_ms)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgets `subject`'s failures for `purpose` (a successful sign-in).
    pub async fn clear_attempts(&self, purpose: &str, subject: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM attempt_window WHERE purpose = ? AND subject = ?")
            .bind(purpose)
            .bind(subject)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
