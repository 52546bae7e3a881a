//! Shown on every page an admin opens while the tenant's sending is paused: what failed, the
//! same explanation and fix a test email gives, and how sending resumes.

use super::api::sending_status;
use crate::i18n::{catalog, display_time, fill};
use leptos::prelude::*;

#[component]
pub fn SendingPausedBanner() -> impl IntoView {
    let status = Resource::new(|| (), |_| sending_status());
    view! {
        <Transition>
            {move || Suspend::new(async move {
                // Members and visitors get an error here: they see no banner.
                status.await.ok().flatten().map(|paused| {
                    let catalog = catalog();
                    let t = &catalog.outbox;
                    let failure = paused.failure;
                    let explanation = (catalog.explain)(failure.cause, failure.step);
                    let intro = fill(t.paused_intro, &[
                        ("since", &display_time(&paused.since)),
                        ("step", (catalog.step_name)(failure.step)),
                    ]);
                    let reply = match failure.code {
                        Some(code) => format!("{code} {}", failure.detail),
                        None => failure.detail.clone(),
                    };
                    view! {
                        <section class="banner alert error" role="alert" aria-labelledby="paused-heading">
                            <h2 id="paused-heading">{t.paused_title}</h2>
                            <p>{intro}</p>
                            <p><code>{reply}</code></p>
                            <p>{explanation.cause}</p>
                            <p>{explanation.fix}</p>
                            <p>{t.paused_resume}</p>
                        </section>
                    }
                })
            })}
        </Transition>
    }
}
