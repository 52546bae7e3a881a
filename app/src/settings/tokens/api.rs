//! Server functions of the API tokens page. Each authorizes the caller (a tenant admin) first.

use crate::domain::delivery::{CreatedToken, TokenForm, TokenView};
use crate::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "tokens/list", input = Json)]
pub async fn list_tokens() -> Result<Vec<TokenView>, ApiError> {
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    let state = crate::state::AppState::current()?;
    let tokens = state
        .store
        .tokens(&caller.tenant_id)
        .await
        .map_err(|e| ApiError::from(e).respond())?;
    Ok(tokens
        .into_iter()
        .map(crate::outbox::service::token_view)
        .collect())
}

#[server(endpoint = "tokens/create", input = Json)]
pub async fn create_token(form: TokenForm) -> Result<CreatedToken, ApiError> {
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    let (name, scope, days) = form.validate().map_err(|e| ApiError::from(e).respond())?;
    let state = crate::state::AppState::current()?;
    let expires_at = crate::outbox::service::expiry_in_days(days);
    crate::outbox::service::create_token(
        &state.store,
        &caller.tenant_id,
        &name,
        scope,
        expires_at,
        &caller.email,
    )
    .await
    .map_err(|e| ApiError::from(e).respond())
}

#[server(endpoint = "tokens/revoke", input = Json)]
pub async fn revoke_token(id: i64) -> Result<(), ApiError> {
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    let state = crate::state::AppState::current()?;
    let now = crate::clock::now_rfc3339();
    let audit = crate::store::AuditRecord {
        actor: &caller.email,
        at: &now,
    };
    let revoked = state
        .store
        .revoke_token(&caller.tenant_id, id, crate::clock::unix_now(), audit)
        .await
        .map_err(|e| ApiError::from(e).respond())?;
    if revoked {
        Ok(())
    } else {
        Err(ApiError::NotFound.respond())
    }
}
