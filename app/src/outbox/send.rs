//! One tenant's sending while the worker has work for it, and one attempt at one message.

use super::request::MessageRequest;
use super::retry::{classify, FailureKind};
use crate::clock::unix_now_ms;
use crate::domain::provider::ProviderKind;
use crate::domain::test_email::{FailureCause, SendFailure, SendStep};
use crate::mail::{MailError, OutgoingEmail};
use crate::settings::email::service::{tenant_mailer, TenantMailer};
use crate::state::AppState;
use crate::store::{AttemptEnd, Claimed, StoredProvider};
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Semaphore;

/// Where a task reports how an attempt ended: message id, when, how.
pub type Results = tokio::sync::mpsc::UnboundedSender<(String, i64, AttemptEnd)>;

/// A tenant's provider as configured when the worker loaded it, with the connections it keeps
/// open between messages and the limit on how many it opens at once.
pub struct TenantSender {
    /// The configuration's version: a save makes a new sender.
    pub version: i64,
    kind: ProviderKind,
    smtp_rate: Option<u32>,
    mailer: TenantMailer,
    slots: Semaphore,
    /// Set once the configuration itself failed: the tenant's sending is paused.
    paused: AtomicBool,
}

impl TenantSender {
    pub fn new(state: &AppState, tenant: &str, provider: StoredProvider) -> Self {
        let (kind, smtp_rate) = match &provider.config {
            crate::store::StoredConfig::Smtp(smtp) => {
                (ProviderKind::Smtp, smtp.settings.rate_per_minute)
            }
            crate::store::StoredConfig::Microsoft365(_) => (ProviderKind::Microsoft365, None),
        };
        Self {
            version: provider.version,
            kind,
            smtp_rate,
            mailer: tenant_mailer(state, tenant, provider.config),
            slots: Semaphore::new(state.outbox.config.smtp_connections.max(1)),
            paused: AtomicBool::new(false),
        }
    }

    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    /// Closes the connections kept open.
    pub async fn finish(&self) {
        self.mailer.mailer.finish_run().await;
    }

    /// Sends `message` once a connection slot is free. `send_by` is the last moment it may
    /// start: after that its lease could lapse during the send and another worker send it too,
    /// so it goes back to the queue instead.
    pub async fn send(
        &self,
        state: &AppState,
        tenant: &str,
        message: Claimed,
        send_by: i64,
        results: &Results,
    ) {
        let Ok(_slot) = self.slots.acquire().await else {
            return;
        };
        if self.is_paused() || unix_now_ms() > send_by {
            return release(state, &message, None).await;
        }
        if let Some(run_at) = self.must_wait(state, tenant, &message).await {
            return release(state, &message, Some(run_at)).await;
        }
        if self.attempt(state, tenant, &message, results).await == Some(FailureKind::Configuration)
        {
            self.paused.store(true, Ordering::SeqCst);
        }
    }

    /// When the message must wait for the provider's limits: `None` if it may go now (its
    /// slot is then taken).
    async fn must_wait(&self, state: &AppState, tenant: &str, message: &Claimed) -> Option<i64> {
        match (self.kind, self.smtp_rate) {
            (ProviderKind::Microsoft365, _) => {
                graph_wait(state, tenant, &self.mailer.from, message).await
            }
            // The admin's limit for this tenant's SMTP server.
            (_, Some(rate)) => wait_for_slot(state, &format!("smtp/{tenant}"), rate).await,
            _ => None,
        }
    }

    /// Sends one message and reports the attempt. Returns the kind of failure, if it failed.
    async fn attempt(
        &self,
        state: &AppState,
        tenant: &str,
        message: &Claimed,
        results: &Results,
    ) -> Option<FailureKind> {
        let email = match email_of(&self.mailer, message) {
            Ok(email) => email,
            Err(failure) => {
                report(results, message, AttemptEnd::Failed { failure });
                return Some(FailureKind::Permanent);
            }
        };
        let started = std::time::Instant::now();
        let result = self.mailer.mailer.send_next(&email).await;
        let took = started.elapsed();
        let count = |outcome| {
            state
                .metrics
                .outbox_attempt(self.kind, &message.category, outcome, took)
        };
        let failure = match result {
            Ok(accepted) => {
                count("sent");
                let reply = accepted.reply;
                report(results, message, AttemptEnd::Sent { reply });
                return None;
            }
            Err(err) => err.into_failure(),
        };
        let kind = classify(&failure);
        let end = match kind {
            FailureKind::Permanent => AttemptEnd::Failed { failure },
            FailureKind::Configuration => {
                pause(state, tenant, &failure).await;
                // Waits for the tenant's sending to resume; the pause, not time, holds it.
                let run_at = unix_now_ms();
                AttemptEnd::Deferred { failure, run_at }
            }
            FailureKind::Temporary => retry_or_fail(state, message, failure),
        };
        count(match end {
            AttemptEnd::Failed { .. } => "failed",
            _ => "deferred",
        });
        report(results, message, end);
        Some(kind)
    }
}

/// A temporary failure: tried again later, or failed once the retry period is over.
fn retry_or_fail(state: &AppState, message: &Claimed, failure: SendFailure) -> AttemptEnd {
    let policy = &state.outbox.config.retry;
    let next = policy.next_attempt(
        message.attempts + 1,
        message.created_at,
        unix_now_ms(),
        failure.retry_after_s,
        rand_unit(),
    );
    match next {
        Some(run_at) => AttemptEnd::Deferred { failure, run_at },
        None => AttemptEnd::Failed { failure },
    }
}

/// When a Microsoft 365 message must wait for its mailbox's limits.
async fn graph_wait(
    state: &AppState,
    tenant: &str,
    mailbox: &str,
    message: &Claimed,
) -> Option<i64> {
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
    wait_for_slot(state, mailbox, limits.per_minute).await
}

/// Takes the sender's next slot, shared by every instance on the database: `None` if the
/// message may go now, else when the slot will be free.
async fn wait_for_slot(state: &AppState, sender: &str, per_minute: u32) -> Option<i64> {
    let now = unix_now_ms();
    match state.store.take_send_slot(sender, per_minute, now).await {
        Ok(slot) => slot.err(),
        Err(err) => {
            tracing::error!(error = %err, "outbox: could not take a sending slot");
            // Shortly again, rather than send past the limit.
            Some(now + 1_000)
        }
    }
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

fn report(results: &Results, message: &Claimed, end: AttemptEnd) {
    // The recorder lives as long as the worker; a closed channel cannot happen.
    let _ = results.send((message.id.clone(), unix_now_ms(), end));
}

pub async fn pause(state: &AppState, tenant: &str, failure: &SendFailure) {
    tracing::warn!(tenant, cause = ?failure.cause, "outbox: sending paused until the configuration is fixed");
    if let Err(err) = state
        .store
        .pause_sending(tenant, failure, unix_now_ms())
        .await
    {
        tracing::error!(error = %err, "outbox: could not pause sending");
    }
}

/// Puts a claimed message back: due again at `run_at`, or at once.
pub async fn release(state: &AppState, message: &Claimed, run_at: Option<i64>) {
    if let Err(err) = state.store.release(message, run_at).await {
        tracing::error!(error = %err, "outbox: could not put a message back");
    }
}

/// A number in [0, 1) for jitter.
pub(crate) fn rand_unit() -> f64 {
    use aes_gcm::aead::rand_core::RngCore;
    (aes_gcm::aead::OsRng.next_u32() as f64) / (u32::MAX as f64 + 1.0)
}
