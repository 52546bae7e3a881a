//! The worker: claims due messages, sends each through its tenant's provider as configured at
//! that moment, and records the attempt. Runs inside the server, woken by new messages and
//! otherwise every `poll`.

use super::request::MessageRequest;
use super::retry::{classify, FailureKind};
use crate::clock::unix_now_ms;
use crate::domain::provider::ProviderKind;
use crate::domain::test_email::{FailureCause, SendFailure, SendStep};
use crate::mail::{MailError, OutgoingEmail};
use crate::settings::email::service::{tenant_mailer, TenantMailer};
use crate::state::AppState;
use crate::store::{AttemptEnd, Claimed};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Messages claimed at once.
const CLAIM_BATCH: i64 = 256;
/// How long the worker waits after being woken, so that messages arriving together are
/// claimed together.
const GATHER: Duration = Duration::from_millis(10);
/// How often sent messages older than the retention period are purged.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// Runs the worker until the process ends.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_purge = None::<std::time::Instant>;
        loop {
            if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
                purge(&state).await;
                last_purge = Some(std::time::Instant::now());
            }
            let worked = run_once(&state).await;
            if !worked {
                let outbox = &state.outbox;
                if tokio::time::timeout(outbox.config.poll, outbox.woken())
                    .await
                    .is_ok()
                {
                    // Messages often come in quick succession: gather them into one claim
                    // instead of taking the write lock once per accepted message.
                    tokio::time::sleep(GATHER).await;
                }
            }
        }
    })
}

/// Claims and sends one batch of due messages. Returns whether there were any.
pub async fn run_once(state: &AppState) -> bool {
    let config = &state.outbox.config;
    let lease = config.lease.as_millis() as i64;
    let claimed = match state.store.claim(unix_now_ms(), lease, CLAIM_BATCH).await {
        Ok(claimed) => claimed,
        Err(err) => {
            tracing::error!(error = %err, "outbox: could not claim messages");
            tokio::time::sleep(config.poll).await;
            return false;
        }
    };
    if claimed.is_empty() {
        return false;
    }
    let mut by_tenant: BTreeMap<String, Vec<Claimed>> = BTreeMap::new();
    for message in claimed {
        by_tenant
            .entry(message.tenant_id.clone())
            .or_default()
            .push(message);
    }
    // Attempts are recorded by one task, as many per transaction as have ended by then: a
    // durable commit costs an fsync, and one per message would cap the rate at the disk's.
    let (results, ended) = tokio::sync::mpsc::unbounded_channel();
    let recorder = tokio::spawn(record_attempts(state.clone(), ended));
    let tenants: Vec<_> = by_tenant
        .into_iter()
        .map(|(tenant, messages)| send_for_tenant(state.clone(), tenant, messages, results.clone()))
        .collect();
    drop(results);
    futures_join_all(tenants.into_iter()).await;
    // The next claim need not wait for the last records: these messages stay "sending" under
    // their lease until recorded, so no other claim can take them.
    drop(recorder);
    true
}

/// Where a task reports how an attempt ended.
type Results = tokio::sync::mpsc::UnboundedSender<(String, i64, AttemptEnd)>;

/// Writes ended attempts until every sender is gone, each time all that have arrived.
async fn record_attempts(
    state: AppState,
    mut ended: tokio::sync::mpsc::UnboundedReceiver<(String, i64, AttemptEnd)>,
) {
    let mut batch = Vec::new();
    while ended.recv_many(&mut batch, 256).await > 0 {
        if let Err(err) = state.store.finish_attempts(&batch).await {
            // Their leases lapse and the messages are tried again: at least once, never lost.
            tracing::error!(error = %err, count = batch.len(), "outbox: could not record attempts");
        }
        batch.clear();
    }
}

async fn futures_join_all(
    tasks: impl Iterator<Item = impl std::future::Future<Output = ()> + Send + 'static>,
) {
    let mut set = tokio::task::JoinSet::new();
    for task in tasks {
        set.spawn(task);
    }
    while set.join_next().await.is_some() {}
}

/// Sends one tenant's claimed messages, a few at once. Stops (and puts the rest back) as soon
/// as the configuration itself fails: the tenant's sending is then paused.
async fn send_for_tenant(
    state: AppState,
    tenant: String,
    messages: Vec<Claimed>,
    results: Results,
) {
    let provider = match state.store.load_email_provider(&tenant).await {
        Ok(provider) => provider,
        Err(err) => {
            tracing::error!(error = %err, "outbox: could not read the provider");
            return release_all(&state, &messages).await;
        }
    };
    let Some(provider) = provider else {
        let failure = MailError::new(
            SendStep::Connect,
            FailureCause::NotConfigured,
            "no email provider is configured",
        )
        .into_failure();
        pause(&state, &tenant, &failure).await;
        return release_all(&state, &messages).await;
    };
    let (kind, smtp_rate) = match &provider.config {
        crate::store::StoredConfig::Smtp(smtp) => {
            (ProviderKind::Smtp, smtp.settings.rate_per_minute)
        }
        crate::store::StoredConfig::Microsoft365(_) => (ProviderKind::Microsoft365, None),
    };
    let sender = Arc::new((kind, tenant_mailer(&state, &tenant, provider.config)));
    let slots = Arc::new(Semaphore::new(state.outbox.config.smtp_connections.max(1)));
    let paused = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut set = tokio::task::JoinSet::new();
    for message in messages {
        let (state, tenant, sender, slots, paused, results) = (
            state.clone(),
            tenant.clone(),
            sender.clone(),
            slots.clone(),
            paused.clone(),
            results.clone(),
        );
        set.spawn(async move {
            let Ok(_slot) = slots.acquire().await else {
                return;
            };
            if paused.load(std::sync::atomic::Ordering::SeqCst) {
                return release_all(&state, std::slice::from_ref(&message)).await;
            }
            let wait = match (sender.0, smtp_rate) {
                (ProviderKind::Microsoft365, _) => {
                    paced(&state, &tenant, &sender.1.from, &message).await
                }
                // The admin's limit for this tenant's SMTP server.
                (_, Some(rate)) => {
                    let key = format!("smtp/{tenant}");
                    state.outbox.pacer.take(&key, rate, unix_now_ms()).err()
                }
                _ => None,
            };
            if let Some(run_at) = wait {
                if let Err(err) = state.store.release(&message.id, Some(run_at)).await {
                    tracing::error!(error = %err, "outbox: could not postpone a message");
                }
                return;
            }
            if send_one(&state, &tenant, &sender, &message, &results).await
                == Some(FailureKind::Configuration)
            {
                paused.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        });
    }
    while set.join_next().await.is_some() {}
    sender.1.mailer.finish_run().await;
}

/// When a Microsoft 365 message must wait for its mailbox's limits: `None` if it may go now
/// (its slot is then taken).
async fn paced(state: &AppState, tenant: &str, mailbox: &str, message: &Claimed) -> Option<i64> {
    const DAY_MS: i64 = 24 * 3600 * 1000;
    /// How long a message over the daily cap waits before the cap is checked again.
    const CAP_RECHECK_MS: i64 = 15 * 60 * 1000;
    let limits = state.outbox.config.graph_limits;
    let now = unix_now_ms();
    let sent_today = state
        .store
        .recipients_sent_since(tenant, now - DAY_MS)
        .await
        .unwrap_or(0);
    if sent_today + message.recipient_count > i64::from(limits.recipients_per_day) {
        return Some(now + CAP_RECHECK_MS);
    }
    state
        .outbox
        .pacer
        .take(mailbox, limits.per_minute, now)
        .err()
}

/// Sends one message and records the attempt. Returns the kind of failure, if it failed.
async fn send_one(
    state: &AppState,
    tenant: &str,
    (provider, sender): &(ProviderKind, TenantMailer),
    message: &Claimed,
    results: &Results,
) -> Option<FailureKind> {
    let email = match email_of(sender, message) {
        Ok(email) => email,
        Err(failure) => {
            finish(results, message, AttemptEnd::Failed { failure }).await;
            return Some(FailureKind::Permanent);
        }
    };
    let started = std::time::Instant::now();
    let result = sender.mailer.send_next(&email).await;
    let took = started.elapsed();
    let count = |outcome| {
        state
            .metrics
            .outbox_attempt(*provider, &message.category, outcome, took)
    };
    let failure = match result {
        Ok(accepted) => {
            count("sent");
            finish(
                results,
                message,
                AttemptEnd::Sent {
                    reply: accepted.reply,
                },
            )
            .await;
            return None;
        }
        Err(err) => err.into_failure(),
    };
    let kind = classify(&failure);
    let now = unix_now_ms();
    let end = match kind {
        FailureKind::Permanent => AttemptEnd::Failed { failure },
        FailureKind::Configuration => {
            pause(state, tenant, &failure).await;
            // Waits for the tenant's sending to resume; the pause, not time, holds it.
            AttemptEnd::Deferred {
                failure,
                run_at: now,
            }
        }
        FailureKind::Temporary => {
            let policy = &state.outbox.config.retry;
            let failures = message.attempts + 1;
            let jitter = rand_unit();
            match policy.next_attempt(
                failures,
                message.created_at,
                now,
                failure.retry_after_s,
                jitter,
            ) {
                Some(run_at) => AttemptEnd::Deferred { failure, run_at },
                None => AttemptEnd::Failed { failure },
            }
        }
    };
    count(match end {
        AttemptEnd::Failed { .. } => "failed",
        _ => "deferred",
    });
    finish(results, message, end).await;
    Some(kind)
}

/// The message to send: the stored request, from the provider's sender, with its Message-ID.
fn email_of(sender: &TenantMailer, message: &Claimed) -> Result<OutgoingEmail, SendFailure> {
    let invalid = |detail: String| {
        MailError::new(SendStep::Data, FailureCause::MessageRejected, detail).into_failure()
    };
    let request: MessageRequest = serde_json::from_str(&message.body)
        .map_err(|e| invalid(format!("stored message unreadable: {e}")))?;
    let valid = request
        .validate()
        .map_err(|e| invalid(format!("stored message invalid: {e:?}")))?;
    let domain = sender.from.rsplit_once('@').map_or("localhost", |(_, d)| d);
    let message_id = format!("<{}@{domain}>", message.message_id);
    Ok(valid.into_email(sender.from_name.clone(), sender.from.clone(), message_id))
}

async fn finish(results: &Results, message: &Claimed, end: AttemptEnd) {
    // The recorder outlives every sender of the batch; a closed channel cannot happen.
    let _ = results.send((message.id.clone(), unix_now_ms(), end));
}

async fn pause(state: &AppState, tenant: &str, failure: &SendFailure) {
    tracing::warn!(tenant, cause = ?failure.cause, "outbox: sending paused until the configuration is fixed");
    if let Err(err) = state
        .store
        .pause_sending(tenant, failure, unix_now_ms())
        .await
    {
        tracing::error!(error = %err, "outbox: could not pause sending");
    }
}

async fn release_all(state: &AppState, messages: &[Claimed]) {
    for message in messages {
        if let Err(err) = state.store.release(&message.id, None).await {
            tracing::error!(error = %err, "outbox: could not release a message");
        }
    }
}

async fn purge(state: &AppState) {
    let retention = state.outbox.config.retention.as_millis() as i64;
    match state
        .store
        .purge_delivery_log(unix_now_ms() - retention)
        .await
    {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "outbox: purged old delivery records"),
        Err(err) => tracing::warn!(error = %err, "outbox: purge failed"),
    }
}

/// A number in [0, 1) for jitter.
fn rand_unit() -> f64 {
    use aes_gcm::aead::rand_core::RngCore;
    (aes_gcm::aead::OsRng.next_u32() as f64) / (u32::MAX as f64 + 1.0)
}
