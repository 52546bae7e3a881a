//! A confirmation before something is deleted or replaced.

use crate::domain::provider::ProviderKind;
use crate::i18n::fill;
use leptos::prelude::*;

#[component]
pub fn ConfirmDialog(
    /// Unique id prefix for the title and body.
    id: &'static str,
    #[prop(into)] title: String,
    #[prop(into)] body: String,
    confirm_label: &'static str,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::catalog();
    let title_id = format!("{id}-title");
    let body_id = format!("{id}-body");
    let (labelled_by, described_by) = (title_id.clone(), body_id.clone());
    view! {
        <div class="dialog" role="alertdialog" aria-labelledby=labelled_by aria-describedby=described_by>
            <h2 id=title_id>{title}</h2>
            <p id=body_id>{body}</p>
            <p class="alert error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button
                    type="button"
                    class="danger"
                    disabled=move || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {confirm_label}
                </button>
                <button type="button" on:click=move |_| on_cancel.run(())>{t.cancel}</button>
            </div>
        </div>
    }
}

/// Asks before saving a provider replaces the active one (and deletes its credentials).
#[component]
pub fn ReplaceConfirmation(
    replacing: ProviderKind,
    new: ProviderKind,
    open: RwSignal<bool>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::catalog();
    let names = [
        ("old", t.provider_name(replacing)),
        ("new", t.provider_name(new)),
    ];
    view! {
        <Show when=move || open.get()>
            <ConfirmDialog
                id="replace"
                title=fill(t.confirm_replace_title, &names)
                body=fill(t.confirm_replace_body, &names)
                confirm_label=t.confirm_replace
                pending
                error
                on_confirm
                on_cancel=Callback::new(move |()| open.set(false))
            />
        </Show>
    }
}

/// Save and Cancel for a provider form, with the pending state, the form-level error and, when
/// saving replaces another provider, the confirmation that `confirming` opens.
#[component]
pub fn SaveBar(
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    on_cancel: Callback<()>,
    /// The active provider the save would replace, if any.
    replacing: Option<ProviderKind>,
    /// The provider being saved.
    new: ProviderKind,
    confirming: RwSignal<bool>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::catalog();
    view! {
        <p class="alert error" role="alert">{move || error.get()}</p>
        <div class="actions">
            <button type="submit" class="primary" disabled=move || pending.get()>{t.save}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>{t.cancel}</button>
            <span class="pending" aria-live="polite">{move || pending.get().then_some(t.saving)}</span>
        </div>
        {replacing.map(|replacing| view! {
            <ReplaceConfirmation replacing new open=confirming pending error on_confirm />
        })}
    }
}
