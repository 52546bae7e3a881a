//! Who is calling (server only): sessions, the one authorization check every email-settings
//! server function makes first, and the pieces of signing in.

mod csrf;
mod limiter;
pub mod password;
mod session;
mod setup;
pub mod token;

pub use crate::clock::unix_now;
pub use csrf::refuse_cross_site;
pub use limiter::{Limits, LoginLimiter};
pub use session::{cookie_value, token_from, SessionPolicy, COOKIE_NAME};
pub use setup::SetupGate;

use crate::domain::account::Role;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::SessionRecord;
use axum::http::request::Parts;

/// Everything about accounts that lives for the whole process.
#[derive(Clone)]
pub struct AuthState {
    pub sessions: SessionPolicy,
    pub limiter: LoginLimiter,
    /// Limits password reset emails per address and per client, like failed sign-ins.
    pub reset_limiter: LoginLimiter,
    pub setup: SetupGate,
    /// The address users reach the app at (`https://...` behind a TLS proxy): the base of the
    /// links in emails.
    pub public_url: String,
}

impl AuthState {
    pub fn new(public_url: String) -> Self {
        Self {
            sessions: SessionPolicy {
                secure: public_url.starts_with("https://"),
                ..SessionPolicy::default()
            },
            limiter: LoginLimiter::new("sign_in", Limits::default()),
            reset_limiter: LoginLimiter::new("reset", Limits::default()),
            setup: SetupGate::default(),
            public_url,
        }
    }

    /// An absolute link to `path_and_query` (which starts with `/`), for emails.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.public_url.trim_end_matches('/'))
    }
}

/// A tenant admin allowed to manage their tenant's email settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The only tenant whose settings this caller reads or writes.
    pub tenant_id: String,
    /// The admin's address: the audit log's "who" and the test email's default recipient.
    pub email: String,
}

/// Checks that the caller is signed in (401 otherwise) and a tenant admin (403 otherwise), and
/// returns the tenant they administer. Every email-settings server function calls this first;
/// tenant isolation follows because the services only ever use `Caller::tenant_id`.
pub async fn authorize_email_settings() -> Result<Caller, ApiError> {
    let session = signed_in().await?;
    if session.role != Role::Admin {
        return Err(ApiError::Forbidden);
    }
    Ok(Caller {
        tenant_id: session.tenant_id,
        email: session.email,
    })
}

/// The live session of this request, or 401.
pub async fn signed_in() -> Result<SessionRecord, ApiError> {
    current_session().await?.ok_or(ApiError::Unauthenticated)
}

/// The live session of this request, if any. An expired session is deleted; a live one is
/// marked as used (at most once a minute, to spare the database).
pub async fn current_session() -> Result<Option<SessionRecord>, ApiError> {
    let Some(token) = request_parts().and_then(|parts| token_from(&parts.headers)) else {
        return Ok(None);
    };
    let state = AppState::current()?;
    let digest = token::digest(&token);
    let Some(session) = state.store.session(&digest).await? else {
        return Ok(None);
    };
    let now = unix_now();
    if !state
        .auth
        .sessions
        .is_live(session.created_at, session.last_seen_at, now)
    {
        state.store.delete_session(&digest).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= 60 {
        state.store.touch_session(&digest, now).await?;
    }
    Ok(Some(session))
}

/// The request being handled (server functions and server rendering both provide it).
pub fn request_parts() -> Option<Parts> {
    leptos::prelude::use_context::<Parts>()
}
