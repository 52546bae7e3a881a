//! The delivery log: the tenant's messages, newest first, a page at a time, filtered by status
//! and category and searched by recipient. Failed and deferred messages show the step, the
//! provider's reply, and the plain cause and fix.

use super::api::{list_deliveries, ListDeliveries};
use crate::domain::delivery::{
    Category, DeliveryPage, DeliveryQuery, DeliveryRecord, DeliveryStatus,
};
use crate::error::ApiError;
use crate::i18n::catalog;
use crate::i18n::format::LocalTime;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn DeliveriesPage() -> impl IntoView {
    let catalog = catalog();
    let t = &catalog.outbox;
    // The first page is rendered on the server: an anonymous visitor gets a real redirect and
    // a member a real 403, as on the Email provider page.
    let first = Resource::new(|| (), |_| list_deliveries(DeliveryQuery::default()));
    view! {
        <Title text=t.deliveries_title />
        <super::ProviderBanners />
        <h1>{t.deliveries_title}</h1>
        <p class="intro">{t.deliveries_intro}</p>
        <Transition fallback=move || view! { <p>{catalog.loading}</p> }>
            {move || Suspend::new(async move {
                match first.await {
                    Ok(page) => view! { <DeliveryLog first=page /> }.into_any(),
                    Err(ApiError::Unauthenticated) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(err) => view! { <p class="alert error" role="alert">{catalog.api_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The filters and the log, from the first page the server loaded: the part of the page the
/// browser runs (an island).
#[cfg_attr(any(feature = "ssr", feature = "page-deliveries"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "page-deliveries")), component)]
fn DeliveryLog(first: DeliveryPage) -> impl IntoView {
    let catalog = catalog();
    let t = &catalog.outbox;
    let query = RwSignal::new(DeliveryQuery::default());
    let records = RwSignal::new(first.records);
    let next = RwSignal::new(first.older);
    let search = ServerAction::<ListDeliveries>::new();
    let older = ServerAction::<ListDeliveries>::new();
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| match search.value().get() {
        Some(Ok(page)) => {
            records.set(page.records);
            next.set(page.older);
            error.set(None);
        }
        Some(Err(err)) => error.set(Some(catalog.api_error(&err))),
        None => {}
    });
    Effect::new(move |_| match older.value().get() {
        Some(Ok(page)) => {
            records.update(|r| r.extend(page.records));
            next.set(page.older);
        }
        Some(Err(err)) => error.set(Some(catalog.api_error(&err))),
        None => {}
    });
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        search.dispatch(ListDeliveries {
            query: query.get_untracked(),
        });
    };
    let rows = move || {
        let list = records.get();
        if list.is_empty() {
            return view! { <p>{t.deliveries_empty}</p> }.into_any();
        }
        view! {
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.col_time}</th>
                        <th scope="col">{t.col_category}</th>
                        <th scope="col">{t.col_recipients}</th>
                        <th scope="col">{t.col_subject}</th>
                        <th scope="col">{t.col_status}</th>
                        <th scope="col">{t.col_attempts}</th>
                    </tr>
                </thead>
                <tbody>{list.into_iter().map(|r| view! { <DeliveryRow record=r /> }).collect_view()}</tbody>
            </table>
        }
        .into_any()
    };
    let status_options =
        DeliveryStatus::ALL.map(|s| view! { <option value=s.as_str()>{t.status_name(s)}</option> });
    let category_options =
        Category::ALL.map(|c| view! { <option value=c.as_str()>{t.category_name(c)}</option> });
    view! {
        <form class="card filters" role="search" aria-label=t.deliveries_title on:submit=on_search>
            <div class="field">
                <label for="filter-status">{t.filter_status}</label>
                <select id="filter-status" on:change=move |ev| query.update(|q| q.status = DeliveryStatus::parse(&event_target_value(&ev)))>
                    <option value="">{t.filter_any}</option>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-category">{t.filter_category}</label>
                <select id="filter-category" on:change=move |ev| query.update(|q| q.category = Category::parse(&event_target_value(&ev)))>
                    <option value="">{t.filter_any}</option>
                    {category_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-recipient">{t.filter_recipient}</label>
                <input id="filter-recipient" type="search" on:input=move |ev| query.update(|q| q.recipient = event_target_value(&ev)) />
            </div>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || search.pending().get()>{t.search}</button>
            </div>
        </form>
        <p class="alert error" role="alert">{move || error.get()}</p>
        <section class="card deliveries" aria-label=t.deliveries_title>
            {rows}
            <Show when=move || next.get().is_some()>
                <button
                    type="button"
                    disabled=move || older.pending().get()
                    on:click=move |_| {
                        let mut q = query.get_untracked();
                        q.before = next.get_untracked();
                        older.dispatch(ListDeliveries { query: q });
                    }
                >
                    {t.older}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn DeliveryRow(record: DeliveryRecord) -> impl IntoView {
    let catalog = catalog();
    let t = &catalog.outbox;
    let last_failure = record
        .attempts
        .iter()
        .rev()
        .find_map(|a| a.failure.clone())
        .filter(|_| {
            matches!(
                record.status,
                DeliveryStatus::Failed | DeliveryStatus::Deferred
            )
        });
    let last_reply = record.attempts.iter().rev().find_map(|a| a.reply.clone());
    // The time sits inside the sentence, so the template is split around `{at}`.
    let next = record.next_attempt_at.clone().map(|at| {
        let (before, after) = t
            .next_attempt
            .split_once("{at}")
            .unwrap_or((t.next_attempt, ""));
        view! { <p>{before}<LocalTime at />{after}</p> }
    });
    view! {
        <tr>
            <td><LocalTime at=record.created_at.clone() /></td>
            <td>{t.category_name(record.category)}</td>
            <td>{record.recipients.join(", ")}</td>
            <td>{record.subject.clone()}</td>
            <td>
                {t.status_name(record.status)}
                {last_reply.map(|reply| view! { <br /><code>{reply}</code> })}
                {last_failure.map(|f| {
                    let explanation = catalog.explain(f.cause, f.step);
                    let reply = f.code.map(|c| format!("{c} {}", f.detail)).unwrap_or(f.detail.clone());
                    view! {
                        <div class="failure">
                            <p>{catalog.step_name(f.step)}": "<code>{reply}</code></p>
                            <p>{explanation.cause}</p>
                            <p>{explanation.fix}</p>
                        </div>
                    }
                })}
                {next}
            </td>
            <td>{record.attempts.len()}</td>
        </tr>
    }
}
