//! Two instances of the real binary on one database behave as one service: a session made on
//! one works on the other, a stale save on one is refused after a save on the other, failed
//! sign-ins spread over both lock the account, both workers drain one outbox with no message
//! sent twice, even when one of them is killed (SIGKILL) mid-run, and a sending limit holds for
//! both together.

#[path = "../../app/tests/support/mod.rs"]
mod smtp;
mod support;

use serde_json::{json, Value};
use smtp::SmtpTestServer;
use std::time::{Duration, Instant};
use support::binary::{arrivals, install, wait_for_arrivals, Server};

const PASSWORD: &str = "several instances passphrase";

/// The SMTP test server, an installation (its API token) and two instances of the binary on its
/// database, both ready.
async fn two_instances() -> (SmtpTestServer, tempfile::TempDir, String, Server, Server) {
    let smtp = SmtpTestServer::start();
    let data = tempfile::tempdir().unwrap();
    let token = install(data.path(), PASSWORD);
    let one = Server::start_short_leases(data.path());
    let two = Server::start_short_leases(data.path());
    one.ready().await;
    two.ready().await;
    (smtp, data, token, one, two)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_behave_as_one() {
    let (smtp, _data, token, one, two) = two_instances().await;

    // A session made on one instance works on the other.
    let cookie = one.session("ann@acme.example", PASSWORD).await;
    let read = two
        .post("/api/email-provider/get", json!({}), Some(&cookie))
        .await
        .unwrap();
    assert_eq!(read.status(), 200);

    // A save on one, then a save on the other based on the same (now stale) version: 409.
    let saved = one
        .save_plain_smtp(&cookie, smtp.port("plain"), Value::Null)
        .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let stale = two
        .save_plain_smtp(&cookie, smtp.port("plain"), Value::Null)
        .await;
    assert_eq!(stale.status(), 409);

    // Failed sign-ins spread over both lock the account after five.
    for n in 0..5 {
        let instance = if n % 2 == 0 { &one } else { &two };
        let failed = instance.sign_in("ann@acme.example", "wrong password").await;
        assert_eq!(failed.status(), 401);
    }
    for instance in [&one, &two] {
        let locked = instance.sign_in("ann@acme.example", PASSWORD).await;
        assert_eq!(locked.status(), 429);
    }

    // Both workers drain one outbox: every message arrives exactly once.
    one.post_messages(&token, "Shared", 1000).await;
    let seen = wait_for_arrivals(|| smtp.messages(), "Shared", 1000).await;
    let twice: Vec<_> = seen.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(twice.is_empty(), "sent twice: {twice:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_one_of_two_instances_mid_run_loses_nothing() {
    let (smtp, _data, token, mut one, _two) = two_instances().await;
    let cookie = one.session("ann@acme.example", PASSWORD).await;
    let saved = one
        .save_plain_smtp(&cookie, smtp.port("plain"), Value::Null)
        .await;
    assert_eq!(saved.status(), 200);

    one.post_messages(&token, "Killed", 1000).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while arrivals(&smtp.messages(), "Killed").len() < 50 {
        assert!(Instant::now() < deadline, "nothing was sent");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    one.child.kill().unwrap(); // SIGKILL: its claims lapse after their lease
    one.child.wait().unwrap();
    let at_kill = arrivals(&smtp.messages(), "Killed").len();
    assert!(at_kill < 1000, "the kill came too late to test anything");

    let seen = wait_for_arrivals(|| smtp.messages(), "Killed", 1000).await;
    let twice = seen.values().filter(|ids| ids.len() > 1).count();
    // Only what the killed instance had claimed and not recorded can arrive twice.
    assert!(twice <= 256, "{twice} duplicates");
    println!("1000 accepted; {at_kill} had arrived at the kill; all arrived; {twice} duplicates");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sending_limit_holds_for_two_instances_together() {
    let (smtp, _data, token, one, _two) = two_instances().await;
    let cookie = one.session("ann@acme.example", PASSWORD).await;
    // 120 a minute: one slot every 500 ms, whichever instance sends. With a 3 s lease, a
    // message whose slot is more than 1.5 s away goes back to the queue, where the other
    // instance may claim it: both instances take slots.
    let saved = one
        .save_paced_smtp(&cookie, smtp.port("plain"), Value::Null, "120")
        .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let started = Instant::now();
    one.post_messages(&token, "Paced", 6).await;
    let seen = wait_for_arrivals(|| smtp.messages(), "Paced", 6).await;
    let took = started.elapsed();
    assert!(seen.values().all(|ids| ids.len() == 1), "{seen:?}");
    // Six slots 500 ms apart: the last one at least 2.5 s after the first.
    assert!(
        took >= Duration::from_millis(2400),
        "6 messages at 120 a minute on two instances took only {took:?}"
    );
}
