//! The API's OpenAPI 3.1 document: served publicly, valid (checked with openapi-spec-validator),
//! and describing exactly the routes the router serves.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use support::TestApp;

#[tokio::test]
async fn the_openapi_document_is_valid_and_matches_the_router() {
    let app = TestApp::start().await;
    let reply = app.get(server::http::OPENAPI_PATH).await;
    assert_eq!(reply.status, 200);
    let doc: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");

    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = server::http::API_V1_ROUTES
        .iter()
        .map(|(method, path)| {
            let path = path.replace("00000000-0000-0000-0000-000000000000", "{id}");
            (method.to_string(), path)
        })
        .collect();
    assert_eq!(
        documented, routed,
        "every /api/v1 route is documented, and only those"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer",
        "{}",
        reply.body
    );

    // The validator the README names, from the test virtualenv (scripts/setup.sh).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let python = root.join(".venv/bin/python");
    assert!(
        python.exists(),
        "run scripts/setup.sh: {} is missing",
        python.display()
    );
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &reply.body).unwrap();
    let out = std::process::Command::new(python)
        .args(["-m", "openapi_spec_validator"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openapi-spec-validator: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
