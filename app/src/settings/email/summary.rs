//! The active configuration, read-only, with the Edit button.

use super::page::SwitchToMicrosoft;
use crate::domain::microsoft::{MicrosoftApp, SavedGraph};
use crate::domain::provider::{ActiveProvider, EmailProviderView, ProviderHealth, ProviderKind};
use crate::domain::smtp::{SavedSmtp, SmtpAuth};
use crate::domain::test_email::SendStep;
use crate::domain::test_email::TestEmailOutcome;
use crate::i18n::catalog;
use crate::i18n::format::{number, LocalTime};
use leptos::prelude::*;

#[component]
pub fn ProviderSummary(current: Signal<EmailProviderView>, on_edit: Callback<()>) -> impl IntoView {
    let t = catalog();
    let details = move || {
        current.with(|view| match &view.provider {
            ActiveProvider::None => view! { <p>{t.no_provider}</p> }.into_any(),
            ActiveProvider::Smtp(saved) => rows(smtp_rows(saved)).into_any(),
            ActiveProvider::Microsoft365(saved) => rows(graph_rows(saved)).into_any(),
        })
    };
    let changed = move || {
        current
            .with(|v| v.updated_at.clone())
            .map(|at| view! { <LocalTime at /> })
    };
    let last_test = move || {
        current.with(|v| match &v.last_test {
            None => t.never_tested.into_any(),
            Some(test) => {
                let outcome = match &test.report.outcome {
                    TestEmailOutcome::Accepted { .. } => t.test_passed,
                    TestEmailOutcome::Failed(_) => t.test_failed_short,
                };
                let details = format!(": {} ({})", outcome, test.report.recipient);
                view! { <LocalTime at=test.at.clone() />{details} }.into_any()
            }
        })
    };
    view! {
        <section class="card summary" aria-labelledby="current-heading">
            <h2 id="current-heading">{t.current_heading}</h2>
            <dl>
                <dt>{t.provider_legend}</dt>
                <dd>
                    {move || current.with(|v| t.provider_name(v.provider.kind()))}
                </dd>
            </dl>
            {details}
            <Show when=move || current.with(|v| v.provider.kind() != ProviderKind::None)>
                <dl>
                    <dt>{t.last_changed}</dt>
                    <dd>{changed}</dd>
                    <dt>{t.last_test}</dt>
                    <dd>{last_test}</dd>
                </dl>
                {move || current.with(|v| v.health.clone()).map(|health| view! { <HealthSummary health /> })}
            </Show>
            <Show when=move || current.with(|v| v.saved_smtp().is_some_and(|s| s.settings.uses_microsoft_basic_auth()))>
                <BasicAuthNotice />
            </Show>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| on_edit.run(())>{t.edit}</button>
            </div>
        </section>
    }
}

/// Label and value pairs of the SMTP settings (never the secret, only whether one is saved).
fn smtp_rows(saved: &SavedSmtp) -> Vec<(&'static str, String)> {
    let t = catalog();
    let s = &saved.settings;
    let mut rows = vec![
        (t.label_host, s.host.clone()),
        (t.label_port, s.port.to_string()),
        (t.label_security, t.security_label(s.security).to_owned()),
        (t.label_sender_email, s.sender_email.clone()),
        (
            t.label_sender_name,
            s.sender_name.clone().unwrap_or_default(),
        ),
        (
            t.label_rate,
            s.rate_per_minute
                .map_or_else(|| t.rate_unlimited.to_owned(), |r| number(r.into())),
        ),
    ];
    if let Some(ca) = &saved.trusted_ca {
        rows.push((t.label_ca_certificate, super::smtp_form::ca_summary(t, ca)));
    }
    match &s.auth {
        None => rows.push((t.label_auth, t.auth_summary_off.to_owned())),
        Some(auth) => {
            rows.push((
                t.label_auth_type,
                t.auth_type_label(auth.auth_type()).to_owned(),
            ));
            match auth {
                SmtpAuth::Password { .. } => {
                    rows.push((t.label_username, s.login().unwrap_or_default().to_owned()));
                    if saved.secret_saved {
                        rows.push((t.label_password, t.password_saved.to_owned()));
                    }
                }
                SmtpAuth::MicrosoftOAuth(app) => {
                    rows.push((t.label_oauth_tenant_id, app.tenant_id.clone()));
                    rows.push((t.label_oauth_client_id, app.client_id.clone()));
                    secret_rows(app, saved.secret_saved, &mut rows);
                }
            }
        }
    }
    rows
}

fn graph_rows(saved: &SavedGraph) -> Vec<(&'static str, String)> {
    let t = catalog();
    let s = &saved.settings;
    let mut rows = vec![
        (t.label_sender_email, s.sender_email.clone()),
        (t.label_tenant_id, s.app.tenant_id.clone()),
        (t.label_client_id, s.app.client_id.clone()),
    ];
    secret_rows(&s.app, saved.secret_saved, &mut rows);
    rows
}

/// Whether a client secret is saved, and its expiry date when the admin gave it.
fn secret_rows(app: &MicrosoftApp, secret_saved: bool, rows: &mut Vec<(&'static str, String)>) {
    let t = catalog();
    if secret_saved {
        rows.push((t.label_client_secret, t.password_saved.to_owned()));
    }
    if let Some(date) = app.secret_expires_on {
        rows.push((t.label_secret_expires_on, date.to_string()));
    }
}

fn rows(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl>
            {rows
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                .collect_view()}
        </dl>
    }
}

/// Microsoft is retiring basic authentication for SMTP AUTH: say so, and offer the way out.
#[component]
pub fn BasicAuthNotice() -> impl IntoView {
    let t = catalog();
    let switch = use_context::<SwitchToMicrosoft>();
    view! {
        <div class="notice-box warning" role="note">
            <p>{t.basic_auth_notice}</p>
            {switch.map(|SwitchToMicrosoft(switch)| view! {
                <button type="button" on:click=move |_| switch.run(())>{t.switch_to_microsoft}</button>
            })}
        </div>
    }
}

/// The background check: passing or failing since when, and its last changes.
#[component]
fn HealthSummary(health: ProviderHealth) -> impl IntoView {
    let t = catalog();
    let template = if health.healthy {
        t.health_passing
    } else {
        t.health_failing
    };
    // "Healthy since {since}; last checked {checked}.": the times are components (shown in the
    // reader's zone once interactive), placed where each language puts them.
    let (before, rest) = template.split_once("{since}").unwrap_or((template, ""));
    let (between, after) = rest.split_once("{checked}").unwrap_or((rest, ""));
    let cause = health
        .failure
        .map(|failure| t.explain(failure.cause, failure.step).cause);
    let changes = health
        .changes
        .into_iter()
        .map(|change| {
            let what = if change.healthy {
                t.health_became_healthy.to_owned()
            } else {
                let cause = change.cause.map(|c| t.explain(c, SendStep::Connect).cause);
                [t.health_became_failing, cause.unwrap_or_default()].join(": ")
            };
            view! { <li><LocalTime at=change.at />" — "{what}</li> }
        })
        .collect::<Vec<_>>();
    view! {
        <dl class="health">
            <dt>{t.health_heading}</dt>
            <dd>
                {before}<LocalTime at=health.since />{between}<LocalTime at=health.checked_at />{after}
                {cause.map(|cause| view! { " " {cause} })}
            </dd>
        </dl>
        {(!changes.is_empty()).then(|| view! {
            <details class="health-history">
                <summary>{t.health_history}</summary>
                <ul>{changes}</ul>
            </details>
        })}
    }
}
