//! The tenant's audit log on the page: most recent first, a page at a time. Loaded by the
//! browser after hydration and again whenever `revision` changes. (An action started by an
//! effect, not a resource: effects never run on the server, so server rendering never waits
//! for it, and server and browser both start from "Loading…".) The code that loads and shows
//! the entries is a module of its own (`audit_entries`), fetched after hydration too.

use super::api::GetAuditLog;
use crate::components::{lazy_view, LazyView};
use crate::domain::audit::{AuditAction, AuditEntry, AuditPageRequest, FieldChange};
use crate::i18n::format::LocalTime;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;

#[component]
pub fn AuditLogPanel(
    /// Changes after every save, deletion and test.
    revision: Signal<u32>,
) -> impl IntoView {
    let t = catalog();
    // False on the server and while hydrating, so both render "Loading…"; effects only run in
    // the browser, once hydrated.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let loading = move || view! { <p>{t.loading}</p> };
    view! {
        <section class="card audit-log" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t.audit_heading}</h2>
            <Show when=move || hydrated.get() fallback=loading>
                <LazyView load=move || audit_entries(revision) show_loading=true />
            </Show>
        </section>
    }
}

lazy_view! {
    fn audit_entries(revision: Signal<u32>) preload _preload_audit_entries {
        view! { <AuditEntries revision /> }.into_any()
    }
}

#[component]
fn AuditEntries(revision: Signal<u32>) -> impl IntoView {
    let t = catalog();
    let latest = ServerAction::<GetAuditLog>::new();
    Effect::new(move |_| {
        revision.track();
        latest.dispatch(GetAuditLog {
            request: AuditPageRequest::default(),
        });
    });
    let older = ServerAction::<GetAuditLog>::new();
    // Older pages loaded so far, and where the next one starts.
    let shown_older = RwSignal::new(Vec::<AuditEntry>::new());
    let next = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if let Some(Ok(page)) = latest.value().get() {
            shown_older.set(Vec::new());
            next.set(page.older);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(page)) = older.value().get() {
            shown_older.update(|entries| entries.extend(page.entries));
            next.set(page.older);
        }
    });
    let rows = move || {
        let mut entries = match latest.value().get() {
            Some(Ok(page)) => page.entries,
            Some(Err(err)) => {
                return view! { <p class="alert error" role="alert">{t.api_error(&err)}</p> }
                    .into_any()
            }
            None => return view! { <p>{t.loading}</p> }.into_any(),
        };
        entries.extend(shown_older.get());
        if entries.is_empty() {
            return view! { <p>{t.audit_empty}</p> }.into_any();
        }
        view! {
            <table>
                <thead>
                    <tr><th scope="col">{t.audit_when}</th><th scope="col">{t.audit_who}</th><th scope="col">{t.audit_what}</th></tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td><LocalTime at=e.at.clone() /></td>
                            <td>{e.actor}</td>
                            <td>{describe(&e.action)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        {rows}
        <Show when=move || next.get().is_some()>
            <button
                type="button"
                disabled=move || older.pending().get()
                on:click=move |_| {
                    older.dispatch(GetAuditLog { request: AuditPageRequest { before: next.get_untracked() } });
                }
            >
                {t.audit_older}
            </button>
        </Show>
    }
}

/// One entry in words: what happened, then each changed field.
fn describe(action: &AuditAction) -> impl IntoView {
    let t = catalog();
    let (headline, changes) = match action {
        AuditAction::Saved {
            provider,
            activated,
            changes,
        } => {
            let template = if *activated {
                t.audit_activated
            } else {
                t.audit_saved
            };
            (
                fill(template, &[("provider", t.provider_name(*provider))]),
                changes.clone(),
            )
        }
        AuditAction::Deleted { provider } => (
            fill(t.audit_deleted, &[("provider", t.provider_name(*provider))]),
            Vec::new(),
        ),
        AuditAction::TestSent {
            recipient,
            failed_at,
        } => {
            let text = match failed_at {
                None => fill(t.audit_test_ok, &[("recipient", recipient)]),
                Some(step) => fill(
                    t.audit_test_failed,
                    &[("recipient", recipient), ("step", t.step_name(*step))],
                ),
            };
            (text, Vec::new())
        }
        AuditAction::TokenCreated { name } => {
            (fill(t.audit_token_created, &[("name", name)]), Vec::new())
        }
        AuditAction::TokenRevoked { name } => {
            (fill(t.audit_token_revoked, &[("name", name)]), Vec::new())
        }
    };
    view! {
        {headline}
        {(!changes.is_empty()).then(|| view! {
            <ul class="changes">{changes.iter().map(change_line).map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        })}
    }
}

fn change_line(change: &FieldChange) -> String {
    let t = catalog();
    let field = t.audit_field(change.field);
    match &change.values {
        None => fill(t.audit_secret_changed, &[("field", field)]),
        Some((old, new)) => {
            let shown =
                |v: &Option<String>| v.clone().unwrap_or_else(|| t.audit_empty_value.to_owned());
            format!("{field}: {} → {}", shown(old), shown(new))
        }
    }
}
