//! The active language's texts travel inside the page: the server writes its catalog as a JSON
//! list of strings into `<script type="application/json" id="mw-texts">`, and the browser reads
//! it back at start. So the wasm carries no translation, and a page never holds two languages.

#[cfg(not(feature = "ssr"))]
use super::Catalog;

/// The id of the element holding the page's texts.
pub const ELEMENT_ID: &str = "mw-texts";

/// The texts of the request's language, for the page's `<head>` (rendered by the server only).
#[leptos::component]
pub fn PageTexts() -> impl leptos::IntoView {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::*;
        let json = page_json(super::negotiation::request_language());
        // Data, never run; the nonce keeps "every script carries the nonce" simply true.
        let nonce = leptos::nonce::use_nonce();
        view! { <script type="application/json" id=ELEMENT_ID nonce=nonce inner_html=json></script> }
    }
}

/// A language's catalog as JSON, made once per language. `<` is escaped so no text can close
/// the script element.
#[cfg(feature = "ssr")]
pub fn page_json(lang: super::Lang) -> &'static str {
    use super::{Lang, Texts};
    use std::sync::OnceLock;
    static JSON: [OnceLock<String>; 5] = [const { OnceLock::new() }; 5];
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    JSON[index].get_or_init(|| {
        let mut texts = Vec::new();
        lang.catalog().write(&mut texts);
        serde_json::to_string(&texts)
            .unwrap_or_else(|_| "[]".to_owned())
            .replace('<', "\\u003c")
    })
}

/// The catalog the server put into this page, read once.
#[cfg(not(feature = "ssr"))]
pub fn catalog() -> &'static Catalog {
    use std::sync::OnceLock;
    static CATALOG: OnceLock<&'static Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Box::leak(Box::new(read_page())))
}

#[cfg(not(feature = "ssr"))]
fn read_page() -> Catalog {
    use super::Texts;
    let texts: Vec<&'static str> = page_json()
        .and_then(|json| parse(&json))
        .unwrap_or_default();
    // A page without texts, or too few (never served by this server), shows blanks rather than
    // failing. (One iterator type: each one would compile the catalog's reader again.)
    let mut texts = texts.into_iter().chain(std::iter::repeat(""));
    Catalog::read(&mut texts).expect("an endless list of texts fills every field")
}

#[cfg(not(feature = "ssr"))]
fn page_json() -> Option<String> {
    web_sys::window()?
        .document()?
        .get_element_by_id(ELEMENT_ID)?
        .text_content()
}

/// The texts live as long as the page, so leaking them once gives the catalog its `'static`.
#[cfg(feature = "hydrate")]
fn parse(json: &str) -> Option<Vec<&'static str>> {
    let texts: Vec<String> = serde_json::from_str(json).ok()?;
    Some(texts.into_iter().map(|text| &*text.leak()).collect())
}

#[cfg(all(not(feature = "ssr"), not(feature = "hydrate")))]
fn parse(_json: &str) -> Option<Vec<&'static str>> {
    None
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::super::{Catalog, Lang, Texts};
    use super::*;

    #[test]
    fn a_catalog_survives_the_trip_through_the_page() {
        for lang in Lang::ALL {
            let json = page_json(lang);
            assert!(!json.contains('<'));
            let texts: Vec<String> = serde_json::from_str(json).unwrap();
            let leaked: Vec<&'static str> = texts.into_iter().map(|t| &*t.leak()).collect();
            let read = Catalog::read(&mut leaked.clone().into_iter()).unwrap();
            let (mut again, mut original) = (Vec::new(), Vec::new());
            read.write(&mut again);
            lang.catalog().write(&mut original);
            assert_eq!(again, original);
            assert_eq!(read.lang, lang.code());
            assert_eq!(read.graph_steps, lang.catalog().graph_steps);
        }
    }
}
