//! A confirmation before something is deleted or replaced: a modal dialog (the page behind it
//! is inert) that takes focus, keeps Tab inside, closes on Escape and gives focus back.

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
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                opener.set_value(focused_element());
                let _ = dialog.show_modal();
            }
        }
    });
    // Focus goes back once the dialog is gone: while it is open the page behind it is inert.
    // After the first call the component may already be disposed (Escape can also close the
    // dialog natively, which fires `close` after `cancel`): then there is nothing left to do.
    let cancel = move || {
        let Some(opener) = opener.try_with_value(Clone::clone) else {
            return;
        };
        on_cancel.run(());
        request_animation_frame(move || {
            if let Some(opener) = opener {
                let _ = opener.focus();
            }
        });
    };
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            role="alertdialog"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            // Escape: the browser asks first (cancel), or closes at once on repeated presses.
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                cancel();
            }
            on:close=move |_| cancel()
            on:keydown=move |ev| keep_tab_inside(&ev)
        >
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
                <button type="button" autofocus on:click=move |_| cancel()>{t.cancel}</button>
            </div>
        </dialog>
    }
}

fn focused_element() -> Option<web_sys::HtmlElement> {
    use leptos::wasm_bindgen::JsCast;
    document().active_element()?.dyn_into().ok()
}

/// Tab from the last control goes to the first, Shift+Tab from the first to the last.
fn keep_tab_inside(ev: &leptos::ev::KeyboardEvent) {
    use leptos::wasm_bindgen::JsCast;
    if ev.key() != "Tab" {
        return;
    }
    let Some(dialog) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(controls) = dialog.query_selector_all("button:not([disabled]), a[href], input, select")
    else {
        return;
    };
    let control = |i: u32| {
        controls
            .get(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let (Some(first), Some(last)) = (control(0), control(controls.length().saturating_sub(1)))
    else {
        return;
    };
    let active = focused_element();
    let wrap_to = match (ev.shift_key(), active) {
        (true, Some(a)) if a == first => Some(last),
        (false, Some(a)) if a == last => Some(first),
        _ => None,
    };
    if let Some(target) = wrap_to {
        ev.prevent_default();
        let _ = target.focus();
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
