//! The Microsoft identity platform (server only): OAuth 2.0 client-credentials tokens for
//! Microsoft Graph and for SMTP XOAUTH2, cached per tenant and configuration until shortly
//! before they expire. The base URLs are configuration, for national clouds and for tests.

mod token;

use super::error::MailError;
use super::run::Run;
use crate::domain::microsoft::MicrosoftApp;
use crate::secret::Secret;
use reqwest::Url;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// Where Microsoft's services are. Defaults: the public cloud.
#[derive(Debug, Clone)]
pub struct MicrosoftEndpoints {
    /// The identity platform authority, e.g. `https://login.microsoftonline.com`.
    pub login: Url,
    /// Microsoft Graph, e.g. `https://graph.microsoft.com`.
    pub graph: Url,
}

pub const PUBLIC_LOGIN: &str = "https://login.microsoftonline.com";
pub const PUBLIC_GRAPH: &str = "https://graph.microsoft.com";

impl Default for MicrosoftEndpoints {
    fn default() -> Self {
        Self::new(PUBLIC_LOGIN, PUBLIC_GRAPH).expect("the public cloud URLs parse")
    }
}

impl MicrosoftEndpoints {
    /// Both must be absolute http(s) URLs without query or fragment.
    pub fn new(login: &str, graph: &str) -> Result<Self, String> {
        Ok(Self {
            login: base_url(login)?,
            graph: base_url(graph)?,
        })
    }

    /// `{base}/a/b/c`, each segment percent-encoded.
    pub fn join(base: &Url, segments: &[&str]) -> Url {
        let mut url = base.clone();
        url.path_segments_mut()
            .expect("base URLs are http(s)")
            .pop_if_empty()
            .extend(segments);
        url
    }
}

fn base_url(value: &str) -> Result<Url, String> {
    let url = Url::parse(value).map_err(|e| format!("{value}: {e}"))?;
    if !matches!(url.scheme(), "http" | "https")
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(format!("{value}: expected an http(s) URL without query"));
    }
    Ok(url)
}

/// What a token is for: each resource needs its own token (one resource per request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Graph,
    /// Exchange Online SMTP, IMAP and POP.
    Outlook,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Graph => "https://graph.microsoft.com/.default",
            Self::Outlook => "https://outlook.office365.com/.default",
        }
    }
}

/// The app credentials of one Mailwright tenant's configuration.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    /// The Mailwright tenant: tokens are cached per owner.
    pub owner: String,
    pub app: MicrosoftApp,
    pub secret: Secret,
}

/// Limits for token requests and Graph calls.
#[derive(Debug, Clone, Copy)]
pub struct HttpTimeouts {
    pub connect: Duration,
    /// One request, from sending to the full answer.
    pub request: Duration,
}

impl Default for HttpTimeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(15),
        }
    }
}

/// The HTTP client and token cache, shared by every request (cheap to clone).
#[derive(Clone)]
pub struct MicrosoftClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    endpoints: MicrosoftEndpoints,
    timeouts: HttpTimeouts,
    tokens: Mutex<HashMap<(String, Scope), CachedToken>>,
}

struct CachedToken {
    app: MicrosoftApp,
    secret: Secret,
    token: Secret,
    refresh_at: Instant,
}

impl MicrosoftClient {
    pub fn new(endpoints: MicrosoftEndpoints, timeouts: HttpTimeouts) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            // A redirect could carry the client secret's request somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeouts.connect)
            .tcp_nodelay(true)
            .user_agent(concat!("Mailwright/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                endpoints,
                timeouts,
                tokens: Mutex::default(),
            }),
        })
    }

    pub fn endpoints(&self) -> &MicrosoftEndpoints {
        &self.inner.endpoints
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub fn timeouts(&self) -> HttpTimeouts {
        self.inner.timeouts
    }

    /// A token for `scope`: the cached one while it is valid for this exact configuration,
    /// otherwise a new one. Returns whether it came from the cache.
    pub(crate) async fn token(
        &self,
        credentials: &AppCredentials,
        scope: Scope,
        run: &mut Run,
    ) -> Result<(Secret, bool), MailError> {
        if let Some(token) = self.cached(credentials, scope) {
            return Ok((token, true));
        }
        let fresh = token::request(self, credentials, scope, run).await?;
        let lifetime = Duration::from_secs(fresh.expires_in);
        // Renew five minutes early (a tenth of the lifetime for short-lived tokens), so a token
        // never expires between the cache lookup and its use.
        let margin = Duration::from_secs(300).min(lifetime / 10);
        self.lock().insert(
            (credentials.owner.clone(), scope),
            CachedToken {
                app: credentials.app.clone(),
                secret: credentials.secret.clone(),
                token: fresh.access_token.clone(),
                refresh_at: Instant::now() + lifetime - margin,
            },
        );
        Ok((fresh.access_token, false))
    }

    fn cached(&self, credentials: &AppCredentials, scope: Scope) -> Option<Secret> {
        let mut tokens = self.lock();
        let key = (credentials.owner.clone(), scope);
        let entry = tokens.get(&key)?;
        let usable = entry.app == credentials.app
            && entry.secret == credentials.secret
            && Instant::now() < entry.refresh_at;
        if usable {
            Some(entry.token.clone())
        } else {
            tokens.remove(&key);
            None
        }
    }

    /// Drops a token the resource refused, so the next attempt asks for a new one.
    pub(crate) fn forget_token(&self, owner: &str, scope: Scope) {
        self.lock().remove(&(owner.to_owned(), scope));
    }

    /// Drops every token of `owner`: its configuration changed or was deleted.
    pub fn forget(&self, owner: &str) {
        self.lock().retain(|(o, _), _| o != owner);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, Scope), CachedToken>> {
        // A panic while holding the lock cannot leave the map inconsistent: keep using it.
        self.inner.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}
