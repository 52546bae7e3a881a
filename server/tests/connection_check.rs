//! "Check connection" on the real router: SMTP goes up to authentication and QUIT, Microsoft
//! 365 up to a new token, and nothing arrives at the SMTP server or at Graph; a wrong password
//! fails at authentication with the same explanation a test email gives.

#[path = "../../app/tests/support/mod.rs"]
mod smtp;
mod support;

use app::mail::tls::TlsTrust;
use serde_json::{json, Value};
use smtp::SmtpTestServer;
use support::{Options, TestApp};

async fn save(app: &TestApp, admin: &str, path: &str, form: Value) {
    let get = app
        .post("/api/email-provider/get", &json!({}), Some(admin), &[])
        .await;
    let body = json!({ "form": form, "based_on": get.json()["version"] });
    let saved = app.post(path, &body, Some(admin), &[]).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
}

fn smtp_form(server: &SmtpTestServer, password: &str) -> Value {
    json!({
        "host": "localhost", "port": server.port("starttls").to_string(), "security": "StartTls",
        "sender_email": server.user, "sender_name": "", "auth_enabled": true,
        "username_same_as_sender": true, "username": "", "password": password,
    })
}

async fn check(app: &TestApp, admin: &str) -> Value {
    let reply = app
        .post("/api/email-provider/check", &json!({}), Some(admin), &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

#[tokio::test]
async fn smtp_is_checked_up_to_authentication_and_nothing_is_sent() {
    let server = SmtpTestServer::start();
    let app = TestApp::start_with(Options {
        smtp_trust: Some(TlsTrust::from_pem_file(&server.ca_file).unwrap()),
        ..Options::default()
    })
    .await;
    let admin = app.sign_in("ann@acme.example").await;
    save(
        &app,
        &admin,
        "/api/email-provider/smtp",
        smtp_form(&server, smtp::PASSWORD),
    )
    .await;

    let report = check(&app, &admin).await;
    let passed = &report["outcome"]["Passed"];
    assert_eq!(passed["scope"], "SmtpSession", "{report}");
    assert!(
        passed["reply"].as_str().unwrap().starts_with("221"),
        "{report}"
    );
    let transcript = report["transcript"].to_string();
    for line in ["STARTTLS", "AUTH", "QUIT"] {
        assert!(transcript.contains(line), "{line}: {transcript}");
    }
    assert!(!transcript.contains("MAIL FROM"), "{transcript}");
    assert!(!transcript.contains(smtp::PASSWORD));
    assert!(server.messages().is_empty(), "a check sends nothing");

    // A wrong password: the step and cause a test email would report.
    let form = smtp_form(&server, "wrong password");
    save(&app, &admin, "/api/email-provider/smtp", form).await;
    let report = check(&app, &admin).await;
    let failed = &report["outcome"]["Failed"];
    assert_eq!(failed["step"], "Authentication", "{report}");
    assert_eq!(failed["cause"], "AuthRejected", "{report}");
    assert_eq!(failed["code"], 535, "{report}");
    assert!(server.messages().is_empty());

    // A check is not a test: the audit log and the last test are untouched by it.
    let audit = app
        .post(
            "/api/email-provider/audit",
            &json!({ "request": {} }),
            Some(&admin),
            &[],
        )
        .await;
    assert!(!audit.body.contains("Test"), "{}", audit.body);
}

#[tokio::test]
async fn microsoft_365_is_checked_up_to_a_new_token_and_graph_gets_nothing() {
    let server = SmtpTestServer::start_with_microsoft();
    let app = TestApp::start_with(Options {
        microsoft: Some(support::microsoft_at(
            server.ms["base_url"].as_str().unwrap(),
        )),
        ..Options::default()
    })
    .await;
    let admin = app.sign_in("ann@acme.example").await;
    let f = &server.ms["fixtures"];
    let form = |secret: &Value| {
        json!({
            "sender_email": f["mailboxes"]["ok"],
            "app": { "tenant_id": f["tenant_id"], "client_id": f["apps"]["sender"]["client_id"],
                     "client_secret": secret },
        })
    };
    save(
        &app,
        &admin,
        "/api/email-provider/microsoft365",
        form(&f["apps"]["sender"]["secret"]),
    )
    .await;
    let report = check(&app, &admin).await;
    assert_eq!(
        report["outcome"]["Passed"]["scope"], "TokenOnly",
        "{report}"
    );
    let sent = server.graph_sends().await;
    assert!(sent.is_empty(), "Graph got a send: {sent:?}");

    // A wrong secret fails at the token, explained as a test email would be.
    save(
        &app,
        &admin,
        "/api/email-provider/microsoft365",
        form(&json!("not-the-secret-value-0123456789abcdef")),
    )
    .await;
    let report = check(&app, &admin).await;
    let failed = &report["outcome"]["Failed"];
    assert_eq!(failed["step"], "TokenRequest", "{report}");
    assert_eq!(failed["cause"], "ClientSecretInvalid", "{report}");
}
