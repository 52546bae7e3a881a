//! The background health check (server only): every tenant's provider is checked the way
//! "Check connection" does (connect and sign in, or get a token; nothing is sent) on a jittered
//! interval and after each save. The result and each change between healthy and failing are
//! stored; the page shows them, and the banner of every admin page shows a failure.
//!
//! It shares one notion of "provider healthy" with the outbox: a failure of the configuration
//! (the kind that pauses the outbox) pauses sending, and a passing check resumes it.

use crate::clock::{rfc3339_from_ms, unix_now_ms};
use crate::domain::delivery::SendingPaused;
use crate::domain::provider::{HealthChange, ProviderHealth};
use crate::domain::test_email::SendFailure;
use crate::mail::{MailError, Transcript};
use crate::outbox::retry::{classify, FailureKind};
use crate::settings::email::service::{resume_sending, tenant_mailer};
use crate::state::AppState;
use crate::store::StoreError;
use std::time::Duration;

/// How many changes the page shows.
const HISTORY: i64 = 10;

/// Starts the periodic checks when they are on (`OutboxConfig::health_every`).
pub fn spawn(state: AppState) -> Option<tokio::task::JoinHandle<()>> {
    let every = state.outbox.config.health_every?;
    Some(tokio::spawn(async move {
        loop {
            check_due(&state, every).await;
            // ±10%: instances started together do not check in step.
            let jitter = 0.9 + 0.2 * crate::outbox::send::rand_unit();
            tokio::time::sleep(every.mul_f64(jitter)).await;
        }
    }))
}

/// Checks `tenant` soon, in the background (after a save), when checks are on.
pub fn check_soon(state: &AppState, tenant: &str) {
    if state.outbox.config.health_every.is_some() {
        let (state, tenant) = (state.clone(), tenant.to_owned());
        tokio::spawn(async move { check_tenant(&state, &tenant).await });
    }
}

/// Every tenant whose last check is older than most of the interval, claimed one at a time so
/// that several instances on one database check each tenant once.
async fn check_due(state: &AppState, every: Duration) {
    let tenants = match state.store.provider_tenants().await {
        Ok(tenants) => tenants,
        Err(err) => return tracing::warn!(error = %err, "health check: could not list tenants"),
    };
    for tenant in tenants {
        let now = unix_now_ms();
        let due_before = now - (every.as_millis() as i64) * 9 / 10;
        match state
            .store
            .claim_health_check(&tenant, now, due_before)
            .await
        {
            Ok(true) => check_tenant(state, &tenant).await,
            Ok(false) => {}
            Err(err) => tracing::warn!(error = %err, "health check: could not claim a check"),
        }
    }
}

/// Checks one tenant's provider now and records the result. The client secret's expiry
/// reminders ride on the same schedule.
pub async fn check_tenant(state: &AppState, tenant: &str) {
    crate::secret_expiry::remind(state, tenant, crate::clock::today_utc()).await;
    let stored = match state.store.load_email_provider(tenant).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return,
        Err(err) => return tracing::warn!(error = %err, "health check: could not load a provider"),
    };
    let sender = tenant_mailer(state, tenant, stored.config);
    let failure = sender
        .mailer
        .check(&Transcript::off())
        .await
        .err()
        .map(MailError::into_failure);
    let now = unix_now_ms();
    match state
        .store
        .record_health(tenant, now, failure.as_ref())
        .await
    {
        Ok(true) => match &failure {
            Some(f) => tracing::warn!(tenant, cause = ?f.cause, step = ?f.step, "provider failing"),
            None => tracing::info!(tenant, "provider healthy again"),
        },
        Ok(false) => {}
        Err(err) => tracing::warn!(error = %err, "health check: could not record a result"),
    }
    match &failure {
        Some(failure) if classify(failure) == FailureKind::Configuration => {
            if let Err(err) = state.store.pause_sending(tenant, failure, now).await {
                tracing::warn!(error = %err, "health check: could not pause sending");
            }
        }
        Some(_) => {}
        None => resume_sending(state, tenant).await,
    }
}

/// What the banner of every admin page says: sending paused (since when, why), or else the
/// provider failing its background check; `None` while neither. Read on every admin page:
/// two single-row reads, no history.
pub async fn alert(state: &AppState, tenant: &str) -> Result<Option<SendingPaused>, StoreError> {
    if let Some((since, failure)) = state.store.sending_paused(tenant).await? {
        return Ok(Some(SendingPaused {
            since: rfc3339_from_ms(since),
            failure,
            paused: true,
        }));
    }
    let Some(row) = state.store.health(tenant).await? else {
        return Ok(None);
    };
    Ok(match row.failure.as_deref().filter(|_| !row.healthy) {
        Some(failure) => Some(SendingPaused {
            since: rfc3339_from_ms(row.since),
            failure: parse_failure(failure)?,
            paused: false,
        }),
        None => None,
    })
}

/// What the page shows of `tenant`'s checks.
pub async fn health(state: &AppState, tenant: &str) -> Result<Option<ProviderHealth>, StoreError> {
    let Some(row) = state.store.health(tenant).await? else {
        return Ok(None);
    };
    let failure = row.failure.as_deref().map(parse_failure).transpose()?;
    let changes = state
        .store
        .health_changes(tenant, HISTORY)
        .await?
        .into_iter()
        .map(|change| HealthChange {
            at: rfc3339_from_ms(change.at),
            healthy: change.healthy,
            cause: change
                .cause
                .and_then(|cause| serde_json::from_value(serde_json::Value::String(cause)).ok()),
        })
        .collect();
    Ok(Some(ProviderHealth {
        checked_at: rfc3339_from_ms(row.checked_at),
        healthy: row.healthy,
        since: rfc3339_from_ms(row.since),
        failure,
        changes,
    }))
}

/// How many tenants' providers fail, by cause (metrics; no tenant named).
pub async fn failing_by_cause(state: &AppState) -> Result<Vec<(String, i64)>, StoreError> {
    let mut counts = std::collections::BTreeMap::<String, i64>::new();
    for json in state.store.failing_providers().await? {
        let failure = parse_failure(&json)?;
        *counts.entry(format!("{:?}", failure.cause)).or_default() += 1;
    }
    Ok(counts.into_iter().collect())
}

fn parse_failure(json: &str) -> Result<SendFailure, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("health failure: {e}")))
}
