//! `mailwright copy-database`: moves an installation to another database (SQLite to PostgreSQL
//! when it outgrows one machine), then checks that the copy reads back.

use crate::config::CopyArgs;
use anyhow::Context;
use app::crypto::load_keys;
use app::store::{PoolSettings, Store};

pub async fn run(args: &CopyArgs) -> anyhow::Result<()> {
    if let Some(path) = sqlite_path(&args.from) {
        anyhow::ensure!(
            std::path::Path::new(path).exists(),
            "there is no database at {path} to copy"
        );
    }
    // The key of the installation being copied: MAILWRIGHT_SECRET_KEY, --secret-key-file or
    // the key file in --data-dir. The new database is then used with the same key.
    let secrets = load_keys(&args.storage.data_dir, args.storage.given_key()?.as_deref())?;
    let settings = PoolSettings::default();
    let from = Store::open_url(&args.from, secrets.clone(), settings)
        .await
        .with_context(|| format!("could not open {}", redacted(&args.from)))?;
    from.check_providers().await.context(
        "the stored secrets do not decrypt with this key: give the installation's key \
         (--data-dir with its secret.key, MAILWRIGHT_SECRET_KEY or --secret-key-file)",
    )?;
    let to = Store::open_url(&args.to, secrets, settings)
        .await
        .with_context(|| format!("could not open {}", redacted(&args.to)))?;
    let report = from.copy_into(&to).await?;
    for (table, rows) in &report.tables {
        println!("{table:<18} {rows:>8} rows");
    }
    // The settings and their secrets read back from the copy with the key in use.
    let checked = to
        .check_providers()
        .await
        .context("the copy is complete, but its settings do not read back with this key")?;
    println!(
        "Copied into {} ({}); the settings of {checked} tenants and their secrets read back.",
        redacted(&args.to),
        to.backend()
    );
    from.close().await;
    to.close().await;
    Ok(())
}

/// The file of a `sqlite:` URL (`sqlite:data/x.db`, `sqlite:///abs/x.db`, with or without
/// options after `?`).
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    Some(rest.split('?').next().unwrap_or(rest))
}

/// `url` without its password (`postgres://user:***@host/db`), for messages.
fn redacted(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((user, host)) if user.contains(':') => {
                let user = user.split(':').next().unwrap_or_default();
                format!("{scheme}://{user}:***@{host}")
            }
            Some(_) => url.to_owned(),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(super::sqlite_path("sqlite:data/x.db"), Some("data/x.db"));
        assert_eq!(
            super::sqlite_path("sqlite:///var/x.db?mode=rwc"),
            Some("/var/x.db")
        );
        assert_eq!(super::sqlite_path("postgres://h/db"), None);
    }

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            super::redacted("postgres://mw:hunter2@127.0.0.1:5432/mail"),
            "postgres://mw:***@127.0.0.1:5432/mail"
        );
        assert_eq!(
            super::redacted("postgres://mw@127.0.0.1/mail"),
            "postgres://mw@127.0.0.1/mail"
        );
        assert_eq!(
            super::redacted("sqlite:data/mailwright.db"),
            "sqlite:data/mailwright.db"
        );
    }
}
