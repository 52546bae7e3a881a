//! `--db-statement-timeout-seconds`: how long a statement waits for a lock another process
//! holds. Python's sqlite3 holds the write lock while the real binary runs a command.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::binary::{cli, succeeded};

fn tenant_add(data: &std::path::Path, id: &str, timeout_s: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mailwright"))
        .args([
            "tenant",
            "add",
            id,
            "--name",
            id,
            "--db-statement-timeout-seconds",
            timeout_s,
        ])
        .args(["--db-pool-size", "2", "--data-dir"])
        .arg(data)
        .env_remove("MAILWRIGHT_SECRET_KEY")
        .output()
        .unwrap()
}

#[test]
fn a_statement_waits_for_a_lock_as_long_as_configured() {
    let dir = tempfile::tempdir().unwrap();
    succeeded(cli(
        dir.path(),
        &["tenant", "add", "acme", "--name", "Acme"],
        "",
    ));
    let db = dir.path().join("mailwright.db");
    // Another process takes the write lock and keeps it for 3 s.
    let script = "import sqlite3, sys, time\n\
                  c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
                  c.execute('BEGIN IMMEDIATE')\n\
                  print('locked', flush=True)\n\
                  time.sleep(3)\n\
                  c.execute('COMMIT')\n";
    let mut holder = Command::new("python3")
        .args(["-c", script])
        .arg(&db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");

    let started = Instant::now();
    let refused = tenant_add(dir.path(), "globex", "1");
    assert!(!refused.status.success());
    assert!(
        started.elapsed() < Duration::from_millis(2900),
        "{:?}",
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("locked"), "{stderr}");

    // With a longer wait the command outlasts the lock and succeeds.
    let waited = tenant_add(dir.path(), "initech", "10");
    assert!(
        waited.status.success(),
        "{}",
        String::from_utf8_lossy(&waited.stderr)
    );
    holder.wait().unwrap();
}
