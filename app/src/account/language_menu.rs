//! The header's "Language" menu, for everyone: each language named in itself. Choosing saves the
//! choice (on the account when signed in, in a cookie always) and reloads the page, since the
//! page carries the texts of one language only.

use super::api::SetLanguage;
use crate::i18n::{catalog, Lang};
use leptos::prelude::*;

#[component]
pub fn LanguageMenu() -> impl IntoView {
    let t = catalog();
    let current = Lang::from_tag(t.lang).unwrap_or_default();
    let save = ServerAction::<SetLanguage>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            let _ = window().location().reload();
        }
    });
    let options = Lang::ALL.map(|lang| {
        view! {
            <option value=lang.code() lang=lang.code() selected=lang == current>
                {lang.native_name()}
            </option>
        }
    });
    view! {
        <div class="language-menu">
            <label for="language">{t.language_label}</label>
            <select
                id="language"
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        save.dispatch(SetLanguage { lang });
                    }
                }
            >
                {options}
            </select>
        </div>
    }
}
