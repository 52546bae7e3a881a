//! Secrets at rest: they are stored encrypted (never in plain text, even from an older database),
//! only the active provider's secret is stored, and a replaced or deleted secret is not left
//! behind in the SQLite files (database, WAL): `secure_delete` plus a WAL checkpoint.
#![cfg(feature = "ssr")]

use app::crypto::{SecretBox, SecretKey};
use app::domain::audit::AuditAction;
use app::domain::microsoft::{GraphSettings, MicrosoftApp};
use app::domain::provider::ProviderKind;
use app::domain::secret::SecretUpdate;
use app::domain::smtp::SmtpSettings;
use app::store::{AuditRecord, NewConfig, Store, StoreError, StoredConfig};
use std::path::Path;

const TENANT: &str = "default";
const SMTP_PASSWORD: &str = "smtp-password-7d1f0c3a-MARKER";
const GRAPH_SECRET: &str = "graph-secret-4b8e2a91-MARKER";

const AUDIT: AuditRecord = AuditRecord {
    actor: "test",
    at: "2026-11-22T12:00:00Z",
};

/// The audit entry these tests save with (its content is tested in audit_log.rs).
fn saved() -> AuditAction {
    AuditAction::Saved {
        provider: ProviderKind::Smtp,
        activated: true,
        changes: vec![],
    }
}

fn graph() -> GraphSettings {
    GraphSettings {
        sender_email: "sender@contoso.onmicrosoft.com".into(),
        app: MicrosoftApp {
            tenant_id: "8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f".into(),
            client_id: "3f1b9a2c-7d4e-4b8a-9c6f-0e2d5a7b1c93".into(),
            secret_expires_on: None,
        },
    }
}

/// Which of the database's files contain `needle` (the database, its WAL and shared memory).
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("mailwright.db"))
        .filter(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

fn key() -> SecretBox {
    SecretBox::new(&SecretKey::generate(), None)
}

/// A new database file with SMTP settings (and their password) saved: version 1.
async fn store_with_smtp(secrets: SecretBox) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_file(&dir.path().join("mailwright.db"), secrets)
        .await
        .unwrap();
    let password = SecretUpdate::Set(SMTP_PASSWORD.into());
    store
        .save_email_provider(
            TENANT,
            NewConfig::Smtp(&SmtpSettings::example(), &password),
            None,
            AUDIT,
            &saved(),
        )
        .await
        .unwrap();
    (dir, store)
}

/// Runs one statement on the database file beside the store, as an operator with sqlite3 would.
async fn raw(dir: &Path, sql: &'static str) -> Option<String> {
    let url = format!("sqlite://{}", dir.join("mailwright.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let value = sqlx::query_scalar::<_, Option<String>>(sql)
        .fetch_optional(&pool)
        .await
        .unwrap()
        .flatten();
    pool.close().await;
    value
}

#[tokio::test]
async fn secrets_are_encrypted_and_replaced_ones_leave_no_trace() {
    let (dir, store) = store_with_smtp(key()).await;
    let sealed_password = raw(dir.path(), "SELECT secret FROM smtp_settings")
        .await
        .unwrap();
    assert!(sealed_password.starts_with("mw1:"), "{sealed_password}");
    assert_eq!(
        files_containing(dir.path(), SMTP_PASSWORD),
        Vec::<String>::new()
    );
    // The scan finds what is stored (so "absent" below means something).
    assert!(!files_containing(dir.path(), &sealed_password).is_empty());

    let secret = SecretUpdate::Set(GRAPH_SECRET.into());
    store
        .save_email_provider(
            TENANT,
            NewConfig::Microsoft365(&graph(), &secret),
            Some(1),
            AUDIT,
            &saved(),
        )
        .await
        .unwrap();
    let stored = store.load_email_provider(TENANT).await.unwrap().unwrap();
    assert_eq!(stored.version, 2);
    match stored.config {
        StoredConfig::Microsoft365(graph) => assert_eq!(graph.client_secret.expose(), GRAPH_SECRET),
        other => panic!("Microsoft 365 expected, got {other:?}"),
    }
    assert_eq!(
        files_containing(dir.path(), &sealed_password),
        Vec::<String>::new()
    );
    let sealed_secret = raw(dir.path(), "SELECT client_secret FROM graph_settings")
        .await
        .unwrap();
    assert!(!files_containing(dir.path(), &sealed_secret).is_empty());
    assert_eq!(
        files_containing(dir.path(), GRAPH_SECRET),
        Vec::<String>::new()
    );

    assert!(store
        .delete_email_provider(TENANT, Some(2), AUDIT)
        .await
        .unwrap());
    assert!(store.load_email_provider(TENANT).await.unwrap().is_none());
    assert_eq!(
        files_containing(dir.path(), &sealed_secret),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn plain_text_secrets_of_an_older_database_are_encrypted_at_start() {
    let secrets = key();
    let (dir, store) = store_with_smtp(secrets.clone()).await;
    store.close().await;
    raw(
        dir.path(),
        "UPDATE smtp_settings SET secret = 'plain-from-an-older-version'",
    )
    .await;
    assert!(!files_containing(dir.path(), "plain-from-an-older-version").is_empty());

    let store = Store::open_file(&dir.path().join("mailwright.db"), secrets)
        .await
        .unwrap();
    let sealed = raw(dir.path(), "SELECT secret FROM smtp_settings")
        .await
        .unwrap();
    assert!(sealed.starts_with("mw1:"), "{sealed}");
    assert_eq!(
        files_containing(dir.path(), "plain-from-an-older-version"),
        Vec::<String>::new()
    );
    let stored = store.load_email_provider(TENANT).await.unwrap().unwrap();
    match stored.config {
        StoredConfig::Smtp(smtp) => {
            assert_eq!(smtp.secret.unwrap().expose(), "plain-from-an-older-version")
        }
        other => panic!("SMTP expected, got {other:?}"),
    }
}

#[tokio::test]
async fn another_key_cannot_read_the_secrets() {
    let (dir, store) = store_with_smtp(key()).await;
    store.close().await;
    let store = Store::open_file(&dir.path().join("mailwright.db"), key())
        .await
        .unwrap();
    let err = store.load_email_provider(TENANT).await.unwrap_err();
    assert!(matches!(err, StoreError::Secret(_)), "{err:?}");
    assert!(!err.to_string().contains(SMTP_PASSWORD));
}

#[tokio::test]
async fn a_save_based_on_an_old_version_changes_nothing() {
    let (_dir, store) = store_with_smtp(key()).await;
    let secret = SecretUpdate::Set(GRAPH_SECRET.into());
    let stale = store
        .save_email_provider(
            TENANT,
            NewConfig::Microsoft365(&graph(), &secret),
            None,
            AUDIT,
            &saved(),
        )
        .await;
    assert!(
        matches!(&stale, Err(StoreError::Conflict(Some(c))) if c.by == "test" && c.at == AUDIT.at),
        "{stale:?}"
    );
    // Keeping a secret that belongs to another provider is refused too: nothing to keep.
    let keep = store
        .save_email_provider(
            TENANT,
            NewConfig::Microsoft365(&graph(), &SecretUpdate::Keep),
            Some(1),
            AUDIT,
            &saved(),
        )
        .await;
    assert!(matches!(keep, Err(StoreError::Conflict(None))), "{keep:?}");
    let stored = store.load_email_provider(TENANT).await.unwrap().unwrap();
    match stored.config {
        StoredConfig::Smtp(smtp) => assert_eq!(smtp.secret.unwrap().expose(), SMTP_PASSWORD),
        other => panic!("SMTP expected, got {other:?}"),
    }
    assert_eq!(stored.version, 1);
}
