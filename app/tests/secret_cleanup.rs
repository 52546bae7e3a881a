//! Only the active provider's secret is stored, and a replaced or deleted secret is not left
//! behind in the SQLite files (database, WAL): `secure_delete` plus a WAL checkpoint.
#![cfg(feature = "ssr")]

use app::domain::microsoft::{GraphSettings, MicrosoftApp};
use app::domain::secret::SecretUpdate;
use app::domain::smtp::{SmtpAuth, SmtpSecurity, SmtpSettings};
use app::store::{NewConfig, Store, StoreError, StoredConfig};
use std::path::Path;

const TENANT: &str = "default";
const SMTP_PASSWORD: &str = "smtp-password-7d1f0c3a-MARKER";
const GRAPH_SECRET: &str = "graph-secret-4b8e2a91-MARKER";

fn smtp() -> SmtpSettings {
    SmtpSettings {
        host: "smtp.example.com".into(),
        port: 587,
        security: SmtpSecurity::StartTls,
        sender_email: "reports@example.com".into(),
        sender_name: None,
        auth: Some(SmtpAuth::Password { username: None }),
    }
}

fn graph() -> GraphSettings {
    GraphSettings {
        sender_email: "sender@contoso.onmicrosoft.com".into(),
        app: MicrosoftApp {
            tenant_id: "8f4c2d8e-6a3b-4c1d-9e2f-1a2b3c4d5e6f".into(),
            client_id: "3f1b9a2c-7d4e-4b8a-9c6f-0e2d5a7b1c93".into(),
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

/// A new database file with SMTP settings (and their password) saved: version 1.
async fn store_with_smtp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_file(&dir.path().join("mailwright.db"))
        .await
        .unwrap();
    let password = SecretUpdate::Set(SMTP_PASSWORD.into());
    store
        .save_email_provider(TENANT, NewConfig::Smtp(&smtp(), &password), None, "t1")
        .await
        .unwrap();
    (dir, store)
}

#[tokio::test]
async fn switching_and_deleting_leave_no_old_secret_in_the_database_files() {
    let (dir, store) = store_with_smtp().await;
    // The scan can see a stored secret (so "absent" below means something).
    assert!(!files_containing(dir.path(), SMTP_PASSWORD).is_empty());

    let secret = SecretUpdate::Set(GRAPH_SECRET.into());
    store
        .save_email_provider(
            TENANT,
            NewConfig::Microsoft365(&graph(), &secret),
            Some(1),
            "t2",
        )
        .await
        .unwrap();
    let stored = store.load_email_provider(TENANT).await.unwrap().unwrap();
    assert!(
        matches!(stored.config, StoredConfig::Microsoft365(_)),
        "{stored:?}"
    );
    assert_eq!(stored.version, 2);
    assert_eq!(
        files_containing(dir.path(), SMTP_PASSWORD),
        Vec::<String>::new()
    );
    assert!(!files_containing(dir.path(), GRAPH_SECRET).is_empty());

    assert!(store.delete_email_provider(TENANT).await.unwrap());
    assert!(store.load_email_provider(TENANT).await.unwrap().is_none());
    assert_eq!(
        files_containing(dir.path(), GRAPH_SECRET),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn a_save_based_on_an_old_version_changes_nothing() {
    let (_dir, store) = store_with_smtp().await;
    let secret = SecretUpdate::Set(GRAPH_SECRET.into());
    let stale = store
        .save_email_provider(
            TENANT,
            NewConfig::Microsoft365(&graph(), &secret),
            None,
            "t2",
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
    // Keeping a secret that belongs to another provider is refused too: nothing to keep.
    let keep = store
        .save_email_provider(
            TENANT,
            NewConfig::Microsoft365(&graph(), &SecretUpdate::Keep),
            Some(1),
            "t2",
        )
        .await;
    assert!(matches!(keep, Err(StoreError::Conflict)), "{keep:?}");
    let stored = store.load_email_provider(TENANT).await.unwrap().unwrap();
    match stored.config {
        StoredConfig::Smtp(smtp) => assert_eq!(smtp.secret.unwrap().expose(), SMTP_PASSWORD),
        other => panic!("SMTP expected, got {other:?}"),
    }
    assert_eq!(stored.version, 1);
}
