//! The worker: claims due messages, sends each through its tenant's provider as configured at
//! that moment, and records the attempts. Runs inside the server, woken by new messages and
//! otherwise every `poll`.
//!
//! The next batch is claimed while the previous one is being sent, so the connections never
//! wait for the database, and a tenant's connections stay open from one batch to the next until
//! the worker runs out of work.

use super::send::{pause, release, Results, TenantSender};
use crate::clock::unix_now_ms;
use crate::domain::test_email::{FailureCause, SendStep};
use crate::mail::MailError;
use crate::state::AppState;
use crate::store::{AttemptEnd, Claimed};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use tokio::task::JoinSet;

/// Messages claimed at once.
const CLAIM_BATCH: usize = 128;
/// How long the worker waits after being woken, so that messages arriving together are
/// claimed together.
const GATHER: Duration = Duration::from_millis(10);
/// Attempts recorded in one transaction, at most.
const RECORD_BATCH: usize = 256;
/// How long the recorder waits for more ended attempts before committing.
const RECORD_GATHER: Duration = Duration::from_millis(5);
/// How often sent messages older than the retention period are purged.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// Runs the worker until the process ends.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    let (results, ended) = unbounded_channel();
    tokio::spawn(record_attempts(state.clone(), ended));
    let worker = Worker {
        state,
        senders: HashMap::new(),
        sending: JoinSet::new(),
        results,
    };
    tokio::spawn(worker.run())
}

struct Worker {
    state: AppState,
    /// Each tenant's sender, kept while there is work.
    senders: HashMap<String, Arc<TenantSender>>,
    /// One task per claimed message not yet sent.
    sending: JoinSet<()>,
    results: Results,
}

impl Worker {
    async fn run(mut self) {
        let mut last_purge = None::<Instant>;
        loop {
            if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
                purge(&self.state).await;
                last_purge = Some(Instant::now());
            }
            let claimed = self.claim().await;
            if !claimed.is_empty() {
                self.dispatch(claimed).await;
                // Claim the next batch as soon as this one is under way, not further ahead.
                while self.sending.len() > CLAIM_BATCH {
                    self.sending.join_next().await;
                }
                continue;
            }
            if !self.sending.is_empty() {
                while self.sending.join_next().await.is_some() {}
                continue;
            }
            self.finish_senders().await;
            let outbox = &self.state.outbox;
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

    /// Due messages, none if there are none or the database failed (then after a pause).
    async fn claim(&self) -> Vec<(Claimed, i64)> {
        let lease = self.state.outbox.config.lease.as_millis() as i64;
        let now = unix_now_ms();
        match self.state.store.claim(now, lease, CLAIM_BATCH as i64).await {
            // A send must start while at least half the lease is left: it then ends (every
            // send has an overall time limit) before another worker may take the message.
            Ok(claimed) => claimed.into_iter().map(|m| (m, now + lease / 2)).collect(),
            Err(err) => {
                tracing::error!(error = %err, "outbox: could not claim messages");
                tokio::time::sleep(self.state.outbox.config.poll).await;
                Vec::new()
            }
        }
    }

    /// Starts a task per message, sending through its tenant's current provider.
    async fn dispatch(&mut self, claimed: Vec<(Claimed, i64)>) {
        let mut by_tenant: BTreeMap<String, Vec<(Claimed, i64)>> = BTreeMap::new();
        for (message, send_by) in claimed {
            by_tenant
                .entry(message.tenant_id.clone())
                .or_default()
                .push((message, send_by));
        }
        for (tenant, messages) in by_tenant {
            let Some(sender) = self.sender_for(&tenant).await else {
                for (message, _) in &messages {
                    release(&self.state, message, None).await;
                }
                continue;
            };
            for (message, send_by) in messages {
                let (state, sender, tenant) = (self.state.clone(), sender.clone(), tenant.clone());
                let results = self.results.clone();
                self.sending.spawn(async move {
                    sender
                        .send(&state, &tenant, message, send_by, &results)
                        .await
                });
            }
        }
    }

    /// The tenant's sender for its provider as configured now: the kept one if the
    /// configuration has not changed since, else a new one. `None` when there is nothing to
    /// send through (the tenant's sending is then paused) or the database failed.
    async fn sender_for(&mut self, tenant: &str) -> Option<Arc<TenantSender>> {
        let provider = match self.state.store.load_email_provider(tenant).await {
            Ok(provider) => provider,
            Err(err) => {
                tracing::error!(error = %err, "outbox: could not read the provider");
                return None;
            }
        };
        let Some(provider) = provider else {
            let failure = MailError::new(
                SendStep::Connect,
                FailureCause::NotConfigured,
                "no email provider is configured",
            )
            .into_failure();
            pause(&self.state, tenant, &failure).await;
            return None;
        };
        if let Some(kept) = self.senders.get(tenant) {
            if kept.version == provider.version && !kept.is_paused() {
                return Some(kept.clone());
            }
        }
        let sender = Arc::new(TenantSender::new(&self.state, tenant, provider));
        if let Some(old) = self.senders.insert(tenant.to_owned(), sender.clone()) {
            // Its messages in flight finish with the configuration they started with.
            tokio::spawn(async move { old.finish().await });
        }
        Some(sender)
    }

    async fn finish_senders(&mut self) {
        for (_, sender) in self.senders.drain() {
            sender.finish().await;
        }
    }
}

/// Writes ended attempts until the worker is gone, as many per transaction as have ended: a
/// durable commit costs an fsync, and one per message would cap the rate at the disk's. Until
/// recorded, a message stays "sending" under its lease, so no claim takes it again.
async fn record_attempts(state: AppState, mut ended: UnboundedReceiver<(String, i64, AttemptEnd)>) {
    let mut batch = Vec::new();
    while ended.recv_many(&mut batch, RECORD_BATCH).await > 0 {
        // Let the attempts that end in the next moments share this commit and its fsync.
        tokio::time::sleep(RECORD_GATHER).await;
        while batch.len() < RECORD_BATCH {
            match ended.try_recv() {
                Ok(end) => batch.push(end),
                Err(_) => break,
            }
        }
        if let Err(err) = state.store.finish_attempts(&batch).await {
            // Their leases lapse and the messages are tried again: at least once, never lost.
            tracing::error!(error = %err, count = batch.len(), "outbox: could not record attempts");
        }
        batch.clear();
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
