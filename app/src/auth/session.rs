//! The session cookie and how long a session lives.

use axum::http::header::{HeaderMap, HeaderValue, COOKIE};

pub const COOKIE_NAME: &str = "mw_session";

#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// A session unused for this long (seconds) has ended.
    pub idle_s: i64,
    /// A session ends this long (seconds) after sign-in, however active.
    pub absolute_s: i64,
    /// Mark the cookie `Secure` (the app is served over HTTPS).
    pub secure: bool,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle_s: 30 * 60,
            absolute_s: 8 * 60 * 60,
            secure: false,
        }
    }
}

impl SessionPolicy {
    /// Whether a session created at `created_at` and last used at `last_seen_at` is still valid.
    pub fn is_live(&self, created_at: i64, last_seen_at: i64, now: i64) -> bool {
        now - last_seen_at < self.idle_s && now - created_at < self.absolute_s
    }

    /// `Set-Cookie` for a new session: never readable by scripts, not sent on cross-site
    /// subrequests, gone when the absolute lifetime ends.
    pub fn set_cookie(&self, token: &str) -> HeaderValue {
        self.cookie(token, self.absolute_s)
    }

    /// `Set-Cookie` that removes the session cookie.
    pub fn clear_cookie(&self) -> HeaderValue {
        self.cookie("", 0)
    }

    fn cookie(&self, value: &str, max_age: i64) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        let cookie = format!(
            "{COOKIE_NAME}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
        );
        // Tokens are URL-safe base64: always a valid header value.
        HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
    }
}

/// The session token from the request's `Cookie` headers.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE_NAME)
}

/// The first non-empty value of cookie `name` in the request's `Cookie` headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, value)| *n == name && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_attributes() {
        let policy = SessionPolicy::default();
        let set = policy.set_cookie("abc");
        assert_eq!(
            set.to_str().unwrap(),
            "mw_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800"
        );
        let secure = SessionPolicy {
            secure: true,
            ..policy
        };
        assert!(secure
            .set_cookie("abc")
            .to_str()
            .unwrap()
            .ends_with("; Secure"));
        assert!(policy
            .clear_cookie()
            .to_str()
            .unwrap()
            .contains("Max-Age=0"));
    }

    #[test]
    fn idle_and_absolute_expiry() {
        let policy = SessionPolicy::default();
        assert!(policy.is_live(0, 0, 60));
        assert!(!policy.is_live(0, 0, 30 * 60), "idle for 30 minutes");
        assert!(policy.is_live(0, 8 * 3600 - 61, 8 * 3600 - 1));
        assert!(
            !policy.is_live(0, 8 * 3600 - 1, 8 * 3600),
            "8 hours after sign-in"
        );
    }

    #[test]
    fn finds_the_session_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            HeaderValue::from_static("theme=dark; mw_session=tok"),
        );
        assert_eq!(token_from(&headers).as_deref(), Some("tok"));
        let mut empty = HeaderMap::new();
        empty.append(COOKIE, HeaderValue::from_static("mw_session="));
        assert_eq!(token_from(&empty), None);
        assert_eq!(token_from(&HeaderMap::new()), None);
    }
}
