//! The plain-text start of an SMTP session with STARTTLS: greeting, EHLO, STARTTLS, TLS
//! handshake. Done here rather than by lettre so the transcript records the whole session
//! decrypted: the recorder sits on the plain side before the handshake and on the TLS
//! stream's plain side after it. lettre then continues on the TLS stream as on a new
//! connection, after the server's greeting is replayed to it (not recorded: it was not sent
//! twice).

use super::error::MailError;
use super::run::Run;
use super::smtp::SmtpTimeouts;
use super::tls::{TlsStream, TlsTrust};
use super::transcript::{Heard, Recorder, Transcript};
use crate::domain::test_email::{FailureCause, SendStep};
use lettre::transport::smtp::client::AsyncTokioStream;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

/// One SMTP reply: its code and its lines' text.
struct Reply {
    code: u16,
    text: String,
}

/// Greeting, EHLO and STARTTLS in plain text, then the TLS handshake. Returns the TLS stream
/// (recorded) with the greeting ready to be read again by lettre.
pub async fn upgrade(
    run: &mut Run,
    tcp: TcpStream,
    host: &str,
    hello: &str,
    trust: &TlsTrust,
    timeouts: &SmtpTimeouts,
    transcript: &Transcript,
) -> Result<Replay<Recorder<TlsStream>>, MailError> {
    let mut plain = Recorder::new(tcp, transcript.clone());
    let heard = plain.heard();
    let mut pending = Vec::new();
    let greeting = run
        .step(SendStep::Greeting, timeouts.reply, async {
            expect_positive(
                SendStep::Greeting,
                read_reply(&mut plain, &mut pending).await,
            )
        })
        .await
        .map_err(|e| e.slow_if_heard(heard.bytes() > 0))?;
    let before_ehlo = heard.bytes();
    let ehlo = run
        .step(SendStep::Greeting, timeouts.reply, async {
            send(&mut plain, SendStep::Greeting, &format!("EHLO {hello}")).await?;
            expect_positive(
                SendStep::Greeting,
                read_reply(&mut plain, &mut pending).await,
            )
        })
        .await
        // The greeting came: a server that then stalls is slow, whatever it sent since.
        .map_err(|e| e.slow_if_heard(before_ehlo > 0))?;
    let offers_starttls = ehlo
        .text
        .lines()
        .any(|line| line.trim().eq_ignore_ascii_case("STARTTLS"));
    if !offers_starttls {
        return Err(MailError::new(
            SendStep::Tls,
            FailureCause::StartTlsNotOffered,
            "the server does not offer STARTTLS",
        ));
    }
    run.step(SendStep::Tls, timeouts.reply, async {
        send(&mut plain, SendStep::Tls, "STARTTLS").await?;
        expect_positive(SendStep::Tls, read_reply(&mut plain, &mut pending).await)
    })
    .await?;
    if !pending.is_empty() {
        // Plain text sent after the STARTTLS reply could be injected by anyone on the path.
        return Err(MailError::new(
            SendStep::Tls,
            FailureCause::Other,
            "the server sent data after agreeing to STARTTLS",
        ));
    }
    let tls = run
        .step(SendStep::Tls, timeouts.tls, async {
            trust
                .connect(host, plain.into_inner())
                .await
                .map_err(|e| MailError::from_tls(SendStep::Tls, &e))
        })
        .await?;
    transcript.note("TLS established (STARTTLS); the rest is shown decrypted");
    let replay = format!("{} {}\r\n", greeting.code, first_line(&greeting.text));
    Ok(Replay {
        pending: replay.into_bytes(),
        inner: Recorder::new(tls, transcript.clone()),
    })
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

fn expect_positive(step: SendStep, reply: Result<Reply, MailError>) -> Result<Reply, MailError> {
    let reply = reply?;
    if (200..400).contains(&reply.code) {
        Ok(reply)
    } else {
        Err(MailError::from_reply(step, reply.code, &reply.text))
    }
}

async fn send<S: AsyncWrite + Unpin>(
    stream: &mut S,
    step: SendStep,
    command: &str,
) -> Result<(), MailError> {
    stream
        .write_all(format!("{command}\r\n").as_bytes())
        .await
        .map_err(|e| MailError::from_io(step, &e))?;
    stream
        .flush()
        .await
        .map_err(|e| MailError::from_io(step, &e))
}

/// Reads one (possibly multi-line) reply. Bytes after it stay in `pending`.
async fn read_reply<S: AsyncRead + Unpin>(
    stream: &mut S,
    pending: &mut Vec<u8>,
) -> Result<Reply, MailError> {
    let mut lines = Vec::new();
    loop {
        while let Some(end) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line).trim_end().to_owned();
            let code = line.get(..3).and_then(|c| c.parse::<u16>().ok());
            let Some(code) = code else {
                return Err(not_smtp(&line));
            };
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line.get(4..).unwrap_or_default().to_owned());
            if last {
                return Ok(Reply {
                    code,
                    text: lines.join("\n"),
                });
            }
        }
        if pending.len() > 64 * 1024 {
            return Err(not_smtp("a reply longer than 64 KiB"));
        }
        let mut chunk = [0u8; 4096];
        let read = stream
            .read(&mut chunk)
            .await
            .map_err(|e| MailError::from_io(SendStep::Greeting, &e))?;
        if read == 0 {
            let eof = io::Error::from(io::ErrorKind::UnexpectedEof);
            return Err(MailError::from_io(SendStep::Greeting, &eof));
        }
        pending.extend_from_slice(&chunk[..read]);
    }
}

fn not_smtp(line: &str) -> MailError {
    MailError::new(
        SendStep::Greeting,
        FailureCause::Other,
        format!("the server did not answer in SMTP: {line}"),
    )
}

/// A stream that first yields `pending`, then reads from `inner`.
#[derive(Debug)]
pub struct Replay<S> {
    pending: Vec<u8>,
    inner: S,
}

impl<T> Replay<Recorder<T>> {
    /// The count of bytes the server sends on the TLS stream.
    pub fn heard(&self) -> Heard {
        self.inner.heard()
    }
}

impl<S: AsyncTokioStream> AsyncTokioStream for Replay<S> {
    fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.inner.peer_addr()
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Replay<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if !self.pending.is_empty() {
            let n = self.pending.len().min(buf.remaining());
            let bytes: Vec<u8> = self.pending.drain(..n).collect();
            buf.put_slice(&bytes);
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Replay<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
