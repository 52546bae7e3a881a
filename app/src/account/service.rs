//! Signing in and out, password resets and the first admin (server only).

use crate::auth::{self, password, token, unix_now, SessionPolicy};
use crate::clock::{now_rfc3339, unix_now_ms};
use crate::domain::account::{
    Account, ForgotPasswordForm, ResetPasswordForm, SetupForm, SignInForm,
};
use crate::domain::delivery::Category;
use crate::error::ApiError;
use crate::i18n::negotiation::{self, cookie_choice, request_language};
use crate::i18n::{fill, Lang};
use crate::metrics::SignIn;
use crate::outbox::{self, request::MessageRequest};
use crate::state::AppState;
use crate::store::StoreError;
use axum::http::header::SET_COOKIE;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// How long a password reset link works.
pub const RESET_LINK_LIFETIME_S: i64 = 30 * 60;
/// The tenant created by the first-start setup. Settings saved before accounts existed were
/// stored under this id, so the first admin finds them.
pub const FIRST_TENANT: &str = "default";

pub async fn sign_in(form: &SignInForm) -> Result<(), ApiError> {
    form.validate()?;
    let state = AppState::current()?;
    let email = form.email.trim();
    let address = client_address().await;
    let limiter = &state.auth.limiter;
    let now = unix_now_ms();
    if let Some(retry_after_s) = limiter.check(&state.store, email, address, now).await? {
        state.metrics.sign_in(SignIn::Limited);
        return Err(ApiError::TooManyAttempts { retry_after_s });
    }
    let user = state.store.user_by_email(email).await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    // Without an account a decoy hash is checked: the answer time says nothing about the address.
    let matches = password::verify(form.password.clone(), stored).await?;
    let Some(user) = user.filter(|_| matches) else {
        return Err(failed(&state, email, address).await);
    };
    limiter.record_success(&state.store, email).await?;
    state.metrics.sign_in(SignIn::Success);
    start_session(&state, user.id).await?;
    keep_language(&state, user.id, user.language).await?;
    tracing::info!(user = user.id, tenant = %user.tenant_id, "signed in");
    Ok(())
}

/// The account's saved language follows the user to this browser; a choice made on the sign-in
/// page by someone who never chose before becomes their saved choice.
async fn keep_language(
    state: &AppState,
    user_id: i64,
    saved: Option<Lang>,
) -> Result<(), ApiError> {
    match saved {
        Some(lang) => set_cookie(negotiation::set_cookie(lang, state.auth.sessions.secure)),
        None => {
            let chosen = auth::request_parts().and_then(|p| cookie_choice(&p.headers));
            if let Some(lang) = chosen {
                state.store.set_user_language(user_id, lang).await?;
            }
        }
    }
    Ok(())
}

pub async fn set_language(lang: Lang) -> Result<(), ApiError> {
    let state = AppState::current()?;
    if let Some(session) = auth::current_session().await? {
        state.store.set_user_language(session.user_id, lang).await?;
    }
    set_cookie(negotiation::set_cookie(lang, state.auth.sessions.secure));
    Ok(())
}

async fn failed(state: &AppState, email: &str, address: IpAddr) -> ApiError {
    let limiter = &state.auth.limiter;
    if let Err(err) = limiter
        .record_failure(&state.store, email, address, unix_now_ms())
        .await
    {
        return err.into();
    }
    state.metrics.sign_in(SignIn::Failure);
    tracing::info!(%address, "sign-in failed");
    ApiError::SignInFailed
}

/// Starts a new session (a new id at every sign-in; a session the browser had is ended).
async fn start_session(state: &AppState, user_id: i64) -> Result<(), ApiError> {
    if let Some(old) = auth::request_parts().and_then(|p| auth::token_from(&p.headers)) {
        state.store.delete_session(&token::digest(&old)).await?;
    }
    let now = unix_now();
    let policy = state.auth.sessions;
    state
        .store
        .delete_expired_sessions(now - policy.idle_s, now - policy.absolute_s)
        .await?;
    let session = token::new_token();
    state
        .store
        .create_session(&token::digest(&session), user_id, now)
        .await?;
    set_cookie(policy.set_cookie(&session));
    Ok(())
}

pub async fn sign_out() -> Result<(), ApiError> {
    let state = AppState::current()?;
    if let Some(session) = auth::request_parts().and_then(|p| auth::token_from(&p.headers)) {
        state.store.delete_session(&token::digest(&session)).await?;
    }
    set_cookie(SessionPolicy::clear_cookie(&state.auth.sessions));
    Ok(())
}

pub async fn current_account() -> Result<Option<Account>, ApiError> {
    Ok(auth::current_session().await?.map(|s| Account {
        email: s.email,
        tenant_name: s.tenant_name,
        role: s.role,
    }))
}

/// Sends a reset link if the address has an account. The answer is the same either way, and
/// the lookup and sending happen after answering, so neither the reply nor its timing tells
/// whether the address exists.
pub async fn request_password_reset(form: &ForgotPasswordForm) -> Result<(), ApiError> {
    form.validate()?;
    let state = AppState::current()?;
    let email = form.email.trim().to_owned();
    let address = client_address().await;
    let limiter = &state.auth.reset_limiter;
    let now = unix_now_ms();
    if let Some(retry_after_s) = limiter.check(&state.store, &email, address, now).await? {
        return Err(ApiError::TooManyAttempts { retry_after_s });
    }
    limiter
        .record_failure(&state.store, &email, address, now)
        .await?;
    state.metrics.reset_request();
    let request_lang = request_language();
    tokio::spawn(async move {
        if let Err(err) = send_reset_link(&state, &email, request_lang).await {
            tracing::warn!(error = %err, "password reset email not sent");
        }
    });
    Ok(())
}

/// Queues the reset email in the outbox (it goes out through the tenant's provider, with
/// retries, like every other message the platform sends).
/// The email is in the user's saved language, else in the language of the request that asked.
async fn send_reset_link(state: &AppState, email: &str, request_lang: Lang) -> anyhow::Result<()> {
    let Some(user) = state.store.user_by_email(email).await? else {
        tracing::info!("password reset requested for an address without an account");
        return Ok(());
    };
    let link_token = token::new_token();
    state
        .store
        .create_password_reset(
            &token::digest(&link_token),
            user.id,
            unix_now() + RESET_LINK_LIFETIME_S,
        )
        .await?;
    let t = user.language.unwrap_or(request_lang).catalog();
    let link = state
        .auth
        .link(&format!("/reset-password?token={link_token}"));
    let message = MessageRequest {
        to: vec![user.email.clone()],
        subject: t.account.reset_email_subject.to_owned(),
        text: Some(fill(
            t.account.reset_email_body,
            &[("email", &user.email), ("link", &link)],
        )),
        category: Category::PasswordReset.as_str().to_owned(),
        ..MessageRequest::default()
    };
    outbox::service::accept(
        &state.store,
        &state.outbox,
        &user.tenant_id,
        &[message],
        None,
    )
    .await
    .map_err(|e| anyhow::anyhow!("the reset email could not be queued: {e:?}"))?;
    tracing::info!(user = user.id, "password reset email queued");
    Ok(())
}

pub async fn reset_password(form: &ResetPasswordForm) -> Result<(), ApiError> {
    form.validate()?;
    let state = AppState::current()?;
    let digest = token::digest(form.token.trim());
    // A made-up link costs a lookup, not an Argon2 hash: this endpoint is public and unlimited.
    if !state.store.reset_link_usable(&digest, unix_now()).await? {
        return Err(ApiError::LinkInvalid);
    }
    let hash = password::hash(form.password.clone()).await?;
    // Checked again as it is used: two requests with the same link cannot both succeed.
    let valid = state
        .store
        .reset_password(&digest, &hash, unix_now())
        .await?;
    if !valid {
        return Err(ApiError::LinkInvalid);
    }
    tracing::info!("password reset; the user's sessions ended");
    Ok(())
}

/// Creates the first tenant and its admin with the token `serve` printed, and signs them in.
/// Once an admin exists (or with a wrong token) there is nothing here: 404.
pub async fn create_first_admin(form: &SetupForm) -> Result<(), ApiError> {
    let state = AppState::current()?;
    if !state.auth.setup.accepts(form.token.trim()) {
        return Err(ApiError::NotFound);
    }
    form.validate()?;
    let hash = password::hash(form.password.clone()).await?;
    let created = state
        .store
        .create_first_admin(
            FIRST_TENANT,
            form.organization.trim(),
            form.email.trim(),
            &hash,
            &now_rfc3339(),
        )
        .await;
    state.auth.setup.close();
    let user_id = match created {
        Ok(id) => id,
        Err(StoreError::AlreadyExists(_)) => return Err(ApiError::NotFound),
        Err(err) => return Err(err.into()),
    };
    tracing::info!(user = user_id, "first admin created; setup is closed");
    start_session(&state, user_id).await
}

fn set_cookie(value: axum::http::HeaderValue) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, value);
    }
}

/// The peer address (the proxy's, behind a reverse proxy). Unknown peers share one bucket.
async fn client_address() -> IpAddr {
    leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>()
        .await
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}
