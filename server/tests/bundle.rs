//! The browser bundles as the server sends them: each admin page names its own bundle's files
//! with content digests from the build's manifest; each file goes out brotli- or gzip-compressed (the versions made
//! at build time) to clients that accept it, whole to others, and is cached for a year; the
//! pages themselves are never cached.

mod support;

use support::{Options, TestApp};

// A page's bundle is a directory named after its content (`scripts/assets.mjs`).
const JS: &str = "email.0123456789abcdef/mailwright-email.js";
const WASM: &str = "email.0123456789abcdef/mailwright-email_bg.wasm";
/// Split off at a `#[lazy]` function: the page's module fetches it, the page does not name it.
const LAZY_WASM: &str = "email.0123456789abcdef/split_provider_editor_1.wasm";
const SPLIT_JS: &str = "email.0123456789abcdef/__wasm_split.js";
const TOKENS_JS: &str = "tokens.1123456789abcdef/mailwright-tokens.js";
const TOKENS_WASM: &str = "tokens.1123456789abcdef/mailwright-tokens_bg.wasm";
const CSS: &str = "mailwright.00112233445566ff.css";

async fn app_with_bundle() -> TestApp {
    let manifest = serde_json::json!({
        "css": CSS,
        "pages": {
            "email": { "js": JS, "wasm": WASM, "imports": [SPLIT_JS], "lazy": [LAZY_WASM] },
            "tokens": { "js": TOKENS_JS, "wasm": TOKENS_WASM },
        },
    });
    let mut site_files = vec![
        (
            "pkg/manifest.json".to_owned(),
            manifest.to_string().into_bytes(),
        ),
        ("pkg/mailwright.js".to_owned(), b"plain name".to_vec()),
    ];
    // Each version's content says which it is, so the test sees which one was sent.
    for name in [JS, WASM, LAZY_WASM, SPLIT_JS, TOKENS_JS, TOKENS_WASM, CSS] {
        for (suffix, version) in [("", "identity"), (".br", "br"), (".gz", "gzip")] {
            let content = format!("{version} {name}").into_bytes();
            site_files.push((format!("pkg/{name}{suffix}"), content));
        }
    }
    TestApp::start_with(Options {
        site_files,
        ..Options::default()
    })
    .await
}

async fn fetch(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> support::Reply {
    let mut request = app.http.get(format!("{}{path}", app.base));
    if let Some(encodings) = accept_encoding {
        request = request.header("accept-encoding", encodings);
    }
    let response = request.send().await.unwrap();
    support::Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

fn header<'a>(reply: &'a support::Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

#[tokio::test]
async fn pages_load_the_files_named_in_the_manifest_and_are_not_cached() {
    let app = app_with_bundle().await;
    let admin = app.sign_in("ann@acme.example").await;
    let page = app.page("/settings/email", Some(&admin)).await;
    assert_eq!(page.status, 200);
    for name in [JS, WASM, SPLIT_JS, CSS] {
        assert!(
            page.body.contains(&format!("/pkg/{name}")),
            "{name} in {}",
            page.body
        );
    }
    assert!(!page.body.contains("/pkg/mailwright.js"));
    assert!(
        !page.body.contains(LAZY_WASM),
        "fetched by the module, later"
    );
    assert!(!page.body.contains(TOKENS_WASM), "another page's bundle");
    assert_eq!(header(&page, "cache-control"), "no-store");
    // Each admin page loads its own bundle.
    let tokens = app.page("/settings/tokens", Some(&admin)).await;
    for name in [TOKENS_JS, TOKENS_WASM, CSS] {
        assert!(tokens.body.contains(&format!("/pkg/{name}")), "{name}");
    }
    assert!(!tokens.body.contains(WASM));
    // A plain page (no wasm) still takes the stylesheet by its digest name.
    let login = app.page("/login", None).await;
    assert!(login.body.contains(&format!("/pkg/{CSS}")));
}

#[tokio::test]
async fn each_file_goes_out_compressed_as_the_client_accepts_and_is_cached_for_a_year() {
    let app = app_with_bundle().await;
    for name in [JS, WASM, LAZY_WASM, SPLIT_JS, CSS] {
        let path = format!("/pkg/{name}");
        for (accepts, encoding, body) in [
            (Some("gzip, deflate, br, zstd"), "br", "br"),
            (Some("gzip"), "gzip", "gzip"),
            (None, "", "identity"),
        ] {
            let reply = fetch(&app, &path, accepts).await;
            assert_eq!(reply.status, 200, "{path} {accepts:?}");
            assert_eq!(
                header(&reply, "content-encoding"),
                encoding,
                "{path} {accepts:?}"
            );
            assert_eq!(reply.body, format!("{body} {name}"));
            assert_eq!(
                header(&reply, "cache-control"),
                "public, max-age=31536000, immutable"
            );
            assert_eq!(header(&reply, "vary"), "accept-encoding");
        }
        let kind = header(&fetch(&app, &path, Some("br")).await, "content-type").to_owned();
        let expected = match name {
            JS | SPLIT_JS => "text/javascript",
            WASM | LAZY_WASM => "application/wasm",
            _ => "text/css",
        };
        assert_eq!(
            kind, expected,
            "{name}: the type of the file, not of its compression"
        );
    }
    // A name without a digest may change: the browser asks again each time.
    let plain = fetch(&app, "/pkg/mailwright.js", Some("br")).await;
    assert_eq!(plain.status, 200);
    assert_eq!(header(&plain, "cache-control"), "no-cache");
    assert_eq!(header(&plain, "content-encoding"), "");
    assert_eq!(
        fetch(&app, "/pkg/missing.0123456789abcdef.js", None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn pages_and_json_go_out_compressed_to_clients_that_accept_it() {
    let app = app_with_bundle().await;
    let request = |path: &str, encodings: &str| {
        app.http
            .get(format!("{}{path}", app.base))
            .header("accept", "text/html")
            .header("accept-encoding", encodings)
    };
    let page = request("/login", "gzip, deflate, br").send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-encoding"], "br");
    let vary: Vec<_> = page.headers().get_all("vary").iter().collect();
    assert!(
        vary.iter()
            .any(|v| v.to_str().unwrap().contains("accept-encoding")),
        "{vary:?}"
    );
    let gzipped = request("/login", "gzip").send().await.unwrap();
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    let plain = request("/login", "identity").send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert!(plain.text().await.unwrap().contains("<html"));
    let spec = request(server::http::OPENAPI_PATH, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(spec.headers()["content-encoding"], "br");
}
