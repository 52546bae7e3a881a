//! The account pages work as plain HTML forms: they load no wasm, so each form posts to a
//! server function (URL-encoded, as a browser sends it) that answers with a redirect, after a
//! success to where the user goes next, after a failure back to the form. What the form needs
//! to show again (the values typed, never a password, and the error) travels in a short-lived
//! cookie, `mw_form`, read and cleared by the page it returns to.

use crate::error::ApiError;
use serde::{Deserialize, Serialize};

/// What a form post left for its page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEcho {
    /// The page the echo is for (`/login`, ...): another page ignores it.
    pub page: String,
    pub email: String,
    pub organization: String,
    /// Why the post failed; `None` after a success shown on the same page.
    pub error: Option<ApiError>,
}

impl FormEcho {
    pub fn new(page: &str) -> Self {
        Self {
            page: page.to_owned(),
            ..Self::default()
        }
    }

    pub fn email(mut self, email: &str) -> Self {
        self.email = email.to_owned();
        self
    }

    pub fn organization(mut self, organization: &str) -> Self {
        self.organization = organization.to_owned();
        self
    }
}

/// The echo this page's last form post left, if any (server only; nothing in the browser).
pub fn echo_for(page: &str) -> Option<FormEcho> {
    #[cfg(feature = "ssr")]
    {
        server::take(page)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = page;
        None
    }
}

#[cfg(feature = "ssr")]
pub use server::{finish, safe_return_path, with_token};

#[cfg(feature = "ssr")]
mod server {
    use super::FormEcho;
    use crate::error::ApiError;
    use axum::http::header::{LOCATION, SET_COOKIE};
    use axum::http::{HeaderValue, StatusCode};
    use base64::Engine;
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    const COOKIE: &str = "mw_form";
    const ENCODING: base64::engine::GeneralPurpose =
        base64::engine::general_purpose::URL_SAFE_NO_PAD;

    /// Ends a form post: after a success, to `next` (with `shown` left for that page, if the
    /// success is shown there); after a failure, back to `back` with `echo` and the error.
    pub fn finish(
        result: Result<(), ApiError>,
        next: &str,
        shown: Option<FormEcho>,
        back: &str,
        echo: FormEcho,
    ) -> Result<(), ApiError> {
        match result {
            Ok(()) => {
                if let Some(shown) = shown {
                    leave(&shown);
                }
                redirect(next);
            }
            Err(error) => {
                leave(&FormEcho {
                    error: Some(error),
                    ..echo
                });
                redirect(back);
            }
        }
        Ok(())
    }

    /// A path on this site to return to (`/...`, never `//host` or a URL), else `fallback`.
    pub fn safe_return_path<'a>(path: &'a str, fallback: &'a str) -> &'a str {
        let local = path.starts_with('/') && !path.starts_with("//") && !path.contains('\\');
        if local && !path.chars().any(char::is_control) {
            path
        } else {
            fallback
        }
    }

    /// `path?token=...` to return to a page that came with a link's token. Tokens are URL-safe
    /// base64; anything else is dropped (such a token is invalid anyway).
    pub fn with_token(path: &str, token: &str) -> String {
        let token: String = token
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        format!("{path}?token={token}")
    }

    fn redirect(path: &str) {
        if let (Some(response), Ok(location)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(path),
        ) {
            // 303: the browser follows with a GET, so a reload does not post the form again.
            response.set_status(StatusCode::SEE_OTHER);
            response.insert_header(LOCATION, location);
        }
    }

    fn leave(echo: &FormEcho) {
        let Ok(json) = serde_json::to_vec(echo) else {
            return;
        };
        let value = ENCODING.encode(json);
        set_cookie(&format!("{COOKIE}={value}; Max-Age=300{}", attributes()));
    }

    /// Like the session cookie's: never readable by scripts, never sent cross-site, and over
    /// https only when Mailwright is reached over https.
    fn attributes() -> &'static str {
        let https = crate::state::AppState::current().is_ok_and(|s| s.auth.sessions.secure);
        if https {
            "; Path=/; HttpOnly; SameSite=Strict; Secure"
        } else {
            "; Path=/; HttpOnly; SameSite=Strict"
        }
    }

    fn set_cookie(cookie: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(cookie),
        ) {
            response.append_header(SET_COOKIE, value);
        }
    }

    /// Reads the echo for `page` and clears it, so a reload shows a fresh form.
    pub fn take(page: &str) -> Option<FormEcho> {
        let parts = crate::auth::request_parts()?;
        let value = crate::auth::cookie_value(&parts.headers, COOKIE)?;
        let echo: FormEcho = ENCODING
            .decode(value)
            .ok()
            .and_then(|json| serde_json::from_slice(&json).ok())?;
        if echo.page != page {
            return None;
        }
        set_cookie(&format!("{COOKIE}=; Max-Age=0{}", attributes()));
        Some(echo)
    }

    #[cfg(test)]
    mod tests {
        use super::safe_return_path;

        #[test]
        fn only_local_paths_are_returned_to() {
            assert_eq!(safe_return_path("/login", "/"), "/login");
            assert_eq!(
                safe_return_path("/reset-password?token=a", "/"),
                "/reset-password?token=a"
            );
            for unsafe_path in [
                "//evil.example/",
                "https://evil.example/",
                "/\\evil.example",
                "",
                "x",
            ] {
                assert_eq!(safe_return_path(unsafe_path, "/"), "/", "{unsafe_path}");
            }
        }
    }
}
