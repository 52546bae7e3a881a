//! Shown on every admin page (Email provider, API tokens, Delivery log) while the tenant's
//! sending is paused, or its provider fails the background check: what failed, the same
//! explanation and fix a test email gives, how sending resumes, and a link to the settings. Loaded by the browser after hydration, through an action started by an
//! effect (like the audit log), so the page's server rendering never waits for it.

use super::api::SendingStatus;
use crate::i18n::format::local_time;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;

#[component]
pub fn SendingPausedBanner() -> impl IntoView {
    let status = ServerAction::<SendingStatus>::new();
    Effect::new(move |_| {
        status.dispatch(SendingStatus {});
    });
    move || {
        // Members and visitors get `None` (or an error): they see no banner.
        let paused = status.value().get()?.ok()??;
        let catalog = catalog();
        let t = &catalog.outbox;
        let failure = paused.failure;
        let explanation = catalog.explain(failure.cause, failure.step);
        let (title, intro, next) = if paused.paused {
            (t.paused_title, t.paused_intro, Some(t.paused_resume))
        } else {
            (t.failing_title, t.failing_intro, None)
        };
        let intro = fill(
            intro,
            &[
                ("since", &local_time(&paused.since)),
                ("step", catalog.step_name(failure.step)),
            ],
        );
        let reply = match failure.code {
            Some(code) => format!("{code} {}", failure.detail),
            None => failure.detail.clone(),
        };
        Some(view! {
            <section class="banner alert error" role="alert" aria-labelledby="paused-heading">
                <h2 id="paused-heading">{title}</h2>
                <p>{intro}</p>
                <p><code>{reply}</code></p>
                <p>{explanation.cause}</p>
                <p>{explanation.fix}</p>
                {next.map(|next| view! { <p>{next}</p> })}
                <p><a href="/settings/email">{t.open_settings}</a></p>
            </section>
        })
    }
}
