//! Test support: the real router on 127.0.0.1 with a fresh database, tenants and users, and a
//! small HTTP client that keeps one session cookie per user.
#![allow(dead_code)] // each test binary uses a different part of it

pub mod binary;

use app::auth::AuthState;
use app::crypto::{SecretBox, SecretKey};
use app::domain::account::Role;
use app::mail::microsoft::{HttpTimeouts, MicrosoftClient, MicrosoftEndpoints};
use app::mail::tls::TlsTrust;
use app::state::AppState;
use leptos::prelude::LeptosOptions;
use reqwest::header::{HeaderMap, HeaderValue, COOKIE, SET_COOKIE};
use serde_json::Value;
use std::net::SocketAddr;

pub const PASSWORD: &str = "correct horse battery staple";

/// An SMTP form as the page sends it, on port 9: with host 127.0.0.1, where nothing listens
/// there, a test send fails fast without leaving the machine.
pub fn smtp_form(host: &str, password: &str) -> Value {
    let form = app::domain::smtp::SmtpForm {
        host: host.into(),
        port: "9".into(),
        security: app::domain::smtp::SmtpSecurity::None,
        sender_email: "reports@example.com".into(),
        auth_enabled: true,
        username_same_as_sender: true,
        password: password.into(),
        ..app::domain::smtp::SmtpForm::suggested()
    };
    serde_json::to_value(form).unwrap()
}

/// A Microsoft client whose identity platform and Graph are both at `base` (the stand-in).
pub fn microsoft_at(base: &str) -> MicrosoftClient {
    MicrosoftClient::new(
        MicrosoftEndpoints::new(base, base).unwrap(),
        HttpTimeouts::default(),
    )
    .unwrap()
}

/// The Microsoft 365 form of the stand-in's working app (`ms`: the fixtures the SMTP test
/// server reports), sending as the fixture mailbox `mailbox`, with `secret_expires_on`.
pub fn stand_in_graph_form(ms: &Value, mailbox: &str, secret_expires_on: &str) -> Value {
    let f = &ms["fixtures"];
    serde_json::json!({
        "sender_email": f["mailboxes"][mailbox],
        "app": { "tenant_id": f["tenant_id"], "client_id": f["apps"]["sender"]["client_id"],
                 "client_secret": f["apps"]["sender"]["secret"],
                 "secret_expires_on": secret_expires_on },
    })
}

/// Saves `form` as the tenant's first provider (Microsoft 365), as `admin`.
pub async fn save_first_microsoft365(app: &TestApp, admin: &str, form: &Value) {
    let body = serde_json::json!({ "form": form, "based_on": null });
    let saved = app
        .post("/api/email-provider/microsoft365", &body, Some(admin), &[])
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
    server: tokio::task::JoinHandle<()>,
    worker: Option<tokio::task::JoinHandle<()>>,
    /// The background health check, when `Options.outbox.health_every` is set.
    health: Option<tokio::task::JoinHandle<()>>,
}

/// How a [`TestApp`] starts.
#[derive(Default)]
pub struct Options {
    pub public_url: Option<String>,
    pub outbox: app::outbox::OutboxConfig,
    /// Whom SMTP TLS trusts (default: the public roots).
    pub smtp_trust: Option<TlsTrust>,
    /// Run the outbox worker, as `mailwright serve` does.
    pub worker: bool,
    /// Where Microsoft is (default: a closed local port).
    pub microsoft: Option<MicrosoftClient>,
    /// Files (path under the site root, content) in place before the server starts.
    pub site_files: Vec<(String, Vec<u8>)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        for task in [&self.worker, &self.health].into_iter().flatten() {
            task.abort();
        }
    }
}

/// A response as the tests look at it.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The session token this response sets, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("mw_session="))
            .map(|v| v.split(';').next().unwrap_or_default().to_owned())
            .filter(|v| !v.is_empty())
    }
}

impl TestApp {
    /// The real router, a new database, tenants `acme` and `globex`, and their users.
    pub async fn start() -> Self {
        Self::start_with_public_url(None).await
    }

    /// Like [`TestApp::start`], with users reaching the app at `public_url` (default: the
    /// server's own http address).
    pub async fn start_with_public_url(public_url: Option<&str>) -> Self {
        Self::start_with(Options {
            public_url: public_url.map(str::to_owned),
            ..Options::default()
        })
        .await
    }

    pub async fn start_with(options: Options) -> Self {
        let Options {
            public_url,
            outbox,
            smtp_trust,
            worker,
            microsoft,
            site_files,
        } = options;
        // Server logs appear with a failing test's output (MAILWRIGHT_LOG=debug for more).
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_env("MAILWRIGHT_LOG")
                    .unwrap_or_else(|_| "warn".into()),
            )
            .try_init();
        let dir = tempfile::tempdir().unwrap();
        for (path, content) in site_files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        let secrets = SecretBox::new(&SecretKey::generate(), None);
        // SQLite in `dir`, or a new PostgreSQL database in the test command's PostgreSQL pass.
        let store = app::store::scratch::open(dir.path(), secrets)
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        // Microsoft is never reached in these tests: a closed local port.
        let microsoft = microsoft.unwrap_or_else(|| microsoft_at("http://127.0.0.1:9"));
        let state = AppState {
            leptos_options: LeptosOptions::builder()
                .output_name("mailwright")
                .site_root(dir.path().to_string_lossy().into_owned())
                .site_pkg_dir("pkg")
                .site_addr(addr)
                .build(),
            store,
            smtp_trust: smtp_trust.unwrap_or_else(TlsTrust::public_roots),
            smtp_timeouts: Default::default(),
            microsoft,
            auth: AuthState::new(public_url.unwrap_or_else(|| format!("http://{addr}"))),
            metrics: Default::default(),
            outbox: app::outbox::Outbox::new(outbox),
        };
        let router = server::http::router(state.clone(), dir.path());
        let server = tokio::spawn(async move {
            server::http::serve(listener, router, std::future::pending())
                .await
                .unwrap();
        });
        let worker = worker.then(|| app::outbox::worker::spawn(state.clone()));
        let health = app::provider_health::spawn(state.clone());
        let app = Self {
            worker,
            health,
            base: format!("http://{addr}"),
            state,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            _dir: dir,
            server,
        };
        app.add_tenant("acme", "Acme").await;
        app.add_tenant("globex", "Globex").await;
        app.add_user("acme", "ann@acme.example", Role::Admin).await;
        app.add_user("acme", "max@acme.example", Role::Member).await;
        app.add_user("globex", "gus@globex.example", Role::Admin)
            .await;
        app
    }

    /// The folder the router serves static files from.
    pub fn site_root(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// GETs `path` with no particular Accept header (assets, operator endpoints).
    pub async fn get(&self, path: &str) -> Reply {
        reply(
            self.http
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn add_tenant(&self, id: &str, name: &str) {
        self.state
            .store
            .add_tenant(id, name, "2026-11-22T00:00:00Z")
            .await
            .unwrap();
    }

    pub async fn add_user(&self, tenant: &str, email: &str, role: Role) {
        let hash = app::auth::password::hash(PASSWORD.into()).await.unwrap();
        self.state
            .store
            .add_user(tenant, email, &hash, role, "2026-11-22T00:00:00Z")
            .await
            .unwrap();
    }

    /// POSTs JSON to `path` with the session `token` (if any) and extra headers.
    pub async fn post(
        &self,
        path: &str,
        body: &Value,
        token: Option<&str>,
        headers: &[(&'static str, &str)],
    ) -> Reply {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(token) = token {
            request = request.header(COOKIE, format!("mw_session={token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, HeaderValue::from_str(value).unwrap());
        }
        reply(request.send().await.unwrap()).await
    }

    /// POSTs `body` (URL-encoded) as a browser submits a plain HTML form.
    pub async fn post_form(&self, path: &str, body: &str, token: Option<&str>) -> Reply {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("sec-fetch-site", "same-origin")
            .body(body.to_owned());
        if let Some(token) = token {
            request = request.header(COOKIE, format!("mw_session={token}"));
        }
        reply(request.send().await.unwrap()).await
    }

    /// GETs a page as a browser navigation would.
    pub async fn page(&self, path: &str, token: Option<&str>) -> Reply {
        let mut request = self
            .http
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html");
        if let Some(token) = token {
            request = request.header(COOKIE, format!("mw_session={token}"));
        }
        reply(request.send().await.unwrap()).await
    }

    /// Signs in through the API and returns the session token.
    pub async fn sign_in(&self, email: &str) -> String {
        let reply = self.sign_in_with(email, PASSWORD).await;
        assert_eq!(
            reply.status, 200,
            "{email} could not sign in: {}",
            reply.body
        );
        reply.session_cookie().expect("a session cookie")
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> Reply {
        self.post(
            "/api/auth/sign-in",
            &serde_json::json!({ "form": { "email": email, "password": password } }),
            None,
            &[],
        )
        .await
    }
}

async fn reply(response: reqwest::Response) -> Reply {
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}
