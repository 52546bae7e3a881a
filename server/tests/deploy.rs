//! The systemd unit shipped in `server/deploy/` is one systemd accepts, and it keeps the
//! promises the README makes about it.

use std::process::Command;

const UNIT: &str = include_str!("../deploy/mailwright.service");

#[test]
fn systemd_accepts_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    // systemd-analyze checks that ExecStart's program exists: point it at the one just built.
    let unit = UNIT.replace(
        "/usr/local/bin/mailwright",
        env!("CARGO_BIN_EXE_mailwright"),
    );
    let path = dir.path().join("mailwright.service");
    std::fs::write(&path, unit).unwrap();
    let output = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&path)
        .output()
        .expect("systemd-analyze (installed by scripts/setup.sh)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.trim().is_empty(), "systemd-analyze warned: {stderr}");
}

#[test]
fn the_unit_runs_as_its_own_user_in_a_read_only_system() {
    for line in [
        "DynamicUser=yes",
        "StateDirectory=mailwright",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "EnvironmentFile=-/etc/mailwright.env",
        "ExecStart=/usr/local/bin/mailwright serve",
    ] {
        assert!(UNIT.lines().any(|l| l == line), "missing: {line}");
    }
}
