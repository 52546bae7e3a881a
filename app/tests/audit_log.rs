//! The audit log: every save, deletion and test is recorded with who and when, in the
//! transaction of the change; entries come back most recent first, a page at a time, and the
//! database refuses to change or delete them.
#![cfg(feature = "ssr")]

use app::crypto::{SecretBox, SecretKey};
use app::domain::audit::{AuditAction, AuditField, FieldChange};
use app::domain::provider::{LastTest, ProviderKind};
use app::domain::secret::SecretUpdate;
use app::domain::smtp::SmtpSettings;
use app::domain::test_email::{TestEmailOutcome, TestEmailReport};
use app::store::{AuditRecord, NewConfig, PoolSettings, Store, StoreError, PAGE_SIZE};

const TENANT: &str = "default";

async fn store() -> (tempfile::TempDir, Store) {
    let (dir, store, _) = store_at().await;
    (dir, store)
}

/// A store on a new database (SQLite, or PostgreSQL in the test command's PostgreSQL pass) and
/// the database's URL.
async fn store_at() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = app::store::scratch::database_url(dir.path()).await.unwrap();
    let secrets = SecretBox::new(&SecretKey::generate(), None);
    let store = Store::open_url(&url, secrets, PoolSettings::default())
        .await
        .unwrap();
    (dir, store, url)
}

/// The error the database gives `sql`, run outside the app.
async fn refusal(url: &str, sql: &'static str) -> String {
    let result = if app::store::is_postgres_url(url) {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let result = sqlx::query(sql).execute(&pool).await.map(drop);
        pool.close().await;
        result
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let result = sqlx::query(sql).execute(&pool).await.map(drop);
        pool.close().await;
        result
    };
    result.expect_err(sql).to_string()
}

fn port_change() -> AuditAction {
    AuditAction::Saved {
        provider: ProviderKind::Smtp,
        activated: false,
        changes: vec![FieldChange {
            field: AuditField::Port,
            values: Some((Some("587".into()), Some("2525".into()))),
        }],
    }
}

#[tokio::test]
async fn saves_deletions_and_tests_are_recorded_most_recent_first() {
    let (_dir, store) = store().await;
    let at = |t| AuditRecord {
        actor: "alice",
        at: t,
    };
    let secret = SecretUpdate::Set("s3cret".into());
    store
        .save_email_provider(
            TENANT,
            NewConfig::Smtp(&SmtpSettings::example(), &secret),
            None,
            at("t1"),
            &port_change(),
        )
        .await
        .unwrap();
    let report = TestEmailReport {
        recipient: "admin@example.org".into(),
        elapsed_ms: 12,
        outcome: TestEmailOutcome::Accepted {
            reply: "250 ok".into(),
        },
        transcript: vec![],
    };
    let test = LastTest {
        at: "t2".into(),
        report,
    };
    store.record_test(TENANT, 1, &test, "bob").await.unwrap();
    // A delete based on an older version is refused, naming the last change (not the test).
    let stale = store.delete_email_provider(TENANT, None, at("t3")).await;
    match stale {
        Err(StoreError::Conflict(Some(changed))) => {
            assert_eq!((changed.by.as_str(), changed.at.as_str()), ("alice", "t1"))
        }
        other => panic!("conflict expected, got {other:?}"),
    }
    assert!(store
        .delete_email_provider(TENANT, Some(1), at("t3"))
        .await
        .unwrap());
    // Deleting nothing records nothing.
    assert!(!store
        .delete_email_provider(TENANT, None, at("t4"))
        .await
        .unwrap());

    let page = store.audit_page(TENANT, None).await.unwrap();
    let summary: Vec<(&str, &str, &AuditAction)> = page
        .entries
        .iter()
        .map(|e| (e.at.as_str(), e.actor.as_str(), &e.action))
        .collect();
    let tested = AuditAction::TestSent {
        recipient: "admin@example.org".into(),
        failed_at: None,
    };
    let deleted = AuditAction::Deleted {
        provider: ProviderKind::Smtp,
    };
    assert_eq!(
        summary,
        vec![
            ("t3", "alice", &deleted),
            ("t2", "bob", &tested),
            ("t1", "alice", &port_change())
        ]
    );
    assert_eq!(page.older, None);
    assert!(store
        .audit_page("other-tenant", None)
        .await
        .unwrap()
        .entries
        .is_empty());
}

#[tokio::test]
async fn a_refused_save_records_nothing_and_pages_hold_twenty() {
    let (_dir, store) = store().await;
    let at = AuditRecord {
        actor: "alice",
        at: "t",
    };
    let secret = SecretUpdate::Set("s3cret".into());
    for version in 0..(PAGE_SIZE + 5) {
        let based_on = (version > 0).then_some(version);
        store
            .save_email_provider(
                TENANT,
                NewConfig::Smtp(&SmtpSettings::example(), &secret),
                based_on,
                at,
                &port_change(),
            )
            .await
            .unwrap();
    }
    let stale = store
        .save_email_provider(
            TENANT,
            NewConfig::Smtp(&SmtpSettings::example(), &secret),
            Some(1),
            at,
            &port_change(),
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(Some(_)))));

    let first = store.audit_page(TENANT, None).await.unwrap();
    assert_eq!(first.entries.len() as i64, PAGE_SIZE);
    let second = store.audit_page(TENANT, first.older).await.unwrap();
    assert_eq!(second.entries.len(), 5);
    assert_eq!(second.older, None);
    assert!(first.entries.last().unwrap().id > second.entries[0].id);
}

#[tokio::test]
async fn entries_cannot_be_changed_or_deleted() {
    let (_dir, store, url) = store_at().await;
    let secret = SecretUpdate::Set("s3cret".into());
    let at = AuditRecord {
        actor: "alice",
        at: "t",
    };
    store
        .save_email_provider(
            TENANT,
            NewConfig::Smtp(&SmtpSettings::example(), &secret),
            None,
            at,
            &port_change(),
        )
        .await
        .unwrap();
    let mut statements = vec![
        "UPDATE audit_log SET actor = 'mallory'",
        "DELETE FROM audit_log",
    ];
    if app::store::is_postgres_url(&url) {
        statements.push("TRUNCATE audit_log");
    }
    for sql in statements {
        let err = refusal(&url, sql).await;
        assert!(err.contains("audit log entries cannot be"), "{sql}: {err}");
    }
    assert_eq!(
        store.audit_page(TENANT, None).await.unwrap().entries[0].actor,
        "alice"
    );
}
