//! Accepting messages and reading their status; API tokens. The HTTP handlers and the CLI
//! call these; they call the store.

use super::request::{MessageRequest, Refusal, ValidMessage};
use super::retry::RetryPolicy;
use crate::auth::token;
use crate::clock::{rfc3339_from_ms, unix_now, unix_now_ms};
use crate::domain::delivery::{Attempt, CreatedToken, DeliveryRecord, TokenScope, TokenView};
use crate::store::{
    AuditRecord, Enqueued, MessageRow, NewMessage, NewToken, Store, StoreError, TokenRecord,
};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How the outbox works; every value has a flag (see `server/src/config.rs`).
#[derive(Debug, Clone)]
pub struct OutboxConfig {
    pub retry: RetryPolicy,
    /// How long a worker may take with a claimed message before another may take it.
    pub lease: Duration,
    /// How often the worker looks for due messages when nothing wakes it.
    pub poll: Duration,
    /// Messages a tenant may have waiting before the API answers 429.
    pub max_waiting: i64,
    /// How long the records of sent and failed messages are kept.
    pub retention: Duration,
    /// Messages one SMTP configuration sends at once (one connection each).
    pub smtp_connections: usize,
    /// Microsoft 365: per sender mailbox.
    pub graph_limits: super::pacing::Limits,
    /// How often each tenant's provider is checked in the background (and after each save);
    /// `None`: never (see `provider_health`).
    pub health_every: Option<Duration>,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            lease: Duration::from_secs(120),
            poll: Duration::from_secs(1),
            max_waiting: 10_000,
            retention: Duration::from_secs(30 * 24 * 3600),
            smtp_connections: 4,
            graph_limits: super::pacing::Limits::default(),
            health_every: None,
        }
    }
}

/// The outbox as the rest of the server sees it: its configuration and the bell that wakes
/// the worker when a message arrives.
#[derive(Clone, Default)]
pub struct Outbox {
    pub config: OutboxConfig,
    wake: Arc<Notify>,
}

impl Outbox {
    pub fn new(config: OutboxConfig) -> Self {
        Self {
            config,
            ..Self::default()
        }
    }

    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub async fn woken(&self) {
        self.wake.notified().await;
    }
}

/// Why the API refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AcceptError {
    /// Field errors by message index (always 0 for a single message).
    Invalid(Vec<(usize, super::request::MessageErrors)>),
    TooLarge,
    /// The Idempotency-Key came with a different request before.
    KeyReused,
    QueueFull,
    Store,
}

impl From<StoreError> for AcceptError {
    fn from(err: StoreError) -> Self {
        tracing::error!(error = %err, "outbox: could not store messages");
        Self::Store
    }
}

/// Validates and commits `requests` (all or none). Returns their ids once committed.
pub async fn accept(
    store: &Store,
    outbox: &Outbox,
    tenant: &str,
    requests: &[MessageRequest],
    idempotency_key: Option<&str>,
) -> Result<Vec<String>, AcceptError> {
    let mut messages = Vec::with_capacity(requests.len());
    let mut invalid = Vec::new();
    for (index, request) in requests.iter().enumerate() {
        match request.validate() {
            Ok(valid) => messages.push(new_message(request, &valid)?),
            Err(Refusal::TooLarge) => return Err(AcceptError::TooLarge),
            Err(Refusal::Invalid(errors)) => invalid.push((index, errors)),
        }
    }
    if !invalid.is_empty() {
        return Err(AcceptError::Invalid(invalid));
    }
    let max = outbox.config.max_waiting;
    let ids = match store
        .enqueue(tenant, &messages, idempotency_key, max, unix_now_ms())
        .await?
    {
        Enqueued::Accepted(ids) => ids,
        Enqueued::Repeated(id) => vec![id],
        Enqueued::KeyReused => return Err(AcceptError::KeyReused),
        Enqueued::QueueFull => return Err(AcceptError::QueueFull),
    };
    outbox.wake();
    Ok(ids)
}

fn new_message(request: &MessageRequest, valid: &ValidMessage) -> Result<NewMessage, AcceptError> {
    let body = serde_json::to_string(request).map_err(|_| AcceptError::Store)?;
    let digest = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(NewMessage {
        id: uuid::Uuid::new_v4().to_string(),
        category: valid.category,
        recipients: valid.recipients().cloned().collect(),
        subject: valid.subject.clone(),
        body,
        // The unique part of the Message-ID; the worker adds the sender's domain, which is only
        // known at send time.
        message_id: uuid::Uuid::new_v4().to_string(),
        request_digest: digest,
    })
}

pub fn record(row: MessageRow) -> DeliveryRecord {
    use crate::domain::delivery::DeliveryStatus;
    DeliveryRecord {
        next_attempt_at: (row.status == DeliveryStatus::Deferred)
            .then(|| rfc3339_from_ms(row.run_at)),
        id: row.id,
        created_at: rfc3339_from_ms(row.created_at),
        category: row.category,
        recipients: row.recipients,
        subject: row.subject,
        status: row.status,
        attempts: row
            .attempts
            .into_iter()
            .map(|a| Attempt {
                at: rfc3339_from_ms(a.at),
                outcome: a.outcome,
                reply: a.reply,
                failure: a.failure,
            })
            .collect(),
    }
}

/// A caller of the API, known by its token.
#[derive(Debug, Clone)]
pub struct TokenCaller {
    pub tenant_id: String,
    pub scope: TokenScope,
}

/// The tenant and scope of a bearer token, if it is live (not revoked, not expired).
pub async fn authenticate(store: &Store, bearer: &str) -> Result<Option<TokenCaller>, StoreError> {
    let Some(record) = store.token_by_digest(&token::digest(bearer)).await? else {
        return Ok(None);
    };
    let now = unix_now();
    if record.revoked_at.is_some() || record.expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    store.touch_token(record.id, now).await?;
    Ok(Some(TokenCaller {
        tenant_id: record.tenant_id,
        scope: record.scope,
    }))
}

/// When a token given `days` to live expires (Unix seconds); `None`: never.
pub fn expiry_in_days(days: Option<u32>) -> Option<i64> {
    days.map(|d| unix_now() + i64::from(d) * 86_400)
}

/// Creates a token that expires at `expires_at` (Unix seconds; `None`: never); returns it with
/// its value, which is shown once and never stored.
pub async fn create_token(
    store: &Store,
    tenant: &str,
    name: &str,
    scope: TokenScope,
    expires_at: Option<i64>,
    actor: &str,
) -> Result<CreatedToken, StoreError> {
    let value = format!("mw_{}", token::new_token());
    let now = unix_now();
    let at = crate::clock::now_rfc3339();
    let id = store
        .create_token(
            NewToken {
                tenant_id: tenant,
                name,
                digest: &token::digest(&value),
                scope,
                expires_at,
                now,
            },
            AuditRecord { actor, at: &at },
        )
        .await?;
    let token = token_view(TokenRecord {
        id,
        tenant_id: tenant.to_owned(),
        name: name.to_owned(),
        scope,
        created_at: now,
        created_by: actor.to_owned(),
        last_used_at: None,
        expires_at,
        revoked_at: None,
    });
    Ok(CreatedToken { token, value })
}

pub fn token_view(record: TokenRecord) -> TokenView {
    let time = |s: i64| rfc3339_from_ms(s * 1000);
    TokenView {
        id: record.id,
        name: record.name,
        scope: record.scope,
        created_at: time(record.created_at),
        created_by: record.created_by,
        last_used_at: record.last_used_at.map(time),
        expires_at: record.expires_at.map(time),
    }
}
