//! Server functions for signing in and out, password resets and the first admin. They are the
//! public part of the API: none needs a session, and none says whether an address has an
//! account. URLs are stable (`/api/auth/...`).

use crate::domain::account::{
    Account, ForgotPasswordForm, ResetPasswordForm, SetupForm, SignInForm,
};
use crate::error::ApiError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "auth/sign-in", input = Json)]
pub async fn sign_in(form: SignInForm) -> Result<(), ApiError> {
    super::service::sign_in(&form)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "auth/sign-out", input = Json)]
pub async fn sign_out() -> Result<(), ApiError> {
    super::service::sign_out().await.map_err(ApiError::respond)
}

/// The signed-in user, or `None`.
#[server(endpoint = "auth/me", input = Json)]
pub async fn current_account() -> Result<Option<Account>, ApiError> {
    super::service::current_account()
        .await
        .map_err(ApiError::respond)
}

/// Saves the language chosen in the header: on the account when signed in, and in a cookie.
#[server(endpoint = "auth/language", input = Json)]
pub async fn set_language(lang: Lang) -> Result<(), ApiError> {
    super::service::set_language(lang)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "auth/forgot-password", input = Json)]
pub async fn request_password_reset(form: ForgotPasswordForm) -> Result<(), ApiError> {
    super::service::request_password_reset(&form)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "auth/reset-password", input = Json)]
pub async fn reset_password(form: ResetPasswordForm) -> Result<(), ApiError> {
    super::service::reset_password(&form)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "auth/setup", input = Json)]
pub async fn create_first_admin(form: SetupForm) -> Result<(), ApiError> {
    super::service::create_first_admin(&form)
        .await
        .map_err(ApiError::respond)
}
