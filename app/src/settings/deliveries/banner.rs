//! Shown on every admin page (Email provider, API tokens, Delivery log) while the tenant's
//! sending is paused, or its provider fails the background check: what failed, the same
//! explanation and fix a test email gives, how sending resumes, and a link to the settings. Loaded by the browser after hydration, through an action started by an
//! effect (like the audit log), so the page's server rendering never waits for it.

use super::api::{SecretExpiryNotice, SendingStatus};
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

/// Shown on every admin page from 30 days before the client secret's expiry date (as the admin
/// gave it) and after it: the date and how to replace the secret. Loaded like the paused banner.
#[component]
pub fn SecretExpiryBanner() -> impl IntoView {
    let expiry = ServerAction::<SecretExpiryNotice>::new();
    Effect::new(move |_| {
        expiry.dispatch(SecretExpiryNotice {});
    });
    move || {
        let expiry = expiry.value().get()?.ok()??;
        let t = &catalog().expiry;
        let (title, text) = if expiry.expired() {
            (t.banner_expired_title, t.banner_expired)
        } else {
            (t.banner_soon_title, t.banner_soon)
        };
        let text = fill(text, &[("date", &expiry.expires_on.to_string())]);
        let class = if expiry.expired() {
            "banner alert error"
        } else {
            "banner alert warning"
        };
        Some(view! {
            <section class=class role="alert" aria-labelledby="expiry-heading">
                <h2 id="expiry-heading">{title}</h2>
                <p>{text}</p>
                <p>{t.banner_fix}</p>
                <p><a href="/settings/email">{catalog().outbox.open_settings}</a></p>
            </section>
        })
    }
}

/// Every banner an admin page shows about the tenant's provider.
#[island]
pub fn ProviderBanners() -> impl IntoView {
    view! {
        <SendingPausedBanner />
        <SecretExpiryBanner />
    }
}
