//! Everything a request handler needs (server only), built once by `server/src/main.rs` and
//! handed to server functions through Leptos context.

use crate::mail::microsoft::MicrosoftClient;
use crate::mail::smtp::SmtpTimeouts;
use crate::mail::tls::TlsTrust;
use crate::store::Store;
use leptos::prelude::LeptosOptions;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub smtp_trust: TlsTrust,
    pub smtp_timeouts: SmtpTimeouts,
    /// Tokens and HTTP for Microsoft 365 and Microsoft OAuth 2.0 on SMTP.
    pub microsoft: MicrosoftClient,
    /// Sessions, sign-in limits and the first-start setup gate.
    pub auth: crate::auth::AuthState,
    /// Counters and timings served at /metrics.
    pub metrics: crate::metrics::Metrics,
    /// Messages sent for the platform: configuration and the worker's wake-up bell.
    pub outbox: crate::outbox::Outbox,
}

impl AppState {
    /// The state of the current request.
    pub fn current() -> Result<Self, crate::error::ApiError> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState missing from the server function context");
            crate::error::ApiError::Internal
        })
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
