//! Misbehaving SMTP peers, started by each test on 127.0.0.1: a refusal in the greeting, a
//! SendAsDenied at DATA, a reply that starts and stalls, silence, and an SSL/TLS port spoken to
//! in plain text. Each gets its own cause (and so its own explanation on the page).
#![cfg(feature = "ssr")]

mod support;

use app::domain::smtp::{SmtpSecurity, SmtpSettings};
use app::domain::test_email::{FailureCause, SendStep};
use app::mail::smtp::{SmtpMailer, SmtpTimeouts};
use app::mail::tls::TlsTrust;
use app::mail::{MailError, Mailer, OutgoingEmail, Transcript};
use std::time::{Duration, Instant};
use support::SmtpTestServer;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// What the peer does once a client connects.
#[derive(Clone, Copy)]
enum Peer {
    /// Greets with this reply and closes after the client's next line.
    Greeting(&'static str),
    /// A normal session that refuses the message at the end of DATA with this reply.
    RefuseData(&'static str),
    /// Sends the start of a multi-line greeting, then nothing.
    Stalls,
    /// Says nothing at all.
    Silent,
}

/// Starts `peer` on a free port of 127.0.0.1 (one connection at a time, for the test's life).
async fn start(peer: Peer) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, peer));
        }
    });
    port
}

async fn serve(stream: tokio::net::TcpStream, peer: Peer) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let greeting = match peer {
        Peer::Greeting(reply) => reply,
        Peer::RefuseData(_) => "220 peer.test ESMTP",
        Peer::Stalls => {
            let _ = write.write_all(b"220-peer.test is busy\r\n").await;
            tokio::time::sleep(Duration::from_secs(60)).await;
            return;
        }
        Peer::Silent => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            return;
        }
    };
    let _ = write.write_all(format!("{greeting}\r\n").as_bytes()).await;
    let mut in_data = false;
    while let Ok(Some(line)) = lines.next_line().await {
        let reply = match (peer, in_data, line.to_ascii_uppercase()) {
            (Peer::Greeting(_), ..) => return,
            (Peer::RefuseData(refusal), true, l) if l == "." => {
                in_data = false;
                refusal
            }
            (_, true, _) => continue,
            (_, false, l) if l.starts_with("EHLO") => "250 peer.test",
            (_, false, l) if l.starts_with("DATA") => {
                in_data = true;
                "354 go ahead"
            }
            (_, false, l) if l.starts_with("QUIT") => "221 bye",
            _ => "250 ok",
        };
        let _ = write.write_all(format!("{reply}\r\n").as_bytes()).await;
    }
}

fn settings(port: u16, security: SmtpSecurity) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        security,
        sender_email: "boss@contoso.test".into(),
        sender_name: None,
        auth: None,
        rate_per_minute: None,
        ca_certificate: None,
    }
}

async fn send(settings: SmtpSettings, trust: TlsTrust) -> (MailError, Duration) {
    let timeouts = SmtpTimeouts {
        reply: Duration::from_secs(2),
        tls: Duration::from_secs(2),
        ..SmtpTimeouts::default()
    };
    let mailer = SmtpMailer::new(settings, None, trust, timeouts);
    let email = OutgoingEmail::plain(
        None,
        "boss@contoso.test".into(),
        "admin@example.org".into(),
        "Test email from Mailwright Administration".into(),
        "Provider: SMTP".into(),
    );
    let started = Instant::now();
    let err = mailer
        .send_recorded(&email, &Transcript::default())
        .await
        .expect_err("the peer must refuse");
    (err, started.elapsed())
}

#[tokio::test]
async fn a_refusal_in_the_greeting_means_the_server_refuses_this_machine() {
    let port = start(Peer::Greeting("554 5.7.1 No SMTP service here")).await;
    let (err, _) = send(settings(port, SmtpSecurity::None), TlsTrust::public_roots()).await;
    assert_eq!(err.step, SendStep::Greeting, "{err:?}");
    assert_eq!(err.cause, FailureCause::ServerRefusesClient, "{err:?}");
    assert_eq!(err.code, Some(554));
    assert!(err.detail.contains("No SMTP service here"), "{err:?}");
}

#[tokio::test]
async fn send_as_denied_at_data_is_named_on_smtp_too() {
    let refusal =
        "554 5.2.252 SendAsDenied; ann@contoso.test not allowed to send as boss@contoso.test";
    let port = start(Peer::RefuseData(refusal)).await;
    let (err, _) = send(settings(port, SmtpSecurity::None), TlsTrust::public_roots()).await;
    assert_eq!(err.step, SendStep::Data, "{err:?}");
    assert_eq!(err.cause, FailureCause::SendAsDenied, "{err:?}");
    assert_eq!(err.code, Some(554));
}

#[tokio::test]
async fn a_reply_that_starts_and_stalls_is_slow_not_a_tls_mismatch() {
    let port = start(Peer::Stalls).await;
    let (err, took) = send(settings(port, SmtpSecurity::None), TlsTrust::public_roots()).await;
    assert_eq!(err.step, SendStep::Greeting, "{err:?}");
    assert_eq!(err.cause, FailureCause::SlowReply, "{err:?}");
    assert!(took < Duration::from_secs(6), "{took:?}");
}

#[tokio::test]
async fn silence_stays_silence_when_the_port_does_not_speak_tls_either() {
    let port = start(Peer::Silent).await;
    let (err, took) = send(
        settings(port, SmtpSecurity::StartTls),
        TlsTrust::public_roots(),
    )
    .await;
    assert_eq!(err.step, SendStep::Greeting, "{err:?}");
    assert_eq!(err.cause, FailureCause::NoGreeting, "{err:?}");
    // The greeting's 2 s, then the TLS probe's 2 s: bounded.
    assert!(took < Duration::from_secs(7), "{took:?}");
}

#[tokio::test]
async fn plain_text_against_an_ssl_tls_port_says_choose_ssl_tls() {
    let server = SmtpTestServer::start();
    let trust = TlsTrust::from_pem_file(&server.ca_file).unwrap();
    for security in [SmtpSecurity::StartTls, SmtpSecurity::None] {
        let (err, took) = send(settings(server.port("tls"), security), trust.clone()).await;
        assert_eq!(err.step, SendStep::Greeting, "{security:?}: {err:?}");
        assert_eq!(
            err.cause,
            FailureCause::PortSpeaksTls,
            "{security:?}: {err:?}"
        );
        assert!(took < Duration::from_secs(6), "{took:?}");
    }
    // A certificate this platform does not trust still shows the port speaks TLS.
    let (err, _) = send(
        settings(server.port("untrusted"), SmtpSecurity::StartTls),
        TlsTrust::public_roots(),
    )
    .await;
    assert_eq!(err.cause, FailureCause::PortSpeaksTls, "{err:?}");
}
