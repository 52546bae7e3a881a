//! `--secret-key-file` (MAILWRIGHT_SECRET_KEY_FILE): the key is read from the file, as from a
//! systemd credential, and never written to the data directory.

use std::process::{Command, Output};

fn tenant_add(data: &std::path::Path, key_file: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mailwright"))
        .args(["tenant", "add", "acme", "--name", "Acme", "--data-dir"])
        .arg(data)
        .env("MAILWRIGHT_SECRET_KEY_FILE", key_file)
        .env_remove("MAILWRIGHT_SECRET_KEY")
        .output()
        .unwrap()
}

#[test]
fn a_key_file_is_used_and_no_key_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let key_file = dir.path().join("secret-key");
    std::fs::write(&key_file, "not a key\n").unwrap();
    let refused = tenant_add(&data, &key_file);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("not a valid key"), "{stderr}");

    // 32 bytes, base64, as `openssl rand -base64 32` writes them.
    std::fs::write(&key_file, "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=\n").unwrap();
    let added = tenant_add(&data, &key_file);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        !data.join("secret.key").exists(),
        "the key stays where it was given"
    );

    let missing = tenant_add(&data, &dir.path().join("nowhere"));
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("could not read the secret key file"));
}

/// With PostgreSQL, instances on several machines must share the key: without one given, the
/// server and the commands refuse to start (before connecting) and say why; no key file is made.
#[test]
fn postgres_requires_a_given_key() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["serve", "--addr", "127.0.0.1:0"][..], &["rotate-key"][..]] {
        let refused = Command::new(env!("CARGO_BIN_EXE_mailwright"))
            .args(args)
            .arg("--data-dir")
            .arg(dir.path())
            // Port 9 on 127.0.0.1: nothing is ever reached.
            .env("DATABASE_URL", "postgres://mw@127.0.0.1:9/mailwright")
            .env_remove("MAILWRIGHT_SECRET_KEY")
            .env_remove("MAILWRIGHT_SECRET_KEY_FILE")
            .output()
            .unwrap();
        assert!(!refused.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains("with PostgreSQL, set MAILWRIGHT_SECRET_KEY"),
            "{args:?}: {stderr}"
        );
        assert!(!dir.path().join("secret.key").exists(), "{args:?}");
    }
}
