//! Sending email (server only). One trait, [`Mailer`], with one implementation per provider:
//!
//! | provider | implementation | notes |
//! |---|---|---|
//! | SMTP | [`smtp::SmtpMailer`] | lettre, step by step so a failure names its step; password or Microsoft OAuth 2.0 (XOAUTH2) |
//! | Microsoft 365 | [`graph::GraphMailer`] | OAuth 2.0 client credentials + Graph `sendMail` |
//!
//! Every implementation bounds every network step with a timeout ([`run::Run`]) and reports
//! failures as [`MailError`], which never carries a secret.

pub mod certificate;
pub mod error;
pub mod graph;
pub mod message;
pub mod microsoft;
pub mod run;
pub mod smtp;
mod starttls;
pub mod status_codes;
pub mod tls;
pub mod transcript;

pub use error::MailError;
pub use message::OutgoingEmail;
pub use transcript::Transcript;

use async_trait::async_trait;

/// What a connection check verified, and the provider's last answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub scope: crate::domain::connection_check::CheckScope,
    pub reply: String,
}

/// What the provider said when it took a message. Accepted is not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The server's final reply, e.g. `250 2.0.0 Ok: queued as 4XyZ`.
    pub reply: String,
}

#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends `email`, writing the exchange (secrets blanked) into `transcript`, whatever the
    /// outcome.
    async fn send_recorded(
        &self,
        email: &OutgoingEmail,
        transcript: &Transcript,
    ) -> Result<Accepted, MailError>;

    async fn send(&self, email: &OutgoingEmail) -> Result<Accepted, MailError> {
        self.send_recorded(email, &Transcript::default()).await
    }

    /// Sends one message of a run (the outbox's messages of one tenant): a connection may be
    /// kept for the next message. Nothing is recorded. Call [`Mailer::finish_run`] at the end.
    async fn send_next(&self, email: &OutgoingEmail) -> Result<Accepted, MailError> {
        self.send(email).await
    }

    /// Ends a run: closes whatever [`Mailer::send_next`] kept open.
    async fn finish_run(&self) {}

    /// Does everything a send does before the message, and sends nothing (the connection
    /// check), writing the exchange into `transcript`.
    async fn check(&self, transcript: &Transcript) -> Result<Checked, MailError>;
}
