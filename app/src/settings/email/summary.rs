//! The active configuration, read-only, with the Edit button.

use crate::domain::provider::{ActiveProvider, EmailProviderView};
use crate::domain::smtp::SavedSmtp;
use crate::domain::test_email::TestEmailOutcome;
use crate::i18n::{catalog, display_time};
use leptos::prelude::*;

#[component]
pub fn ProviderSummary(current: Signal<EmailProviderView>, on_edit: Callback<()>) -> impl IntoView {
    let t = catalog();
    let details = move || {
        current.with(|view| match &view.provider {
            ActiveProvider::None => view! { <p>{t.no_provider}</p> }.into_any(),
            ActiveProvider::Smtp(saved) => smtp_rows(saved).into_any(),
        })
    };
    let changed = move || current.with(|v| v.updated_at.as_deref().map(display_time));
    let last_test = move || {
        current.with(|v| match &v.last_test {
            None => t.never_tested.to_owned(),
            Some(test) => {
                let outcome = match &test.report.outcome {
                    TestEmailOutcome::Accepted { .. } => t.test_passed,
                    TestEmailOutcome::Failed(_) => t.test_failed_short,
                };
                format!(
                    "{}: {} ({})",
                    display_time(&test.at),
                    outcome,
                    test.report.recipient
                )
            }
        })
    };
    view! {
        <section class="card summary" aria-labelledby="current-heading">
            <h2 id="current-heading">{t.current_heading}</h2>
            <dl>
                <dt>{t.provider_legend}</dt>
                <dd>
                    {move || current.with(|v| match v.provider {
                        ActiveProvider::None => t.provider_none,
                        ActiveProvider::Smtp(_) => t.provider_smtp,
                    })}
                </dd>
            </dl>
            {details}
            <Show when=move || current.with(|v| v.saved_smtp().is_some())>
                <dl>
                    <dt>{t.last_changed}</dt>
                    <dd>{changed}</dd>
                    <dt>{t.last_test}</dt>
                    <dd>{last_test}</dd>
                </dl>
            </Show>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| on_edit.run(())>{t.edit}</button>
            </div>
        </section>
    }
}

fn smtp_rows(saved: &SavedSmtp) -> impl IntoView {
    let t = catalog();
    let s = &saved.settings;
    let auth = match s.login() {
        Some(login) => login.to_owned(),
        None => t.auth_summary_off.to_owned(),
    };
    let rows = [
        (t.label_host, s.host.clone()),
        (t.label_port, s.port.to_string()),
        (t.label_security, t.security_label(s.security).to_owned()),
        (t.label_sender_email, s.sender_email.clone()),
        (
            t.label_sender_name,
            s.sender_name.clone().unwrap_or_default(),
        ),
        (t.label_auth, auth),
    ];
    let password = (s.auth.is_some() && saved.password_saved)
        .then_some((t.label_password, t.password_saved.to_owned()));
    view! {
        <dl>
            {rows
                .into_iter()
                .chain(password)
                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                .collect_view()}
        </dl>
    }
}
