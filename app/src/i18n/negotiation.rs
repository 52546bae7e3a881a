//! Which language a request is answered in: the signed-in user's saved choice, else the
//! `mw_lang` cookie (a choice made before sign-in), else `Accept-Language`, else English.

use super::Lang;
use crate::auth::token;
use crate::auth::{cookie_value, token_from};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::{HeaderMap, HeaderValue, ACCEPT_LANGUAGE, VARY};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::{provide_context, use_context};

pub const COOKIE_NAME: &str = "mw_lang";

/// Middleware for pages and server functions: puts the request's [`Lang`] in its extensions.
pub async fn choose_language(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let saved = match token_from(request.headers()) {
        Some(session) => state
            .store
            .session_language(&token::digest(&session))
            .await
            .ok()
            .flatten(),
        None => None,
    };
    let lang = saved.unwrap_or_else(|| unsaved_choice(request.headers()));
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    // The same URL answers in another language for another cookie or browser.
    response
        .headers_mut()
        .append(VARY, HeaderValue::from_static("Cookie, Accept-Language"));
    response
}

/// The language for someone not signed in (or who never chose): cookie, browser, English.
pub fn unsaved_choice(headers: &HeaderMap) -> Lang {
    cookie_choice(headers)
        .or_else(|| {
            headers
                .get_all(ACCEPT_LANGUAGE)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .find_map(Lang::negotiate)
        })
        .unwrap_or_default()
}

/// The language chosen in the menu before sign-in, from the `mw_lang` cookie.
pub fn cookie_choice(headers: &HeaderMap) -> Option<Lang> {
    cookie_value(headers, COOKIE_NAME).and_then(|value| Lang::from_tag(&value))
}

/// `Set-Cookie` keeping a language choice for a year (read by the server only).
pub fn set_cookie(lang: Lang, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{COOKIE_NAME}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}",
        lang.code()
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Makes the request's language the rendering context's (call where the render starts).
pub fn provide_request_language() {
    provide_context(parts_language().unwrap_or_default());
}

/// The language of the request being handled; English outside a request.
pub fn request_language() -> Lang {
    use_context::<Lang>()
        .or_else(parts_language)
        .unwrap_or_default()
}

fn parts_language() -> Option<Lang> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<Lang>().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn a_cookie_choice_wins_over_the_browser() {
        let h = headers(&[
            ("cookie", "mw_session=x; mw_lang=de"),
            ("accept-language", "fr-CA,fr;q=0.9"),
        ]);
        assert_eq!(unsaved_choice(&h), Lang::De);
    }

    #[test]
    fn the_browser_then_english() {
        let h = headers(&[("accept-language", "fr-CA,fr;q=0.9")]);
        assert_eq!(unsaved_choice(&h), Lang::Fr);
        let h = headers(&[("accept-language", "pt-BR"), ("cookie", "mw_lang=xx")]);
        assert_eq!(unsaved_choice(&h), Lang::En);
        assert_eq!(unsaved_choice(&HeaderMap::new()), Lang::En);
    }

    #[test]
    fn the_cookie_is_server_only_and_lasts() {
        let value = set_cookie(Lang::Ja, true);
        assert_eq!(
            value.to_str().unwrap(),
            "mw_lang=ja; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000; Secure"
        );
    }
}
