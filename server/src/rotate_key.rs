//! `mailwright rotate-key`: re-encrypts every stored secret under a new key, in one transaction.

use crate::config::{StorageArgs, SECRET_KEY_ENV, SHARED_KEY_REQUIRED};
use anyhow::Context;
use app::crypto::{KeyFiles, SecretBox, SecretKey};
use app::store::Reseal;

const NEW_KEY_ENV: &str = "MAILWRIGHT_NEW_SECRET_KEY";

pub async fn run(storage: &StorageArgs) -> anyhow::Result<()> {
    let count = match storage.given_key()? {
        Some(old) => {
            let old = SecretKey::from_base64(&old)
                .with_context(|| format!("the given secret key ({SECRET_KEY_ENV} or --secret-key-file) is not a valid key"))?;
            let new = std::env::var(NEW_KEY_ENV).with_context(|| {
                format!("the key is given ({SECRET_KEY_ENV} or --secret-key-file): put the new key in {NEW_KEY_ENV} (for example `openssl rand -base64 32`)")
            })?;
            let new = SecretKey::from_base64(&new)
                .with_context(|| format!("{NEW_KEY_ENV} is not a valid key"))?;
            let count = reseal(storage, SecretBox::new(&new, Some(&old))).await?;
            println!("Now put the new key where the old one was ({SECRET_KEY_ENV} or the --secret-key-file) before starting the server.");
            count
        }
        None if storage.uses_postgres() => anyhow::bail!(SHARED_KEY_REQUIRED),
        None => {
            // The new key is written before anything is re-encrypted and replaces the old file
            // only after the transaction committed: a rotation stopped half-way loses nothing,
            // and running it again finishes it.
            let files = KeyFiles::new(&storage.data_dir);
            let current = files.load_or_create()?;
            let next = files.prepare_next()?;
            let count = reseal(storage, SecretBox::new(&next, Some(&current))).await?;
            files.promote_next()?;
            println!("{} holds the new key.", files.current_path().display());
            count
        }
    };
    println!("Re-encrypted {count} stored secrets.");
    Ok(())
}

async fn reseal(storage: &StorageArgs, secrets: SecretBox) -> anyhow::Result<usize> {
    let store = storage.open_store(secrets).await?;
    let count = store.reseal_secrets(Reseal::All).await?;
    store.close().await;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::audit::AuditAction;
    use app::domain::provider::ProviderKind;
    use app::domain::secret::SecretUpdate;
    use app::domain::smtp::SmtpSettings;
    use app::store::{AuditRecord, NewConfig, StoredConfig};

    #[tokio::test]
    async fn rotation_replaces_the_key_file_and_secrets_open_with_the_new_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let storage = StorageArgs {
            data_dir: dir.path().to_owned(),
            database_url: None,
            secret_key_file: None,
            db_pool_size: 4,
            db_statement_timeout_seconds: 5,
        };
        let old_box = app::crypto::load_keys(dir.path(), None).unwrap();
        let old_key = std::fs::read_to_string(dir.path().join("secret.key")).unwrap();
        let store = storage.open_store(old_box).await.unwrap();
        let settings = SmtpSettings::example();
        let password = SecretUpdate::Set("rotate-me".into());
        store
            .save_email_provider(
                "default",
                NewConfig::Smtp(&settings, &password),
                None,
                AuditRecord {
                    actor: "test",
                    at: "t",
                },
                &AuditAction::Saved {
                    provider: ProviderKind::Smtp,
                    activated: true,
                    changes: vec![],
                },
            )
            .await
            .unwrap();
        store.close().await;

        run(&storage).await.unwrap();
        let new_key = std::fs::read_to_string(dir.path().join("secret.key")).unwrap();
        assert_ne!(new_key, old_key);
        assert!(!dir.path().join("secret.key.next").exists());

        let new_box = app::crypto::load_keys(dir.path(), None).unwrap();
        let store = storage.open_store(new_box).await.unwrap();
        let stored = store.load_email_provider("default").await.unwrap().unwrap();
        let StoredConfig::Smtp(smtp) = stored.config else {
            panic!("SMTP expected")
        };
        assert_eq!(smtp.secret.unwrap().expose(), "rotate-me");
        store.close().await;

        let old_only = SecretBox::new(&SecretKey::from_base64(&old_key).unwrap(), None);
        let store = storage.open_store(old_only).await.unwrap();
        let err = store.load_email_provider("default").await.unwrap_err();
        assert!(err.to_string().contains("cannot be decrypted"), "{err}");
    }
}
