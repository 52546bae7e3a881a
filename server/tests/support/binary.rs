//! The real `mailwright` binary, started by a test: `serve` with its standard output read
//! line by line, and one-shot CLI commands.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_mailwright");

pub struct Server {
    pub child: Child,
    pub lines: Receiver<String>,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(data_dir: &Path) -> Self {
        Self::start_with(data_dir, &[])
    }

    /// `serve` with a 3 s lease and a 1 s first retry: what a killed process had claimed
    /// comes back within seconds.
    pub fn start_short_leases(data_dir: &Path) -> Self {
        Self::start_with(
            data_dir,
            &[
                ("MAILWRIGHT_OUTBOX_LEASE_SECONDS", "3"),
                ("MAILWRIGHT_RETRY_FIRST_SECONDS", "1"),
            ],
        )
    }

    pub fn start_with(data_dir: &Path, env: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(BIN)
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(data_dir)
            .env_remove("MAILWRIGHT_SECRET_KEY")
            .env_remove("DATABASE_URL")
            .envs(database_env(data_dir))
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (send, lines) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Self {
            child,
            lines,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Waits until the server answers; everything it printed before serving is then in `lines`.
    pub async fn ready(&self) -> Vec<String> {
        for _ in 0..100 {
            if self.post("/api/auth/me", json!({}), None).await.is_ok() {
                return self.lines.try_iter().collect();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("mailwright did not start");
    }

    pub async fn post(
        &self,
        path: &str,
        body: Value,
        cookie: Option<&str>,
    ) -> reqwest::Result<reqwest::Response> {
        let mut request = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .json(&body);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await
    }
}

/// The database of the installation in `data_dir`: nothing to add for SQLite (the file in the
/// data directory); in the test command's PostgreSQL pass, `DATABASE_URL` of a database made
/// for it on first use and the secret key its instances share (PostgreSQL requires one given).
/// Kept in `data_dir/test-database.env`, so that every command and server of the installation
/// use the same.
pub fn database_env(data_dir: &Path) -> Vec<(String, String)> {
    if std::env::var(app::store::scratch::TEST_POSTGRES_ENV).map_or(true, |v| v.is_empty()) {
        return Vec::new();
    }
    let file = data_dir.join("test-database.env");
    if !file.exists() {
        let dir = data_dir.to_owned();
        // Its own runtime on its own thread: callers may be inside a runtime already.
        let url = std::thread::spawn(move || {
            tokio::runtime::Runtime::new()
                .unwrap()
                .block_on(app::store::scratch::database_url(&dir))
                .unwrap()
        })
        .join()
        .unwrap();
        let key = app::crypto::SecretKey::generate().to_base64();
        std::fs::create_dir_all(data_dir).unwrap();
        std::fs::write(&file, format!("{url}\n{key}\n")).unwrap();
    }
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines = text.lines();
    vec![
        ("DATABASE_URL".into(), lines.next().unwrap().into()),
        ("MAILWRIGHT_SECRET_KEY".into(), lines.next().unwrap().into()),
    ]
}

pub fn cli(data_dir: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("MAILWRIGHT_SECRET_KEY")
        .env_remove("DATABASE_URL")
        .envs(database_env(data_dir))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The standard output of a command that must have succeeded (else its standard error).
pub fn succeeded(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A tenant `acme` with the admin `ann@acme.example` (password `password`), made with the CLI
/// as a scripted install would. Returns a send + read API token of the tenant.
pub fn install(data_dir: &Path, password: &str) -> String {
    succeeded(cli(
        data_dir,
        &["tenant", "add", "acme", "--name", "Acme"],
        "",
    ));
    let admin = [
        "user",
        "add",
        "--tenant",
        "acme",
        "--email",
        "ann@acme.example",
        "--admin",
    ];
    succeeded(cli(data_dir, &admin, &format!("{password}\n")));
    let token = [
        "token",
        "create",
        "--tenant",
        "acme",
        "--name",
        "load",
        "--scope",
        "send-read",
    ];
    succeeded(cli(data_dir, &token, "")).trim().to_owned()
}

impl Server {
    /// Signs `email` in; returns the session cookie (`mw_session=...`).
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post(
            "/api/auth/sign-in",
            json!({ "form": { "email": email, "password": password } }),
            None,
        )
        .await
        .unwrap()
    }

    pub async fn session(&self, email: &str, password: &str) -> String {
        let signed_in = self.sign_in(email, password).await;
        assert_eq!(signed_in.status(), 200);
        signed_in
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("mw_session="))
            .and_then(|v| v.split(';').next())
            .unwrap()
            .to_owned()
    }

    /// Saves an SMTP provider on `port` of 127.0.0.1 with no TLS and no AUTH (the SMTP test
    /// server's plain listener), based on `based_on`. Returns the reply.
    pub async fn save_plain_smtp(
        &self,
        cookie: &str,
        port: u16,
        based_on: Value,
    ) -> reqwest::Response {
        self.save_paced_smtp(cookie, port, based_on, "").await
    }

    /// [`Server::save_plain_smtp`] with a sending limit (messages a minute; "" for none).
    pub async fn save_paced_smtp(
        &self,
        cookie: &str,
        port: u16,
        based_on: Value,
        per_minute: &str,
    ) -> reqwest::Response {
        let form = json!({
            "host": "127.0.0.1", "port": port.to_string(), "security": "None",
            "sender_email": "reports@acme.example", "sender_name": "", "auth_enabled": false,
            "username_same_as_sender": true, "username": "", "password": "",
            "rate_per_minute": per_minute,
        });
        self.post(
            "/api/email-provider/smtp",
            json!({ "form": form, "based_on": based_on }),
            Some(cookie),
        )
        .await
        .unwrap()
    }

    /// Posts `count` messages (subjects `<prefix> #n`) through the API in batches of 500.
    pub async fn post_messages(&self, token: &str, prefix: &str, count: usize) {
        let http = reqwest::Client::new();
        for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
            let messages: Vec<Value> = chunk
                .iter()
                .map(|n| json!({ "to": [format!("user{n}@example.org")], "subject": format!("{prefix} #{n}"),
                                 "text": "x".repeat(2000), "category": "notification" }))
                .collect();
            let reply = http
                .post(format!("{}/api/v1/messages/batch", self.base))
                .bearer_auth(token)
                .json(&json!({ "messages": messages }))
                .send()
                .await
                .unwrap();
            assert_eq!(reply.status(), 202);
        }
    }
}

/// Subject number → the Message-IDs `<prefix> #n` arrived with (one per arrival), from the SMTP
/// test server's stored messages (what [`Server::post_messages`] sent).
pub fn arrivals(
    messages: &[Value],
    prefix: &str,
) -> std::collections::BTreeMap<usize, Vec<String>> {
    let subject = format!("Subject: {prefix} #");
    let mut seen: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for message in messages {
        let data = message["data"].as_str().unwrap_or_default();
        let header = |name: &str| {
            data.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(str::to_owned)
        };
        if let Some(n) = header(&subject).and_then(|n| n.trim().parse().ok()) {
            seen.entry(n)
                .or_default()
                .push(header("Message-ID: ").unwrap_or_default());
        }
    }
    seen
}

/// Waits (up to 90 s) until all of `count` messages `<prefix> #n` have arrived; `messages`
/// reads the SMTP test server's store.
pub async fn wait_for_arrivals(
    messages: impl Fn() -> Vec<Value>,
    prefix: &str,
    count: usize,
) -> std::collections::BTreeMap<usize, Vec<String>> {
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    loop {
        let seen = arrivals(&messages(), prefix);
        if seen.len() == count {
            return seen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "only {} of {count} arrived",
            seen.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
