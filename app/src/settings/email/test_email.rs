//! The test email panel: a recipient, a button, and a plain report of what happened; beside it,
//! "Check connection", which does everything but send.

use super::api::{CheckConnection, SendTestEmail};
use super::summary::BasicAuthNotice;
use crate::components::{lazy_view, preload, LazyView, TextField};
use crate::domain::connection_check::{CheckOutcome, CheckScope, ConnectionCheckReport};
use crate::domain::provider::{EmailProviderView, LastTest};
use crate::domain::test_email::{
    FailureCause, PresentedCertificate, SendFailure, SendStep, Speaker, TestEmailOutcome,
    TestEmailReport, TestEmailRequest, TranscriptLine,
};
use crate::domain::Field;
use crate::error::ApiError;
use crate::i18n::format::number;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;

#[component]
pub fn TestEmailPanel(
    current: Signal<EmailProviderView>,
    /// Changes after each save that should be followed by a test email.
    auto_test: Signal<u32>,
    /// Runs when a test has been sent (and recorded), whatever its outcome.
    on_tested: Callback<LastTest>,
) -> impl IntoView {
    let t = catalog();
    // Pre-filled with the signed-in admin's own address.
    let recipient = RwSignal::new(current.with_untracked(|v| v.admin_email.clone()));
    let typed = RwSignal::new(false);
    let send = ServerAction::<SendTestEmail>::new();
    let check = ServerAction::<CheckConnection>::new();
    Effect::new(move |_| {
        if let Some(Ok(test)) = send.value().get() {
            on_tested.run(test);
        }
    });
    Effect::new(move |previous: Option<u32>| {
        let requested = auto_test.get();
        if previous.is_some_and(|p| p != requested) {
            let recipient = recipient.get_untracked();
            let request = TestEmailRequest { recipient };
            if request.validate().is_ok() {
                send.dispatch(SendTestEmail { request });
            }
        }
        requested
    });
    let field_error = Signal::derive(move || {
        let request = TestEmailRequest {
            recipient: recipient.get(),
        };
        let local = typed.get().then(|| request.validate().err()).flatten();
        let remote = match send.value().get() {
            Some(Err(ApiError::Invalid(errors))) => Some(errors),
            _ => None,
        };
        local
            .or(remote)
            .and_then(|e| e.get(Field::Recipient))
            .map(|e| t.field_error(e))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        typed.set(true);
        let request = TestEmailRequest {
            recipient: recipient.get_untracked(),
        };
        if request.validate().is_ok() {
            preload_reports();
            send.dispatch(SendTestEmail { request });
        }
    };
    let checked = move || match check.value().get() {
        Some(Ok(report)) => view! { <LazyReport report=Report::Check(report) /> }.into_any(),
        None => ().into_any(),
        Some(Err(err)) => {
            view! { <p class="alert error" role="alert">{t.api_error(&err)}</p> }.into_any()
        }
    };
    let result = move || match send.value().get() {
        Some(Ok(test)) => view! { <LazyReport report=Report::Test(test.report) /> }.into_any(),
        Some(Err(ApiError::Invalid(_))) | None => ().into_any(),
        Some(Err(err)) => {
            view! { <p class="alert error" role="alert">{t.api_error(&err)}</p> }.into_any()
        }
    };
    view! {
        <section class="card test-email" aria-labelledby="test-heading">
            <h2 id="test-heading">{t.test_heading}</h2>
            <Show
                when=move || current.with(|v| v.sender_email().is_some())
                fallback=move || view! { <p>{t.test_save_first}</p> }
            >
                <p>{t.test_intro}</p>
                <form novalidate on:submit=on_submit>
                    <TextField
                        id="test-recipient"
                        label=t.label_recipient
                        input_type="email"
                        value=recipient
                        on_input=Callback::new(move |v| {
                            typed.set(true);
                            recipient.set(v);
                        })
                        error=field_error
                    />
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || send.pending().get()>{t.send_test}</button>
                        <button
                            type="button"
                            disabled=move || check.pending().get()
                            on:click=move |_| {
                                preload_reports();
                                check.dispatch(CheckConnection {});
                            }
                        >
                            {t.check_connection}
                        </button>
                        <span class="pending" aria-live="polite">
                            {move || send.pending().get().then_some(t.sending_test)}
                            {move || check.pending().get().then_some(t.checking_connection)}
                        </span>
                    </div>
                </form>
                {checked}
                {result}
            </Show>
        </section>
    }
}

/// A report to show: its view is in a module of its own (`report_view`), which the browser
/// fetches while the server sends the test email or checks the connection.
#[derive(Clone)]
enum Report {
    Test(TestEmailReport),
    Check(ConnectionCheckReport),
}

#[component]
fn LazyReport(report: Report) -> impl IntoView {
    view! { <LazyView load=move || report_view(report.clone()) /> }
}

lazy_view! {
    fn report_view(report: Report) preload preload_report_view {
        match report {
            Report::Test(report) => view! { <TestReport report /> }.into_any(),
            Report::Check(report) => view! { <CheckReport report /> }.into_any(),
        }
    }
}

/// Starts fetching the reports' module, so it is there when the server answers.
fn preload_reports() {
    preload(preload_report_view);
}

#[component]
fn TestReport(report: TestEmailReport) -> impl IntoView {
    let t = catalog();
    let ms = number(report.elapsed_ms);
    let transcript = (!report.transcript.is_empty())
        .then(|| view! { <Transcript lines=transcript_text(&report.transcript) /> });
    let result = match report.outcome {
        TestEmailOutcome::Accepted { reply } => view! {
            <div class="result ok" role="status">
                <p><strong>{fill(t.test_accepted, &[("ms", &ms)])}</strong></p>
                <p>{t.test_accepted_note}</p>
                <dl>
                    <dt>{t.server_reply}</dt>
                    <dd>
                        <code>{reply}</code>
                    </dd>
                </dl>
            </div>
        }
        .into_any(),
        TestEmailOutcome::Failed(failure) => view! {
            <div class="result failed" role="alert">
                <p><strong>{fill(t.test_failed, &[("ms", &ms)])}</strong></p>
                <FailureDetails failure />
            </div>
        }
        .into_any(),
    };
    view! { {result} {transcript} }
}

/// The outcome of "Check connection": what worked, or where it failed, and that nothing was
/// sent either way.
#[component]
fn CheckReport(report: ConnectionCheckReport) -> impl IntoView {
    let t = catalog();
    let ms = number(report.elapsed_ms);
    let transcript = (!report.transcript.is_empty())
        .then(|| view! { <Transcript lines=transcript_text(&report.transcript) /> });
    let result = match report.outcome {
        CheckOutcome::Passed { scope, reply } => {
            let passed = match scope {
                CheckScope::SmtpSession => t.check_passed_smtp,
                CheckScope::TokenOnly => t.check_passed_token,
            };
            view! {
                <div class="result ok check" role="status">
                    <p><strong>{fill(passed, &[("ms", &ms)])}</strong></p>
                    <p>{t.check_nothing_sent}</p>
                    {(!reply.is_empty()).then(|| view! {
                        <dl><dt>{t.server_reply}</dt><dd><code>{reply}</code></dd></dl>
                    })}
                </div>
            }
            .into_any()
        }
        CheckOutcome::Failed(failure) => view! {
            <div class="result failed check" role="alert">
                <p><strong>{fill(t.check_failed, &[("ms", &ms)])}</strong></p>
                <p>{t.check_nothing_sent}</p>
                <FailureDetails failure />
            </div>
        }
        .into_any(),
    };
    view! { {result} {transcript} }
}

/// A failure's cause, step, code, the provider's words and what to do.
#[component]
fn FailureDetails(failure: SendFailure) -> impl IntoView {
    let t = catalog();
    let explanation = t.explain(failure.cause, failure.step);
    view! {
        <p>{explanation.cause}</p>
        <dl>
            <dt>{t.failed_step}</dt>
            <dd>{t.step_name(failure.step)}</dd>
            {failure.code.map(|code| view! { <dt>{t.reply_code}</dt><dd>{code_text(failure.step, code)}</dd> })}
            <dt>{t.server_said}</dt>
            <dd><code>{failure.detail}</code></dd>
            {failure.reference.map(|id| view! { <dt>{t.reference}</dt><dd><code>{id}</code></dd> })}
            <dt>{t.what_to_do}</dt>
            <dd>
                {explanation.fix}
                {failure.retry_after_s.map(|s| format!(" {}", fill(t.counted(s, t.retry_after_one, t.retry_after), &[("s", &number(s))])))}
            </dd>
        </dl>
        {failure.certificate.map(|certificate| view! { <CertificateDetails certificate=*certificate /> })}
        {(failure.cause == FailureCause::SmtpAuthDisabled).then(|| view! { <BasicAuthNotice /> })}
    }
}

/// The certificate a server presented when TLS failed on it.
#[component]
fn CertificateDetails(certificate: PresentedCertificate) -> impl IntoView {
    let t = catalog();
    let names = if certificate.names.is_empty() {
        t.cert_no_names.to_owned()
    } else {
        certificate.names.join(", ")
    };
    let validity = fill(
        t.cert_validity,
        &[
            ("from", &certificate.not_before),
            ("to", &certificate.not_after),
        ],
    );
    view! {
        <section class="certificate" aria-label=t.cert_heading>
            <h3>{t.cert_heading}</h3>
            <dl>
                <dt>{t.cert_subject}</dt>
                <dd><code>{certificate.subject}</code></dd>
                <dt>{t.cert_names}</dt>
                <dd><code>{names}</code></dd>
                <dt>{t.cert_issuer}</dt>
                <dd><code>{certificate.issuer}</code></dd>
                <dt>{t.cert_fingerprint}</dt>
                <dd><code class="fingerprint">{certificate.sha256}</code></dd>
            </dl>
            <p>{validity}</p>
        </section>
    }
}

/// The exchange with the provider, as the report brought it (secrets already blanked).
#[component]
fn Transcript(lines: String) -> impl IntoView {
    view! {
        <details class="transcript">
            <summary>{catalog().transcript_heading}</summary>
            <pre>{lines}</pre>
        </details>
    }
}

fn transcript_text(lines: &[TranscriptLine]) -> String {
    let t = catalog();
    lines
        .iter()
        .map(|line| {
            let who = match line.from {
                Speaker::Client => t.transcript_client,
                Speaker::Server => t.transcript_server,
                Speaker::Note => "*",
            };
            format!("{who} {}\n", line.text)
        })
        .collect()
}

/// A code as the provider names it: "AADSTS7000215" for the identity platform, "HTTP 403" for
/// Graph, the bare reply code for SMTP.
fn code_text(step: SendStep, code: u32) -> String {
    match step {
        SendStep::TokenRequest => format!("AADSTS{code}"),
        SendStep::GraphSend => format!("HTTP {code}"),
        _ => code.to_string(),
    }
}
