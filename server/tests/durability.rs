//! No accepted message is lost: 1,000 messages go in through the API of the real binary, the
//! process is killed (SIGKILL) while it is sending, and after a restart every message arrives
//! at the SMTP server. A message can arrive twice only if it was in flight at the kill.

#[path = "../../app/tests/support/mod.rs"]
mod smtp;
mod support;

use serde_json::Value;
use smtp::SmtpTestServer;
use std::time::{Duration, Instant};
use support::binary::{arrivals, install, wait_for_arrivals, Server};

const MESSAGES: usize = 1000;
/// Messages claimed and not yet recorded, at most (two claims of 128 in the worker).
const IN_FLIGHT_MAX: usize = 256;
const ADMIN_PASSWORD: &str = "durability passphrase";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_loses_no_accepted_message() {
    let smtp = SmtpTestServer::start();
    let data = tempfile::tempdir().unwrap();
    let token = install(data.path(), ADMIN_PASSWORD);
    let server = Server::start_short_leases(data.path());
    server.ready().await;
    let cookie = server.session("ann@acme.example", ADMIN_PASSWORD).await;
    let saved = server
        .save_plain_smtp(&cookie, smtp.port("plain"), Value::Null)
        .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    server.post_messages(&token, "Durability", MESSAGES).await;
    let accepted = 0..MESSAGES;

    // Kill it while it is sending: some messages have arrived, not all.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let arrived = arrivals(&smtp.messages(), "Durability").len();
        if arrived >= 50 {
            assert!(
                arrived < MESSAGES,
                "the kill came too late to test anything ({arrived} sent)"
            );
            break;
        }
        assert!(Instant::now() < deadline, "nothing was sent");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut server = server;
    server.child.kill().unwrap(); // SIGKILL: no shutdown, no cleanup
    server.child.wait().unwrap();
    let at_kill = arrivals(&smtp.messages(), "Durability").len();

    let restarted = Server::start_short_leases(data.path());
    restarted.ready().await;
    let seen = wait_for_arrivals(|| smtp.messages(), "Durability", MESSAGES).await;
    for n in accepted {
        assert!(
            seen.contains_key(&n),
            "message #{n} was accepted but never arrived"
        );
    }
    let duplicated: Vec<_> = seen.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(
        duplicated.len() <= IN_FLIGHT_MAX,
        "{} duplicates; at most the {IN_FLIGHT_MAX} in flight may be",
        duplicated.len()
    );
    for (n, ids) in &duplicated {
        assert!(
            ids.windows(2).all(|w| w[0] == w[1]),
            "#{n} was resent with the same Message-ID: {ids:?}"
        );
    }
    println!(
        "{MESSAGES} accepted; {at_kill} had arrived at the kill; all arrived after the restart; {} duplicates",
        duplicated.len()
    );
}
