//! The Email provider page: the active configuration read-only, an editor behind "Edit", and
//! the test email panel.

use super::api::get_email_provider;
use super::audit_log::AuditLogPanel;
use super::delete_dialog::NoneForm;
use super::microsoft_form::MicrosoftForm;
use super::smtp_form::SmtpForm;
use super::summary::ProviderSummary;
use super::test_email::TestEmailPanel;
use crate::components::{lazy_view, preload, CheckboxField, LazyView};
use crate::domain::provider::{EmailProviderView, ProviderKind};
use crate::error::ApiError;
use crate::i18n::catalog;
use crate::settings::deliveries::ProviderBanners;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// What a successful save or delete hands back to the page: the new state and what to say.
pub type Saved = (EmailProviderView, &'static str);

/// Opens the editor on the Microsoft 365 form with the SMTP sender filled in: the way off basic
/// authentication on Exchange Online, offered by the summary and by a 535 5.7.139 report.
#[derive(Clone, Copy)]
pub struct SwitchToMicrosoft(pub Callback<()>);

#[component]
pub fn EmailProviderPage() -> impl IntoView {
    let t = catalog();
    // Loaded by the server, which hands the settings to the island: an anonymous visitor gets
    // a real redirect and a member a real 403.
    let provider = Resource::new(|| (), |_| get_email_provider());
    view! {
        <Title text=t.page_title />
        <ProviderBanners />
        <h1>{t.page_title}</h1>
        <p class="intro">{t.page_intro}</p>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match provider.await {
                    Ok(view) => view! { <EmailProviderSettings initial=view /> }.into_any(),
                    Err(ApiError::Unauthenticated) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(err) => {
                        view! { <p class="alert error" role="alert">{t.api_error(&err)}</p> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Everything on the page that reacts, from the settings the server loaded: the part of the
/// page the browser runs (an island, in the Email provider page's bundle).
#[cfg_attr(any(feature = "ssr", feature = "page-email"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "page-email")), component)]
fn EmailProviderSettings(initial: EmailProviderView) -> impl IntoView {
    let current = RwSignal::new(initial);
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None::<&'static str>);
    let test_after_save = RwSignal::new(false);
    // Bumped after each save that should be followed by a test email.
    let auto_test = RwSignal::new(0u32);
    // Bumped after every save, deletion and test: the audit log reloads.
    let revision = RwSignal::new(0u32);
    let bump = move || revision.update(|n| *n += 1);
    let on_saved = Callback::new(move |(view, message): Saved| {
        let has_provider = view.provider.kind() != ProviderKind::None;
        bump();
        current.set(view);
        editing.set(false);
        notice.set(Some(message));
        if has_provider && test_after_save.get_untracked() {
            auto_test.update(|n| *n += 1);
        }
    });
    // Set while the editor was opened by "Switch to Microsoft 365".
    let switching = RwSignal::new(false);
    let on_edit = Callback::new(move |()| {
        notice.set(None);
        switching.set(false);
        editing.set(true);
    });
    let on_cancel = Callback::new(move |()| editing.set(false));
    // Fetch the editor's module now, while the admin reads the page, so "Edit" opens it at once.
    Effect::new(move |_| preload(preload_provider_editor));
    provide_context(SwitchToMicrosoft(Callback::new(move |()| {
        notice.set(None);
        switching.set(true);
        editing.set(true);
    })));
    view! {
        <p class="notice" role="status">{move || notice.get()}</p>
        <Show
            when=move || editing.get()
            fallback=move || view! { <ProviderSummary current=current.into() on_edit /> }
        >
            <LazyView load=move || provider_editor(EditorProps {
                current: current.into(),
                switching: switching.get_untracked(),
                test_after_save,
                on_saved,
                on_cancel,
            }) show_loading=true />
        </Show>
        <TestEmailPanel
            current=current.into()
            auto_test=auto_test.into()
            on_tested=Callback::new(move |test| {
                current.update(|v| v.last_test = Some(test));
                bump();
            })
        />
        <AuditLogPanel revision=revision.into() />
    }
}

/// What the editor is opened with.
#[derive(Clone, Copy)]
struct EditorProps {
    current: Signal<EmailProviderView>,
    /// Open on the Microsoft 365 form with the SMTP sender (see [`SwitchToMicrosoft`]).
    switching: bool,
    test_after_save: RwSignal<bool>,
    on_saved: Callback<Saved>,
    on_cancel: Callback<()>,
}

lazy_view! {
    /// The editor, from a wasm module of its own, preloaded once the page is interactive: the
    /// forms, dialogs and their validation are about a fifth of the page's code, and an admin
    /// who only reads the settings or sends a test email never needs them.
    fn provider_editor(props: EditorProps) preload preload_provider_editor {
        view! { <ProviderEditor props /> }.into_any()
    }
}

#[component]
fn ProviderEditor(props: EditorProps) -> impl IntoView {
    let EditorProps {
        current,
        switching,
        test_after_save,
        on_saved,
        on_cancel,
    } = props;
    let t = catalog();
    let (active, saved_smtp, saved_graph) = current.with_untracked(|v| {
        (
            v.provider.kind(),
            v.saved_smtp().cloned(),
            v.saved_graph().cloned(),
        )
    });
    let based_on = current.with_untracked(|v| v.version);
    let graph_sender = saved_smtp
        .as_ref()
        .filter(|_| switching)
        .map(|smtp| smtp.settings.sender_email.clone());
    let choice = RwSignal::new(if switching {
        ProviderKind::Microsoft365
    } else {
        active
    });
    // Saving another provider replaces the active one: the forms ask first.
    let replacing = move |kind: ProviderKind| {
        (active != ProviderKind::None && active != kind).then_some(active)
    };
    let radio = move |value: ProviderKind| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="provider"
                    prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value)
                />
                {t.provider_name(value)}
            </label>
        }
    };
    view! {
        <section class="card editor">
            <fieldset class="provider-choice" role="radiogroup" aria-labelledby="provider-legend">
                <legend id="provider-legend">{t.provider_legend}</legend>
                {radio(ProviderKind::None)}
                {radio(ProviderKind::Smtp)}
                {radio(ProviderKind::Microsoft365)}
            </fieldset>
            <Show when=move || choice.get() != ProviderKind::None>
                <CheckboxField
                    id="test-after-save"
                    label=t.label_test_after_save
                    checked=test_after_save
                    on_change=Callback::new(move |on| test_after_save.set(on))
                />
            </Show>
            {move || match choice.get() {
                ProviderKind::Smtp => view! {
                    <SmtpForm saved=saved_smtp.clone() replacing=replacing(ProviderKind::Smtp) based_on on_saved on_cancel />
                }
                .into_any(),
                ProviderKind::Microsoft365 => view! {
                    <MicrosoftForm saved=saved_graph.clone() sender=graph_sender.clone() replacing=replacing(ProviderKind::Microsoft365) based_on on_saved on_cancel />
                }
                .into_any(),
                ProviderKind::None => view! { <NoneForm current on_saved on_cancel /> }.into_any(),
            }}
        </section>
    }
}
