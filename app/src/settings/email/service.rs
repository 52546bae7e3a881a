//! The email provider service (server only): load, save, delete and test, on top of the store
//! and the mailers. Input is validated here with the shared domain rules, then completed with
//! the server-only IDN conversion.

use crate::auth::Caller;
use crate::domain::provider::{EmailProviderView, LastTest};
use crate::domain::smtp::{validate_smtp, SmtpForm, SmtpSettings};
use crate::domain::test_email::{TestEmailOutcome, TestEmailReport, TestEmailRequest};
use crate::domain::{Field, FieldErrors};
use crate::error::ApiError;
use crate::i18n::{catalog, fill};
use crate::idn::{ascii_address, ascii_smtp_settings};
use crate::mail::smtp::SmtpMailer;
use crate::mail::{Mailer, OutgoingEmail};
use crate::state::AppState;
use std::time::Instant;

pub async fn load(caller: &Caller) -> Result<EmailProviderView, ApiError> {
    let state = AppState::current()?;
    let stored = state.store.load_email_provider(&caller.tenant_id).await?;
    Ok(stored
        .map(|s| s.view())
        .unwrap_or_else(EmailProviderView::none))
}

/// Validates `form` against what is saved now and saves it as the active provider. A save
/// based on a version someone else replaced meanwhile is refused as a conflict.
pub async fn save_smtp(caller: &Caller, form: &SmtpForm) -> Result<EmailProviderView, ApiError> {
    let state = AppState::current()?;
    let stored = state.store.load_email_provider(&caller.tenant_id).await?;
    let saved = stored.as_ref().map(|s| s.saved_smtp());
    let valid = validate_smtp(form, saved.as_ref())?;
    let settings = ascii_smtp_settings(valid.settings)?;
    let based_on = stored.as_ref().map(|s| s.version);
    state
        .store
        .save_smtp(
            &caller.tenant_id,
            &settings,
            &valid.password,
            based_on,
            &now(),
        )
        .await?;
    tracing::info!(tenant = %caller.tenant_id, host = %settings.host, port = settings.port, "SMTP settings saved");
    // Answer with what is stored now (new version and time), exactly as the next load shows it.
    load(caller).await
}

pub async fn delete(caller: &Caller) -> Result<EmailProviderView, ApiError> {
    let state = AppState::current()?;
    if state.store.delete_email_provider(&caller.tenant_id).await? {
        tracing::info!(tenant = %caller.tenant_id, "email settings deleted");
    }
    Ok(EmailProviderView::none())
}

/// Sends the test email through the saved configuration and records the outcome.
pub async fn send_test(
    caller: &Caller,
    request: &TestEmailRequest,
) -> Result<TestEmailReport, ApiError> {
    let recipient = request.validate()?;
    let recipient = ascii_address(&recipient).map_err(|e| FieldErrors::one(Field::Recipient, e))?;
    let state = AppState::current()?;
    let stored = state
        .store
        .load_email_provider(&caller.tenant_id)
        .await?
        .ok_or(ApiError::NotConfigured)?;
    let settings = stored.smtp.settings.clone();
    let email = test_email(&settings, &recipient);
    let mailer = SmtpMailer::new(
        settings,
        stored.smtp.password.clone(),
        state.smtp_trust.clone(),
        state.smtp_timeouts,
    );

    let started = Instant::now();
    let outcome = match mailer.send(&email).await {
        Ok(accepted) => TestEmailOutcome::Accepted {
            reply: accepted.reply,
        },
        Err(err) => {
            tracing::info!(tenant = %caller.tenant_id, error = %err, "test email failed");
            TestEmailOutcome::Failed(err.into_failure())
        }
    };
    let report = TestEmailReport {
        recipient,
        elapsed_ms: started.elapsed().as_millis() as u64,
        outcome,
    };
    let test = LastTest {
        at: now(),
        report: report.clone(),
    };
    state
        .store
        .record_test(&caller.tenant_id, stored.version, &test)
        .await?;
    Ok(report)
}

fn test_email(settings: &SmtpSettings, recipient: &str) -> OutgoingEmail {
    let t = catalog();
    let port = settings.port.to_string();
    let text = fill(
        t.test_body,
        &[
            ("provider", t.provider_smtp),
            ("server", &settings.host),
            ("port", &port),
            ("security", t.security_label(settings.security)),
        ],
    );
    OutgoingEmail {
        from_name: settings.sender_name.clone(),
        from: settings.sender_email.clone(),
        to: recipient.to_owned(),
        subject: t.test_subject.to_owned(),
        text,
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
