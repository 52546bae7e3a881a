//! Security headers on every route the router serves: pages, server functions, operator
//! endpoints, static files and unknown paths, signed in and not.

mod support;

use serde_json::json;
use support::{Reply, TestApp};

/// Headers every response carries.
fn check_common(what: &str, reply: &Reply, https: bool) {
    let header = |name: &str| reply.headers.get(name).map(|v| v.to_str().unwrap());
    assert_eq!(header("x-content-type-options"), Some("nosniff"), "{what}");
    assert_eq!(header("referrer-policy"), Some("no-referrer"), "{what}");
    let hsts = header("strict-transport-security");
    if https {
        assert_eq!(hsts, Some("max-age=31536000"), "{what}");
    } else {
        assert_eq!(
            hsts, None,
            "{what}: HSTS over plain http would lock users out"
        );
    }
}

/// A page: its policy names the nonce that every script in it carries, and it is not cached.
fn check_page(what: &str, reply: &Reply) {
    let header = |name: &str| reply.headers.get(name).map(|v| v.to_str().unwrap());
    assert_eq!(header("cache-control"), Some("no-store"), "{what}");
    if reply.status == 302 {
        return; // a redirect has no document to protect
    }
    assert!(
        header("content-type")
            .unwrap_or_default()
            .starts_with("text/html"),
        "{what}"
    );
    let policy = header("content-security-policy").unwrap_or_else(|| panic!("{what}: no CSP"));
    for directive in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ] {
        assert!(
            policy.contains(directive),
            "{what}: {directive} missing in {policy}"
        );
    }
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("{what}: no nonce in {policy}"));
    assert!(nonce.len() >= 22, "{what}: a nonce of at least 128 bits");
    let scripts = reply.body.matches("<script").count();
    assert!(scripts > 0, "{what}: the page has its hydration script");
    assert_eq!(
        reply.body.matches(&format!("nonce=\"{nonce}\"")).count(),
        reply.body.matches(" nonce=\"").count(),
        "{what}: every nonce in the page is the policy's"
    );
    for script in reply.body.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "{what}: <script{tag}> has no nonce"
        );
    }
}

async fn check_every_route(app: &TestApp, https: bool) {
    let admin = app.sign_in("ann@acme.example").await;
    let mut nonces = Vec::new();
    for path in server::http::page_paths() {
        for token in [None, Some(admin.as_str())] {
            let reply = app.page(&path, token).await;
            let what = format!("page {path} (signed in: {})", token.is_some());
            check_common(&what, &reply, https);
            check_page(&what, &reply);
            if let Some(policy) = reply.headers.get("content-security-policy") {
                nonces.push(policy.to_str().unwrap().to_owned());
            }
        }
    }
    let unique: std::collections::BTreeSet<_> = nonces.iter().collect();
    assert_eq!(
        unique.len(),
        nonces.len(),
        "each response has its own nonce"
    );
    let unknown = app.page("/no-such-page", None).await;
    check_common("unknown page", &unknown, https);

    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        if path.ends_with("/sign-out") {
            continue; // it would end the session the other calls use; checked last
        }
        for token in [None, Some(admin.as_str())] {
            let reply = app.post(path, &json!({}), token, &[]).await;
            let what = format!("server function {path} ({})", reply.status);
            check_common(&what, &reply, https);
            assert_eq!(
                reply
                    .headers
                    .get("cache-control")
                    .map(|v| v.to_str().unwrap()),
                Some("no-store"),
                "{what}"
            );
        }
    }
    let signed_out = app
        .post("/api/auth/sign-out", &json!({}), Some(&admin), &[])
        .await;
    check_common("sign-out", &signed_out, https);

    for path in server::http::OPERATOR_PATHS {
        check_common(path, &app.get(path).await, https);
    }
    std::fs::write(app.site_root().join("robots.txt"), "User-agent: *\n").unwrap();
    let asset = app.get("/robots.txt").await;
    assert_eq!(asset.status, 200);
    check_common("a static file", &asset, https);
    // Cross-site refusals are answered by a layer inside this one: they carry the headers too.
    let refused = app
        .post(
            "/api/auth/sign-in",
            &json!({}),
            None,
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(refused.status, 403);
    check_common("a cross-site refusal", &refused, https);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::start().await;
    check_every_route(&app, false).await;
}

#[tokio::test]
async fn behind_https_every_response_asks_for_https_only() {
    let app = TestApp::start_with_public_url(Some("https://mail.example.com")).await;
    check_every_route(&app, true).await;
}
