//! Microsoft 365 (Graph) and Microsoft OAuth 2.0 on SMTP (XOAUTH2), against the local stand-in
//! for the Microsoft identity platform and Graph and a real SMTP server whose XOAUTH2 check
//! asks the stand-in (scripts/ms-stand-in, scripts/smtp-test-server), all on 127.0.0.1.
#![cfg(feature = "ssr")]

mod support;

use app::domain::microsoft::MicrosoftApp;
use app::domain::smtp::{SmtpAuth, SmtpSecurity, SmtpSettings};
use app::domain::test_email::{FailureCause, SendStep};
use app::mail::graph::GraphMailer;
use app::mail::microsoft::{AppCredentials, HttpTimeouts, MicrosoftClient, MicrosoftEndpoints};
use app::mail::smtp::{SmtpCredential, SmtpMailer, SmtpTimeouts};
use app::mail::tls::TlsTrust;
use app::mail::{MailError, Mailer, OutgoingEmail};
use app::secret::Secret;
use serde_json::Value;
use std::time::{Duration, Instant};
use support::SmtpTestServer;

const OWNER: &str = "default";

struct Stand {
    server: SmtpTestServer,
    base: String,
}

impl Stand {
    fn start() -> Self {
        let server = SmtpTestServer::start_with_microsoft();
        let base = server.ms["base_url"].as_str().expect("base_url").to_owned();
        Self { server, base }
    }

    fn fixture(&self, path: &str) -> String {
        let value = path
            .split('.')
            .fold(&self.server.ms["fixtures"], |v, key| &v[key]);
        value
            .as_str()
            .unwrap_or_else(|| panic!("fixture {path}"))
            .to_owned()
    }

    fn client(&self) -> MicrosoftClient {
        self.client_with(HttpTimeouts::default())
    }

    fn client_with(&self, timeouts: HttpTimeouts) -> MicrosoftClient {
        let endpoints = MicrosoftEndpoints::new(&self.base, &self.base).unwrap();
        MicrosoftClient::new(endpoints, timeouts).unwrap()
    }

    /// Credentials of a fixture app, with its tenant given as `tenant`.
    fn credentials(&self, app: &str, tenant: &str) -> AppCredentials {
        AppCredentials {
            owner: OWNER.into(),
            app: MicrosoftApp {
                tenant_id: tenant.into(),
                client_id: self.fixture(&format!("apps.{app}.client_id")),
                secret_expires_on: None,
            },
            secret: Secret::new(self.fixture(&format!("apps.{app}.secret"))),
        }
    }

    fn sender_credentials(&self) -> AppCredentials {
        self.credentials("sender", &self.fixture("tenant_id"))
    }

    fn mailbox(&self, name: &str) -> String {
        self.fixture(&format!("mailboxes.{name}"))
    }

    async fn get(&self, path: &str) -> Value {
        let url = format!("{}/_stand-in/{path}", self.base);
        reqwest::get(url).await.unwrap().json().await.unwrap()
    }

    async fn post(&self, path: &str) {
        let url = format!("{}/_stand-in/{path}", self.base);
        let status = reqwest::Client::new()
            .post(url)
            .send()
            .await
            .unwrap()
            .status();
        assert!(status.is_success(), "{path}: {status}");
    }

    async fn token_requests(&self) -> u64 {
        let client_id = self.fixture("apps.sender.client_id");
        self.get("stats").await["token_requests"][&client_id]
            .as_u64()
            .unwrap_or(0)
    }
}

fn email(from: &str) -> OutgoingEmail {
    OutgoingEmail::plain(
        None,
        from.into(),
        "admin@example.org".into(),
        "Test email from Mailwright Administration".into(),
        "Provider: Microsoft 365".into(),
    )
}

async fn graph_send(
    client: &MicrosoftClient,
    credentials: AppCredentials,
    sender: &str,
) -> (Result<app::mail::Accepted, MailError>, Duration) {
    let mailer = GraphMailer::new(client.clone(), credentials, sender.into());
    let started = Instant::now();
    (mailer.send(&email(sender)).await, started.elapsed())
}

fn assert_secret_free(err: &MailError, secret: &str) {
    let text = format!("{err} {err:?}");
    assert!(!text.contains(secret), "secret in error: {text}");
}

#[tokio::test]
async fn graph_send_is_accepted_and_the_token_is_cached() {
    let stand = Stand::start();
    let client = stand.client();
    let sender = stand.mailbox("ok");
    let (result, _) = graph_send(&client, stand.sender_credentials(), &sender).await;
    let accepted = result.expect("accepted");
    assert!(
        accepted.reply.starts_with("202 Accepted, request-id "),
        "{}",
        accepted.reply
    );

    let sent = stand.get("sent").await;
    let sent = sent.as_array().expect("sent list");
    assert_eq!(sent.len(), 1);
    let message = &sent[0]["body"]["message"];
    assert_eq!(
        message["subject"],
        "Test email from Mailwright Administration"
    );
    assert_eq!(
        message["toRecipients"][0]["emailAddress"]["address"],
        "admin@example.org"
    );
    assert_eq!(message["from"]["emailAddress"]["address"], sender.as_str());
    assert!(accepted
        .reply
        .contains(sent[0]["request_id"].as_str().unwrap()));

    // The second send reuses the token; a forgotten configuration gets a new one.
    graph_send(&client, stand.sender_credentials(), &sender)
        .await
        .0
        .expect("second send");
    assert_eq!(stand.token_requests().await, 1);
    client.forget(OWNER);
    graph_send(&client, stand.sender_credentials(), &sender)
        .await
        .0
        .expect("third send");
    assert_eq!(stand.token_requests().await, 2);
    // Another secret for the same app is another configuration: never the cached token.
    let mut changed = stand.sender_credentials();
    changed.secret = Secret::new("another-secret-value".into());
    let (result, _) = graph_send(&client, changed, &sender).await;
    assert_eq!(result.unwrap_err().cause, FailureCause::ClientSecretInvalid);
}

#[tokio::test]
async fn token_errors_are_classified_with_the_aadsts_code_and_trace_id() {
    let stand = Stand::start();
    let client = stand.client();
    let tenant = stand.fixture("tenant_id");
    let sender = stand.mailbox("ok");
    let wrong_secret = |mut c: AppCredentials, secret: String| {
        c.secret = Secret::new(secret);
        c
    };
    let mut unknown_app = stand.sender_credentials();
    unknown_app.app.client_id = "00000000-0000-4000-8000-00000000abcd".into();
    let cases = [
        (
            "unknown tenant",
            stand.credentials("sender", "00000000-0000-4000-8000-000000000000"),
            FailureCause::TenantNotFound,
            90002,
        ),
        (
            "malformed tenant",
            stand.credentials("sender", "not_a_tenant"),
            FailureCause::TenantIdMalformed,
            900023,
        ),
        (
            "unknown app",
            unknown_app,
            FailureCause::AppNotFound,
            700016,
        ),
        (
            "wrong secret",
            wrong_secret(stand.sender_credentials(), "wrong~secret".into()),
            FailureCause::ClientSecretInvalid,
            7000215,
        ),
        (
            "secret ID as secret",
            wrong_secret(
                stand.sender_credentials(),
                stand.fixture("apps.sender.secret_id"),
            ),
            FailureCause::ClientSecretInvalid,
            7000215,
        ),
        (
            "expired secret",
            stand.credentials("expired", &tenant),
            FailureCause::ClientSecretExpired,
            7000222,
        ),
    ];
    for (name, credentials, cause, code) in cases {
        let secret = credentials.secret.expose().to_owned();
        let err = graph_send(&client, credentials, &sender)
            .await
            .0
            .unwrap_err();
        assert_eq!(
            (err.step, err.cause, err.code),
            (SendStep::TokenRequest, cause, Some(code)),
            "{name}: {err}"
        );
        assert!(
            err.detail.contains(&format!("AADSTS{code}")),
            "{name}: {}",
            err.detail
        );
        assert!(err.reference.is_some(), "{name}: trace id");
        assert_secret_free(&err, &secret);
    }
    assert!(stand.get("sent").await.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn graph_errors_are_classified_with_the_request_id() {
    let stand = Stand::start();
    let client = stand.client();
    let tenant = stand.fixture("tenant_id");
    let cases = [
        (
            "no Mail.Send",
            stand.credentials("no_permission", &tenant),
            stand.mailbox("ok"),
            FailureCause::GraphAccessDenied,
            403,
        ),
        (
            "unknown mailbox",
            stand.sender_credentials(),
            "nobody@contoso.onmicrosoft.com".to_owned(),
            FailureCause::MailboxNotFound,
            404,
        ),
        (
            "inactive mailbox",
            stand.sender_credentials(),
            stand.mailbox("inactive"),
            FailureCause::MailboxNotEnabled,
            404,
        ),
    ];
    for (name, credentials, sender, cause, status) in cases {
        client.forget(OWNER);
        let err = graph_send(&client, credentials, &sender)
            .await
            .0
            .unwrap_err();
        assert_eq!(
            (err.step, err.cause, err.code),
            (SendStep::GraphSend, cause, Some(status)),
            "{name}: {err}"
        );
        assert!(
            err.reference.as_deref().is_some_and(|r| r.len() == 36),
            "{name}: request-id"
        );
    }
}

#[tokio::test]
async fn throttling_honours_retry_after() {
    let stand = Stand::start();
    let client = stand.client();
    // Retry-After: 1 is waited out, and the retry goes through.
    let (result, elapsed) =
        graph_send(&client, stand.sender_credentials(), &stand.mailbox("busy")).await;
    result.expect("accepted after waiting");
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    // Retry-After: 10 is longer than a test send waits: reported at once, with the wait.
    let (result, elapsed) = graph_send(
        &client,
        stand.sender_credentials(),
        &stand.mailbox("throttled"),
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(
        (err.cause, err.code, err.retry_after_s),
        (FailureCause::Throttled, Some(429), Some(10))
    );
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio::test]
async fn an_expired_cached_token_is_replaced_once_as_the_transcript_shows() {
    let stand = Stand::start();
    let client = stand.client();
    let sender = stand.mailbox("ok");
    graph_send(&client, stand.sender_credentials(), &sender)
        .await
        .0
        .expect("first");
    stand.post("expire").await;
    let mailer = GraphMailer::new(client.clone(), stand.sender_credentials(), sender.clone());
    let transcript = app::mail::Transcript::default();
    mailer
        .send_recorded(&email(&sender), &transcript)
        .await
        .expect("accepted after a new token");
    assert_eq!(stand.token_requests().await, 2);
    assert_eq!(stand.get("sent").await.as_array().unwrap().len(), 2);
    // The transcript shows each request and answer, without the token or the secret.
    let lines: Vec<String> = transcript
        .lines()
        .into_iter()
        .map(|l| format!("{:?}: {}", l.from, l.text))
        .collect();
    let post = |line: &String| {
        line.starts_with("Client: POST ")
            && line.ends_with("/sendMail (Authorization: Bearer ********)")
    };
    assert_eq!(lines.len(), 6, "{lines:#?}");
    assert_eq!(
        lines[0],
        "Note: Access token for Microsoft Graph: reused (cached)"
    );
    assert!(post(&lines[1]), "{lines:#?}");
    assert!(
        lines[2].starts_with("Server: 401 Unauthorized")
            && lines[2].contains("InvalidAuthenticationToken"),
        "{lines:#?}"
    );
    assert_eq!(
        lines[3],
        "Note: Access token for Microsoft Graph: obtained from the token endpoint"
    );
    assert!(post(&lines[4]), "{lines:#?}");
    assert!(
        lines[5].starts_with("Server: 202 Accepted, request-id "),
        "{lines:#?}"
    );
    let all = lines.join("\n");
    assert!(!all.contains(stand.sender_credentials().secret.expose()));
    assert!(!all.contains("eyJ"), "no JWT-looking token in {all}");
}

#[tokio::test]
async fn unreachable_or_silent_endpoints_fail_in_bounded_time() {
    let stand = Stand::start();
    // Nothing listens on this port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let endpoints = MicrosoftEndpoints::new(&closed_url, &stand.base).unwrap();
    let client = MicrosoftClient::new(endpoints, HttpTimeouts::default()).unwrap();
    let (result, elapsed) =
        graph_send(&client, stand.sender_credentials(), &stand.mailbox("ok")).await;
    let err = result.unwrap_err();
    assert_eq!(
        (err.step, err.cause),
        (SendStep::TokenRequest, FailureCause::ConnectionRefused),
        "{err}"
    );
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");

    // Accepts the connection, never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let endpoints = MicrosoftEndpoints::new(&silent_url, &stand.base).unwrap();
    let timeouts = HttpTimeouts {
        connect: Duration::from_secs(2),
        request: Duration::from_secs(2),
    };
    let client = MicrosoftClient::new(endpoints, timeouts).unwrap();
    let (result, elapsed) =
        graph_send(&client, stand.sender_credentials(), &stand.mailbox("ok")).await;
    let err = result.unwrap_err();
    assert_eq!(
        (err.step, err.cause),
        (SendStep::TokenRequest, FailureCause::Timeout),
        "{err}"
    );
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
}

fn xoauth2_mailer(
    stand: &Stand,
    client: &MicrosoftClient,
    credentials: AppCredentials,
    sender: &str,
) -> SmtpMailer {
    let settings = SmtpSettings {
        host: "localhost".into(),
        port: stand.server.port("xoauth2"),
        security: SmtpSecurity::StartTls,
        sender_email: sender.into(),
        sender_name: None,
        auth: Some(SmtpAuth::MicrosoftOAuth(credentials.app.clone())),
        rate_per_minute: None,
        ca_certificate: None,
    };
    let credential = SmtpCredential::MicrosoftOAuth {
        client: client.clone(),
        credentials,
    };
    let trust = TlsTrust::from_pem_file(&stand.server.ca_file).expect("test CA");
    SmtpMailer::new(settings, Some(credential), trust, SmtpTimeouts::default())
}

#[tokio::test]
async fn smtp_xoauth2_signs_in_as_the_sender_with_an_outlook_token() {
    let stand = Stand::start();
    let client = stand.client();
    let sender = stand.mailbox("ok");
    let mailer = xoauth2_mailer(&stand, &client, stand.sender_credentials(), &sender);
    let accepted = mailer.send(&email(&sender)).await.expect("accepted");
    let message = stand.server.message_for_reply(&accepted.reply);
    assert_eq!(message["listener"], "xoauth2");
    assert_eq!(message["auth_user"], sender.as_str());
    assert_eq!(message["tls"], true);
    // The Outlook token is cached apart from Graph tokens and reused.
    mailer.send(&email(&sender)).await.expect("second send");
    assert_eq!(stand.token_requests().await, 1);
}

#[tokio::test]
async fn smtp_xoauth2_refusals_are_explained() {
    let stand = Stand::start();
    let client = stand.client();
    let tenant = stand.fixture("tenant_id");
    let ok = stand.mailbox("ok");
    let cases = [
        (
            "no SMTP.SendAsApp",
            stand.credentials("no_permission", &tenant),
            ok.clone(),
            SendStep::Authentication,
            FailureCause::SmtpOAuthRejected,
            Some(535),
        ),
        (
            "SMTP AUTH disabled",
            stand.sender_credentials(),
            stand.mailbox("smtp_disabled"),
            SendStep::Authentication,
            FailureCause::SmtpAuthDisabled,
            Some(535),
        ),
        (
            "expired secret",
            stand.credentials("expired", &tenant),
            ok.clone(),
            SendStep::TokenRequest,
            FailureCause::ClientSecretExpired,
            Some(7000222),
        ),
    ];
    for (name, credentials, sender, step, cause, code) in cases {
        client.forget(OWNER);
        let secret = credentials.secret.expose().to_owned();
        let mailer = xoauth2_mailer(&stand, &client, credentials, &sender);
        let err = mailer.send(&email(&sender)).await.unwrap_err();
        assert_eq!(
            (err.step, err.cause, err.code),
            (step, cause, code),
            "{name}: {err}"
        );
        assert_secret_free(&err, &secret);
    }
}
