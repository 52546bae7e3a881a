//! Errors of the storage layer.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Someone else saved or deleted since the caller read the settings: who and when, from
    /// the audit log.
    #[error("the settings were changed by someone else")]
    Conflict(Option<crate::error::ChangedBy>),
    /// A tenant id or user email that is already taken.
    #[error("{0} already exists")]
    AlreadyExists(&'static str),
    /// A referenced tenant or user does not exist.
    #[error("no such {0}")]
    NotFound(&'static str),
    /// Stored data that no longer parses (a bug or a manual edit).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Secret(#[from] crate::crypto::CryptoError),
}
