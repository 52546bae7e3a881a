//! The SMTP mailer against a real SMTP server on 127.0.0.1 with real TLS and AUTH.
#![cfg(feature = "ssr")]

mod support;

use app::domain::smtp::{SmtpAuth, SmtpSecurity, SmtpSettings};
use app::domain::test_email::{FailureCause, SendStep};
use app::mail::smtp::{SmtpCredential, SmtpMailer, SmtpTimeouts};
use app::mail::tls::TlsTrust;
use app::mail::{MailError, Mailer, OutgoingEmail};
use app::secret::Secret;
use std::time::{Duration, Instant};
use support::{SmtpTestServer, PASSWORD};

fn settings(
    server: &SmtpTestServer,
    listener: &str,
    security: SmtpSecurity,
    auth: bool,
) -> SmtpSettings {
    SmtpSettings {
        host: "localhost".into(),
        port: server.port(listener),
        security,
        sender_email: server.user.clone(),
        sender_name: Some("Mailwright Reports".into()),
        auth: auth.then_some(SmtpAuth::Password { username: None }),
        rate_per_minute: None,
        ca_certificate: None,
    }
}

fn email(server: &SmtpTestServer) -> OutgoingEmail {
    OutgoingEmail::plain(
        Some("Mailwright Reports".into()),
        server.user.clone(),
        "admin@example.org".into(),
        "Test email from Mailwright Administration".into(),
        "Provider: SMTP".into(),
    )
}

/// Short step limits keep the "server never answers" cases quick; the total stays at 30 s.
fn timeouts() -> SmtpTimeouts {
    SmtpTimeouts {
        reply: Duration::from_secs(3),
        tls: Duration::from_secs(3),
        ..SmtpTimeouts::default()
    }
}

fn mailer(settings: SmtpSettings, password: &str, trust: TlsTrust) -> SmtpMailer {
    let password = settings
        .auth
        .as_ref()
        .map(|_| SmtpCredential::Password(Secret::new(password.into())));
    SmtpMailer::new(settings, password, trust, timeouts())
}

fn trusted(server: &SmtpTestServer) -> TlsTrust {
    TlsTrust::from_pem_file(&server.ca_file).expect("test CA")
}

async fn send(
    m: &SmtpMailer,
    server: &SmtpTestServer,
) -> (Result<app::mail::Accepted, MailError>, Duration) {
    let started = Instant::now();
    let result = m.send(&email(server)).await;
    (result, started.elapsed())
}

#[tokio::test]
async fn delivers_in_every_security_mode() {
    let server = SmtpTestServer::start();
    let cases = [
        ("starttls", SmtpSecurity::StartTls, true, true),
        ("tls", SmtpSecurity::Tls, true, true),
        ("plain", SmtpSecurity::None, false, false),
        ("plain", SmtpSecurity::None, true, false),
    ];
    for (listener, security, auth, encrypted) in cases {
        let m = mailer(
            settings(&server, listener, security, auth),
            PASSWORD,
            trusted(&server),
        );
        let (result, _) = send(&m, &server).await;
        let accepted = result.unwrap_or_else(|e| panic!("{listener} {security:?}: {e}"));
        assert!(accepted.reply.starts_with("250 "), "{}", accepted.reply);

        let message = server.message_for_reply(&accepted.reply);
        assert_eq!(message["listener"], listener);
        assert_eq!(message["tls"], encrypted, "{listener}");
        assert_eq!(message["mail_from"], server.user.as_str());
        assert_eq!(message["rcpt_tos"][0], "admin@example.org");
        if auth {
            assert_eq!(
                message["auth_user"],
                server.user.as_str(),
                "{listener} authenticated"
            );
        }
        let data = message["data"].as_str().unwrap();
        assert!(
            data.contains(&format!("From: \"Mailwright Reports\" <{}>", server.user)),
            "{data}"
        );
        assert!(
            data.contains("Subject: Test email from Mailwright Administration"),
            "{data}"
        );
        assert!(data.contains("\nDate: "), "{data}");
        assert!(
            data.contains("Message-ID: <") && data.contains("@example.test>"),
            "{data}"
        );
    }
}

fn assert_failure(
    result: Result<app::mail::Accepted, MailError>,
    step: SendStep,
    cause: FailureCause,
) -> MailError {
    let err = result.expect_err("the send must fail");
    assert_eq!((err.step, err.cause), (step, cause), "{err}");
    assert!(
        !err.detail.contains(PASSWORD) && !err.detail.contains("wrong-password"),
        "{err}"
    );
    err
}

#[tokio::test]
async fn wrong_password_is_a_535_at_authentication() {
    let server = SmtpTestServer::start();
    let m = mailer(
        settings(&server, "starttls", SmtpSecurity::StartTls, true),
        "wrong-password",
        trusted(&server),
    );
    let (result, _) = send(&m, &server).await;
    let err = assert_failure(result, SendStep::Authentication, FailureCause::AuthRejected);
    assert_eq!(err.code, Some(535));
}

#[tokio::test]
async fn ssl_tls_against_a_starttls_port_fails_at_tls() {
    let server = SmtpTestServer::start();
    let m = mailer(
        settings(&server, "starttls", SmtpSecurity::Tls, true),
        PASSWORD,
        trusted(&server),
    );
    let (result, elapsed) = send(&m, &server).await;
    assert_failure(result, SendStep::Tls, FailureCause::ServerExpectsPlainText);
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn starttls_against_an_implicit_tls_port_is_told_to_choose_ssl_tls() {
    let server = SmtpTestServer::start();
    let m = mailer(
        settings(&server, "tls", SmtpSecurity::StartTls, true),
        PASSWORD,
        trusted(&server),
    );
    let (result, elapsed) = send(&m, &server).await;
    // The greeting's limit passes in silence; one TLS handshake then shows the port's mode.
    assert_failure(result, SendStep::Greeting, FailureCause::PortSpeaksTls);
    assert!(
        elapsed >= Duration::from_secs(3) && elapsed < Duration::from_secs(6),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_closed_port_is_refused_at_connect() {
    let server = SmtpTestServer::start();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mut s = settings(&server, "plain", SmtpSecurity::None, false);
    s.port = port;
    let (result, _) = send(&mailer(s, PASSWORD, trusted(&server)), &server).await;
    assert_failure(result, SendStep::Connect, FailureCause::ConnectionRefused);
}

#[tokio::test]
async fn certificate_problems_are_named() {
    let server = SmtpTestServer::start();
    let cases = [
        (
            "untrusted",
            trusted(&server),
            FailureCause::CertificateUntrusted,
        ),
        (
            "wrongname",
            trusted(&server),
            FailureCause::CertificateNameMismatch,
        ),
        (
            "expired",
            trusted(&server),
            FailureCause::CertificateExpired,
        ),
        (
            "selfsigned",
            trusted(&server),
            FailureCause::CertificateSelfSigned,
        ),
        // Our CA is not among the public roots: without --smtp-ca-file the server is untrusted.
        (
            "tls",
            TlsTrust::public_roots(),
            FailureCause::CertificateUntrusted,
        ),
    ];
    for (listener, trust, cause) in cases {
        let m = mailer(
            settings(&server, listener, SmtpSecurity::Tls, true),
            PASSWORD,
            trust,
        );
        let (result, _) = send(&m, &server).await;
        assert_failure(result, SendStep::Tls, cause);
    }
    // The same for STARTTLS, where lettre does the handshake.
    let m = mailer(
        settings(&server, "starttls", SmtpSecurity::StartTls, true),
        PASSWORD,
        TlsTrust::public_roots(),
    );
    let (result, _) = send(&m, &server).await;
    assert_failure(result, SendStep::Tls, FailureCause::CertificateUntrusted);
}

/// A tenant's own CA certificate makes its server trusted for that tenant's connections only:
/// the same server stays untrusted for another tenant, and for the operator's trust.
#[tokio::test]
async fn a_tenant_ca_is_trusted_for_that_tenant_only() {
    use app::settings::email::service::tenant_mailer;
    use app::store::{StoredConfig, StoredSmtp};
    let server = SmtpTestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = support::app_state(dir.path(), ("a", "A"), TlsTrust::public_roots()).await;
    let stranger_ca = std::fs::read_to_string(server.file("stranger-ca.pem")).unwrap();
    let stored = |ca: Option<&str>| {
        let mut settings = settings(&server, "untrusted", SmtpSecurity::Tls, true);
        settings.ca_certificate = ca.map(str::to_owned);
        StoredConfig::Smtp(StoredSmtp {
            settings,
            secret: Some(Secret::new(PASSWORD.into())),
        })
    };
    let with_ca = tenant_mailer(&state, "a", stored(Some(&stranger_ca)));
    let without = tenant_mailer(&state, "b", stored(None));
    for _ in 0..2 {
        let accepted = with_ca.mailer.send(&email(&server)).await.unwrap();
        assert_eq!(
            server.message_for_reply(&accepted.reply)["listener"],
            "untrusted"
        );
        let refused = without.mailer.send(&email(&server)).await.unwrap_err();
        let failure = refused.into_failure();
        assert_eq!(
            failure.cause,
            FailureCause::CertificateUntrusted,
            "{failure:?}"
        );
    }
}

/// The CA certificate field's server-side rules: a readable certificate of a certificate
/// authority, valid now.
#[tokio::test]
async fn the_ca_field_takes_only_a_current_ca_certificate() {
    use app::domain::FieldError;
    use app::mail::certificate::inspect_ca;
    use rustls::pki_types::UnixTime;
    let server = SmtpTestServer::start();
    let pem = |name| std::fs::read_to_string(server.file(name)).unwrap();
    let now = UnixTime::now();
    let ca = inspect_ca(&pem("stranger-ca.pem"), now).unwrap();
    assert!(ca.subject.contains("trustme"), "{ca:?}");
    assert_eq!(ca.sha256.split(':').count(), 32);
    let cases = [
        (pem("self-signed.pem"), FieldError::CertificateNotCa),
        (pem("expired-ca.pem"), FieldError::CertificateExpired),
        (
            "-----BEGIN CERTIFICATE-----\nSGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----".into(),
            FieldError::CertificateInvalid,
        ),
    ];
    for (pem, expected) in cases {
        assert_eq!(inspect_ca(&pem, now), Err(expected), "{pem}");
    }
}

/// A certificate failure shows what the server presented: subject, names, issuer, dates and
/// fingerprint, on SSL/TLS and on STARTTLS.
#[tokio::test]
async fn a_certificate_failure_describes_the_certificate() {
    let server = SmtpTestServer::start();
    let server = &server;
    let presented = |listener, security| async move {
        let m = mailer(
            settings(server, listener, security, true),
            PASSWORD,
            trusted(server),
        );
        send(&m, server).await.0.unwrap_err().certificate.unwrap()
    };
    let wrong = presented("wrongname", SmtpSecurity::Tls).await;
    assert_eq!(wrong.names, ["other.example"]);
    assert!(wrong.issuer.contains("trustme"), "{wrong:?}");
    assert!(!wrong.self_signed);
    let fingerprint: Vec<&str> = wrong.sha256.split(':').collect();
    assert_eq!(fingerprint.len(), 32, "{}", wrong.sha256);
    assert!(fingerprint.iter().all(|b| b.len() == 2
        && b.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())));

    let expired = presented("expired", SmtpSecurity::Tls).await;
    assert!(
        expired.not_after
            < time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap()
    );
    assert_eq!(expired.names, ["localhost", "127.0.0.1"]);

    let own = presented("selfsigned", SmtpSecurity::Tls).await;
    assert!(own.self_signed);
    assert_eq!(own.subject, "CN=mail.self-signed.test");
    assert_eq!(own.issuer, own.subject);

    // STARTTLS: the handshake after the upgrade is described the same way.
    let m = mailer(
        settings(server, "starttls", SmtpSecurity::StartTls, true),
        PASSWORD,
        TlsTrust::public_roots(),
    );
    let err = send(&m, server).await.0.unwrap_err();
    assert_eq!(err.cause, FailureCause::CertificateUntrusted);
    let cert = err.certificate.unwrap();
    assert_eq!(cert.names, ["localhost", "127.0.0.1"]);
}

#[tokio::test]
async fn an_unknown_host_fails_at_dns() {
    let server = SmtpTestServer::start();
    let mut s = settings(&server, "plain", SmtpSecurity::None, false);
    s.host = "no-such-host.invalid".into();
    let (result, elapsed) = send(&mailer(s, PASSWORD, trusted(&server)), &server).await;
    assert_failure(result, SendStep::Dns, FailureCause::HostNotFound);
    assert!(elapsed < Duration::from_secs(6), "{elapsed:?}");
}

#[tokio::test]
async fn starttls_is_required_never_opportunistic() {
    // The plain listener offers no STARTTLS: StartTLS must fail instead of sending in clear.
    let server = SmtpTestServer::start();
    let m = mailer(
        settings(&server, "plain", SmtpSecurity::StartTls, true),
        PASSWORD,
        trusted(&server),
    );
    let (result, _) = send(&m, &server).await;
    assert_failure(result, SendStep::Tls, FailureCause::StartTlsNotOffered);
}

#[tokio::test]
async fn the_whole_send_is_capped_by_the_total_limit() {
    // Every step may take 10 s, but the send as a whole gets 2 s.
    let server = SmtpTestServer::start();
    let limits = SmtpTimeouts {
        reply: Duration::from_secs(10),
        total: Duration::from_secs(2),
        ..SmtpTimeouts::default()
    };
    let s = settings(&server, "tls", SmtpSecurity::StartTls, true);
    let m = SmtpMailer::new(
        s,
        Some(SmtpCredential::Password(Secret::new(PASSWORD.into()))),
        trusted(&server),
        limits,
    );
    let (result, elapsed) = send(&m, &server).await;
    assert_failure(result, SendStep::Greeting, FailureCause::NoGreeting);
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn default_limits_end_a_send_within_30_seconds() {
    assert!(SmtpTimeouts::default().total <= Duration::from_secs(30));
}

/// The transcript as "C: ...", "S: ...", "*  ..." lines.
fn transcript_text(transcript: &app::mail::Transcript) -> Vec<String> {
    use app::domain::test_email::Speaker;
    transcript
        .lines()
        .into_iter()
        .map(|line| match line.from {
            Speaker::Client => format!("C: {}", line.text),
            Speaker::Server => format!("S: {}", line.text),
            Speaker::Note => format!("*  {}", line.text),
        })
        .collect()
}

#[tokio::test]
async fn the_transcript_shows_the_whole_session_decrypted_with_secrets_blanked() {
    use base64::Engine;
    let server = SmtpTestServer::start();
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let secrets = [
        PASSWORD.to_owned(),
        b64(PASSWORD),
        b64(&format!("\0{}\0{PASSWORD}", server.user)),
    ];
    for (listener, security) in [
        ("starttls", SmtpSecurity::StartTls),
        ("tls", SmtpSecurity::Tls),
    ] {
        let m = mailer(
            settings(&server, listener, security, true),
            PASSWORD,
            trusted(&server),
        );
        let transcript = app::mail::Transcript::default();
        let accepted = m.send_recorded(&email(&server), &transcript).await.unwrap();
        let lines = transcript_text(&transcript);
        let all = lines.join("\n");
        for secret in &secrets {
            assert!(
                !all.contains(secret.as_str()),
                "{listener}: secret in\n{all}"
            );
        }
        let expect_in_order = |expected: &[&str]| {
            let mut at = 0;
            for want in expected {
                at += lines[at..]
                    .iter()
                    .position(|l| l.starts_with(want))
                    .unwrap_or_else(|| panic!("{listener}: no {want:?} after line {at} in\n{all}"));
            }
        };
        expect_in_order(&["*  Connected to 127.0.0.1:", "S: 220 "]);
        if security == SmtpSecurity::StartTls {
            // The plain-text part, then the same session inside TLS.
            expect_in_order(&[
                "C: EHLO ",
                "S: 250",
                "C: STARTTLS",
                "S: 220",
                "*  TLS established (STARTTLS)",
                "C: EHLO ",
            ]);
        } else {
            expect_in_order(&["*  TLS established (SSL/TLS)", "S: 220 ", "C: EHLO "]);
        }
        expect_in_order(&[
            "C: AUTH ",
            "S: 235",
            &format!("C: MAIL FROM:<{}>", server.user),
            "S: 250",
            "C: RCPT TO:<admin@example.org>",
            "S: 250",
            "C: DATA",
            "S: 354",
            "C: (the message, ",
            "C: .",
            &format!("S: {}", accepted.reply),
        ]);
        assert!(lines.iter().any(|l| l == "C: AUTH PLAIN ********"), "{all}");
        // The message itself is summarized, not copied.
        assert!(!all.contains("Subject: Test email"), "{all}");
    }
}

#[tokio::test]
async fn a_failed_send_keeps_its_transcript_up_to_the_refusal() {
    let server = SmtpTestServer::start();
    let m = mailer(
        settings(&server, "starttls", SmtpSecurity::StartTls, true),
        "wrong-password",
        trusted(&server),
    );
    let transcript = app::mail::Transcript::default();
    let result = m.send_recorded(&email(&server), &transcript).await;
    assert_failure(result, SendStep::Authentication, FailureCause::AuthRejected);
    let lines = transcript_text(&transcript);
    let last = lines.last().unwrap();
    assert!(last.starts_with("S: 535"), "{lines:#?}");
    assert!(!lines.join("\n").contains("wrong-password"));
}
