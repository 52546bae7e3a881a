//! The error that crosses the wire from server functions to the page. It carries codes, not
//! text: the page words them in the admin's language. Internal details stay in the server log.

use crate::domain::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    #[error("some fields are invalid")]
    Invalid(FieldErrors),
    #[error("sign in first")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("the settings were changed by someone else")]
    Conflict(Option<ChangedBy>),
    #[error("wrong email or password")]
    SignInFailed,
    #[error("too many failed attempts")]
    TooManyAttempts { retry_after_s: u64 },
    /// More sign-ins at once than the server takes (password hashing is bounded): try again soon.
    #[error("too busy")]
    Busy { retry_after_s: u64 },
    /// A password reset link that is unknown, used or expired.
    #[error("the link is invalid or has expired")]
    LinkInvalid,
    #[error("not found")]
    NotFound,
    #[error("no email provider is configured")]
    NotConfigured,
    #[error("internal error")]
    Internal,
    /// The call itself failed (network, encoding): raised by the server-function machinery.
    #[error("request failed: {0}")]
    Transport(ServerFnErrorErr),
}

/// Who saved the version a refused save was not based on, and when (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedBy {
    pub by: String,
    pub at: String,
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // A request body that does not decode is the caller's mistake: 400, not the default 500.
        // (On the server, the JSON codec reports undecodable arguments as `Deserialization`.)
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_)
        ) {
            if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                options.set_status(axum::http::StatusCode::BAD_REQUEST);
            }
        }
        Self::Transport(value)
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        Self::Invalid(errors)
    }
}

#[cfg(feature = "ssr")]
impl ApiError {
    pub fn status_code(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthenticated | Self::SignInFailed => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Conflict(_) | Self::NotConfigured => StatusCode::CONFLICT,
            Self::TooManyAttempts { .. } | Self::Busy { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::LinkInvalid => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Internal | Self::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Sets this error's status on the server function's response (the default is 500), and
    /// Retry-After when the caller should wait.
    pub fn respond(self) -> Self {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(self.status_code());
            if let Self::TooManyAttempts { retry_after_s } | Self::Busy { retry_after_s } = &self {
                options.insert_header(axum::http::header::RETRY_AFTER, (*retry_after_s).into());
            }
        }
        self
    }
}

#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for ApiError {
    fn from(err: crate::store::StoreError) -> Self {
        match err {
            crate::store::StoreError::Conflict(by) => Self::Conflict(by),
            other => {
                tracing::error!(error = %other, "database error");
                Self::Internal
            }
        }
    }
}
