//! The message itself, built once as RFC 5322 bytes so every provider sends the same thing.

use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::Address;

/// An email ready to send. Addresses are already validated and in ASCII (A-labels).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub from_name: Option<String>,
    pub from: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    /// Envelope recipients only: never in a header.
    pub bcc: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: Option<String>,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    /// `<id@domain>`, the same on every attempt of one message so that a resent copy can be
    /// recognised; made up per send when `None`.
    pub message_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

impl OutgoingEmail {
    /// A plain-text message to one recipient (test emails, password resets).
    pub fn plain(
        from_name: Option<String>,
        from: String,
        to: String,
        subject: String,
        text: String,
    ) -> Self {
        Self {
            from_name,
            from,
            to: vec![to],
            subject,
            text: Some(text),
            ..Self::default()
        }
    }

    /// Every envelope recipient: To, Cc and Bcc.
    pub fn recipients(&self) -> impl Iterator<Item = &String> {
        self.to.iter().chain(&self.cc).chain(&self.bcc)
    }

    /// Builds the MIME message: From, To, Cc, Reply-To, Subject, Date (by lettre) and a
    /// Message-ID on the sender's domain (lettre adds none; RFC 5322 3.6.4 says it SHOULD be
    /// there). Returns it with the envelope sender and recipients.
    pub fn to_message(&self) -> Result<(Message, Address, Vec<Address>), BuildError> {
        let from: Address = self.from.parse()?;
        let message_id = self
            .message_id
            .clone()
            .unwrap_or_else(|| new_message_id(&self.from));
        let mut builder = Message::builder()
            .from(Mailbox::new(self.from_name.clone(), from.clone()))
            .subject(&self.subject)
            .message_id(Some(message_id));
        for to in &self.to {
            builder = builder.to(Mailbox::new(None, to.parse()?));
        }
        for cc in &self.cc {
            builder = builder.cc(Mailbox::new(None, cc.parse()?));
        }
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(Mailbox::new(None, reply_to.parse()?));
        }
        let message = match self.body()? {
            Body::Single(part) => builder.singlepart(part)?,
            Body::Multi(parts) => builder.multipart(parts)?,
        };
        let recipients = self
            .recipients()
            .map(|r| r.parse())
            .collect::<Result<Vec<Address>, _>>()?;
        Ok((message, from, recipients))
    }

    fn body(&self) -> Result<Body, BuildError> {
        let text = self.text.as_ref().map(|t| SinglePart::plain(t.clone()));
        let html = self.html.as_ref().map(|h| SinglePart::html(h.clone()));
        let content = match (text, html) {
            (Some(text), Some(html)) => {
                Body::Multi(MultiPart::alternative().singlepart(text).singlepart(html))
            }
            (Some(part), None) | (None, Some(part)) => Body::Single(part),
            (None, None) => Body::Single(SinglePart::plain(String::new())),
        };
        if self.attachments.is_empty() {
            return Ok(content);
        }
        let mut mixed = match content {
            Body::Single(part) => MultiPart::mixed().singlepart(part),
            Body::Multi(parts) => MultiPart::mixed().multipart(parts),
        };
        for attachment in &self.attachments {
            let content_type = ContentType::parse(&attachment.content_type)?;
            mixed = mixed.singlepart(
                MimeAttachment::new(attachment.name.clone())
                    .body(attachment.content.clone(), content_type),
            );
        }
        Ok(Body::Multi(mixed))
    }
}

enum Body {
    Single(SinglePart),
    Multi(MultiPart),
}

/// A new `<uuid@sender-domain>`.
pub fn new_message_id(from: &str) -> String {
    let domain = from.rsplit_once('@').map_or("localhost", |(_, d)| d);
    format!("<{}@{domain}>", uuid::Uuid::new_v4())
}

/// Why a message could not be built (an address or header lettre refuses).
pub type BuildError = Box<dyn std::error::Error + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_has_the_required_headers() {
        let email = OutgoingEmail::plain(
            Some("Reports Ünit".into()),
            "reports@example.com".into(),
            "admin@example.org".into(),
            "Test email from Mailwright Administration".into(),
            "Hello".into(),
        );
        let (message, _, _) = email.to_message().unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        assert!(text.contains("From: =?utf-8?b?"), "{text}");
        assert!(text.contains("<reports@example.com>"), "{text}");
        assert!(
            text.contains("Subject: Test email from Mailwright Administration"),
            "{text}"
        );
        assert!(text.contains("Date: "), "{text}");
        assert!(
            text.contains("@example.com>\r\n") && text.contains("Message-ID: <"),
            "{text}"
        );
    }

    #[test]
    fn every_recipient_is_in_the_envelope_and_bcc_in_no_header() {
        let email = OutgoingEmail {
            from: "reports@example.com".into(),
            to: vec!["a@example.org".into(), "b@example.org".into()],
            cc: vec!["c@example.org".into()],
            bcc: vec!["hidden@example.org".into()],
            reply_to: Some("help@example.com".into()),
            subject: "Weekly report".into(),
            text: Some("See the attachment.".into()),
            html: Some("<p>See the attachment.</p>".into()),
            attachments: vec![Attachment {
                name: "report.csv".into(),
                content_type: "text/csv".into(),
                content: b"a,b\n1,2\n".to_vec(),
            }],
            message_id: Some("<fixed@example.com>".into()),
            ..OutgoingEmail::default()
        };
        let (message, from, recipients) = email.to_message().unwrap();
        assert_eq!(from.to_string(), "reports@example.com");
        let recipients: Vec<String> = recipients.iter().map(|r| r.to_string()).collect();
        assert_eq!(
            recipients,
            [
                "a@example.org",
                "b@example.org",
                "c@example.org",
                "hidden@example.org"
            ]
        );
        let text = String::from_utf8(message.formatted()).unwrap();
        assert!(text.contains("Message-ID: <fixed@example.com>"), "{text}");
        assert!(text.contains("Cc: c@example.org"), "{text}");
        assert!(text.contains("Reply-To: help@example.com"), "{text}");
        assert!(!text.contains("hidden@example.org"), "{text}");
        assert!(text.contains("multipart/mixed") && text.contains("multipart/alternative"));
        assert!(text.contains("filename=\"report.csv\""), "{text}");
    }
}
