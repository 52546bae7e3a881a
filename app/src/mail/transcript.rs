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

/// A transcript being recorded, or [`Transcript::off`]: nothing recorded (the outbox sends
/// thousands of messages no one reads a transcript of).
#[derive(Clone)]
pub struct Transcript(Option<Arc<Mutex<State>>>);

impl Default for Transcript {
    fn default() -> Self {
        Self(Some(Arc::default()))
    }
}

#[derive(Default)]
struct State {
    lines: Vec<TranscriptLine>,
    /// The client's unfinished line, or in a message its last bytes (the end may be split).
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

/// The end of a message: CRLF, a dot, CRLF.
const MESSAGE_END: &[u8] = b"\r\n.\r\n";

impl Transcript {
    /// Records nothing.
    pub fn off() -> Self {
        Self(None)
    }

    pub fn lines(&self) -> Vec<TranscriptLine> {
        self.lock().map(|s| s.lines.clone()).unwrap_or_default()
    }

    /// Mailwright's own remark, such as a TLS handshake or an HTTP request it made.
    pub fn note(&self, text: impl Into<String>) {
        if let Some(mut state) = self.lock() {
            state.push(Speaker::Note, text.into());
        }
    }

    /// A line the client sent or the server answered, recorded as is (no protocol blanking):
    /// for exchanges that are not SMTP, whose callers blank secrets themselves.
    pub fn line(&self, from: Speaker, text: impl Into<String>) {
        if let Some(mut state) = self.lock() {
            state.push(from, text.into());
        }
    }

    fn client_bytes(&self, mut bytes: &[u8]) {
        let Some(mut state) = self.lock() else {
            return;
        };
        while let Some((&byte, rest)) = bytes.split_first() {
            if let Phase::Message { .. } = state.phase {
                bytes = state.message_bytes(bytes);
                continue;
            }
            bytes = rest;
            state.from_client.push(byte);
            if byte == b'\n' {
                let line = take_line(&mut state.from_client);
                state.client_line(line);
            }
        }
    }

    fn server_bytes(&self, bytes: &[u8]) {
        let Some(mut state) = self.lock() else {
            return;
        };
        for &byte in bytes {
            state.from_server.push(byte);
            if byte == b'\n' {
                let line = take_line(&mut state.from_server);
                state.server_line(line);
            }
        }
    }

    fn lock(&self) -> Option<std::sync::MutexGuard<'_, State>> {
        let state = self.0.as_ref()?;
        Some(state.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

fn take_line(buffer: &mut Vec<u8>) -> String {
    let line = String::from_utf8_lossy(buffer).trim_end().to_owned();
    buffer.clear();
    line
}

impl State {
    /// Counts message bytes up to the end of the message, then summarizes it. Returns what
    /// follows the end (the next command), if it came in the same write.
    fn message_bytes<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        let Phase::Message { bytes: counted } = &mut self.phase else {
            return bytes;
        };
        // The last bytes of the previous write, at most one short of an end.
        let mut joined = std::mem::take(&mut self.from_client);
        let kept = joined.len();
        joined.extend_from_slice(bytes);
        let Some(at) = joined
            .windows(MESSAGE_END.len())
            .position(|w| w == MESSAGE_END)
        else {
            *counted += bytes.len();
            let keep = joined.len().min(MESSAGE_END.len() - 1);
            self.from_client = joined.split_off(joined.len() - keep);
            return &[];
        };
        let used = at + MESSAGE_END.len() - kept;
        // The size as sent, without the final ".\r\n".
        let size = *counted + used - 3;
        self.phase = Phase::Commands;
        self.push(Speaker::Client, format!("(the message, {size} bytes)"));
        self.push(Speaker::Client, ".".into());
        &bytes[used..]
    }

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
    heard: Heard,
}

/// How many bytes the server has sent on a connection, recorded or not: a step that timed out
/// after the server started answering was slow, not silent.
#[derive(Debug, Clone, Default)]
pub struct Heard(Arc<std::sync::atomic::AtomicUsize>);

impl Heard {
    pub fn bytes(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn add(&self, n: usize) {
        self.0.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }
}

impl std::fmt::Debug for Transcript {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Transcript")
    }
}

impl<S> Recorder<S> {
    pub fn new(inner: S, transcript: Transcript) -> Self {
        Self {
            inner,
            transcript,
            heard: Heard::default(),
        }
    }

    /// The count of bytes the server sends on this connection.
    pub fn heard(&self) -> Heard {
        self.heard.clone()
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
            self.heard.add(buf.filled().len() - before);
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

    #[test]
    fn a_message_is_counted_across_writes_and_the_next_command_recorded() {
        let t = Transcript::default();
        t.server_bytes(b"354 go ahead\r\n");
        t.client_bytes(b"Subject: hi\r\n\r\nbody\r");
        t.client_bytes(b"\n.");
        t.client_bytes(b"\r\nQUIT\r\n");
        assert_eq!(
            shown(&t),
            [
                "Server: 354 go ahead",
                "Client: (the message, 21 bytes)",
                "Client: .",
                "Client: QUIT",
            ]
        );
    }

    #[test]
    fn an_off_transcript_records_nothing() {
        let t = Transcript::off();
        t.server_bytes(b"220 mx.example ESMTP\r\n");
        t.client_bytes(b"EHLO client\r\n");
        t.note("TLS established");
        assert!(t.lines().is_empty());
    }
}
