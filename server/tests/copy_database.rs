//! `mailwright copy-database`: a populated SQLite installation copied into a new database (a
//! PostgreSQL one in the test command's PostgreSQL pass, else another SQLite file) serves the
//! same settings, sign-ins and audit log, its secrets still decrypt, and a second copy into the
//! now non-empty database is refused.

mod support;

use app::crypto::load_keys;
use app::domain::account::Role;
use app::domain::audit::AuditAction;
use app::domain::delivery::{Category, TokenScope};
use app::domain::provider::ProviderKind;
use app::domain::secret::SecretUpdate;
use app::domain::smtp::SmtpSettings;
use app::store::{AuditRecord, NewConfig, NewMessage, NewToken, PoolSettings, Store, StoredConfig};
use serde_json::json;
use std::path::Path;
use std::process::Command;
use support::binary::Server;

const BIN: &str = env!("CARGO_BIN_EXE_mailwright");
const PASSWORD: &str = "copy database passphrase";
const SMTP_SECRET: &str = "smtp-secret-to-copy";

/// An installation in `data`: SQLite, a key file, a tenant with an admin, an SMTP provider with
/// its secret saved twice (two audit entries), a token and three messages in the outbox.
async fn populate(data: &Path) {
    let store = Store::open_file(&data.join("mailwright.db"), load_keys(data, None).unwrap())
        .await
        .unwrap();
    store
        .add_tenant("acme", "Acme", "2026-11-30T00:00:00Z")
        .await
        .unwrap();
    let hash = app::auth::password::hash(PASSWORD.into()).await.unwrap();
    store
        .add_user(
            "acme",
            "ann@acme.example",
            &hash,
            Role::Admin,
            "2026-11-30T00:00:00Z",
        )
        .await
        .unwrap();
    let audit = AuditRecord {
        actor: "ann@acme.example",
        at: "2026-11-30T00:00:00Z",
    };
    let saved = AuditAction::Saved {
        provider: ProviderKind::Smtp,
        activated: true,
        changes: vec![],
    };
    let secret = SecretUpdate::Set(SMTP_SECRET.into());
    let smtp = SmtpSettings::example();
    for based_on in [None, Some(1)] {
        store
            .save_email_provider(
                "acme",
                NewConfig::Smtp(&smtp, &secret),
                based_on,
                audit,
                &saved,
            )
            .await
            .unwrap();
    }
    let token = NewToken {
        tenant_id: "acme",
        name: "scheduler",
        digest: "digest-of-a-token",
        scope: TokenScope::Send,
        expires_at: None,
        now: 1,
    };
    store.create_token(token, audit).await.unwrap();
    let messages: Vec<NewMessage> = (0..3)
        .map(|n| NewMessage {
            id: format!("msg-{n}"),
            category: Category::Notification,
            recipients: vec![format!("user{n}@example.org")],
            subject: format!("Copied #{n}"),
            body: json!({ "text": "x" }).to_string(),
            message_id: format!("<{n}@acme.example>"),
            request_digest: format!("d{n}"),
        })
        .collect();
    store
        .enqueue("acme", &messages, None, 100, 1)
        .await
        .unwrap();
    store.close().await;
}

fn copy(data: &Path, from: &str, to: &str) -> std::process::Output {
    Command::new(BIN)
        .args(["copy-database", "--from", from, "--to", to, "--data-dir"])
        .arg(data)
        .env_remove("MAILWRIGHT_SECRET_KEY")
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

#[tokio::test]
async fn a_copied_installation_serves_the_same_settings_sign_ins_and_audit_log() {
    let data = tempfile::tempdir().unwrap();
    populate(data.path()).await;
    let target_dir = tempfile::tempdir().unwrap();
    let target = app::store::scratch::database_url(target_dir.path())
        .await
        .unwrap();
    let source = format!("sqlite://{}", data.path().join("mailwright.db").display());

    let copied = copy(data.path(), &source, &target);
    let printed = String::from_utf8_lossy(&copied.stdout);
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    for line in ["tenant ", "user_account ", "audit_log ", "outbox_message "] {
        assert!(printed.contains(line), "{printed}");
    }
    assert!(printed.contains("the settings of 1 tenants"), "{printed}");

    // The copy, served with the installation's key.
    let key = std::fs::read_to_string(data.path().join("secret.key")).unwrap();
    let key = key.trim();
    let server = Server::start_with(
        target_dir.path(),
        &[
            ("DATABASE_URL", target.as_str()),
            ("MAILWRIGHT_SECRET_KEY", key),
        ],
    );
    server.ready().await;
    let cookie = server.session("ann@acme.example", PASSWORD).await;
    let read = server
        .post("/api/email-provider/get", json!({}), Some(&cookie))
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let view: serde_json::Value = read.json().await.unwrap();
    let text = view.to_string();
    assert!(text.contains(&SmtpSettings::example().host), "{text}");
    assert!(!text.contains(SMTP_SECRET));
    assert_eq!(view["version"], 2, "{text}");
    let audit = server
        .post(
            "/api/email-provider/audit",
            json!({ "request": {} }),
            Some(&cookie),
        )
        .await
        .unwrap();
    assert_eq!(audit.status(), 200);
    let audit: serde_json::Value = audit.json().await.unwrap();
    assert_eq!(
        audit["entries"].as_array().map(Vec::len),
        Some(3),
        "{audit}"
    );
    drop(server);

    // The secret opens with the same key on the copy.
    let secrets = load_keys(data.path(), None).unwrap();
    let store = Store::open_url(&target, secrets, PoolSettings::default())
        .await
        .unwrap();
    let stored = store.load_email_provider("acme").await.unwrap().unwrap();
    let StoredConfig::Smtp(smtp) = stored.config else {
        panic!("SMTP expected")
    };
    assert_eq!(smtp.secret.unwrap().expose(), SMTP_SECRET);
    // The messages came along (the copy's worker may have tried them since).
    let message = store
        .outbox_message("acme", "msg-2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(message.subject, "Copied #2");
    store.close().await;

    // A second copy into the same database is refused and changes nothing.
    let again = copy(data.path(), &source, &target);
    assert!(!again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("not empty"), "{said}");
}
