//! Prometheus metrics (server only), served at `/metrics` in the OpenMetrics text format.
//! Nothing here names a tenant, a user or an address, and nothing depends on whether an
//! account exists: the endpoint is public, so it must not answer "does this address exist?".

use crate::domain::provider::ProviderKind;
use crate::domain::test_email::SendStep;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

type Labels = Vec<(&'static str, String)>;

#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    test_emails: Family<Labels, Counter>,
    test_email_seconds: Family<Labels, Histogram, fn() -> Histogram>,
    sign_ins: Family<Labels, Counter>,
    settings_changes: Family<Labels, Counter>,
    reset_requests: Counter,
    outbox_attempts: Family<Labels, Counter>,
    outbox_send_seconds: Family<Labels, Histogram, fn() -> Histogram>,
    outbox_waiting: Family<Labels, Gauge>,
    outbox_oldest_seconds: Family<Labels, Gauge<f64, AtomicU64>>,
    outbox_paused_tenants: Gauge,
    provider_failing: Family<Labels, Gauge>,
}

/// The outbox as counted at one moment (read from the database at each scrape).
#[derive(Debug, Clone, Default)]
pub struct QueueStats {
    /// Per waiting status (queued, sending, deferred): how many, and the age of the oldest.
    pub waiting: Vec<(&'static str, i64, f64)>,
    pub paused_tenants: i64,
}

/// The outcome of a sign-in attempt, as counted.
#[derive(Debug, Clone, Copy)]
pub enum SignIn {
    Success,
    Failure,
    /// Refused by the limits before the password was checked.
    Limited,
}

fn send_buckets() -> Histogram {
    // 50 ms to about 25 s: loopback to a slow provider near the 30 s limit.
    Histogram::new(exponential_buckets(0.05, 2.0, 10))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("mailwright");
        let metrics = Self {
            registry: Arc::default(),
            test_emails: Family::default(),
            test_email_seconds: Family::new_with_constructor(send_buckets),
            sign_ins: Family::default(),
            settings_changes: Family::default(),
            reset_requests: Counter::default(),
            outbox_attempts: Family::default(),
            outbox_send_seconds: Family::new_with_constructor(send_buckets),
            outbox_waiting: Family::default(),
            outbox_oldest_seconds: Family::default(),
            outbox_paused_tenants: Gauge::default(),
            provider_failing: Family::default(),
        };
        registry.register(
            "test_emails",
            "Test emails sent, by provider, outcome and the step a failure stopped at",
            metrics.test_emails.clone(),
        );
        registry.register(
            "test_email_seconds",
            "How long test emails took, by provider",
            metrics.test_email_seconds.clone(),
        );
        registry.register(
            "sign_ins",
            "Sign-in attempts, by result",
            metrics.sign_ins.clone(),
        );
        registry.register(
            "settings_changes",
            "Email settings saved or deleted",
            metrics.settings_changes.clone(),
        );
        registry.register(
            "password_reset_requests",
            "Forgot-password requests (whether or not the address has an account)",
            metrics.reset_requests.clone(),
        );
        registry.register(
            "outbox_attempts",
            "Attempts to hand a platform message to the provider, by provider, category and outcome (sent, deferred, failed)",
            metrics.outbox_attempts.clone(),
        );
        registry.register(
            "outbox_send_seconds",
            "How long handing a platform message to the provider took, by provider",
            metrics.outbox_send_seconds.clone(),
        );
        registry.register(
            "outbox_messages",
            "Messages waiting in the outbox, by status (queued, sending, deferred)",
            metrics.outbox_waiting.clone(),
        );
        registry.register(
            "outbox_oldest_message_seconds",
            "Age of the oldest waiting message, by status",
            metrics.outbox_oldest_seconds.clone(),
        );
        registry.register(
            "provider_failing_tenants",
            "Tenants whose provider fails the background health check, by cause",
            metrics.provider_failing.clone(),
        );
        registry.register(
            "outbox_paused_tenants",
            "Tenants whose sending is paused by a broken configuration",
            metrics.outbox_paused_tenants.clone(),
        );
        Self {
            registry: Arc::new(registry),
            ..metrics
        }
    }
}

fn provider_name(provider: ProviderKind) -> String {
    match provider {
        ProviderKind::None => "none",
        ProviderKind::Smtp => "smtp",
        ProviderKind::Microsoft365 => "microsoft365",
    }
    .to_owned()
}

impl Metrics {
    pub fn test_email(&self, provider: ProviderKind, failed_at: Option<SendStep>, took: Duration) {
        let (outcome, step) = match failed_at {
            None => ("accepted", String::new()),
            Some(step) => ("failed", format!("{step:?}")),
        };
        let provider = provider_name(provider);
        self.test_emails
            .get_or_create(&vec![
                ("provider", provider.clone()),
                ("outcome", outcome.to_owned()),
                ("step", step),
            ])
            .inc();
        self.test_email_seconds
            .get_or_create(&vec![("provider", provider)])
            .observe(took.as_secs_f64());
    }

    pub fn sign_in(&self, result: SignIn) {
        let result = match result {
            SignIn::Success => "success",
            SignIn::Failure => "failure",
            SignIn::Limited => "limited",
        };
        self.sign_ins
            .get_or_create(&vec![("result", result.to_owned())])
            .inc();
    }

    /// `action`: "saved" or "deleted".
    pub fn settings_change(&self, action: &'static str) {
        self.settings_changes
            .get_or_create(&vec![("action", action.to_owned())])
            .inc();
    }

    pub fn reset_request(&self) {
        self.reset_requests.inc();
    }

    /// One outbox attempt. `outcome`: "sent", "deferred" or "failed".
    pub fn outbox_attempt(
        &self,
        provider: ProviderKind,
        category: &str,
        outcome: &'static str,
        took: Duration,
    ) {
        let provider = provider_name(provider);
        self.outbox_attempts
            .get_or_create(&vec![
                ("provider", provider.clone()),
                ("category", category.to_owned()),
                ("outcome", outcome.to_owned()),
            ])
            .inc();
        self.outbox_send_seconds
            .get_or_create(&vec![("provider", provider)])
            .observe(took.as_secs_f64());
    }

    /// The queue as it is now (called before each scrape).
    pub fn set_queue(&self, stats: &QueueStats) {
        for status in ["queued", "sending", "deferred"] {
            let (count, oldest) = stats
                .waiting
                .iter()
                .find(|(s, ..)| *s == status)
                .map_or((0, 0.0), |(_, count, oldest)| (*count, *oldest));
            let labels = vec![("status", status.to_owned())];
            self.outbox_waiting.get_or_create(&labels).set(count);
            self.outbox_oldest_seconds
                .get_or_create(&labels)
                .set(oldest);
        }
        self.outbox_paused_tenants.set(stats.paused_tenants);
    }

    /// The tenants whose provider fails, by cause (called before each scrape): causes that no
    /// longer fail disappear.
    pub fn set_failing(&self, by_cause: &[(String, i64)]) {
        self.provider_failing.clear();
        for (cause, count) in by_cause {
            self.provider_failing
                .get_or_create(&vec![("cause", cause.clone())])
                .set(*count);
        }
    }

    /// Everything, in the OpenMetrics text format.
    pub fn render(&self) -> String {
        let mut text = String::new();
        if let Err(err) = encode(&mut text, &self.registry) {
            tracing::error!(error = %err, "metrics could not be encoded");
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_render_in_the_openmetrics_format() {
        let metrics = Metrics::default();
        metrics.sign_in(SignIn::Failure);
        metrics.sign_in(SignIn::Failure);
        metrics.sign_in(SignIn::Success);
        metrics.test_email(
            ProviderKind::Smtp,
            Some(SendStep::Authentication),
            Duration::from_millis(120),
        );
        let text = metrics.render();
        assert!(
            text.contains("mailwright_sign_ins_total{result=\"failure\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("mailwright_sign_ins_total{result=\"success\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("mailwright_test_emails_total{provider=\"smtp\",outcome=\"failed\",step=\"Authentication\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("mailwright_test_email_seconds_bucket{le=\"0.2\",provider=\"smtp\"} 1\n")
                || text.contains(
                    "mailwright_test_email_seconds_bucket{provider=\"smtp\",le=\"0.2\"} 1\n"
                ),
            "{text}"
        );
        assert!(text.ends_with("# EOF\n"));
    }
}
