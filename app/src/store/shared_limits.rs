//! Attempt windows for the sign-in and reset-request limits (see `auth::limiter`) and the
//! paced senders' next slots (see `outbox::pacing`): state every process on the database shares.

use super::backend::{on_pool, on_tx};
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
        let rows: Vec<(String, i64, i64)> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as(if pg {
                "SELECT subject, started_at, failures FROM attempt_window
                 WHERE purpose = $1 AND started_at > $2
                   AND subject IN (SELECT jsonb_array_elements_text($3::jsonb))"
            } else {
                "SELECT subject, started_at, failures FROM attempt_window
                 WHERE purpose = $1 AND started_at > $2
                   AND subject IN (SELECT value FROM json_each($3))"
            })
            .bind(purpose)
            .bind(since)
            .bind(&subjects)
            .fetch_all(c)
            .await
        })?;
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
        // Each upsert locks its row: two instances counting at once both count.
        let mut tx = self.begin_write().await?;
        on_tx!(&mut tx, |c, pg| {
            for subject in subjects {
                sqlx::query(
                    "INSERT INTO attempt_window AS w (purpose, subject, started_at, failures)
                     VALUES ($1, $2, $3, 1)
                     ON CONFLICT (purpose, subject) DO UPDATE SET
                       failures = CASE WHEN w.started_at <= $4 THEN 1 ELSE w.failures + 1 END,
                       started_at = CASE WHEN w.started_at <= $4 THEN $3 ELSE w.started_at END",
                )
                .bind(purpose)
                .bind(subject)
                .bind(now)
                .bind(expired)
                .execute(&mut *c)
                .await?;
            }
            sqlx::query("DELETE FROM attempt_window WHERE started_at <= $1")
                .bind(expired - window_ms)
                .execute(&mut *c)
                .await
                .map(drop)
        })?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgets `subject`'s failures for `purpose` (a successful sign-in).
    pub async fn clear_attempts(&self, purpose: &str, subject: &str) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("DELETE FROM attempt_window WHERE purpose = $1 AND subject = $2")
                .bind(purpose)
                .bind(subject)
                .execute(c)
                .await
                .map(drop)
        })?;
        Ok(())
    }
}

impl Store {
    /// Takes `sender`'s next sending slot at `now` if it is free (`Ok(Ok(()))`), else tells
    /// when it will be (`Ok(Err(when))`). One write transaction holding the sender's row
    /// (`FOR UPDATE` on PostgreSQL, the write lock on SQLite): two instances never take the
    /// same slot, and no provider is called while it is held.
    pub async fn take_send_slot(
        &self,
        sender: &str,
        per_minute: u32,
        now: i64,
    ) -> Result<Result<(), i64>, StoreError> {
        let mut tx = self.begin_write().await?;
        let next: Option<i64> = on_tx!(&mut tx, |c, pg| {
            if pg {
                // A row to lock even for a sender that never sent: 0 is a slot long free.
                sqlx::query(
                    "INSERT INTO sender_pace (sender, next_slot) VALUES ($1, 0)
                     ON CONFLICT (sender) DO NOTHING",
                )
                .bind(sender)
                .execute(&mut *c)
                .await?;
            }
            sqlx::query_scalar(if pg {
                "SELECT next_slot FROM sender_pace WHERE sender = $1 FOR UPDATE"
            } else {
                "SELECT next_slot FROM sender_pace WHERE sender = $1"
            })
            .bind(sender)
            .fetch_optional(&mut *c)
            .await
        })?;
        let new_next = match crate::outbox::pacing::take_slot(next, per_minute, now) {
            Ok(new_next) => new_next,
            Err(when) => return Ok(Err(when)),
        };
        on_tx!(&mut tx, |c, pg| sqlx::query(
            "INSERT INTO sender_pace (sender, next_slot) VALUES ($1, $2)
             ON CONFLICT (sender) DO UPDATE SET next_slot = $2"
        )
        .bind(sender)
        .bind(new_next)
        .execute(&mut *c)
        .await
        .map(drop))?;
        tx.commit().await?;
        Ok(Ok(()))
    }
}
