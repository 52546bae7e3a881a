//! Saving "None": deletes the saved settings after the admin confirms.

use super::api::DeleteEmailProvider;
use super::confirm_dialog::ConfirmDialog;
use super::page::Saved;
use crate::domain::provider::{EmailProviderView, ProviderKind};
use crate::i18n::{catalog, fill};
use leptos::prelude::*;

#[component]
pub fn NoneForm(
    /// What is saved now (its provider is the one the dialog names).
    current: Signal<EmailProviderView>,
    on_saved: Callback<Saved>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = catalog();
    let (active, based_on) = current.with_untracked(|v| (v.provider.kind(), v.version));
    let confirming = RwSignal::new(false);
    let delete = ServerAction::<DeleteEmailProvider>::new();
    Effect::new(move |_| {
        if let Some(Ok(view)) = delete.value().get() {
            on_saved.run((view, t.deleted_notice));
        }
    });
    let on_save = move |_| {
        if active == ProviderKind::None {
            on_saved.run((current.get_untracked(), t.deleted_notice));
        } else {
            confirming.set(true);
        }
    };
    let error = Signal::derive(move || {
        delete
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| t.api_error(&e))
    });
    view! {
        <div class="actions">
            <button type="button" class="primary" on:click=on_save>{t.save}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>{t.cancel}</button>
        </div>
        <Show when=move || confirming.get()>
            <ConfirmDialog
                id="delete"
                title=t.confirm_delete_title
                body=fill(t.confirm_delete_body, &[("old", t.provider_name(active))])
                confirm_label=t.confirm_delete
                pending=delete.pending()
                error
                on_confirm=Callback::new(move |()| {
                    delete.dispatch(DeleteEmailProvider { based_on });
                })
                on_cancel=Callback::new(move |()| confirming.set(false))
            />
        </Show>
    }
}
