//! Command line and environment configuration.

use anyhow::Context;
use app::crypto::{load_keys, SecretBox};
use app::mail::microsoft::{
    HttpTimeouts, MicrosoftClient, MicrosoftEndpoints, PUBLIC_GRAPH, PUBLIC_LOGIN,
};
use app::mail::tls::TlsTrust;
use app::store::{is_postgres_url, PoolSettings, Store};
use clap::{Args, Parser, Subcommand};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Mailwright: the email-provider settings service.
#[derive(Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Log lines as text for people, or one JSON object per line for log collectors.
    #[arg(
        long,
        global = true,
        env = "MAILWRIGHT_LOG_FORMAT",
        default_value = "text"
    )]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web app and API (the default).
    Serve(ServeArgs),
    /// Re-encrypt every stored secret under a new key. Stop the server first. With a key file,
    /// a new key replaces it; with MAILWRIGHT_SECRET_KEY, put the new key (base64 of 32 bytes)
    /// in MAILWRIGHT_NEW_SECRET_KEY, then use it as MAILWRIGHT_SECRET_KEY afterwards.
    RotateKey(StorageArgs),
    /// Manage tenants (organizations).
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Manage users. A password is read from standard input (one line).
    #[command(subcommand)]
    User(UserCommand),
    /// Manage the API tokens other parts of the platform send messages with.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Copy every row of one database (for example sqlite:data/mailwright.db) into a new, empty
    /// one (for example postgres://...), in one transaction, and check the row counts. Stop the
    /// server first. The secrets are copied encrypted: use the same key with the new database.
    CopyDatabase(CopyArgs),
    /// Print every text of the five languages as JSON ({"fr": {"account.sign_in": "…"}}), for
    /// translators and tests.
    Catalog,
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it (it is shown this once; only a digest is kept).
    Create {
        #[arg(long)]
        tenant: String,
        /// What the token is for, for example "Report scheduler".
        #[arg(long)]
        name: String,
        /// `send`, or `send-read` to also read message status.
        #[arg(long, default_value = "send")]
        scope: TokenScopeArg,
        /// Days until the token stops working (default: never).
        #[arg(long)]
        expires_in_days: Option<u32>,
        #[command(flatten)]
        storage: StorageArgs,
    },
    /// List a tenant's live tokens.
    List {
        #[arg(long)]
        tenant: String,
        #[command(flatten)]
        storage: StorageArgs,
    },
    /// Revoke a token by its id (from `token list`).
    Revoke {
        #[arg(long)]
        tenant: String,
        id: i64,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TokenScopeArg {
    Send,
    SendRead,
}

#[derive(Subcommand)]
pub enum TenantCommand {
    /// Add a tenant.
    Add {
        /// Short identifier: lowercase letters, digits and hyphens.
        id: String,
        /// Display name, for example "Acme Corporation".
        #[arg(long)]
        name: String,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user to a tenant, reading the password from standard input.
    Add {
        /// The tenant's identifier.
        #[arg(long)]
        tenant: String,
        /// The address the user signs in with.
        #[arg(long)]
        email: String,
        /// Make the user an admin of the tenant (admins manage email settings).
        #[arg(long)]
        admin: bool,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

/// `mailwright` without a subcommand serves, with the same flags and environment variables.
impl Default for Command {
    fn default() -> Self {
        #[derive(Parser)]
        struct ServeOnly {
            #[command(flatten)]
            args: ServeArgs,
        }
        Self::Serve(ServeOnly::parse_from(std::env::args().take(1)).args)
    }
}

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "MAILWRIGHT_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    #[command(flatten)]
    pub storage: StorageArgs,

    /// Directory with the built site (the wasm, js and css under pkg/).
    #[arg(long, env = "MAILWRIGHT_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// PEM file with extra CA certificates to trust for SMTP TLS (an internal CA).
    #[arg(long, env = "MAILWRIGHT_SMTP_CA_FILE")]
    pub smtp_ca_file: Option<PathBuf>,

    /// Microsoft identity platform authority (national clouds: login.microsoftonline.us, ...).
    #[arg(long, env = "MAILWRIGHT_MICROSOFT_LOGIN_URL", default_value = PUBLIC_LOGIN)]
    pub microsoft_login_url: String,

    /// Microsoft Graph base URL (national clouds: graph.microsoft.us, ...).
    #[arg(long, env = "MAILWRIGHT_MICROSOFT_GRAPH_URL", default_value = PUBLIC_GRAPH)]
    pub microsoft_graph_url: String,

    /// The address users reach Mailwright at, for links in emails (password reset, setup).
    /// Defaults to http://<addr>. With https://, session cookies are marked Secure.
    #[arg(long, env = "MAILWRIGHT_PUBLIC_URL")]
    pub public_url: Option<String>,

    #[command(flatten)]
    pub outbox: OutboxArgs,
}

/// How the outbox sends messages posted to the API.
#[derive(Args)]
pub struct OutboxArgs {
    /// Seconds to wait after a message's first temporary failure; the wait doubles with each
    /// further failure, up to an hour.
    #[arg(long, env = "MAILWRIGHT_RETRY_FIRST_SECONDS", default_value_t = 30)]
    pub retry_first_seconds: u64,

    /// Hours a message keeps being retried before it is marked failed.
    #[arg(long, env = "MAILWRIGHT_RETRY_HOURS", default_value_t = 24)]
    pub retry_hours: u64,

    /// Days the delivery log keeps sent and failed messages.
    #[arg(long, env = "MAILWRIGHT_DELIVERY_LOG_DAYS", default_value_t = 30)]
    pub delivery_log_days: u64,

    /// SMTP connections one tenant's messages are sent over at once.
    #[arg(long, env = "MAILWRIGHT_SMTP_CONNECTIONS", default_value_t = 4)]
    pub smtp_connections: usize,

    /// Seconds a claimed message stays with the process that claimed it. If that process dies,
    /// another (or the restarted one) sends the message once this has passed. A message not
    /// started within half of it goes back to the queue; keep it above twice the 30 s a send
    /// may take.
    #[arg(long, env = "MAILWRIGHT_OUTBOX_LEASE_SECONDS", default_value_t = 120)]
    pub outbox_lease_seconds: u64,

    /// Minutes between background checks of each tenant's provider (connect and sign in, send
    /// nothing; ±10% jitter), also run after each save. 0 turns them off.
    #[arg(long, env = "MAILWRIGHT_HEALTH_CHECK_MINUTES", default_value_t = 15)]
    pub health_check_minutes: u64,

    /// Microsoft 365: messages a sender mailbox sends a minute (Exchange Online allows 30).
    #[arg(
        long,
        env = "MAILWRIGHT_GRAPH_MESSAGES_PER_MINUTE",
        default_value_t = 30
    )]
    pub graph_messages_per_minute: u32,

    /// Microsoft 365: recipients a sender mailbox sends to in 24 hours (Exchange Online allows
    /// 10,000).
    #[arg(
        long,
        env = "MAILWRIGHT_GRAPH_RECIPIENTS_PER_DAY",
        default_value_t = 10_000
    )]
    pub graph_recipients_per_day: u32,
}

impl OutboxArgs {
    pub fn config(&self) -> app::outbox::OutboxConfig {
        use std::time::Duration;
        let defaults = app::outbox::OutboxConfig::default();
        app::outbox::OutboxConfig {
            retry: app::outbox::retry::RetryPolicy {
                first: Duration::from_secs(self.retry_first_seconds),
                give_up_after: Duration::from_secs(self.retry_hours * 3600),
                ..defaults.retry
            },
            retention: Duration::from_secs(self.delivery_log_days * 24 * 3600),
            smtp_connections: self.smtp_connections.max(1),
            lease: Duration::from_secs(self.outbox_lease_seconds.max(1)),
            graph_limits: app::outbox::pacing::Limits {
                per_minute: self.graph_messages_per_minute.max(1),
                recipients_per_day: self.graph_recipients_per_day,
            },
            health_every: (self.health_check_minutes > 0)
                .then(|| Duration::from_secs(self.health_check_minutes * 60)),
            ..defaults
        }
    }
}

/// `mailwright copy-database`.
#[derive(Args)]
pub struct CopyArgs {
    /// The database to copy (sqlite:PATH or postgres://...).
    #[arg(long)]
    pub from: String,
    /// The new, empty database (refused when any table has a row).
    #[arg(long)]
    pub to: String,
    /// The secret key, to check that the copied secrets still decrypt.
    #[command(flatten)]
    pub storage: StorageArgs,
}

/// Where data and the secret key are.
#[derive(Args)]
pub struct StorageArgs {
    /// Directory for the SQLite database and the secret key file (created on first start).
    #[arg(long, env = "MAILWRIGHT_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Database URL: sqlite:PATH, or postgres://USER:PASSWORD@HOST:PORT/DATABASE for several
    /// instances on one database (then MAILWRIGHT_SECRET_KEY or --secret-key-file is required).
    /// Overrides --data-dir for the database.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// A file holding the key that encrypts stored secrets (base64 of 32 bytes), for example a
    /// systemd credential; read, never written. MAILWRIGHT_SECRET_KEY takes precedence.
    #[arg(long, env = "MAILWRIGHT_SECRET_KEY_FILE")]
    pub secret_key_file: Option<PathBuf>,

    /// Database connections that read at once (one more writes).
    #[arg(long, env = "MAILWRIGHT_DB_POOL_SIZE", default_value_t = 4)]
    pub db_pool_size: u32,

    /// Seconds a statement waits for the database lock another process holds before it fails.
    #[arg(
        long,
        env = "MAILWRIGHT_DB_STATEMENT_TIMEOUT_SECONDS",
        default_value_t = 5
    )]
    pub db_statement_timeout_seconds: u64,
}

/// The key that encrypts stored secrets, when not in `<data-dir>/secret.key`. Read from the
/// environment only: a command-line flag would show it in the process list.
pub const SECRET_KEY_ENV: &str = "MAILWRIGHT_SECRET_KEY";

/// Why the server does not start on PostgreSQL without a given key.
pub const SHARED_KEY_REQUIRED: &str = "with PostgreSQL, set MAILWRIGHT_SECRET_KEY (or \
     --secret-key-file) to the key every instance shares (base64 of 32 bytes, for example \
     `openssl rand -base64 32`): a key file made in this machine's data directory would differ \
     from the other instances' keys, and they could not read each other's secrets";

impl StorageArgs {
    /// The secret keys: `MAILWRIGHT_SECRET_KEY`, `--secret-key-file`, or the key file in the
    /// data directory (created if missing).
    pub fn secret_box(&self) -> anyhow::Result<SecretBox> {
        let given = self.given_key()?;
        if given.is_none() && self.uses_postgres() {
            anyhow::bail!(SHARED_KEY_REQUIRED);
        }
        load_keys(&self.data_dir, given.as_deref())
    }

    /// Whether the database is PostgreSQL (several instances may share it).
    pub fn uses_postgres(&self) -> bool {
        self.database_url.as_deref().is_some_and(is_postgres_url)
    }

    /// The key given from outside (environment or `--secret-key-file`), if any, as text.
    pub fn given_key(&self) -> anyhow::Result<Option<String>> {
        if let Ok(key) = std::env::var(SECRET_KEY_ENV) {
            return Ok(Some(key));
        }
        self.secret_key_file
            .as_ref()
            .map(|path| {
                std::fs::read_to_string(path)
                    .map(|text| text.trim().to_owned())
                    .with_context(|| {
                        format!("could not read the secret key file {}", path.display())
                    })
            })
            .transpose()
    }

    pub async fn open_store(&self, secrets: SecretBox) -> anyhow::Result<Store> {
        let settings = PoolSettings {
            readers: self.db_pool_size.max(1),
            statement_timeout: Duration::from_secs(self.db_statement_timeout_seconds.max(1)),
        };
        let file = self.data_dir.join("mailwright.db");
        match &self.database_url {
            Some(url) => Store::open_url(url, secrets, settings).await,
            None => Store::open_file_with(&file, secrets, settings).await,
        }
        .with_context(|| "could not open the database")
    }
}

impl ServeArgs {
    pub async fn open_store(&self) -> anyhow::Result<Store> {
        self.storage.open_store(self.storage.secret_box()?).await
    }

    pub fn smtp_trust(&self) -> anyhow::Result<TlsTrust> {
        match &self.smtp_ca_file {
            Some(path) => TlsTrust::from_pem_file(path),
            None => Ok(TlsTrust::public_roots()),
        }
    }

    pub fn microsoft(&self) -> anyhow::Result<MicrosoftClient> {
        let endpoints =
            MicrosoftEndpoints::new(&self.microsoft_login_url, &self.microsoft_graph_url)
                .map_err(|e| anyhow::anyhow!("invalid Microsoft URL: {e}"))?;
        MicrosoftClient::new(endpoints, HttpTimeouts::default())
    }

    /// `--public-url` without a trailing slash, checked to be an http(s) URL.
    pub fn public_url(&self) -> anyhow::Result<String> {
        let url = match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.addr),
        };
        anyhow::ensure!(
            url.starts_with("http://") || url.starts_with("https://"),
            "--public-url must start with http:// or https://, for example https://mail.example.com"
        );
        Ok(url)
    }

    pub fn leptos_options(&self) -> anyhow::Result<LeptosOptions> {
        Ok(LeptosOptions::builder()
            .output_name("mailwright")
            .site_root(self.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(self.addr)
            .build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults_need_no_configuration() {
        let cli = Cli::try_parse_from(["mailwright", "serve"]).unwrap();
        let Some(Command::Serve(args)) = cli.command else {
            panic!("serve expected")
        };
        assert_eq!(args.addr, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(args.storage.data_dir, PathBuf::from("data"));
        assert_eq!(args.storage.database_url, None);
        assert_eq!(args.smtp_ca_file, None);
        let microsoft = args.microsoft().unwrap();
        assert_eq!(
            microsoft.endpoints().login.as_str(),
            "https://login.microsoftonline.com/"
        );
        assert_eq!(
            microsoft.endpoints().graph.as_str(),
            "https://graph.microsoft.com/"
        );
    }

    #[test]
    fn microsoft_urls_are_configurable_and_checked() {
        let parse = |login: &str| {
            let cli = Cli::try_parse_from(["mailwright", "serve", "--microsoft-login-url", login])
                .unwrap();
            let Some(Command::Serve(args)) = cli.command else {
                panic!("serve expected")
            };
            args.microsoft().map(|m| m.endpoints().login.to_string())
        };
        assert_eq!(
            parse("https://login.microsoftonline.us").unwrap(),
            "https://login.microsoftonline.us/"
        );
        assert!(parse("login.microsoftonline.us").is_err());
        assert!(parse("ftp://login.example").is_err());
    }

    #[test]
    fn flags_override_defaults() {
        let cli = Cli::try_parse_from([
            "mailwright",
            "serve",
            "--addr",
            "127.0.0.1:8080",
            "--data-dir",
            "/srv/mw",
        ])
        .unwrap();
        let Some(Command::Serve(args)) = cli.command else {
            panic!("serve expected")
        };
        assert_eq!(args.addr.port(), 8080);
        assert_eq!(args.storage.data_dir, PathBuf::from("/srv/mw"));
    }

    #[test]
    fn a_bad_address_is_refused_with_a_message() {
        let err = Cli::try_parse_from(["mailwright", "serve", "--addr", "not-an-address"])
            .err()
            .unwrap();
        assert!(err.to_string().contains("--addr"), "{err}");
    }
}
