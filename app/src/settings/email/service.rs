//! The email provider service (server only): load, save, delete, test and check, on top of the store
//! and the mailers. Input is validated here with the shared domain rules, then completed with
//! the server-only IDN conversion.

use crate::auth::Caller;
use crate::clock::now_rfc3339;
use crate::domain::audit::{
    changes, graph_snapshot, smtp_snapshot, AuditAction, AuditField, AuditPage, Snapshot,
};
use crate::domain::connection_check::{CheckOutcome, ConnectionCheckReport};
use crate::domain::microsoft::{validate_graph, GraphForm};
use crate::domain::provider::ProviderKind;
use crate::domain::provider::{EmailProviderView, LastTest};
use crate::domain::secret::SecretUpdate;
use crate::domain::smtp::{validate_smtp, SmtpAuth, SmtpForm, SmtpSettings};
use crate::domain::test_email::{TestEmailOutcome, TestEmailReport, TestEmailRequest};
use crate::domain::{Field, FieldErrors};
use crate::error::ApiError;
use crate::i18n::{catalog, fill};
use crate::idn::{ascii_address, ascii_smtp_settings};
use crate::mail::certificate::{ca_der, describe, inspect_ca};
use crate::mail::graph::GraphMailer;
use crate::mail::microsoft::AppCredentials;
use crate::mail::smtp::{SmtpCredential, SmtpMailer};
use crate::mail::{Mailer, OutgoingEmail, Transcript};
use crate::state::AppState;
use crate::store::{AuditRecord, NewConfig, StoredConfig, StoredProvider};
use std::time::Instant;

pub async fn load(caller: &Caller) -> Result<EmailProviderView, ApiError> {
    let state = AppState::current()?;
    let stored = state.store.load_email_provider(&caller.tenant_id).await?;
    let mut view = stored
        .map(|s| s.view())
        .unwrap_or_else(EmailProviderView::none);
    view.admin_email = caller.email.clone();
    if view.version.is_some() {
        view.health = crate::provider_health::health(&state, &caller.tenant_id).await?;
    }
    Ok(view)
}

/// Validates `form` against what is saved now and saves it as the active provider, replacing
/// any other. `based_on` is the version the admin edited; if someone else saved or deleted
/// since, the save is refused as a conflict naming who and when.
pub async fn save_smtp(
    caller: &Caller,
    form: &SmtpForm,
    based_on: Option<i64>,
) -> Result<EmailProviderView, ApiError> {
    let state = AppState::current()?;
    let stored = state.store.load_email_provider(&caller.tenant_id).await?;
    let saved = stored.as_ref().and_then(StoredProvider::saved_smtp);
    let valid = validate_smtp(form, saved.as_ref())?;
    let settings = ascii_smtp_settings(valid.settings)?;
    if let Some(pem) = &settings.ca_certificate {
        let now = rustls::pki_types::UnixTime::now();
        inspect_ca(pem, now).map_err(|e| FieldErrors::one(Field::CaCertificate, e))?;
    }
    let config = NewConfig::Smtp(&settings, &valid.secret);
    save(&state, caller, stored.as_ref(), based_on, config).await?;
    tracing::info!(tenant = %caller.tenant_id, host = %settings.host, port = settings.port, "SMTP settings saved");
    load(caller).await
}

pub async fn save_graph(
    caller: &Caller,
    form: &GraphForm,
    based_on: Option<i64>,
) -> Result<EmailProviderView, ApiError> {
    let state = AppState::current()?;
    let stored = state.store.load_email_provider(&caller.tenant_id).await?;
    let saved = stored.as_ref().and_then(StoredProvider::saved_graph);
    let mut valid = validate_graph(form, saved.as_ref())?;
    valid.settings.sender_email = ascii_address(&valid.settings.sender_email)
        .map_err(|e| FieldErrors::one(Field::SenderEmail, e))?;
    let config = NewConfig::Microsoft365(&valid.settings, &valid.secret);
    save(&state, caller, stored.as_ref(), based_on, config).await?;
    tracing::info!(tenant = %caller.tenant_id, sender = %valid.settings.sender_email, "Microsoft 365 settings saved");
    load(caller).await
}

async fn save(
    state: &AppState,
    caller: &Caller,
    stored: Option<&StoredProvider>,
    based_on: Option<i64>,
    config: NewConfig<'_>,
) -> Result<(), ApiError> {
    let action = saved_action(stored, config);
    let now = now_rfc3339();
    let audit = AuditRecord {
        actor: &caller.email,
        at: &now,
    };
    let result = state
        .store
        .save_email_provider(&caller.tenant_id, config, based_on, audit, &action)
        .await;
    // Tokens bought with the old configuration must not outlive it.
    state.microsoft.forget(&caller.tenant_id);
    result?;
    state.metrics.settings_change("saved");
    // A paused tenant's messages get their chance with the new configuration: if it is broken
    // too, the first of them pauses sending again.
    resume_sending(state, &caller.tenant_id).await;
    crate::provider_health::check_soon(state, &caller.tenant_id);
    Ok(())
}

pub(crate) async fn resume_sending(state: &AppState, tenant: &str) {
    match state.store.resume_sending(tenant).await {
        Ok(true) => {
            tracing::info!(tenant, "outbox: sending resumed");
            state.outbox.wake();
        }
        Ok(false) => {}
        Err(err) => tracing::warn!(error = %err, "outbox: could not resume sending"),
    }
}

/// The SMTP settings as the audit log compares them, with the CA certificate's fingerprint.
fn smtp_audit(settings: &SmtpSettings) -> Snapshot {
    let mut rows = smtp_snapshot(settings);
    let ca = settings.ca_certificate.as_deref().and_then(ca_der);
    if let Some(ca) = ca.as_ref().and_then(describe) {
        rows.push((AuditField::CaCertificate, ca.sha256));
    }
    rows
}

/// The audit entry of a save: which provider, whether it was activated, and what changed.
fn saved_action(stored: Option<&StoredProvider>, config: NewConfig<'_>) -> AuditAction {
    let (provider, new, secret): (ProviderKind, Snapshot, &SecretUpdate) = match config {
        NewConfig::Smtp(settings, secret) => (ProviderKind::Smtp, smtp_audit(settings), secret),
        NewConfig::Microsoft365(settings, secret) => {
            (ProviderKind::Microsoft365, graph_snapshot(settings), secret)
        }
    };
    // Compared with what was saved for the same provider; after a switch, everything is new.
    let old = stored.and_then(|s| match (&s.config, provider) {
        (StoredConfig::Smtp(smtp), ProviderKind::Smtp) => {
            Some((smtp_audit(&smtp.settings), smtp.secret.is_some()))
        }
        (StoredConfig::Microsoft365(graph), ProviderKind::Microsoft365) => {
            Some((graph_snapshot(&graph.settings), true))
        }
        _ => None,
    });
    AuditAction::Saved {
        provider,
        activated: old.is_none(),
        changes: changes(
            old.as_ref().map(|(snapshot, _)| snapshot),
            &new,
            secret,
            old.as_ref().is_some_and(|(_, had)| *had),
        ),
    }
}

pub async fn audit_log(caller: &Caller, before: Option<i64>) -> Result<AuditPage, ApiError> {
    let state = AppState::current()?;
    Ok(state.store.audit_page(&caller.tenant_id, before).await?)
}

pub async fn delete(caller: &Caller, based_on: Option<i64>) -> Result<EmailProviderView, ApiError> {
    let state = AppState::current()?;
    let now = now_rfc3339();
    let audit = AuditRecord {
        actor: &caller.email,
        at: &now,
    };
    if state
        .store
        .delete_email_provider(&caller.tenant_id, based_on, audit)
        .await?
    {
        tracing::info!(tenant = %caller.tenant_id, "email settings deleted");
        state.metrics.settings_change("deleted");
        // A pause names the failure of a configuration that is gone. Messages still waiting
        // now meet "no provider", which pauses sending again with that cause.
        resume_sending(&state, &caller.tenant_id).await;
    }
    state.microsoft.forget(&caller.tenant_id);
    load(caller).await
}

/// Sends the test email through the saved configuration and records the outcome.
pub async fn send_test(caller: &Caller, request: &TestEmailRequest) -> Result<LastTest, ApiError> {
    let recipient = request.validate()?;
    let recipient = ascii_address(&recipient).map_err(|e| FieldErrors::one(Field::Recipient, e))?;
    let state = AppState::current()?;
    let stored = saved_provider(&state, caller).await?;
    let provider = match &stored.config {
        StoredConfig::Smtp(_) => ProviderKind::Smtp,
        StoredConfig::Microsoft365(_) => ProviderKind::Microsoft365,
    };
    let (mailer, email) = test_mailer(&state, caller, stored.config, &recipient);

    let transcript = Transcript::default();
    let started = Instant::now();
    let outcome = match mailer.send_recorded(&email, &transcript).await {
        Ok(accepted) => TestEmailOutcome::Accepted {
            reply: accepted.reply,
        },
        Err(err) => {
            tracing::info!(tenant = %caller.tenant_id, error = %err, "test email failed");
            TestEmailOutcome::Failed(err.into_failure())
        }
    };
    let took = started.elapsed();
    let failed_at = match &outcome {
        TestEmailOutcome::Accepted { .. } => None,
        TestEmailOutcome::Failed(failure) => Some(failure.step),
    };
    state.metrics.test_email(provider, failed_at, took);
    let report = TestEmailReport {
        recipient,
        elapsed_ms: took.as_millis() as u64,
        outcome,
        transcript: transcript.lines(),
    };
    let test = LastTest {
        at: now_rfc3339(),
        report,
    };
    state
        .store
        .record_test(&caller.tenant_id, stored.version, &test, &caller.email)
        .await?;
    if matches!(test.report.outcome, TestEmailOutcome::Accepted { .. }) {
        resume_sending(&state, &caller.tenant_id).await;
    }
    Ok(test)
}

/// Checks the saved configuration without sending: SMTP up to authentication and QUIT,
/// Microsoft 365 up to a new token. Not recorded as a test: nothing was sent.
pub async fn check_connection(caller: &Caller) -> Result<ConnectionCheckReport, ApiError> {
    let state = AppState::current()?;
    let stored = saved_provider(&state, caller).await?;
    let sender = tenant_mailer(&state, &caller.tenant_id, stored.config);
    let transcript = Transcript::default();
    let started = Instant::now();
    let outcome = match sender.mailer.check(&transcript).await {
        Ok(checked) => CheckOutcome::Passed {
            scope: checked.scope,
            reply: checked.reply,
        },
        Err(err) => {
            tracing::info!(tenant = %caller.tenant_id, error = %err, "connection check failed");
            CheckOutcome::Failed(err.into_failure())
        }
    };
    Ok(ConnectionCheckReport {
        elapsed_ms: started.elapsed().as_millis() as u64,
        outcome,
        transcript: transcript.lines(),
    })
}

/// The caller's tenant's saved provider; none is an error for a test or a check.
async fn saved_provider(state: &AppState, caller: &Caller) -> Result<StoredProvider, ApiError> {
    state
        .store
        .load_email_provider(&caller.tenant_id)
        .await?
        .ok_or(ApiError::NotConfigured)
}

/// The mailer of the stored configuration and the test message it should send.
fn test_mailer(
    state: &AppState,
    caller: &Caller,
    config: StoredConfig,
    recipient: &str,
) -> (Box<dyn Mailer>, OutgoingEmail) {
    let text = test_body(&config);
    let sender = tenant_mailer(state, &caller.tenant_id, config);
    let email = OutgoingEmail::plain(
        sender.from_name,
        sender.from,
        recipient.to_owned(),
        catalog().test_subject.to_owned(),
        text,
    );
    (sender.mailer, email)
}

/// The test email's text: what it was sent through.
fn test_body(config: &StoredConfig) -> String {
    let t = catalog();
    match config {
        StoredConfig::Smtp(smtp) => {
            let settings = &smtp.settings;
            fill(
                t.test_body,
                &[
                    ("provider", t.provider_smtp),
                    ("server", &settings.host),
                    ("port", &settings.port.to_string()),
                    ("security", t.security_label(settings.security)),
                ],
            )
        }
        StoredConfig::Microsoft365(graph) => fill(
            t.test_body_graph,
            &[
                ("provider", t.provider_microsoft365),
                ("sender", &graph.settings.sender_email),
                ("tenant", &graph.settings.app.tenant_id),
            ],
        ),
    }
}

/// A tenant's mailer for its stored configuration, and who its messages come from.
pub struct TenantMailer {
    pub mailer: Box<dyn Mailer>,
    pub from_name: Option<String>,
    pub from: String,
}

/// The mailer everything a tenant sends goes through: test emails, password resets.
pub fn tenant_mailer(state: &AppState, tenant_id: &str, config: StoredConfig) -> TenantMailer {
    let credentials = |app, secret| AppCredentials {
        owner: tenant_id.to_owned(),
        app,
        secret,
    };
    match config {
        StoredConfig::Smtp(smtp) => {
            let settings = smtp.settings;
            let credential = match (&settings.auth, smtp.secret) {
                (Some(SmtpAuth::MicrosoftOAuth(app)), Some(secret)) => {
                    Some(SmtpCredential::MicrosoftOAuth {
                        client: state.microsoft.clone(),
                        credentials: credentials(app.clone(), secret),
                    })
                }
                (Some(SmtpAuth::Password { .. }), Some(secret)) => {
                    Some(SmtpCredential::Password(secret))
                }
                _ => None,
            };
            let (from_name, from) = (settings.sender_name.clone(), settings.sender_email.clone());
            let trust = state
                .smtp_trust
                .with_tenant_ca(settings.ca_certificate.as_deref());
            let mailer = SmtpMailer::new(settings, credential, trust, state.smtp_timeouts);
            TenantMailer {
                mailer: Box::new(mailer),
                from_name,
                from,
            }
        }
        StoredConfig::Microsoft365(graph) => {
            let from = graph.settings.sender_email.clone();
            let mailer = GraphMailer::new(
                state.microsoft.clone(),
                credentials(graph.settings.app, graph.client_secret),
                graph.settings.sender_email,
            );
            TenantMailer {
                mailer: Box::new(mailer),
                from_name: None,
                from,
            }
        }
    }
}
