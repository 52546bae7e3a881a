//! Where the secret key lives: `MAILWRIGHT_SECRET_KEY`, or `secret.key` in the data directory,
//! created on first start with mode 0600. A key rotation writes `secret.key.next` first,
//! re-seals every secret with it, then renames it over `secret.key`; if it stops half-way,
//! both keys open secrets until it is run again.

use super::{SecretBox, SecretKey};
use anyhow::Context;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub struct KeyFiles {
    dir: PathBuf,
}

impl KeyFiles {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.to_owned(),
        }
    }

    pub fn current_path(&self) -> PathBuf {
        self.dir.join("secret.key")
    }

    fn next_path(&self) -> PathBuf {
        self.dir.join("secret.key.next")
    }

    /// The key in `secret.key`, created (mode 0600) with a new random key if there is none.
    pub fn load_or_create(&self) -> anyhow::Result<SecretKey> {
        let path = self.current_path();
        if !path.exists() {
            write_new(&path, &SecretKey::generate())?;
            tracing::info!(path = %path.display(), "created a new secret key; back it up with the database");
        }
        read(&path)
    }

    /// The new key of a rotation that has not finished, if any.
    pub fn pending_next(&self) -> anyhow::Result<Option<SecretKey>> {
        let path = self.next_path();
        path.exists().then(|| read(&path)).transpose()
    }

    /// The key a rotation moves to: the pending one, or a new one written to `secret.key.next`.
    pub fn prepare_next(&self) -> anyhow::Result<SecretKey> {
        if let Some(next) = self.pending_next()? {
            return Ok(next);
        }
        let key = SecretKey::generate();
        write_new(&self.next_path(), &key)?;
        Ok(key)
    }

    /// Makes the rotation's key the current one (an atomic rename).
    pub fn promote_next(&self) -> anyhow::Result<()> {
        std::fs::rename(self.next_path(), self.current_path())
            .context("could not replace secret.key with secret.key.next")
    }
}

/// The keys the server seals and opens secrets with: `env_key` (`MAILWRIGHT_SECRET_KEY`) when
/// set, otherwise the key file in `data_dir`.
pub fn load_keys(data_dir: &Path, env_key: Option<&str>) -> anyhow::Result<SecretBox> {
    if let Some(text) = env_key {
        let key = SecretKey::from_base64(text).context(
            "the given secret key (MAILWRIGHT_SECRET_KEY or --secret-key-file) is not a valid key",
        )?;
        return Ok(SecretBox::new(&key, None));
    }
    let files = KeyFiles::new(data_dir);
    let current = files.load_or_create()?;
    let next = files.pending_next()?;
    if next.is_some() {
        tracing::warn!("a secret key rotation did not finish: run `mailwright rotate-key` again");
    }
    Ok(SecretBox::new(&current, next.as_ref()))
}

fn read(path: &Path) -> anyhow::Result<SecretKey> {
    let mode = std::fs::metadata(path)
        .with_context(|| format!("could not read {}", path.display()))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        tracing::warn!(path = %path.display(), "the secret key file is readable by other users: chmod 600 it");
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    SecretKey::from_base64(&text).with_context(|| format!("{} is not a secret key", path.display()))
}

fn write_new(path: &Path, key: &SecretKey) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create {}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("could not create {}", path.display()))?;
    writeln!(file, "{}", key.to_base64())?;
    file.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let files = KeyFiles::new(dir.path());
        let key = files.load_or_create().unwrap();
        let mode = std::fs::metadata(files.current_path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(files.load_or_create().unwrap(), key);

        let next = files.prepare_next().unwrap();
        assert_ne!(next, key);
        assert_eq!(
            files.prepare_next().unwrap(),
            next,
            "a pending rotation reuses its key"
        );
        files.promote_next().unwrap();
        assert_eq!(files.load_or_create().unwrap(), next);
        assert!(files.pending_next().unwrap().is_none());
    }

    #[test]
    fn a_bad_key_is_refused_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_keys(dir.path(), Some("too-short")).err().unwrap();
        assert!(format!("{err:#}").contains("32 bytes"), "{err:#}");
        std::fs::write(dir.path().join("secret.key"), "garbage\n").unwrap();
        let err = load_keys(dir.path(), None).err().unwrap();
        assert!(
            format!("{err:#}").contains("is not a secret key"),
            "{err:#}"
        );
    }
}
