//! Cross-site request forgery: a state-changing request (anything but GET, HEAD, OPTIONS)
//! from another site is refused before it reaches a handler. Browsers say where a request
//! comes from in `Sec-Fetch-Site` (all current ones) or at least `Origin` (on every POST);
//! a request with neither is not from a browser, so it carries no ambient cookie risk.

use axum::extract::Request;
use axum::http::header::{HeaderMap, HOST, ORIGIN};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(request.headers()) {
        tracing::warn!(
            method = %request.method(),
            path = %request.uri().path(),
            "refused a cross-site request"
        );
        return (StatusCode::FORBIDDEN, "Cross-site requests are refused.").into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).map(|v| v.to_str().unwrap_or("invalid"));
    if let Some(site) = text("sec-fetch-site") {
        // "none": typed in the address bar or a bookmark.
        return !matches!(site, "same-origin" | "none");
    }
    match (text(ORIGIN.as_str()), text(HOST.as_str())) {
        (Some(origin), Some(host)) => {
            let origin_host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            origin_host != Some(host)
        }
        // An Origin ("null" from a sandboxed frame, too) without a Host to compare: refuse.
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_and_non_browser_requests_pass() {
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!is_cross_site(&headers(&[("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn other_sites_are_refused() {
        for site in ["cross-site", "same-site"] {
            assert!(is_cross_site(&headers(&[("sec-fetch-site", site)])));
        }
        assert!(is_cross_site(&headers(&[
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
        // Same host, other port: another origin.
        assert!(is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:3001"),
            ("host", "127.0.0.1:3000")
        ])));
    }
}
