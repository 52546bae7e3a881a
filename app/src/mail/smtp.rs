//! SMTP through lettre's connection API, one step at a time, so that every step has its own
//! timeout and a failure says which step it was. lettre's own timeout covers only the TCP
//! connect (lettre#1027); a silent server would otherwise hang the send forever.

use super::error::MailError;
use super::message::OutgoingEmail;
use super::microsoft::{AppCredentials, MicrosoftClient, Scope};
use super::run::Run;
use super::starttls;
use super::tls::TlsTrust;
use super::transcript::{Heard, Recorder, Transcript};
use super::{Accepted, Checked, Mailer};
use crate::domain::connection_check::CheckScope;
use crate::domain::smtp::{SmtpSecurity, SmtpSettings};
use crate::domain::test_email::{FailureCause, SendStep};
use crate::secret::Secret;
use async_trait::async_trait;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::response::Response;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;

/// Limits for each step and for the whole send.
#[derive(Debug, Clone, Copy)]
pub struct SmtpTimeouts {
    pub dns: Duration,
    pub connect: Duration,
    pub tls: Duration,
    /// Greeting, EHLO, AUTH, MAIL, RCPT: one reply each.
    pub reply: Duration,
    /// Sending the message and waiting for the final reply.
    pub data: Duration,
    /// The whole send, whatever the steps add up to.
    pub total: Duration,
}

impl Default for SmtpTimeouts {
    fn default() -> Self {
        Self {
            dns: Duration::from_secs(5),
            connect: Duration::from_secs(10),
            tls: Duration::from_secs(10),
            reply: Duration::from_secs(10),
            data: Duration::from_secs(20),
            total: Duration::from_secs(30),
        }
    }
}

/// How the mailer authenticates, when `settings.auth` is on.
pub enum SmtpCredential {
    Password(Secret),
    /// XOAUTH2 with a token for Exchange Online, fetched (or taken from the cache) per send.
    /// Each send opens its own connection, so a new token never meets an old session.
    MicrosoftOAuth {
        client: MicrosoftClient,
        credentials: AppCredentials,
    },
}

/// Sends through one SMTP server. `settings.host` and the addresses must already be in ASCII.
pub struct SmtpMailer {
    settings: SmtpSettings,
    credential: Option<SmtpCredential>,
    trust: TlsTrust,
    timeouts: SmtpTimeouts,
    hello: ClientId,
    /// Sessions kept open between the messages of one run (the outbox), ready for MAIL FROM.
    idle: std::sync::Mutex<Vec<AsyncSmtpConnection>>,
}

impl SmtpMailer {
    pub fn new(
        settings: SmtpSettings,
        credential: Option<SmtpCredential>,
        trust: TlsTrust,
        timeouts: SmtpTimeouts,
    ) -> Self {
        Self {
            settings,
            credential,
            trust,
            timeouts,
            hello: ClientId::default(),
            idle: std::sync::Mutex::default(),
        }
    }

    /// The mechanisms to offer and the credentials for them. The OAuth token is fetched before
    /// connecting, so a slow token endpoint never keeps an SMTP session idle.
    async fn credentials(
        &self,
        run: &mut Run,
        login: &str,
    ) -> Result<(&'static [Mechanism], Credentials), MailError> {
        match &self.credential {
            Some(SmtpCredential::MicrosoftOAuth {
                client,
                credentials,
            }) => {
                let (token, _) = client.token(credentials, Scope::Outlook, run).await?;
                let credentials = Credentials::new(login.to_owned(), token.expose().to_owned());
                Ok((&[Mechanism::Xoauth2], credentials))
            }
            Some(SmtpCredential::Password(password)) => {
                let credentials = Credentials::new(login.to_owned(), password.expose().to_owned());
                Ok((&[Mechanism::Plain, Mechanism::Login], credentials))
            }
            None => Ok((
                &[Mechanism::Plain, Mechanism::Login],
                Credentials::new(login.to_owned(), String::new()),
            )),
        }
    }

    /// After Office 365 refused a token (535 5.7.3), says so and drops the token, so the next
    /// send starts with a new one.
    fn explain_oauth_refusal(&self, mut err: MailError) -> MailError {
        if let Some(SmtpCredential::MicrosoftOAuth {
            client,
            credentials,
        }) = &self.credential
        {
            client.forget_token(&credentials.owner, Scope::Outlook);
            if err.cause == FailureCause::AuthRejected {
                err.cause = FailureCause::SmtpOAuthRejected;
            }
        }
        err
    }

    /// Opens the session up to the greeting; silence in plain text gets one TLS probe.
    async fn connect(
        &self,
        run: &mut Run,
        transcript: &Transcript,
    ) -> Result<AsyncSmtpConnection, MailError> {
        match self.connect_once(run, transcript).await {
            Err(e)
                if e.cause == FailureCause::NoGreeting
                    && self.settings.security != SmtpSecurity::Tls =>
            {
                Err(self.explain_silence(run, transcript, e).await)
            }
            result => result,
        }
    }

    async fn connect_once(
        &self,
        run: &mut Run,
        transcript: &Transcript,
    ) -> Result<AsyncSmtpConnection, MailError> {
        let host = self.settings.host.as_str();
        let port = self.settings.port;
        let target = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<SocketAddr> = run
            .step(SendStep::Dns, self.timeouts.dns, async {
                let found = tokio::net::lookup_host((target, port)).await.map_err(|e| {
                    MailError::new(
                        SendStep::Dns,
                        FailureCause::HostNotFound,
                        format!("{host}: {e}"),
                    )
                })?;
                Ok(found.collect())
            })
            .await?;
        let tcp = run
            .step(SendStep::Connect, self.timeouts.connect, async {
                let mut last = None;
                for addr in &addrs {
                    match TcpStream::connect(addr).await {
                        Ok(stream) => {
                            // SMTP is many small writes each awaiting a reply: without this, Nagle
                            // meets delayed ACKs and every exchange waits ~40 ms (measured).
                            let _ = stream.set_nodelay(true);
                            return Ok(stream);
                        }
                        Err(e) => last = Some(MailError::from_io(SendStep::Connect, &e)),
                    }
                }
                Err(last.unwrap_or_else(|| {
                    MailError::new(
                        SendStep::Dns,
                        FailureCause::HostNotFound,
                        format!("{host} has no address"),
                    )
                }))
            })
            .await?;

        transcript.note(match tcp.peer_addr() {
            Ok(peer) => format!("Connected to {peer}"),
            Err(_) => format!("Connected to {host}"),
        });
        let (stream, heard): (Box<dyn AsyncTokioStream>, Heard) = match self.settings.security {
            SmtpSecurity::Tls => {
                let tls = run
                    .step(SendStep::Tls, self.timeouts.tls, async {
                        self.trust
                            .connect(host, tcp)
                            .await
                            .map_err(|e| MailError::from_tls(SendStep::Tls, &e))
                    })
                    .await?;
                transcript.note("TLS established (SSL/TLS); the session is shown decrypted");
                let recorder = Recorder::new(tls, transcript.clone());
                let heard = recorder.heard();
                (Box::new(recorder), heard)
            }
            SmtpSecurity::StartTls => {
                let replay = starttls::upgrade(
                    run,
                    tcp,
                    host,
                    &self.hello.to_string(),
                    &self.trust,
                    &self.timeouts,
                    transcript,
                )
                .await?;
                let heard = replay.heard();
                (Box::new(replay), heard)
            }
            SmtpSecurity::None => {
                let recorder = Recorder::new(tcp, transcript.clone());
                let heard = recorder.heard();
                (Box::new(recorder), heard)
            }
        };
        let hello = &self.hello;
        let conn = run
            .step(SendStep::Greeting, self.timeouts.reply, async {
                AsyncSmtpConnection::connect_with_transport(stream, hello)
                    .await
                    .map_err(|e| MailError::from_smtp(SendStep::Greeting, &e))
            })
            .await
            .map_err(|e| e.slow_if_heard(heard.bytes() > 0))?;
        Ok(conn)
    }

    /// A port that stays silent in plain text may be waiting for a TLS handshake (StartTLS or
    /// None against an SSL/TLS port such as 465). One handshake on a new connection tells: if
    /// the server answers it (even with a certificate this platform does not trust), the
    /// silence becomes "this port speaks SSL/TLS".
    async fn explain_silence(
        &self,
        run: &mut Run,
        transcript: &Transcript,
        silent: MailError,
    ) -> MailError {
        let host = self.settings.host.as_str();
        let target = host.trim_start_matches('[').trim_end_matches(']');
        let port = self.settings.port;
        let answered = run
            .step(SendStep::Greeting, self.timeouts.tls, async {
                let tcp = TcpStream::connect((target, port))
                    .await
                    .map_err(|e| MailError::from_io(SendStep::Connect, &e))?;
                // Any certificate presented, trusted or not, means the port speaks TLS.
                Ok(match self.trust.connect(host, tcp).await {
                    Ok(_) => true,
                    Err(e) => {
                        e.presented.is_some()
                            || MailError::from_io(SendStep::Tls, &e.io).cause
                                == FailureCause::TlsFailed
                    }
                })
            })
            .await
            .unwrap_or(false);
        if !answered {
            return silent;
        }
        transcript.note(format!(
            "No greeting in plain text, but a TLS handshake on port {port} was answered"
        ));
        MailError {
            cause: FailureCause::PortSpeaksTls,
            detail: format!(
                "{}; a TLS handshake on port {port} was answered",
                silent.detail
            ),
            ..silent
        }
    }

    /// Connects and authenticates: a session ready for MAIL FROM.
    async fn open(
        &self,
        run: &mut Run,
        transcript: &Transcript,
    ) -> Result<AsyncSmtpConnection, MailError> {
        let auth = match self.settings.login() {
            Some(login) => Some(self.credentials(run, login).await?),
            None => None,
        };
        let mut conn = self.connect(run, transcript).await?;
        if let Some((mechanisms, credentials)) = auth {
            run.step(SendStep::Authentication, self.timeouts.reply, async {
                conn.auth(mechanisms, &credentials)
                    .await
                    .map_err(|e| MailError::from_smtp(SendStep::Authentication, &e))
            })
            .await
            .map_err(|e| self.explain_oauth_refusal(e))?;
        }
        Ok(conn)
    }

    /// MAIL FROM, RCPT TO for every recipient, DATA: one message on an open session.
    async fn transmit(
        &self,
        run: &mut Run,
        conn: &mut AsyncSmtpConnection,
        (message, from, recipients): &Built,
    ) -> Result<Response, MailError> {
        let smtp_err =
            |step| move |e: lettre::transport::smtp::Error| MailError::from_smtp(step, &e);
        let reply = self.timeouts.reply;
        run.step(SendStep::Sender, reply, async {
            conn.command(Mail::new(Some(from.clone()), vec![]))
                .await
                .map_err(smtp_err(SendStep::Sender))
        })
        .await?;
        for to in recipients {
            run.step(SendStep::Recipient, reply, async {
                conn.command(Rcpt::new(to.clone(), vec![]))
                    .await
                    .map_err(smtp_err(SendStep::Recipient))
            })
            .await?;
        }
        let bytes = message.formatted();
        run.step(SendStep::Data, self.timeouts.data, async {
            conn.command(Data).await.map_err(smtp_err(SendStep::Data))?;
            conn.message(&bytes).await.map_err(smtp_err(SendStep::Data))
        })
        .await
    }

    async fn submit(
        &self,
        run: &mut Run,
        email: &OutgoingEmail,
        transcript: &Transcript,
    ) -> Result<Response, MailError> {
        let built = build(email)?;
        let mut conn = self.open(run, transcript).await?;
        let response = self.transmit(run, &mut conn, &built).await?;
        // The message is accepted; a slow QUIT must not turn that into a failure.
        let _ = tokio::time::timeout(Duration::from_secs(2), conn.quit()).await;
        Ok(response)
    }

    /// Sends on a session kept from an earlier message of this run, or a new one. A kept
    /// session the server has closed meanwhile is replaced once, transparently.
    async fn submit_reusing(
        &self,
        run: &mut Run,
        email: &OutgoingEmail,
    ) -> Result<Response, MailError> {
        let built = build(email)?;
        let kept = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let (mut conn, reused) = match kept {
            Some(conn) => (conn, true),
            None => (self.open(run, &Transcript::off()).await?, false),
        };
        let mut result = self.transmit(run, &mut conn, &built).await;
        if reused && matches!(&result, Err(e) if e.step == SendStep::Sender && e.code.is_none()) {
            conn = self.open(run, &Transcript::off()).await?;
            result = self.transmit(run, &mut conn, &built).await;
        }
        if result.is_ok() {
            self.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(conn);
        }
        // After a refusal the session is dropped: the next message starts clean.
        result
    }
}

/// A built message with its envelope.
type Built = (lettre::Message, lettre::Address, Vec<lettre::Address>);

fn build(email: &OutgoingEmail) -> Result<Built, MailError> {
    email.to_message().map_err(|e| {
        MailError::new(
            SendStep::Sender,
            FailureCause::Other,
            format!("could not build the message: {e}"),
        )
    })
}

fn reply_text(response: &Response) -> String {
    format!(
        "{} {}",
        response.code(),
        response.message().collect::<Vec<_>>().join(" ")
    )
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send_recorded(
        &self,
        email: &OutgoingEmail,
        transcript: &Transcript,
    ) -> Result<Accepted, MailError> {
        let mut run = Run::within(self.timeouts.total);
        let response = self.submit(&mut run, email, transcript).await?;
        Ok(Accepted {
            reply: reply_text(&response),
        })
    }

    async fn send_next(&self, email: &OutgoingEmail) -> Result<Accepted, MailError> {
        let mut run = Run::within(self.timeouts.total);
        let response = self.submit_reusing(&mut run, email).await?;
        Ok(Accepted {
            reply: reply_text(&response),
        })
    }

    async fn check(&self, transcript: &Transcript) -> Result<Checked, MailError> {
        let mut run = Run::within(self.timeouts.total);
        let mut conn = self.open(&mut run, transcript).await?;
        // Signed in: say goodbye before MAIL FROM. A slow QUIT does not undo the check.
        let reply = match tokio::time::timeout(Duration::from_secs(2), conn.quit()).await {
            Ok(Ok(response)) => reply_text(&response),
            _ => String::new(),
        };
        Ok(Checked {
            scope: CheckScope::SmtpSession,
            reply,
        })
    }

    async fn finish_run(&self) {
        let idle: Vec<_> =
            std::mem::take(&mut *self.idle.lock().unwrap_or_else(|e| e.into_inner()));
        for mut conn in idle {
            let _ = tokio::time::timeout(Duration::from_secs(2), conn.quit()).await;
        }
    }
}
