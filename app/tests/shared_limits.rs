//! What limits several instances together lives in the database: two stores on one file (two
//! instances) see the same failed sign-ins and share each paced sender's slots.

use app::auth::{Limits, LoginLimiter};
use app::crypto::{SecretBox, SecretKey};
use app::store::{PoolSettings, Store};
use std::net::IpAddr;
use std::time::Duration;

const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
const AWAY: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 2));
const T0: i64 = 1_800_000_000_000;

async fn two_instances(dir: &tempfile::TempDir) -> (Store, Store) {
    let key = SecretKey::generate();
    // One SQLite file, or one PostgreSQL database in the test command's PostgreSQL pass.
    let url = app::store::scratch::database_url(dir.path()).await.unwrap();
    let open = || Store::open_url(&url, SecretBox::new(&key, None), PoolSettings::default());
    let one = open().await.unwrap();
    let two = open().await.unwrap();
    (one, two)
}

#[tokio::test]
async fn an_account_locks_after_five_failures_spread_over_two_instances() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = two_instances(&dir).await;
    let limiter = LoginLimiter::new("sign_in", Limits::default());
    for n in 0..5 {
        let (store, from) = if n % 2 == 0 {
            (&one, HOME)
        } else {
            (&two, AWAY)
        };
        assert_eq!(
            limiter
                .check(store, "Ann@x.example", from, T0 + n)
                .await
                .unwrap(),
            None
        );
        limiter
            .record_failure(store, "Ann@x.example", from, T0 + n)
            .await
            .unwrap();
    }
    for store in [&one, &two] {
        let wait = limiter
            .check(store, "ann@x.example", AWAY, T0 + 10)
            .await
            .unwrap();
        assert_eq!(
            wait,
            Some(900),
            "the whole window, counted from the first failure"
        );
        assert_eq!(
            limiter
                .check(store, "bob@x.example", AWAY, T0 + 10)
                .await
                .unwrap(),
            None
        );
    }
    // Another purpose counts apart.
    let resets = LoginLimiter::new("reset", Limits::default());
    assert_eq!(
        resets.check(&two, "ann@x.example", AWAY, T0).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn an_address_locks_after_twenty_failures_across_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = two_instances(&dir).await;
    let limiter = LoginLimiter::new("sign_in", Limits::default());
    for n in 0..20 {
        let store = if n % 2 == 0 { &one } else { &two };
        limiter
            .record_failure(store, &format!("user{n}@x.example"), HOME, T0)
            .await
            .unwrap();
    }
    assert!(limiter
        .check(&one, "new@x.example", HOME, T0)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        limiter
            .check(&two, "new@x.example", AWAY, T0)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn windows_expire_and_success_clears_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = two_instances(&dir).await;
    let limiter = LoginLimiter::new(
        "sign_in",
        Limits {
            window: Duration::from_secs(60),
            ..Limits::default()
        },
    );
    for _ in 0..5 {
        limiter
            .record_failure(&one, "ann@x.example", HOME, T0)
            .await
            .unwrap();
    }
    assert_eq!(
        limiter
            .check(&two, "ann@x.example", HOME, T0 + 59_500)
            .await
            .unwrap(),
        Some(1)
    );
    assert_eq!(
        limiter
            .check(&two, "ann@x.example", HOME, T0 + 60_000)
            .await
            .unwrap(),
        None
    );
    // A failure after the window starts a new one.
    limiter
        .record_failure(&two, "ann@x.example", HOME, T0 + 61_000)
        .await
        .unwrap();
    assert_eq!(
        limiter
            .check(&one, "ann@x.example", HOME, T0 + 61_000)
            .await
            .unwrap(),
        None
    );
    for _ in 0..3 {
        limiter
            .record_failure(&one, "ann@x.example", HOME, T0 + 62_000)
            .await
            .unwrap();
    }
    limiter.record_success(&two, "ann@x.example").await.unwrap();
    limiter
        .record_failure(&one, "ann@x.example", HOME, T0 + 63_000)
        .await
        .unwrap();
    assert_eq!(
        limiter
            .check(&one, "ann@x.example", HOME, T0 + 63_000)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn two_instances_share_a_senders_slots() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = two_instances(&dir).await;
    // 30 a minute: one slot every 2 s, whichever instance asks.
    assert_eq!(
        one.take_send_slot("reports@contoso.example", 30, T0)
            .await
            .unwrap(),
        Ok(())
    );
    assert_eq!(
        two.take_send_slot("reports@contoso.example", 30, T0 + 500)
            .await
            .unwrap(),
        Err(T0 + 2_000)
    );
    assert_eq!(
        two.take_send_slot("other@contoso.example", 30, T0 + 500)
            .await
            .unwrap(),
        Ok(())
    );
    assert_eq!(
        two.take_send_slot("reports@contoso.example", 30, T0 + 2_000)
            .await
            .unwrap(),
        Ok(())
    );
    assert_eq!(
        one.take_send_slot("reports@contoso.example", 30, T0 + 2_001)
            .await
            .unwrap(),
        Err(T0 + 4_000)
    );
}

#[tokio::test]
async fn concurrent_takers_on_two_instances_never_share_a_slot() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = two_instances(&dir).await;
    // 20 takers at the same moment, half on each instance: exactly one gets the slot.
    let takers = (0..20).map(|n| {
        let store = if n % 2 == 0 { one.clone() } else { two.clone() };
        tokio::spawn(async move {
            store
                .take_send_slot("reports@contoso.example", 30, T0)
                .await
        })
    });
    let mut granted = 0;
    for taker in takers {
        if taker.await.unwrap().unwrap().is_ok() {
            granted += 1;
        }
    }
    assert_eq!(granted, 1);
}
