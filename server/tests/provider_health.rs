//! The background health check on the real router with the real SMTP test server: a check
//! after each save and on an interval; its result and history on the page; a broken
//! configuration pauses sending and a fix resumes it (one notion of "healthy" with the outbox);
//! a server that goes away shows as failing without pausing; the metric counts by cause.

#[path = "../../app/tests/support/mod.rs"]
mod smtp;
mod support;

use app::mail::tls::TlsTrust;
use app::outbox::OutboxConfig;
use serde_json::{json, Value};
use smtp::SmtpTestServer;
use std::time::{Duration, Instant};
use support::{Options, TestApp};

async fn start(server: &SmtpTestServer) -> (TestApp, String) {
    let outbox = OutboxConfig {
        health_every: Some(Duration::from_secs(1)),
        ..OutboxConfig::default()
    };
    let app = TestApp::start_with(Options {
        outbox,
        smtp_trust: Some(TlsTrust::from_pem_file(&server.ca_file).unwrap()),
        ..Options::default()
    })
    .await;
    let admin = app.sign_in("ann@acme.example").await;
    (app, admin)
}

async fn save(app: &TestApp, admin: &str, port: u16, password: &str) {
    let get = app
        .post("/api/email-provider/get", &json!({}), Some(admin), &[])
        .await;
    let form = json!({
        "host": "localhost", "port": port.to_string(), "security": "StartTls",
        "sender_email": "mailer@example.test", "sender_name": "", "auth_enabled": true,
        "username_same_as_sender": true, "username": "", "password": password,
    });
    let body = json!({ "form": form, "based_on": get.json()["version"] });
    let saved = app
        .post("/api/email-provider/smtp", &body, Some(admin), &[])
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
}

/// The page's view of the checks, once `done` holds (within 15 s).
async fn health_until(app: &TestApp, admin: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let view = app
            .post("/api/email-provider/get", &json!({}), Some(admin), &[])
            .await
            .json();
        if done(&view["health"]) {
            return view["health"].clone();
        }
        assert!(
            Instant::now() < deadline,
            "health stayed {}",
            view["health"]
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn banner(app: &TestApp, admin: &str) -> Value {
    app.post("/api/sending/status", &json!({}), Some(admin), &[])
        .await
        .json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saves_are_checked_failures_pause_and_fixes_resume() {
    let server = SmtpTestServer::start();
    let (app, admin) = start(&server).await;
    let port = server.port("starttls");

    save(&app, &admin, port, smtp::PASSWORD).await;
    let healthy = health_until(&app, &admin, |h| h["healthy"] == true).await;
    assert!(healthy["checked_at"].as_str().is_some(), "{healthy}");
    assert_eq!(banner(&app, &admin).await, Value::Null);

    // A wrong password: failing at authentication, and sending paused (the same banner).
    save(&app, &admin, port, "not the password").await;
    let failing = health_until(&app, &admin, |h| h["healthy"] == false).await;
    assert_eq!(failing["failure"]["cause"], "AuthRejected", "{failing}");
    assert_eq!(failing["changes"][0]["healthy"], false, "{failing}");
    assert_eq!(failing["changes"][0]["cause"], "AuthRejected", "{failing}");
    let paused = banner(&app, &admin).await;
    assert_eq!(paused["paused"], true, "{paused}");
    assert_eq!(paused["failure"]["cause"], "AuthRejected");
    let metrics = app.get("/metrics").await.body;
    assert!(
        metrics.contains(r#"mailwright_provider_failing_tenants{cause="AuthRejected"} 1"#),
        "{metrics}"
    );
    assert!(!metrics.contains("acme"));

    // Fixed: healthy again, sending resumed, the history says both, newest first.
    save(&app, &admin, port, smtp::PASSWORD).await;
    let again = health_until(&app, &admin, |h| h["healthy"] == true).await;
    let changes = again["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{again}");
    assert_eq!(changes[0]["healthy"], true);
    assert_eq!(changes[1]["healthy"], false);
    assert_eq!(banner(&app, &admin).await, Value::Null);
    let metrics = app.get("/metrics").await.body;
    assert!(
        !metrics.contains("mailwright_provider_failing_tenants{"),
        "{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_goes_away_is_failing_on_the_next_check_without_pausing() {
    let server = SmtpTestServer::start();
    let (app, admin) = start(&server).await;
    save(&app, &admin, server.port("starttls"), smtp::PASSWORD).await;
    health_until(&app, &admin, |h| h["healthy"] == true).await;

    drop(server); // the SMTP server stops; the next periodic check finds nothing listening
    let failing = health_until(&app, &admin, |h| h["healthy"] == false).await;
    assert_eq!(
        failing["failure"]["cause"], "ConnectionRefused",
        "{failing}"
    );
    let alert = banner(&app, &admin).await;
    assert_eq!(
        alert["paused"], false,
        "a passing cause does not pause: {alert}"
    );
    assert_eq!(alert["failure"]["cause"], "ConnectionRefused");
}

/// A client secret three days from its expiry: every admin page's banner says so, and the
/// checks queue the week-before reminder, which the outbox sends through Microsoft 365 to the
/// admin, once however many checks run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expiring_secret_warns_and_reminds_the_admins_once_through_the_outbox() {
    let server = SmtpTestServer::start_with_microsoft();
    let app = TestApp::start_with(Options {
        outbox: OutboxConfig {
            health_every: Some(Duration::from_millis(300)),
            ..OutboxConfig::default()
        },
        microsoft: Some(support::microsoft_at(
            server.ms["base_url"].as_str().unwrap(),
        )),
        worker: true,
        ..Options::default()
    })
    .await;
    let admin = app.sign_in("ann@acme.example").await;
    let expires_on = app::clock::today_utc().add_days(3).unwrap().to_string();
    let form = support::stand_in_graph_form(&server.ms, "ok", &expires_on);
    support::save_first_microsoft365(&app, &admin, &form).await;

    let notice = app
        .post(
            "/api/email-provider/secret-expiry",
            &json!({}),
            Some(&admin),
            &[],
        )
        .await
        .json();
    assert_eq!(notice, json!({ "expires_on": expires_on, "days_left": 3 }));

    let reminders = || async {
        let sent = server.graph_sends().await;
        sent.into_iter()
            .filter(|m| {
                let subject = m["body"]["message"]["subject"].as_str().unwrap_or_default();
                subject.contains("client secret expires on")
            })
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    while reminders().await.is_empty() {
        assert!(Instant::now() < deadline, "no reminder reached Graph");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Several more checks run; none sends it again.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let sent = reminders().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let to = &sent[0]["body"]["message"]["toRecipients"][0]["emailAddress"]["address"];
    assert_eq!(to, "ann@acme.example");
}
