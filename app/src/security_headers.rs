//! Security headers on every response (server only), after OWASP ASVS 4.0 V14.4.
//!
//! - HTML pages get a Content-Security-Policy that runs only the scripts carrying this
//!   response's nonce (the hydration script; the modules it imports inherit the nonce), lets
//!   them compile WebAssembly, and refuses framing (clickjacking), plugins, `<base>` and form
//!   posts elsewhere.
//! - Every response: `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer` (a
//!   reset link in the address bar must not leak to another site through Referer), and
//!   `Strict-Transport-Security` when users reach the app over https.
//! - Pages and server-function answers hold account or settings data: `Cache-Control: no-store`.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The script nonce of one request: made by [`add_security_headers`], rendered into the page
/// by Leptos (see [`provide_request_nonce`]) and named in the page's policy.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// What decides the headers beyond the response itself.
#[derive(Debug, Clone, Copy)]
pub struct SecurityHeaders {
    /// Users reach the app over https (`--public-url https://...`): send HSTS.
    pub https: bool,
}

/// The page policy for one nonce.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    )
}

/// The axum layer: gives the request a nonce, then sets the headers on its response.
pub async fn add_security_headers(
    State(config): State<SecurityHeaders>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = crate::auth::token::new_token();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        set(
            headers,
            CONTENT_SECURITY_POLICY,
            &content_security_policy(&nonce),
        );
    }
    if (is_html || is_api) && !headers.contains_key(CACHE_CONTROL) {
        set(headers, CACHE_CONTROL, "no-store");
    }
    set(headers, X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, REFERRER_POLICY, "no-referrer");
    if config.https {
        set(headers, STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    response
}

fn set(headers: &mut HeaderMap, name: axum::http::HeaderName, value: &str) {
    // Every value here is ASCII (the nonce is URL-safe base64).
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// Hands the request's nonce to Leptos, which renders it on the hydration script. Call it in
/// the render context, after leptos_axum has provided the request (it also provides a nonce of
/// its own, which this one replaces so that page and header agree).
pub fn provide_request_nonce() {
    let nonce = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_nonced_scripts_and_no_framing() {
        let policy = content_security_policy("abc");
        for directive in [
            "default-src 'self'",
            "script-src 'nonce-abc' 'wasm-unsafe-eval'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'",
        ] {
            assert!(policy.contains(directive), "{directive} missing: {policy}");
        }
        assert!(!policy.contains("unsafe-inline"), "{policy}");
    }
}
