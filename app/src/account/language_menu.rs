//! The header's "Language" menu, for everyone: each language named in itself. Choosing saves the
//! choice (on the account when signed in, in a cookie always) and reloads the page, since the
//! page carries the texts of one language only.
//!
//! It is a plain form, rendered by the server only (not an island): a few lines of script (see
//! `LANGUAGE_SCRIPT`) post it when the choice changes, and without JavaScript an "Apply" button
//! does.

use crate::i18n::{catalog, Lang};
use leptos::prelude::*;

/// Posts the menu's form on change (every page carries it).
pub const LANGUAGE_SCRIPT: &str =
    r#"document.getElementById("language").addEventListener("change",e=>e.target.form.submit());"#;

#[component]
pub fn LanguageMenu() -> impl IntoView {
    let t = catalog();
    let current = Lang::from_tag(t.lang).unwrap_or_default();
    let options = Lang::ALL.map(|lang| {
        view! {
            <option value=lang.code() lang=lang.code() selected=lang == current>
                {lang.native_name()}
            </option>
        }
    });
    view! {
        <form class="language-menu" method="post" action="/api/auth/language-posted">
            <label for="language">{t.language_label}</label>
            <select id="language" name="lang">
                {options}
            </select>
            <input type="hidden" name="back" value=current_path() />
            <noscript>
                <button type="submit">{t.language_apply}</button>
            </noscript>
        </form>
    }
}

/// The page's path and query, to come back to after the choice.
fn current_path() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::auth::request_parts()
            .and_then(|parts| parts.uri.path_and_query().map(|p| p.to_string()))
            .unwrap_or_else(|| "/".into())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        path + &location.search().unwrap_or_default()
    }
}
