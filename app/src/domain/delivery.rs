//! Messages the platform sends through the API, as admins see them in the delivery log, and
//! the API tokens that send them.

use super::account::validate_name;
use super::field::{Field, FieldError, FieldErrors};
use super::test_email::SendFailure;
use serde::{Deserialize, Serialize};

/// What a message is for (the platform says so when it posts it).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Subscription,
    Alert,
    Share,
    Notification,
    PasswordReset,
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Self::Subscription,
        Self::Alert,
        Self::Share,
        Self::Notification,
        Self::PasswordReset,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subscription => "subscription",
            Self::Alert => "alert",
            Self::Share => "share",
            Self::Notification => "notification",
            Self::PasswordReset => "password_reset",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// Where a message is: waiting for its first attempt, claimed by a worker, accepted by the
/// provider, waiting to be tried again, or given up.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Queued,
    Sending,
    Sent,
    Deferred,
    Failed,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 5] = [
        Self::Queued,
        Self::Sending,
        Self::Sent,
        Self::Deferred,
        Self::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Deferred => "deferred",
            Self::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// One attempt to hand a message to the provider.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// RFC 3339, UTC.
    pub at: String,
    pub outcome: DeliveryStatus,
    /// The provider's reply when it took the message (SMTP queue id, Graph request-id).
    pub reply: Option<String>,
    /// Why it did not, in the codes a test send uses.
    pub failure: Option<SendFailure>,
}

/// A message as the delivery log and `GET /api/v1/messages/{id}` show it (never its body).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRecord {
    pub id: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub category: Category,
    pub recipients: Vec<String>,
    pub subject: String,
    pub status: DeliveryStatus,
    /// When a deferred message is tried again (RFC 3339, UTC).
    pub next_attempt_at: Option<String>,
    pub attempts: Vec<Attempt>,
}

/// What a token may do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    /// Post messages.
    #[default]
    Send,
    /// Post messages and read their status.
    SendRead,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Send => "send",
            Self::SendRead => "send read",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Send, Self::SendRead]
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    pub fn can_read(self) -> bool {
        self == Self::SendRead
    }
}

/// A token as admins see it (the token itself is shown once, at creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: String,
    pub created_by: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
}

/// The tenant's provider is failing: sending is paused (its configuration failed in a way no
/// retry fixes), or the background check fails for a passing cause (a server down or slow)
/// while messages are retried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingPaused {
    /// RFC 3339, UTC.
    pub since: String,
    pub failure: SendFailure,
    /// `false`: not paused, only failing the background check.
    #[serde(default = "paused")]
    pub paused: bool,
}

fn paused() -> bool {
    true
}

/// The "create a token" form as the admin filled it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenForm {
    pub name: String,
    pub scope: TokenScope,
    /// Whole days, or empty for a token that does not expire.
    pub expires_in_days: String,
}

/// The longest lifetime a token can be given, in days (ten years).
pub const MAX_TOKEN_DAYS: u32 = 3650;

impl TokenForm {
    /// The trimmed name, scope and lifetime, or the field errors.
    pub fn validate(&self) -> Result<(String, TokenScope, Option<u32>), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check(Field::TokenName, validate_name(&self.name));
        let days = self.expires_in_days.trim();
        let expires = if days.is_empty() {
            Some(None)
        } else {
            errors.check(
                Field::ExpiresInDays,
                days.parse::<u32>()
                    .ok()
                    .filter(|d| (1..=MAX_TOKEN_DAYS).contains(d))
                    .map(Some)
                    .ok_or(FieldError::UnknownValue),
            )
        };
        errors.into_result()?;
        Ok((self.name.trim().to_owned(), self.scope, expires.flatten()))
    }
}

/// A token just created: shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: TokenView,
    pub value: String,
}

/// Where a page of the delivery log starts: before this message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryCursor {
    pub created_at_ms: i64,
    pub id: String,
}

/// What the delivery log shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryQuery {
    pub status: Option<DeliveryStatus>,
    pub category: Option<Category>,
    /// Part of a recipient's address; empty: everyone.
    pub recipient: String,
    pub before: Option<DeliveryCursor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryPage {
    pub records: Vec<DeliveryRecord>,
    /// Pass as `before` for the next (older) page.
    pub older: Option<DeliveryCursor>,
}
