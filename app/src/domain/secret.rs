//! What a save does with a write-only secret (password or client secret).

use std::fmt;

/// What saving should do with the stored secret.
#[derive(Clone, PartialEq, Eq)]
pub enum SecretUpdate {
    /// The configuration needs no secret: none may stay stored.
    Clear,
    /// Keep the stored one (the field was left blank and the destination did not change).
    Keep,
    Set(String),
}

impl fmt::Debug for SecretUpdate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Clear => "Clear",
            Self::Keep => "Keep",
            Self::Set(_) => "Set(<redacted>)",
        })
    }
}

/// How a typed secret appears in `Debug` output.
pub fn redacted(secret: &str) -> &'static str {
    if secret.is_empty() {
        "<blank>"
    } else {
        "<redacted>"
    }
}
