//! The message itself, built once as RFC 5322 bytes so every provider sends the same thing.

use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::Address;

/// An email ready to send. Addresses are already validated and in ASCII (A-labels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub from_name: Option<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl OutgoingEmail {
    /// Builds the MIME message: From, To, Subject, Date (by lettre) and a Message-ID on the
    /// sender's domain (lettre adds none; RFC 5322 3.6.4 says it SHOULD be there).
    pub fn to_message(&self) -> Result<(Message, Address, Address), BuildError> {
        let from: Address = self.from.parse()?;
        let to: Address = self.to.parse()?;
        let message_id = format!("<{}@{}>", uuid::Uuid::new_v4(), from.domain());
        let message = Message::builder()
            .from(Mailbox::new(self.from_name.clone(), from.clone()))
            .to(Mailbox::new(None, to.clone()))
            .subject(&self.subject)
            .message_id(Some(message_id))
            .header(ContentType::TEXT_PLAIN)
            .body(self.text.clone())?;
        Ok((message, from, to))
    }
}

/// Why a message could not be built (an address or header lettre refuses).
pub type BuildError = Box<dyn std::error::Error + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_has_the_required_headers() {
        let email = OutgoingEmail {
            from_name: Some("Reports Ünit".into()),
            from: "reports@example.com".into(),
            to: "admin@example.org".into(),
            subject: "Test email from Mailwright Administration".into(),
            text: "Hello".into(),
        };
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
}
