//! Errors of the storage layer.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Someone else saved since the caller read the settings.
    #[error("the settings were changed by someone else")]
    Conflict,
    /// Stored data that no longer parses (a bug or a manual edit).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Secret(#[from] crate::crypto::CryptoError),
}
