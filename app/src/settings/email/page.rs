//! The Email provider page: the active configuration read-only, an editor behind "Edit", and
//! the test email panel.

use super::api::get_email_provider;
use super::delete_dialog::NoneForm;
use super::smtp_form::SmtpForm;
use super::summary::ProviderSummary;
use super::test_email::TestEmailPanel;
use crate::domain::provider::EmailProviderView;
use crate::i18n::catalog;
use leptos::prelude::*;
use leptos_meta::Title;

/// What a successful save or delete hands back to the page: the new state and what to say.
pub type Saved = (EmailProviderView, &'static str);

#[component]
pub fn EmailProviderPage() -> impl IntoView {
    let t = catalog();
    let provider = Resource::new(|| (), |_| get_email_provider());
    view! {
        <Title text=t.page_title />
        <h1>{t.page_title}</h1>
        <p class="intro">{t.page_intro}</p>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match provider.await {
                    Ok(view) => view! { <EmailProviderSettings initial=view /> }.into_any(),
                    Err(err) => {
                        view! { <p class="alert error" role="alert">{t.api_error(&err)}</p> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn EmailProviderSettings(initial: EmailProviderView) -> impl IntoView {
    let current = RwSignal::new(initial);
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None::<&'static str>);
    let on_saved = Callback::new(move |(view, message): Saved| {
        current.set(view);
        editing.set(false);
        notice.set(Some(message));
    });
    let on_edit = Callback::new(move |()| {
        notice.set(None);
        editing.set(true);
    });
    let on_cancel = Callback::new(move |()| editing.set(false));
    view! {
        <p class="notice" role="status">{move || notice.get()}</p>
        <Show
            when=move || editing.get()
            fallback=move || view! { <ProviderSummary current=current.into() on_edit /> }
        >
            <ProviderEditor current=current.into() on_saved on_cancel />
        </Show>
        <TestEmailPanel current=current.into() />
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    None,
    Smtp,
}

#[component]
fn ProviderEditor(
    current: Signal<EmailProviderView>,
    on_saved: Callback<Saved>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = catalog();
    let saved = current.with_untracked(|v| v.saved_smtp().cloned());
    let choice = RwSignal::new(if saved.is_some() {
        Choice::Smtp
    } else {
        Choice::None
    });
    let has_saved = saved.is_some();
    let radio = move |value: Choice, label: &'static str| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="provider"
                    prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value)
                />
                {label}
            </label>
        }
    };
    view! {
        <section class="card editor">
            <fieldset class="provider-choice" role="radiogroup" aria-labelledby="provider-legend">
                <legend id="provider-legend">{t.provider_legend}</legend>
                {radio(Choice::None, t.provider_none)}
                {radio(Choice::Smtp, t.provider_smtp)}
            </fieldset>
            {move || match choice.get() {
                Choice::Smtp => view! { <SmtpForm saved=saved.clone() on_saved on_cancel /> }.into_any(),
                Choice::None => view! { <NoneForm has_saved on_saved on_cancel /> }.into_any(),
            }}
        </section>
    }
}
