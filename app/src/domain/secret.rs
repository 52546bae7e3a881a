//! What a save does with a write-only secret (password or client secret).

use super::field::{single_line, FieldError};
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

/// The field errors a secret field reports when it is blank.
pub struct BlankSecretErrors {
    /// Nothing is stored.
    pub required: FieldError,
    /// One is stored, but it would now be sent somewhere else.
    pub retype: FieldError,
}

/// The shared rule of write-only secrets: a typed secret replaces the stored one; a blank field
/// keeps it, unless `destination_unchanged` is false (then it must be typed again, so a stored
/// secret can never be redirected).
pub fn secret_update(
    typed: &str,
    max_bytes: usize,
    destination_unchanged: bool,
    secret_saved: bool,
    blank: BlankSecretErrors,
) -> Result<SecretUpdate, FieldError> {
    if !typed.is_empty() {
        single_line(typed)?;
        if typed.len() > max_bytes {
            return Err(FieldError::TooLong);
        }
        return Ok(SecretUpdate::Set(typed.to_owned()));
    }
    match (secret_saved, destination_unchanged) {
        (true, true) => Ok(SecretUpdate::Keep),
        (true, false) => Err(blank.retype),
        (false, _) => Err(blank.required),
    }
}
