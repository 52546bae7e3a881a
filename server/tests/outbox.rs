//! Sending for the platform, end to end on the real router: API tokens, the message API and its
//! validation, and the outbox worker delivering to the real SMTP test server, with retries,
//! permanent failures and a paused tenant.

#[path = "../../app/tests/support/mod.rs"]
mod smtp;
mod support;

use app::domain::delivery::TokenScope;
use app::mail::tls::TlsTrust;
use app::outbox::service::create_token;
use app::outbox::OutboxConfig;
use serde_json::{json, Value};
use smtp::SmtpTestServer;
use std::time::{Duration, Instant};
use support::{Options, TestApp};

struct Setup {
    app: TestApp,
    smtp: SmtpTestServer,
    /// An admin session of tenant acme.
    admin: String,
    /// A send + read token of tenant acme.
    token: String,
}

fn fast_outbox() -> OutboxConfig {
    let mut config = OutboxConfig::default();
    config.retry.first = Duration::from_secs(1);
    config.poll = Duration::from_millis(100);
    config
}

async fn setup() -> Setup {
    let setup = setup_without_provider(fast_outbox()).await;
    save_smtp(&setup, "starttls", smtp::PASSWORD).await;
    setup
}

/// The SMTP test server, a server with a running worker, an admin session and a token; no
/// provider saved yet.
async fn setup_without_provider(outbox: OutboxConfig) -> Setup {
    let smtp = SmtpTestServer::start();
    let app = TestApp::start_with(Options {
        outbox,
        smtp_trust: Some(TlsTrust::from_pem_file(&smtp.ca_file).unwrap()),
        worker: true,
        ..Options::default()
    })
    .await;
    let admin = app.sign_in("ann@acme.example").await;
    let token = token(&app, "acme", TokenScope::SendRead).await;
    Setup {
        app,
        smtp,
        admin,
        token,
    }
}

async fn token(app: &TestApp, tenant: &str, scope: TokenScope) -> String {
    create_token(&app.state.store, tenant, "tests", scope, None, "tests")
        .await
        .unwrap()
        .value
}

/// Saves SMTP through the page's API: `listener` of the test server, StartTLS + AUTH.
async fn save_smtp(setup: &Setup, listener: &str, password: &str) {
    save_smtp_limited(setup, listener, password, "").await
}

/// The same, with the admin's sending limit (messages a minute; blank: none).
async fn save_smtp_limited(setup: &Setup, listener: &str, password: &str, rate: &str) {
    let app = &setup.app;
    let get = app
        .post(
            "/api/email-provider/get",
            &json!({}),
            Some(&setup.admin),
            &[],
        )
        .await;
    let form = json!({
        "host": "localhost",
        "port": setup.smtp.port(listener).to_string(),
        "security": "StartTls",
        "sender_email": setup.smtp.user,
        "sender_name": "Acme Reports",
        "auth_enabled": true,
        "username_same_as_sender": true,
        "username": "",
        "password": password,
        "rate_per_minute": rate,
    });
    let body = json!({ "form": form, "based_on": get.json()["version"] });
    let reply = app
        .post("/api/email-provider/smtp", &body, Some(&setup.admin), &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

async fn api(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    headers: &[(&str, &str)],
) -> (u16, HeaderMapLite, Value) {
    let url = format!("{}{path}", app.base);
    let mut request = match method {
        "GET" => app.http.get(url),
        _ => app.http.post(url),
    };
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let text = response.text().await.unwrap();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

type HeaderMapLite = Vec<(String, String)>;

/// POSTs one message with the setup's token and `headers`, whatever the answer.
async fn post_raw(
    setup: &Setup,
    body: &Value,
    headers: &[(&str, &str)],
) -> (u16, HeaderMapLite, Value) {
    api(
        &setup.app,
        "POST",
        "/api/v1/messages",
        Some(&setup.token),
        Some(body),
        headers,
    )
    .await
}

/// The status of a request whose body is over the server's limit. The server answers 413
/// before reading the whole body and drops the connection (so the client must not reuse it). A
/// client still sending then may have the connection reset before it reads the answer, which
/// TCP discards: such a request is sent again, up to five times.
async fn over_limit_status(app: &TestApp, token: Option<&str>, body: &Value) -> u16 {
    for _ in 0..5 {
        let mut request = app
            .http
            .post(format!("{}/api/v1/messages", app.base))
            .header("content-type", "application/json")
            .header("connection", "close")
            .body(body.to_string());
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        match request.send().await {
            Ok(response) => return response.status().as_u16(),
            Err(err) if err.is_request() => continue,
            Err(err) => panic!("{err}"),
        }
    }
    panic!("the connection was reset before every answer");
}

fn message(to: &str) -> Value {
    json!({
        "to": [to],
        "subject": "Weekly report",
        "text": "The numbers are in.",
        "category": "subscription",
    })
}

async fn post(setup: &Setup, body: &Value) -> String {
    let (status, _, reply) = api(
        &setup.app,
        "POST",
        "/api/v1/messages",
        Some(&setup.token),
        Some(body),
        &[],
    )
    .await;
    assert_eq!(status, 202, "{reply}");
    assert_eq!(
        reply["status_url"],
        json!(format!(
            "/api/v1/messages/{}",
            reply["id"].as_str().unwrap()
        ))
    );
    reply["id"].as_str().unwrap().to_owned()
}

/// Posts `count` messages to `<prefix><n>@example.org` as one batch; returns their ids.
async fn post_batch(setup: &Setup, prefix: &str, count: usize) -> Vec<String> {
    let messages: Vec<Value> = (0..count)
        .map(|n| message(&format!("{prefix}{n}@example.org")))
        .collect();
    let batch = json!({ "messages": messages });
    let (status, _, reply) = api(
        &setup.app,
        "POST",
        "/api/v1/messages/batch",
        Some(&setup.token),
        Some(&batch),
        &[],
    )
    .await;
    assert_eq!(status, 202, "{reply}");
    reply["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `GET /api/v1/messages/{id}` with `token`: status, headers and body.
async fn get_message(app: &TestApp, id: &str, token: &str) -> (u16, HeaderMapLite, Value) {
    api(
        app,
        "GET",
        &format!("/api/v1/messages/{id}"),
        Some(token),
        None,
        &[],
    )
    .await
}

/// Polls the message's status until it is `status` (or 15 s pass).
async fn wait_for(setup: &Setup, id: &str, status: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (code, _, record) = get_message(&setup.app, id, &setup.token).await;
        assert_eq!(code, 200, "{record}");
        if record["status"] == json!(status) {
            return record;
        }
        assert!(
            Instant::now() < deadline,
            "still {} instead of {status}: {record}",
            record["status"]
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn stored_for(smtp: &SmtpTestServer, rcpt: &str) -> Vec<Value> {
    smtp.messages()
        .into_iter()
        .filter(|m| m["rcpt_tos"].as_array().unwrap().iter().any(|r| r == rcpt))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accepted_message_is_sent_through_the_tenants_provider() {
    let setup = setup().await;
    let id = post(&setup, &json!({
        "to": ["ann@example.org"],
        "cc": ["carl@example.org"],
        "bcc": ["hidden@example.org"],
        "reply_to": "help@acme.example",
        "subject": "Alert: disk almost full",
        "text": "Disk at 91%.",
        "html": "<p>Disk at <b>91%</b>.</p>",
        "attachments": [{ "name": "usage.csv", "content_type": "text/csv", "content": "ZGlzayw5MQo=" }],
        "category": "alert",
        "tags": ["disk"],
    })).await;
    let record = wait_for(&setup, &id, "sent").await;
    let attempts = record["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1, "{record}");
    let reply = attempts[0]["reply"].as_str().unwrap();
    assert!(reply.starts_with("250"), "{reply}");
    assert_eq!(record["category"], "alert");
    assert_eq!(
        record["recipients"],
        json!(["ann@example.org", "carl@example.org", "hidden@example.org"])
    );

    let stored = setup.smtp.message_for_reply(reply);
    assert_eq!(
        stored["mail_from"],
        json!(setup.smtp.user),
        "From is the provider's sender"
    );
    assert_eq!(
        stored["rcpt_tos"],
        json!(["ann@example.org", "carl@example.org", "hidden@example.org"])
    );
    assert_eq!(stored["tls"], true);
    let data = stored["data"].as_str().unwrap();
    assert!(data.contains("Subject: Alert: disk almost full"), "{data}");
    assert!(data.contains("Reply-To: help@acme.example"), "{data}");
    assert!(data.contains("Cc: carl@example.org"), "{data}");
    assert!(!data.contains("hidden@example.org"), "Bcc is in no header");
    assert!(data.contains("filename=\"usage.csv\""), "{data}");
    let domain = setup.smtp.user.rsplit_once('@').unwrap().1;
    let message_id = data
        .lines()
        .find_map(|l| l.strip_prefix("Message-ID: "))
        .unwrap();
    assert!(
        message_id.ends_with(&format!("@{domain}>")),
        "Message-ID on the sender's domain: {message_id}"
    );
    // Metrics count it, naming no tenant or address.
    let metrics = setup.app.get("/metrics").await.body;
    assert!(
        metrics.contains("mailwright_outbox_attempts_total{provider=\"smtp\",category=\"alert\",outcome=\"sent\"} 1\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("mailwright_outbox_messages{status=\"queued\"} 0\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("mailwright_outbox_paused_tenants 0\n"),
        "{metrics}"
    );
    assert!(
        !metrics.contains("acme") && !metrics.contains("example.org"),
        "{metrics}"
    );
    // The body is deleted once sent; the record stays until the retention period is over.
    let body: Option<String> = sqlx_body(&setup, &id).await;
    assert_eq!(body, None);
    let store = &setup.app.state.store;
    assert_eq!(
        store
            .purge_delivery_log(app::clock::unix_now_ms() - 60_000)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .purge_delivery_log(app::clock::unix_now_ms() + 1)
            .await
            .unwrap(),
        1
    );
    let (status, _, _) = get_message(&setup.app, &id, &setup.token).await;
    assert_eq!(status, 404, "purged");
}

async fn sqlx_body(setup: &Setup, id: &str) -> Option<String> {
    let rows = setup
        .app
        .state
        .store
        .outbox_message("acme", id)
        .await
        .unwrap();
    assert!(rows.is_some());
    setup.app.state.store.outbox_body(id).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_temporary_failure_is_retried_at_the_scheduled_time() {
    let setup = setup().await;
    let id = post(&setup, &message("defer-1@example.org")).await;
    let record = wait_for(&setup, &id, "sent").await;
    let attempts = record["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2, "{record}");
    let first = &attempts[0];
    assert_eq!(first["outcome"], "deferred");
    assert_eq!(first["failure"]["step"], "Recipient");
    assert_eq!(first["failure"]["code"], 451);
    assert!(
        first["failure"]["detail"]
            .as_str()
            .unwrap()
            .contains("try again later"),
        "{first}"
    );
    assert_eq!(attempts[1]["outcome"], "sent");
    let seconds = |at: &Value| {
        time::OffsetDateTime::parse(
            at.as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap()
        .unix_timestamp()
    };
    let waited = seconds(&attempts[1]["at"]) - seconds(&first["at"]);
    assert!(
        (0..=3).contains(&waited),
        "retried after about a second (±20%), waited {waited} s"
    );
    // Delivered once.
    let stored = stored_for(&setup.smtp, "defer-1@example.org");
    assert_eq!(stored.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_refusal_fails_the_message_at_once_with_its_explanation() {
    let setup = setup().await;
    let id = post(&setup, &message("reject@example.org")).await;
    let record = wait_for(&setup, &id, "failed").await;
    let attempts = record["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1, "{record}");
    assert_eq!(attempts[0]["failure"]["step"], "Recipient");
    assert_eq!(attempts[0]["failure"]["code"], 550);
    assert_eq!(attempts[0]["failure"]["cause"], "RecipientUnknown");
    // Others still go through.
    let ok = post(&setup, &message("ann@example.org")).await;
    wait_for(&setup, &ok, "sent").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_configuration_pauses_the_tenant_until_it_is_fixed() {
    let setup = setup().await;
    save_smtp(&setup, "starttls", "a wrong password").await;
    let first = post(&setup, &message("ann@example.org")).await;
    let record = wait_for(&setup, &first, "deferred").await;
    assert_eq!(record["attempts"][0]["failure"]["cause"], "AuthRejected");
    let paused = setup.app.state.store.sending_paused("acme").await.unwrap();
    assert!(
        paused.is_some_and(|(_, f)| f.code == Some(535)),
        "the tenant's sending is paused"
    );
    // Every admin page's banner says so; nobody else is told.
    let banner = setup
        .app
        .post("/api/sending/status", &json!({}), Some(&setup.admin), &[])
        .await;
    assert_eq!(
        banner.json()["failure"]["cause"],
        "AuthRejected",
        "{}",
        banner.body
    );
    let gus = setup.app.sign_in("gus@globex.example").await;
    let other = setup
        .app
        .post("/api/sending/status", &json!({}), Some(&gus), &[])
        .await;
    assert_eq!(other.json(), Value::Null);
    // The delivery log shows the deferred message with its failure, to this tenant only.
    let query = json!({ "query": { "status": "deferred", "category": null, "recipient": "ANN@", "before": null } });
    let log = setup
        .app
        .post("/api/deliveries/list", &query, Some(&setup.admin), &[])
        .await;
    let records = log.json()["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(records.len(), 1, "{}", log.body);
    assert_eq!(records[0]["id"], json!(first));
    assert_eq!(records[0]["attempts"][0]["failure"]["code"], 535);
    let theirs = setup
        .app
        .post("/api/deliveries/list", &query, Some(&gus), &[])
        .await;
    assert_eq!(theirs.json()["records"], json!([]), "{}", theirs.body);
    // Paused: more messages wait without attempts, instead of failing one by one.
    let second = post(&setup, &message("bob@example.org")).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (_, _, waiting) = api(
        &setup.app,
        "GET",
        &format!("/api/v1/messages/{second}"),
        Some(&setup.token),
        None,
        &[],
    )
    .await;
    assert_eq!(waiting["status"], "queued", "{waiting}");
    assert_eq!(waiting["attempts"], json!([]));
    // The admin fixes the password: both go out.
    save_smtp(&setup, "starttls", smtp::PASSWORD).await;
    wait_for(&setup, &first, "sent").await;
    wait_for(&setup, &second, "sent").await;
    assert!(setup
        .app
        .state
        .store
        .sending_paused("acme")
        .await
        .unwrap()
        .is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idempotency_key_returns_the_same_message() {
    let setup = setup().await;
    let key = [("idempotency-key", "report-2026-11-30-ann")];
    let body = message("ann@example.org");
    let (s1, _, first) = post_raw(&setup, &body, &key).await;
    let (s2, _, again) = post_raw(&setup, &body, &key).await;
    assert_eq!((s1, s2), (202, 202));
    assert_eq!(first["id"], again["id"]);
    let other = message("bob@example.org");
    let (s3, _, conflict) = post_raw(&setup, &other, &key).await;
    assert_eq!(s3, 409, "{conflict}");
    assert_eq!(conflict["error"], "idempotency_key_reused");
    wait_for(&setup, first["id"].as_str().unwrap(), "sent").await;
    assert_eq!(
        stored_for(&setup.smtp, "ann@example.org").len(),
        1,
        "sent once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_messages_get_field_errors_and_nothing_is_queued() {
    let setup = setup().await;
    let app = &setup.app;
    let token = Some(setup.token.as_str());
    let mut bad = message("ann");
    bad["subject"] = json!("Hi\r\nBcc: victim@example.org");
    let (status, _, reply) = api(app, "POST", "/api/v1/messages", token, Some(&bad), &[]).await;
    assert_eq!(status, 422, "{reply}");
    assert_eq!(
        reply["fields"],
        json!({ "to[0]": "AddressMissingAt", "subject": "LineBreak" })
    );

    let mut unknown = message("ann@example.org");
    unknown["from"] = json!("ceo@example.com");
    let (status, _, reply) = api(app, "POST", "/api/v1/messages", token, Some(&unknown), &[]).await;
    assert_eq!(status, 422, "{reply}");
    assert!(
        reply["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `from`"),
        "{reply}"
    );

    use base64::Engine;
    let mut big = message("ann@example.org");
    big["attachments"] = json!([{ "name": "big.bin", "content_type": "application/octet-stream",
        "content": base64::engine::general_purpose::STANDARD.encode(vec![7u8; 3 * 1024 * 1024 + 1]) }]);
    let (status, _, reply) = api(
        app,
        "POST",
        "/api/v1/messages",
        token,
        Some(&big),
        &[("connection", "close")],
    )
    .await;
    assert_eq!(status, 413, "{reply}");
    let mut huge = message("ann@example.org");
    huge["text"] = json!("x".repeat(6 * 1024 * 1024));
    let status = over_limit_status(app, token, &huge).await;
    assert_eq!(status, 413, "a body over the request limit");

    let batch = json!({ "messages": [message("a@example.org"), message("not-an-address"), message("c@example.org")] });
    let (status, _, reply) = api(
        app,
        "POST",
        "/api/v1/messages/batch",
        token,
        Some(&batch),
        &[],
    )
    .await;
    assert_eq!(status, 422, "{reply}");
    assert_eq!(
        reply["messages"],
        json!([{ "index": 1, "fields": { "to[0]": "AddressMissingAt" } }])
    );
    let log = app
        .state
        .store
        .delivery_log("acme", &Default::default(), 100)
        .await
        .unwrap();
    assert!(log.is_empty(), "nothing was queued");

    let batch = json!({ "messages": [message("a@example.org"), message("b@example.org"), message("c@example.org")] });
    let (status, _, reply) = api(
        app,
        "POST",
        "/api/v1/messages/batch",
        token,
        Some(&batch),
        &[],
    )
    .await;
    assert_eq!(status, 202, "{reply}");
    let ids: Vec<&str> = reply["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    for id in ids {
        wait_for(&setup, id, "sent").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_checked_revoked_expired_scoped_and_tenant_bound() {
    let setup = setup().await;
    let app = &setup.app;
    let body = message("ann@example.org");
    let post = |token: Option<String>| {
        let body = body.clone();
        async move {
            api(
                app,
                "POST",
                "/api/v1/messages",
                token.as_deref(),
                Some(&body),
                &[],
            )
            .await
            .0
        }
    };
    assert_eq!(post(None).await, 401);
    assert_eq!(post(Some("mw_made-up".into())).await, 401);
    // A browser session is not an API credential.
    let (status, _, _) = api(
        app,
        "POST",
        "/api/v1/messages",
        None,
        Some(&body),
        &[("cookie", &format!("mw_session={}", setup.admin))],
    )
    .await;
    assert_eq!(status, 401);

    let send_only = token(app, "acme", TokenScope::Send).await;
    let id = {
        let (status, _, reply) = api(
            app,
            "POST",
            "/api/v1/messages",
            Some(&send_only),
            Some(&body),
            &[],
        )
        .await;
        assert_eq!(status, 202);
        reply["id"].as_str().unwrap().to_owned()
    };
    let (status, _, _) = get_message(app, &id, &send_only).await;
    assert_eq!(status, 403, "send scope cannot read");
    let other_tenant = token(app, "globex", TokenScope::SendRead).await;
    let (status, _, _) = get_message(app, &id, &other_tenant).await;
    assert_eq!(
        status, 404,
        "another tenant's message does not exist for this token"
    );

    let store = &app.state.store;
    let tokens = store.tokens("acme").await.unwrap();
    let send_only_id = tokens
        .iter()
        .find(|t| t.scope == TokenScope::Send)
        .unwrap()
        .id;
    let audit = app::store::AuditRecord {
        actor: "ann@acme.example",
        at: "2026-11-30T00:00:00Z",
    };
    assert!(store
        .revoke_token("acme", send_only_id, app::clock::unix_now(), audit)
        .await
        .unwrap());
    assert_eq!(post(Some(send_only)).await, 401, "revoked");
    let expired = create_token(
        store,
        "acme",
        "old",
        TokenScope::Send,
        Some(app::clock::unix_now() - 1),
        "tests",
    )
    .await
    .unwrap()
    .value;
    assert_eq!(post(Some(expired)).await, 401, "expired");
    // A session cookie never gets a token in: the settings API still wants a session.
    let reply = app
        .post(
            "/api/email-provider/get",
            &json!({}),
            None,
            &[("authorization", &format!("Bearer {}", setup.token))],
        )
        .await;
    assert_eq!(reply.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_answers_429_with_retry_after() {
    let mut outbox = fast_outbox();
    outbox.max_waiting = 2;
    let app = TestApp::start_with(Options {
        outbox,
        ..Options::default()
    })
    .await; // no worker: messages wait
    let token = token(&app, "acme", TokenScope::Send).await;
    for _ in 0..2 {
        let (status, _, _) = api(
            &app,
            "POST",
            "/api/v1/messages",
            Some(&token),
            Some(&message("a@example.org")),
            &[],
        )
        .await;
        assert_eq!(status, 202);
    }
    let (status, headers, reply) = api(
        &app,
        "POST",
        "/api/v1/messages",
        Some(&token),
        Some(&message("a@example.org")),
        &[],
    )
    .await;
    assert_eq!(status, 429, "{reply}");
    assert!(
        headers.iter().any(|(k, v)| k == "retry-after" && v == "60"),
        "{headers:?}"
    );
}

/// A tenant on Microsoft 365 through the stand-in, sending as `mailbox` (a fixture kind).
async fn graph_setup(per_minute: u32, mailbox: &str) -> (Setup, String) {
    let smtp = SmtpTestServer::start_with_microsoft();
    let base = smtp.ms["base_url"].as_str().unwrap().to_owned();
    let mut outbox = fast_outbox();
    outbox.graph_limits.per_minute = per_minute;
    let app = TestApp::start_with(Options {
        outbox,
        worker: true,
        microsoft: Some(support::microsoft_at(&base)),
        ..Options::default()
    })
    .await;
    let admin = app.sign_in("ann@acme.example").await;
    let token = token(&app, "acme", TokenScope::SendRead).await;
    let form = support::stand_in_graph_form(&smtp.ms, mailbox, "");
    support::save_first_microsoft365(&app, &admin, &form).await;
    (
        Setup {
            app,
            smtp,
            admin,
            token,
        },
        base,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn microsoft_365_is_paced_per_mailbox() {
    // 120 a minute: one message every 500 ms, whatever arrives at once.
    let (setup, _) = graph_setup(120, "ok").await;
    let ids = post_batch(&setup, "r", 5).await;
    for id in &ids {
        let record = wait_for(&setup, id, "sent").await;
        assert_eq!(
            record["attempts"].as_array().unwrap().len(),
            1,
            "paced, not failed: {record}"
        );
    }
    let sent = setup.smtp.graph_sends().await;
    let mut times: Vec<time::OffsetDateTime> = sent
        .iter()
        .map(|s| {
            time::OffsetDateTime::parse(
                s["time"].as_str().unwrap(),
                &time::format_description::well_known::Rfc3339,
            )
            .unwrap()
        })
        .collect();
    times.sort();
    assert_eq!(times.len(), 5);
    // Without pacing all five go out within milliseconds. With it, slots are 500 ms apart;
    // a request's own latency (the first one also fetches a token) can shift when the stand-in
    // sees it, hence the margins.
    for pair in times.windows(2) {
        let gap = (pair[1] - pair[0]).whole_milliseconds();
        assert!(
            gap >= 250,
            "two sends {gap} ms apart: more than 120 a minute"
        );
    }
    let span = (times[4] - times[0]).whole_milliseconds();
    assert!(
        span >= 1_700,
        "five sends within {span} ms: more than 120 a minute"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graph_throttling_is_retried_no_sooner_than_retry_after() {
    // The "throttled" mailbox always answers 429 with Retry-After: 10.
    let (setup, _) = graph_setup(600, "throttled").await;
    let id = post(&setup, &message("ann@example.org")).await;
    let record = wait_for(&setup, &id, "deferred").await;
    let failure = &record["attempts"][0]["failure"];
    assert_eq!(failure["code"], 429, "{record}");
    assert_eq!(failure["retry_after_s"], 10, "{record}");
    let seconds = |at: &Value| {
        time::OffsetDateTime::parse(
            at.as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap()
        .unix_timestamp()
    };
    let waits = seconds(&record["next_attempt_at"]) - seconds(&record["attempts"][0]["at"]);
    assert!(
        waits >= 9,
        "the retry waits for Retry-After (10 s), not the 1 s back-off: {waits} s"
    );
    assert!(
        setup
            .app
            .state
            .store
            .sending_paused("acme")
            .await
            .unwrap()
            .is_none(),
        "throttling is not a broken configuration"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_kept_from_one_claim_to_the_next_and_never_exceed_the_limit() {
    let mut outbox = fast_outbox();
    outbox.smtp_connections = 2;
    let setup = setup_without_provider(outbox).await;
    // Queued before there is a provider: they wait, then go out together once it is saved,
    // in more claims than one (the worker claims 128 at a time).
    let ids = post_batch(&setup, "same", 300).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    save_smtp(&setup, "starttls", smtp::PASSWORD).await;
    for id in &ids {
        wait_for(&setup, id, "sent").await;
    }
    let ports: std::collections::BTreeSet<u64> = setup
        .smtp
        .messages()
        .iter()
        .filter(|m| m["rcpt_tos"][0].as_str().unwrap().starts_with("same"))
        .map(|m| m["peer_port"].as_u64().unwrap())
        .collect();
    assert_eq!(ports.len(), 2, "300 messages, 2 connections: {ports:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_server_never_gets_a_message_twice_when_leases_run_short() {
    let mut outbox = fast_outbox();
    outbox.smtp_connections = 1;
    // Each message takes 0.6 s at this server; a claim holds for 1 s. A message whose turn
    // comes late goes back to the queue instead of being sent while its lease lapses.
    outbox.lease = Duration::from_secs(1);
    let setup = setup_without_provider(outbox).await;
    let messages: Vec<Value> = (0..4)
        .map(|n| message(&format!("slow-600@n{n}.example.org")))
        .collect();
    let (status, _, reply) = api(
        &setup.app,
        "POST",
        "/api/v1/messages/batch",
        Some(&setup.token),
        Some(&json!({ "messages": messages })),
        &[],
    )
    .await;
    assert_eq!(status, 202, "{reply}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    save_smtp(&setup, "starttls", smtp::PASSWORD).await;
    for message in reply["messages"].as_array().unwrap() {
        let sent = wait_for(&setup, message["id"].as_str().unwrap(), "sent").await;
        assert_eq!(sent["attempts"].as_array().unwrap().len(), 1, "{sent}");
    }
    let mut received: Vec<String> = setup
        .smtp
        .messages()
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap().to_owned())
        .collect();
    received.sort();
    let expected: Vec<String> = (0..4)
        .map(|n| format!("slow-600@n{n}.example.org"))
        .collect();
    assert_eq!(received, expected, "each message arrived exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_smtp_sending_limit_spaces_the_platforms_messages() {
    let setup = setup().await;
    save_smtp_limited(&setup, "starttls", smtp::PASSWORD, "60").await;
    let started = Instant::now();
    let ids = post_batch(&setup, "paced", 3).await;
    for id in &ids {
        let record = wait_for(&setup, id, "sent").await;
        assert_eq!(
            record["attempts"].as_array().unwrap().len(),
            1,
            "waiting is not failing: {record}"
        );
    }
    // 60 a minute: one now, one a second later, one two seconds later.
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1900),
        "3 messages at 60 a minute took only {took:?}"
    );
}
