//! Test support: the real SMTP server (scripts/smtp-test-server) started for a test.
#![allow(dead_code)] // each test binary uses a different part of it

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SmtpTestServer {
    child: Child,
    pub ports: Value,
    pub ca_file: PathBuf,
    pub mail_dir: PathBuf,
    pub user: String,
    /// The Microsoft stand-in (`base_url`, `fixtures`), when started with it.
    pub ms: Value,
    _dir: tempfile::TempDir,
}

pub const PASSWORD: &str = "correct horse battery staple";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("app is inside the workspace")
        .to_owned()
}

impl SmtpTestServer {
    /// A file the server wrote beside its CA certificate (`stranger-ca.pem`, `expired-ca.pem`,
    /// `self-signed.pem`).
    pub fn file(&self, name: &str) -> PathBuf {
        self.ca_file.with_file_name(name)
    }

    /// Starts the server and waits until every listener is up.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// Also starts the Microsoft identity platform + Graph stand-in and the XOAUTH2 listener.
    pub fn start_with_microsoft() -> Self {
        Self::start_with(&["--ms-stand-in"])
    }

    fn start_with(extra: &[&str]) -> Self {
        let root = workspace_root();
        let python = std::env::var_os("MAILWRIGHT_TEST_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join(".venv/bin/python"));
        assert!(
            python.exists(),
            "{} is missing: run scripts/setup.sh (it installs the test SMTP server)",
            python.display()
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(python)
            .arg(root.join("scripts/smtp-test-server/smtp_test_server.py"))
            .args(["--dir".as_ref(), dir.path().as_os_str()])
            .args(["--password", PASSWORD])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP test server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("server info");
        let info: Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("server info {line:?}: {e}"));
        Self {
            child,
            ports: info["ports"].clone(),
            ca_file: info["ca_file"].as_str().expect("ca_file").into(),
            mail_dir: info["mail_dir"].as_str().expect("mail_dir").into(),
            user: info["user"].as_str().expect("user").into(),
            ms: info["ms"].clone(),
            _dir: dir,
        }
    }

    pub fn port(&self, listener: &str) -> u16 {
        self.ports[listener]
            .as_u64()
            .unwrap_or_else(|| panic!("no listener {listener}")) as u16
    }

    /// The stored message whose queue id appears in `reply`, waiting briefly for the file.
    pub fn message_for_reply(&self, reply: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let found = std::fs::read_dir(&self.mail_dir)
                .expect("mail dir")
                .filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .filter_map(|e| {
                    serde_json::from_str::<Value>(&std::fs::read_to_string(e.path()).ok()?).ok()
                })
                .find(|m| m["queue_id"].as_str().is_some_and(|id| reply.contains(id)));
            if let Some(message) = found {
                return message;
            }
            assert!(
                Instant::now() < deadline,
                "no stored message for reply {reply:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpTestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpTestServer {
    /// Every message the Microsoft stand-in took through Graph `sendMail` so far.
    pub async fn graph_sends(&self) -> Vec<Value> {
        let base = self.ms["base_url"]
            .as_str()
            .expect("started with the stand-in");
        reqwest::get(format!("{base}/_stand-in/sent"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Every message the server has stored so far.
    pub fn messages(&self) -> Vec<Value> {
        let mut messages: Vec<(String, Value)> = std::fs::read_dir(&self.mail_dir)
            .expect("mail dir")
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| {
                let text = std::fs::read_to_string(e.path()).ok()?;
                Some((
                    e.file_name().to_string_lossy().into_owned(),
                    serde_json::from_str(&text).ok()?,
                ))
            })
            .collect();
        messages.sort_by(|a, b| a.0.cmp(&b.0));
        messages.into_iter().map(|(_, m)| m).collect()
    }
}

/// A test AppState on a new database (SQLite, or PostgreSQL in the test command's PostgreSQL
/// pass) with one tenant, trusting `smtp_trust`. Microsoft's endpoints are the defaults: tests
/// using it do not reach them.
pub async fn app_state(
    dir: &Path,
    tenant: (&str, &str),
    smtp_trust: app::mail::tls::TlsTrust,
) -> app::state::AppState {
    use app::crypto::{SecretBox, SecretKey};
    use app::store::{PoolSettings, Store};
    let url = app::store::scratch::database_url(dir).await.unwrap();
    let secrets = SecretBox::new(&SecretKey::generate(), None);
    let store = Store::open_url(&url, secrets, PoolSettings::default())
        .await
        .unwrap();
    store
        .add_tenant(tenant.0, tenant.1, "2026-11-30T00:00:00Z")
        .await
        .unwrap();
    app::state::AppState {
        leptos_options: leptos::config::LeptosOptions::builder()
            .output_name("mailwright")
            .build(),
        store,
        smtp_trust,
        smtp_timeouts: Default::default(),
        microsoft: app::mail::microsoft::MicrosoftClient::new(
            Default::default(),
            Default::default(),
        )
        .unwrap(),
        auth: app::auth::AuthState::new("https://mail.acme.test".into()),
        metrics: Default::default(),
        outbox: app::outbox::Outbox::new(Default::default()),
    }
}
