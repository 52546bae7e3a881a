//! The transcript of one send: every line Mailwright and the server exchanged, recorded from
//! the plain-text side of the connection, with secrets blanked as they are recorded (so they
//! are never stored, logged or shown). AUTH arguments and every line of the AUTH exchange are
//! replaced by `********`; the message itself is summarized by its size.

use crate::domain::test_email::{Speaker, TranscriptLine};
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

pub const BLANK: &str = "********";
/// A transcript is for reading: very long exchanges are cut.
const MAX_LINES: usize = 200;
const MAX_LINE_CHARS: usize = 400;

#[derive(Clone, Default)]
pub struct Transcript(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    lines: Vec<TranscriptLine>,
    from_client: Vec<u8>,
    from_server: Vec<u8>,
    phase: Phase,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    #[default]
    Commands,
    /// After AUTH, until the server's final reply: client lines are credentials.
    Authenticating,
    /// After DATA's 354: the message, counted, not recorded.
    Message { bytes: usize },
}

impl Transcript {
    pub fn lines(&self) -> Vec<TranscriptLine> {
        self.lock().lines.clone()
    }

    /// Mailwright's own remark, such as a TLS handshake or an HTTP request it made.
    pub fn note(&self, text: impl Into<String>) {
        self.lock().push(Speaker::Note, text.into());
    }

    /// A line the client sent or the server answered, recorded as is (no protocol blanking):
    /// for exchanges that are not SMTP, whose callers blank secrets themselves.
    pub fn line(&self, from: Speaker, text: impl Into<String>) {
        self.lock().push(from, text.into());
    }

    fn client_bytes(&self, bytes: &[u8]) {
        let mut guard = self.lock();
        let state = &mut *guard;
        for &byte in bytes {
            if let Phase::Message { bytes } = &mut state.phase {
                *bytes += 1;
                let size = *bytes;
                state.from_client.push(byte);
                if state.from_client.ends_with(b"\r\n.\r\n") {
                    state.from_client.clear();
                    state.phase = Phase::Commands;
                    // The size as sent, without the final ".\r\n".
                    let size = size - 3;
                    state.push(Speaker::Client, format!("(the message, {size} bytes)"));
                    state.push(Speaker::Client, ".".into());
                } else if state.from_client.len() > 5 {
                    state.from_client.remove(0);
                }
                continue;
            }
            state.from_client.push(byte);
            if byte == b'\n' {
                let line = take_line(&mut state.from_client);
                state.client_line(line);
            }
        }
    }

    fn server_bytes(&self, bytes: &[u8]) {
        let mut state = self.lock();
        for &byte in bytes {
            state.from_server.push(byte);
            if byte == b'\n' {
                let line = take_line(&mut state.from_server);
                state.server_line(line);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn take_line(buffer: &mut Vec<u8>) -> String {
    let line = String::from_utf8_lossy(buffer).trim_end().to_owned();
    buffer.clear();
    line
}

impl State {
    fn push(&mut self, from: Speaker, mut text: String) {
        if self.lines.len() >= MAX_LINES {
            return;
        }
        if self.lines.len() == MAX_LINES - 1 {
            text = "(transcript cut here)".into();
        } else if text.chars().count() > MAX_LINE_CHARS {
            text = text.chars().take(MAX_LINE_CHARS).chain(['…']).collect();
        }
        self.lines.push(TranscriptLine { from, text });
    }

    fn client_line(&mut self, line: String) {
        if self.phase == Phase::Authenticating {
            return self.push(Speaker::Client, BLANK.into());
        }
        let mut words = line.splitn(3, ' ');
        if words.next().is_some_and(|w| w.eq_ignore_ascii_case("AUTH")) {
            self.phase = Phase::Authenticating;
            let mechanism = words.next().unwrap_or_default().to_owned();
            let text = match words.next() {
                Some(_) => format!("AUTH {mechanism} {BLANK}"),
                None => format!("AUTH {mechanism}"),
            };
            return self.push(Speaker::Client, text);
        }
        self.push(Speaker::Client, line);
    }

    fn server_line(&mut self, line: String) {
        let code = line.get(..3).and_then(|c| c.parse::<u16>().ok());
        let last_line = line.as_bytes().get(3) != Some(&b'-');
        match (self.phase, code) {
            // 334: the server asks for the next credential; anything else ends AUTH.
            (Phase::Authenticating, Some(334)) => {}
            (Phase::Authenticating, Some(_)) if last_line => self.phase = Phase::Commands,
            (Phase::Commands, Some(354)) => {
                self.phase = Phase::Message { bytes: 0 };
                self.from_client.clear();
            }
            _ => {}
        }
        self.push(Speaker::Server, line);
    }
}

/// A connection that copies what crosses it into a [`Transcript`]. Put it on the plain-text
/// side: under TLS it would record ciphertext.
#[derive(Debug)]
pub struct Recorder<S> {
    inner: S,
    transcript: Transcript,
}

impl std::fmt::Debug for Transcript {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Transcript")
    }
}

impl<S> Recorder<S> {
    pub fn new(inner: S, transcript: Transcript) -> Self {
        Self { inner, transcript }
    }

    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: lettre::transport::smtp::client::AsyncTokioStream>
    lettre::transport::smtp::client::AsyncTokioStream for Recorder<S>
{
    fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.inner.peer_addr()
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Recorder<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = result {
            self.transcript.server_bytes(&buf.filled()[before..]);
        }
        result
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Recorder<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(written)) = result {
            self.transcript.client_bytes(&buf[..written]);
        }
        result
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(transcript: &Transcript) -> Vec<String> {
        transcript
            .lines()
            .into_iter()
            .map(|l| format!("{:?}: {}", l.from, l.text))
            .collect()
    }

    #[test]
    fn auth_is_blanked_and_the_message_summarized() {
        let t = Transcript::default();
        t.server_bytes(b"220 mx.example ESMTP\r\n");
        t.client_bytes(b"EHLO client\r\n");
        t.server_bytes(b"250-mx.example\r\n250 AUTH PLAIN LOGIN\r\n");
        t.client_bytes(b"AUTH PLAIN AGFubgBzM2NyZXQ=\r\n");
        t.server_bytes(b"535 5.7.8 bad credentials\r\n");
        t.client_bytes(b"AUTH LOGIN\r\n");
        t.server_bytes(b"334 VXNlcm5hbWU6\r\n");
        t.client_bytes(b"YW5u\r\n");
        t.server_bytes(b"334 UGFzc3dvcmQ6\r\n");
        // Written in two pieces, as a socket may.
        t.client_bytes(b"czNj");
        t.client_bytes(b"cmV0\r\n");
        t.server_bytes(b"235 2.7.0 ok\r\n");
        t.client_bytes(b"MAIL FROM:<a@x.example>\r\n");
        t.server_bytes(b"250 ok\r\n");
        t.client_bytes(b"DATA\r\n");
        t.server_bytes(b"354 go ahead\r\n");
        t.client_bytes(b"Subject: hi\r\n\r\nbody AUTH PLAIN x\r\n.\r\n");
        t.server_bytes(b"250 2.0.0 queued\r\n");
        t.client_bytes(b"QUIT\r\n");
        assert_eq!(
            shown(&t),
            [
                "Server: 220 mx.example ESMTP",
                "Client: EHLO client",
                "Server: 250-mx.example",
                "Server: 250 AUTH PLAIN LOGIN",
                "Client: AUTH PLAIN ********",
                "Server: 535 5.7.8 bad credentials",
                "Client: AUTH LOGIN",
                "Server: 334 VXNlcm5hbWU6",
                "Client: ********",
                "Server: 334 UGFzc3dvcmQ6",
                "Client: ********",
                "Server: 235 2.7.0 ok",
                "Client: MAIL FROM:<a@x.example>",
                "Server: 250 ok",
                "Client: DATA",
                "Server: 354 go ahead",
                "Client: (the message, 34 bytes)",
                "Client: .",
                "Server: 250 2.0.0 queued",
                "Client: QUIT",
            ]
        );
    }

    #[test]
    fn long_exchanges_are_cut() {
        let t = Transcript::default();
        for _ in 0..300 {
            t.client_bytes(b"NOOP\r\n");
        }
        let lines = t.lines();
        assert_eq!(lines.len(), MAX_LINES);
        assert_eq!(lines.last().unwrap().text, "(transcript cut here)");
        t.note("x".repeat(1000));
        let long = Transcript::default();
        long.note("x".repeat(1000));
        assert_eq!(long.lines()[0].text.chars().count(), MAX_LINE_CHARS + 1);
    }
}
