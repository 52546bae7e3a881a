//! The outbox: accepted messages, their attempts, and paused tenants. A message is committed
//! before the API answers 202; a worker claims due messages with a lease, so that a message
//! whose worker died is claimed again once its lease lapses. Times are Unix milliseconds.

use super::backend::{on_pool, on_tx};
use super::{Store, StoreError};
use crate::domain::delivery::{Category, DeliveryStatus};
use crate::domain::test_email::SendFailure;

/// A message to enqueue (validated, body as JSON).
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub id: String,
    pub category: Category,
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub request_digest: String,
}

/// What enqueueing decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enqueued {
    /// Committed, with these ids (in the order given).
    Accepted(Vec<String>),
    /// The Idempotency-Key was used before with the same request: its message.
    Repeated(String),
    /// The Idempotency-Key was used before with another request.
    KeyReused,
    /// The tenant already has this many messages waiting.
    QueueFull,
}

/// A message claimed for sending.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: String,
    pub category: String,
    pub recipient_count: i64,
    pub tenant_id: String,
    pub body: String,
    pub message_id: String,
    pub attempts: u32,
    pub created_at: i64,
    /// Until when this claim holds: the message is this worker's until then.
    pub lease_until: i64,
}

/// The record of one message, for the delivery log.
#[derive(Debug, Clone)]
pub struct MessageRow {
    pub id: String,
    pub created_at: i64,
    pub category: Category,
    pub recipients: Vec<String>,
    pub subject: String,
    pub status: DeliveryStatus,
    pub run_at: i64,
    pub attempts: Vec<AttemptRow>,
}

#[derive(Debug, Clone)]
pub struct AttemptRow {
    pub at: i64,
    pub outcome: DeliveryStatus,
    pub reply: Option<String>,
    pub failure: Option<SendFailure>,
}

/// How an attempt ended, as the worker records it.
#[derive(Debug, Clone)]
pub enum AttemptEnd {
    Sent {
        reply: String,
    },
    /// Try again at `run_at`.
    Deferred {
        failure: SendFailure,
        run_at: i64,
    },
    Failed {
        failure: SendFailure,
    },
}

/// Filters of the delivery log.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub status: Option<DeliveryStatus>,
    pub category: Option<Category>,
    /// Part of a recipient address, any case.
    pub recipient: Option<String>,
    /// Messages created before this one (paging); `None`: the newest.
    pub before: Option<(i64, String)>,
}

impl Store {
    /// Commits `messages` in one transaction, or none of them. With an idempotency key (one
    /// message only), a repeat of the same request returns the first message's id.
    pub async fn enqueue(
        &self,
        tenant: &str,
        messages: &[NewMessage],
        idempotency_key: Option<&str>,
        max_waiting: i64,
        now: i64,
    ) -> Result<Enqueued, StoreError> {
        // Serial per tenant: the idempotency check and the waiting count hold until commit.
        let mut tx = self.begin_serial(&format!("outbox/{tenant}")).await?;
        if let (Some(key), [message]) = (idempotency_key, messages) {
            let earlier: Option<(String, String)> = on_tx!(&mut tx, |c, pg| sqlx::query_as(
                "SELECT id, request_digest FROM outbox_message
                 WHERE tenant_id = $1 AND idempotency_key = $2",
            )
            .bind(tenant)
            .bind(key)
            .fetch_optional(&mut *c)
            .await)?;
            if let Some((id, digest)) = earlier {
                return Ok(if digest == message.request_digest {
                    Enqueued::Repeated(id)
                } else {
                    Enqueued::KeyReused
                });
            }
        }
        let waiting: i64 = on_tx!(&mut tx, |c, pg| sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox_message
             WHERE tenant_id = $1 AND status IN ('queued', 'sending', 'deferred')",
        )
        .bind(tenant)
        .fetch_one(&mut *c)
        .await)?;
        if waiting + messages.len() as i64 > max_waiting {
            return Ok(Enqueued::QueueFull);
        }
        for message in messages {
            let recipients = message.recipients.join("\n").to_lowercase();
            on_tx!(&mut tx, |c, pg| {
                sqlx::query(
                "INSERT INTO outbox_message (id, tenant_id, idempotency_key, request_digest, category,
                   recipients, recipient_count, subject, body, message_id, status, run_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', $11, $11)",
            )
            .bind(&message.id)
            .bind(tenant)
            .bind(idempotency_key.filter(|_| messages.len() == 1))
            .bind(&message.request_digest)
            .bind(message.category.as_str())
            .bind(&recipients)
            .bind(message.recipients.len() as i64)
            .bind(&message.subject)
            .bind(&message.body)
            .bind(&message.message_id)
            .bind(now)
            .execute(&mut *c)
            .await.map(drop)
            })?;
        }
        tx.commit().await?;
        Ok(Enqueued::Accepted(
            messages.iter().map(|m| m.id.clone()).collect(),
        ))
    }

    /// Claims up to `limit` due messages of tenants whose sending is not paused: first
    /// attempts, retries whose time has come, and messages whose worker's lease lapsed.
    pub async fn claim(
        &self,
        now: i64,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        // PostgreSQL: rows another instance is claiming right now are skipped, not waited for.
        let mut tx = self.begin_write().await?;
        let rows: Vec<ClaimedRow> = on_tx!(&mut tx, |c, pg| {
            sqlx::query_as(if pg {
                claim_sql!("id", "FOR UPDATE SKIP LOCKED")
            } else {
                // SQLite has no row locks (one writer at a time); its rowid is the cheapest key.
                claim_sql!("rowid", "")
            })
            .bind(now + lease_ms)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *c)
            .await
        })?;
        tx.commit().await?;
        rows.into_iter()
            .map(|row| {
                Ok(Claimed {
                    id: row.id,
                    category: row.category,
                    recipient_count: row.recipient_count,
                    tenant_id: row.tenant_id,
                    body: row.body.ok_or_else(|| {
                        StoreError::Corrupt("claimed message without body".into())
                    })?,
                    message_id: row.message_id,
                    attempts: row.attempts as u32,
                    created_at: row.created_at,
                    lease_until: now + lease_ms,
                })
            })
            .collect()
    }

    /// Records attempts (message id, when, how it ended) and where they leave the messages, in
    /// one transaction. A sent or failed message loses its body; its record stays for the
    /// delivery log.
    pub async fn finish_attempts(
        &self,
        ended: &[(String, i64, AttemptEnd)],
    ) -> Result<(), StoreError> {
        // Three statements for the whole batch (the database walks the JSON arrays), not two
        // per message: each statement is a round trip to the database.
        let mut attempts = Vec::with_capacity(ended.len());
        let mut finished = Vec::new();
        let mut deferred = Vec::new();
        for (id, at, end) in ended {
            let (outcome, reply, failure) = match end {
                AttemptEnd::Sent { reply } => (DeliveryStatus::Sent, Some(reply.clone()), None),
                AttemptEnd::Deferred { failure, run_at } => {
                    deferred.push(serde_json::json!({ "id": id, "run_at": run_at }));
                    (DeliveryStatus::Deferred, None, Some(failure))
                }
                AttemptEnd::Failed { failure } => (DeliveryStatus::Failed, None, Some(failure)),
            };
            if outcome != DeliveryStatus::Deferred {
                finished
                    .push(serde_json::json!({ "id": id, "status": outcome.as_str(), "at": at }));
            }
            let failure = failure
                .map(serde_json::to_string)
                .transpose()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            attempts.push(serde_json::json!({
                "id": id, "at": at, "outcome": outcome.as_str(), "reply": reply, "failure": failure,
            }));
        }
        let json = |rows: Vec<serde_json::Value>| serde_json::Value::Array(rows).to_string();
        let (any_finished, any_deferred) = (!finished.is_empty(), !deferred.is_empty());
        let (attempts, finished, deferred) = (json(attempts), json(finished), json(deferred));
        let mut tx = self.begin_write().await?;
        on_tx!(&mut tx, |c, pg| {
            sqlx::query(if pg {
                "INSERT INTO delivery_attempt (message_id, n, at, outcome, reply, failure)
                 SELECT j.value ->> 'id',
                        (SELECT COUNT(*) + 1 FROM delivery_attempt d WHERE d.message_id = j.value ->> 'id'),
                        (j.value ->> 'at')::BIGINT, j.value ->> 'outcome', j.value ->> 'reply',
                        j.value ->> 'failure'
                 FROM jsonb_array_elements($1::jsonb) j"
            } else {
                "INSERT INTO delivery_attempt (message_id, n, at, outcome, reply, failure)
                 SELECT j.value ->> 'id',
                        (SELECT COUNT(*) + 1 FROM delivery_attempt d WHERE d.message_id = j.value ->> 'id'),
                        j.value ->> 'at', j.value ->> 'outcome', j.value ->> 'reply', j.value ->> 'failure'
                 FROM json_each($1) j"
            })
            .bind(&attempts)
            .execute(&mut *c)
            .await?;
            if any_finished {
                sqlx::query(if pg {
                    "UPDATE outbox_message
                     SET status = f.value ->> 'status', finished_at = (f.value ->> 'at')::BIGINT,
                         body = NULL, lease_until = NULL
                     FROM jsonb_array_elements($1::jsonb) f WHERE outbox_message.id = f.value ->> 'id'"
                } else {
                    "UPDATE outbox_message
                     SET status = f.value ->> 'status', finished_at = f.value ->> 'at',
                         body = NULL, lease_until = NULL
                     FROM json_each($1) f WHERE outbox_message.id = f.value ->> 'id'"
                })
                .bind(&finished)
                .execute(&mut *c)
                .await?;
            }
            if any_deferred {
                sqlx::query(if pg {
                    "UPDATE outbox_message
                     SET status = 'deferred', run_at = (d.value ->> 'run_at')::BIGINT,
                         lease_until = NULL
                     FROM jsonb_array_elements($1::jsonb) d WHERE outbox_message.id = d.value ->> 'id'"
                } else {
                    "UPDATE outbox_message
                     SET status = 'deferred', run_at = d.value ->> 'run_at', lease_until = NULL
                     FROM json_each($1) d WHERE outbox_message.id = d.value ->> 'id'"
                })
                .bind(&deferred)
                .execute(&mut *c)
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts a claimed message back without an attempt: its tenant was paused meanwhile or its
    /// lease ran short (`run_at: None`, it keeps its time), or it must wait for its pace
    /// (`Some(when)`). Only while the claim is still this one: once it lapsed, the message may
    /// already be another claim's.
    pub async fn release(&self, message: &Claimed, run_at: Option<i64>) -> Result<(), StoreError> {
        on_pool!(self.db.writer(), |c, pg| sqlx::query(
            "UPDATE outbox_message
             SET status = CASE WHEN EXISTS (SELECT 1 FROM delivery_attempt WHERE message_id = $1)
                               THEN 'deferred' ELSE 'queued' END,
                 run_at = COALESCE($2, run_at), lease_until = NULL
             WHERE id = $1 AND status = 'sending' AND lease_until = $3",
        )
        .bind(&message.id)
        .bind(run_at)
        .bind(message.lease_until)
        .execute(c)
        .await
        .map(drop))?;
        Ok(())
    }

    /// Recipients of `tenant`'s messages sent since `since` (the daily cap).
    pub async fn recipients_sent_since(&self, tenant: &str, since: i64) -> Result<i64, StoreError> {
        let sent: Option<i64> = on_pool!(self.db.reader(), |c, pg| sqlx::query_scalar(
            "SELECT CAST(SUM(recipient_count) AS BIGINT) FROM outbox_message
             WHERE tenant_id = $1 AND status = 'sent' AND finished_at >= $2",
        )
        .bind(tenant)
        .bind(since)
        .fetch_one(c)
        .await)?;
        Ok(sent.unwrap_or(0))
    }

    /// One message of `tenant`, with its attempts.
    pub async fn outbox_message(
        &self,
        tenant: &str,
        id: &str,
    ) -> Result<Option<MessageRow>, StoreError> {
        let filter = LogFilter::default();
        let mut rows = self.messages(tenant, &filter, Some(id), 1).await?;
        Ok(rows.pop())
    }

    /// A page of the delivery log, newest first.
    pub async fn delivery_log(
        &self,
        tenant: &str,
        filter: &LogFilter,
        limit: i64,
    ) -> Result<Vec<MessageRow>, StoreError> {
        self.messages(tenant, filter, None, limit).await
    }

    async fn messages(
        &self,
        tenant: &str,
        filter: &LogFilter,
        id: Option<&str>,
        limit: i64,
    ) -> Result<Vec<MessageRow>, StoreError> {
        let mut tx = self.db.begin_read().await?;
        let (before_at, before_id) = filter.before.clone().unwrap_or((i64::MAX, String::new()));
        let rows: Vec<LogRow> = on_tx!(&mut tx, |c, pg| {
            sqlx::query_as(if pg {
            "SELECT id, created_at, category, recipients, subject, status, run_at FROM outbox_message
             WHERE tenant_id = $1
               AND ($2::TEXT IS NULL OR id = $2)
               AND ($3::TEXT IS NULL OR status = $3)
               AND ($4::TEXT IS NULL OR category = $4)
               AND ($5::TEXT IS NULL OR strpos(recipients, lower($5)) > 0)
               AND (created_at < $6 OR (created_at = $6 AND id < $7) OR $7 = '')
               AND created_at <= $6
             ORDER BY created_at DESC, id DESC LIMIT $8"
        } else {
            "SELECT id, created_at, category, recipients, subject, status, run_at FROM outbox_message
             WHERE tenant_id = $1
               AND ($2 IS NULL OR id = $2)
               AND ($3 IS NULL OR status = $3)
               AND ($4 IS NULL OR category = $4)
               AND ($5 IS NULL OR instr(recipients, lower($5)) > 0)
               AND (created_at < $6 OR (created_at = $6 AND id < $7) OR $7 = '')
               AND created_at <= $6
             ORDER BY created_at DESC, id DESC LIMIT $8"
        })
        .bind(tenant)
        .bind(id)
        .bind(filter.status.map(DeliveryStatus::as_str))
        .bind(filter.category.map(Category::as_str))
        .bind(filter.recipient.as_deref())
        .bind(before_at)
        .bind(&before_id)
        .bind(limit)
        .fetch_all(&mut *c)
        .await
        })?;
        let mut messages = Vec::with_capacity(rows.len());
        for row in rows {
            let attempts: Vec<(i64, String, Option<String>, Option<String>)> =
                on_tx!(&mut tx, |c, pg| sqlx::query_as(
                    "SELECT at, outcome, reply, failure FROM delivery_attempt
                     WHERE message_id = $1 ORDER BY n",
                )
                .bind(&row.id)
                .fetch_all(&mut *c)
                .await)?;
            let attempts = attempts
                .into_iter()
                .map(|(at, outcome, reply, failure)| {
                    Ok(AttemptRow {
                        at,
                        outcome: status(&outcome)?,
                        reply,
                        failure: failure
                            .map(|f| serde_json::from_str(&f))
                            .transpose()
                            .map_err(|e| StoreError::Corrupt(format!("attempt failure: {e}")))?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            messages.push(MessageRow {
                category: Category::parse(&row.category)
                    .ok_or_else(|| StoreError::Corrupt(format!("category {}", row.category)))?,
                recipients: row.recipients.lines().map(str::to_owned).collect(),
                status: status(&row.status)?,
                id: row.id,
                created_at: row.created_at,
                subject: row.subject,
                run_at: row.run_at,
                attempts,
            });
        }
        Ok(messages)
    }

    /// The stored body of message `id` (`None` once it was sent or failed).
    pub async fn outbox_body(&self, id: &str) -> Result<Option<String>, StoreError> {
        let body: Option<Option<String>> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_scalar("SELECT body FROM outbox_message WHERE id = $1")
                .bind(id)
                .fetch_optional(c)
                .await
        })?;
        Ok(body.flatten())
    }

    /// Pauses `tenant`'s sending: its configuration failed as `failure`.
    pub async fn pause_sending(
        &self,
        tenant: &str,
        failure: &SendFailure,
        now: i64,
    ) -> Result<(), StoreError> {
        let failure =
            serde_json::to_string(failure).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        on_pool!(self.db.writer(), |c, pg| sqlx::query(
            "INSERT INTO sending_pause (tenant_id, since, failure) VALUES ($1, $2, $3)
             ON CONFLICT (tenant_id) DO UPDATE SET failure = excluded.failure",
        )
        .bind(tenant)
        .bind(now)
        .bind(&failure)
        .execute(c)
        .await
        .map(drop))?;
        Ok(())
    }

    /// Lets `tenant`'s messages go again. Returns whether it was paused.
    pub async fn resume_sending(&self, tenant: &str) -> Result<bool, StoreError> {
        let done = on_pool!(self.db.writer(), |c, pg| {
            sqlx::query("DELETE FROM sending_pause WHERE tenant_id = $1")
                .bind(tenant)
                .execute(c)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(done > 0)
    }

    /// Since when and why `tenant`'s sending is paused, if it is.
    pub async fn sending_paused(
        &self,
        tenant: &str,
    ) -> Result<Option<(i64, SendFailure)>, StoreError> {
        let row: Option<(i64, String)> = on_pool!(self.db.reader(), |c, pg| {
            sqlx::query_as("SELECT since, failure FROM sending_pause WHERE tenant_id = $1")
                .bind(tenant)
                .fetch_optional(c)
                .await
        })?;
        row.map(|(since, failure)| {
            serde_json::from_str(&failure)
                .map(|f| (since, f))
                .map_err(|e| StoreError::Corrupt(format!("pause: {e}")))
        })
        .transpose()
    }

    /// How many messages wait per status, the age of the oldest, and how many tenants are
    /// paused (metrics).
    pub async fn queue_stats(&self, now: i64) -> Result<crate::metrics::QueueStats, StoreError> {
        let (rows, paused): (Vec<(String, i64, i64)>, i64) = on_pool!(self.db.reader(), |c, pg| {
            let rows = sqlx::query_as(
                "SELECT status, COUNT(*), MIN(created_at) FROM outbox_message
                 WHERE status IN ('queued', 'sending', 'deferred') GROUP BY status",
            )
            .fetch_all(c)
            .await?;
            let paused = sqlx::query_scalar("SELECT COUNT(*) FROM sending_pause")
                .fetch_one(c)
                .await?;
            (rows, paused)
        });
        Ok(crate::metrics::QueueStats {
            waiting: rows
                .into_iter()
                .filter_map(|(status, count, oldest)| {
                    let status = DeliveryStatus::parse(&status)?.as_str();
                    Some((status, count, (now - oldest).max(0) as f64 / 1000.0))
                })
                .collect(),
            paused_tenants: paused,
        })
    }

    /// Deletes the records of messages sent or failed before `before`. Returns how many.
    pub async fn purge_delivery_log(&self, before: i64) -> Result<u64, StoreError> {
        let done = on_pool!(self.db.writer(), |c, pg| {
            sqlx::query(
            "DELETE FROM outbox_message WHERE status IN ('sent', 'failed') AND finished_at < $1",
        )
        .bind(before)
        .execute(c)
        .await
        .map(|done| done.rows_affected())
        })?;
        Ok(done)
    }
}

/// The claim: due messages of tenants not paused, oldest first, `$3` at most, leased until
/// `$1`; `$key` names rows in the subquery and `$lock` locks them.
macro_rules! claim_sql {
    ($key:literal, $lock:literal) => {
        concat!(
            "UPDATE outbox_message SET status = 'sending', lease_until = $1
             WHERE ",
            $key,
            " IN (
               SELECT ",
            $key,
            " FROM outbox_message
               WHERE ((status IN ('queued', 'deferred') AND run_at <= $2)
                      OR (status = 'sending' AND lease_until < $2))
                 AND tenant_id NOT IN (SELECT tenant_id FROM sending_pause)
               ORDER BY run_at LIMIT $3 ",
            $lock,
            ")
             RETURNING id, tenant_id, body, message_id, created_at, category, recipient_count,
               (SELECT COUNT(*) FROM delivery_attempt a
                WHERE a.message_id = outbox_message.id) AS attempts"
        )
    };
}
use claim_sql;

/// A claimed message's row.
#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: String,
    tenant_id: String,
    body: Option<String>,
    message_id: String,
    created_at: i64,
    category: String,
    recipient_count: i64,
    attempts: i64,
}

/// A message's row in the delivery log.
#[derive(sqlx::FromRow)]
struct LogRow {
    id: String,
    created_at: i64,
    category: String,
    recipients: String,
    subject: String,
    status: String,
    run_at: i64,
}

fn status(value: &str) -> Result<DeliveryStatus, StoreError> {
    DeliveryStatus::parse(value).ok_or_else(|| StoreError::Corrupt(format!("status {value}")))
}
