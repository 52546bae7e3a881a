//! Saving "None": deletes the saved settings after the admin confirms.

use super::api::DeleteEmailProvider;
use super::page::Saved;
use crate::domain::provider::EmailProviderView;
use crate::i18n::catalog;
use leptos::prelude::*;

#[component]
pub fn NoneForm(
    has_saved: bool,
    on_saved: Callback<Saved>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = catalog();
    let confirming = RwSignal::new(false);
    let delete = ServerAction::<DeleteEmailProvider>::new();
    Effect::new(move |_| {
        if let Some(Ok(view)) = delete.value().get() {
            on_saved.run((view, t.deleted_notice));
        }
    });
    let on_save = move |_| {
        if has_saved {
            confirming.set(true);
        } else {
            on_saved.run((EmailProviderView::none(), t.deleted_notice));
        }
    };
    let error = move || {
        delete
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| t.api_error(&e))
    };
    view! {
        <div class="actions">
            <button type="button" class="primary" on:click=on_save>{t.save}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>{t.cancel}</button>
        </div>
        <Show when=move || confirming.get()>
            <div class="dialog" role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-body">
                <h2 id="delete-title">{t.confirm_delete_title}</h2>
                <p id="delete-body">{t.confirm_delete_body}</p>
                <p class="alert error" role="alert">{error}</p>
                <div class="actions">
                    <button
                        type="button"
                        class="danger"
                        disabled=move || delete.pending().get()
                        on:click=move |_| {
                            delete.dispatch(DeleteEmailProvider {});
                        }
                    >
                        {t.confirm_delete}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>{t.cancel}</button>
                </div>
            </div>
        </Show>
    }
}
