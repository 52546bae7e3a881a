//! A message as the platform posts it to `POST /api/v1/messages`, and its validation: pure
//! rules, no IO. Field errors are keyed by the JSON path of the value (`to[2]`,
//! `attachments[0].content`).

use crate::domain::address::validate_address;
use crate::domain::delivery::Category;
use crate::domain::field::single_line;
use crate::domain::FieldError;
use crate::mail::message::{Attachment, OutgoingEmail};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_RECIPIENTS: usize = 100;
/// Attachments of one message, decoded. Graph's sendMail request is limited to 4 MB, and
/// base64 adds a third.
pub const MAX_ATTACHMENT_BYTES: usize = 3 * 1024 * 1024;
const MAX_SUBJECT: usize = 900;
const MAX_TAGS: usize = 10;
const MAX_TAG: usize = 64;
const MAX_NAME: usize = 255;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub bcc: Vec<String>,
    #[serde(default)]
    pub reply_to: Option<String>,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub html: Option<String>,
    #[serde(default)]
    pub attachments: Vec<AttachmentRequest>,
    /// One of the [`Category`] names; checked by [`MessageRequest::validate`] so that a wrong
    /// value is a field error, not an unreadable request.
    #[serde(default)]
    #[schema(value_type = Category)]
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRequest {
    pub name: String,
    pub content_type: String,
    /// Base64 (standard alphabet, padded).
    pub content: String,
}

/// The field errors of one message, by JSON path.
pub type MessageErrors = BTreeMap<String, FieldError>;

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Invalid(MessageErrors),
    /// Attachments over [`MAX_ATTACHMENT_BYTES`]: 413.
    TooLarge,
}

/// A message that passed every rule, with addresses in ASCII (IDN domains as A-labels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMessage {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: Option<String>,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    pub category: Category,
}

impl ValidMessage {
    pub fn recipients(&self) -> impl Iterator<Item = &String> {
        self.to.iter().chain(&self.cc).chain(&self.bcc)
    }

    /// The message to send, from the provider's sender, with its `<id@domain>` Message-ID.
    pub fn into_email(
        self,
        from_name: Option<String>,
        from: String,
        message_id: String,
    ) -> OutgoingEmail {
        OutgoingEmail {
            from_name,
            from,
            to: self.to,
            cc: self.cc,
            bcc: self.bcc,
            reply_to: self.reply_to,
            subject: self.subject,
            text: self.text,
            html: self.html,
            attachments: self.attachments,
            message_id: Some(message_id),
        }
    }
}

impl MessageRequest {
    pub fn validate(&self) -> Result<ValidMessage, Refusal> {
        let mut errors = MessageErrors::new();
        let mut check = |path: String, result: Result<(), FieldError>| {
            if let Err(error) = result {
                errors.entry(path).or_insert(error);
            }
        };
        let mut lists = Vec::new();
        for (name, list) in [("to", &self.to), ("cc", &self.cc), ("bcc", &self.bcc)] {
            let mut valid = Vec::new();
            for (i, address) in list.iter().enumerate() {
                match ascii_address(address) {
                    Ok(address) => valid.push(address),
                    Err(error) => check(format!("{name}[{i}]"), Err(error)),
                }
            }
            lists.push(valid);
        }
        let count = self.to.len() + self.cc.len() + self.bcc.len();
        if count == 0 {
            check("to".into(), Err(FieldError::Required));
        } else if count > MAX_RECIPIENTS {
            check("to".into(), Err(FieldError::TooManyRecipients));
        }
        let reply_to = match self.reply_to.as_deref().map(ascii_address).transpose() {
            Ok(reply_to) => reply_to,
            Err(error) => {
                check("reply_to".into(), Err(error));
                None
            }
        };
        let subject = self.subject.trim();
        check("subject".into(), required_line(subject, MAX_SUBJECT));
        if self.text.is_none() && self.html.is_none() {
            check("text".into(), Err(FieldError::BodyRequired));
        }
        let category = Category::parse(&self.category);
        if self.category.is_empty() {
            check("category".into(), Err(FieldError::Required));
        } else if category.is_none() {
            check("category".into(), Err(FieldError::UnknownValue));
        }
        if self.tags.len() > MAX_TAGS {
            check("tags".into(), Err(FieldError::TooLong));
        }
        for (i, tag) in self.tags.iter().enumerate() {
            check(format!("tags[{i}]"), required_line(tag, MAX_TAG));
        }
        let mut attachments = Vec::new();
        for (i, attachment) in self.attachments.iter().enumerate() {
            check(
                format!("attachments[{i}].name"),
                required_line(&attachment.name, MAX_NAME),
            );
            check(
                format!("attachments[{i}].content_type"),
                content_type(&attachment.content_type),
            );
            match base64::engine::general_purpose::STANDARD.decode(attachment.content.trim()) {
                Ok(content) => attachments.push(Attachment {
                    name: attachment.name.clone(),
                    content_type: attachment.content_type.clone(),
                    content,
                }),
                Err(_) => check(
                    format!("attachments[{i}].content"),
                    Err(FieldError::NotBase64),
                ),
            }
        }
        let attachment_bytes: usize = attachments.iter().map(|a| a.content.len()).sum();
        if attachment_bytes > MAX_ATTACHMENT_BYTES {
            return Err(Refusal::TooLarge);
        }
        let (Some(category), true) = (category, errors.is_empty()) else {
            return Err(Refusal::Invalid(errors));
        };
        let mut lists = lists.into_iter();
        Ok(ValidMessage {
            to: lists.next().unwrap_or_default(),
            cc: lists.next().unwrap_or_default(),
            bcc: lists.next().unwrap_or_default(),
            reply_to,
            subject: subject.to_owned(),
            text: self.text.clone(),
            html: self.html.clone(),
            attachments,
            category,
        })
    }
}

fn ascii_address(address: &str) -> Result<String, FieldError> {
    let address = address.trim();
    validate_address(address)?;
    crate::idn::ascii_address(address)
}

fn required_line(value: &str, max: usize) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::Required);
    }
    single_line(value)?;
    if value.chars().count() > max {
        return Err(FieldError::TooLong);
    }
    Ok(())
}

/// `type/subtype`, optionally with parameters, in the characters MIME allows.
fn content_type(value: &str) -> Result<(), FieldError> {
    required_line(value, MAX_NAME)?;
    let essence = value.split(';').next().unwrap_or_default().trim();
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    match essence.split_once('/') {
        Some((kind, sub)) if token(kind) && token(sub) => Ok(()),
        _ => Err(FieldError::ContentTypeInvalid),
    }
}

#[cfg(test)]
mod tests;
