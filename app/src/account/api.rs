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

// The same actions for the account pages' plain HTML forms (URL-encoded, answered with a
// redirect; see `form_post`). The JSON functions above stay the API.

#[server(endpoint = "auth/sign-in-posted")]
pub async fn sign_in_posted(email: String, password: String) -> Result<(), ApiError> {
    use super::form_post::{finish, FormEcho};
    let form = SignInForm { email, password };
    let result = super::service::sign_in(&form).await;
    let echo = FormEcho::new("/login").email(&form.email);
    finish(result, "/settings/email", None, "/login", echo)
}

#[server(endpoint = "auth/forgot-password-posted")]
pub async fn forgot_password_posted(email: String) -> Result<(), ApiError> {
    use super::form_post::{finish, FormEcho};
    let form = ForgotPasswordForm { email };
    let result = super::service::request_password_reset(&form).await;
    let echo = FormEcho::new("/forgot-password").email(&form.email);
    let sent = echo.clone();
    finish(
        result,
        "/forgot-password",
        Some(sent),
        "/forgot-password",
        echo,
    )
}

#[server(endpoint = "auth/reset-password-posted")]
pub async fn reset_password_posted(token: String, password: String) -> Result<(), ApiError> {
    use super::form_post::{finish, FormEcho};
    let back = super::form_post::with_token("/reset-password", &token);
    let form = ResetPasswordForm { token, password };
    let result = super::service::reset_password(&form).await;
    let echo = FormEcho::new("/reset-password");
    finish(result, &back, Some(echo.clone()), &back, echo)
}

#[server(endpoint = "auth/setup-posted")]
pub async fn setup_posted(
    token: String,
    organization: String,
    email: String,
    password: String,
) -> Result<(), ApiError> {
    use super::form_post::{finish, FormEcho};
    let back = super::form_post::with_token("/setup", &token);
    let form = SetupForm {
        token,
        organization,
        email,
        password,
    };
    let result = super::service::create_first_admin(&form).await;
    let echo = FormEcho::new("/setup")
        .email(&form.email)
        .organization(&form.organization);
    finish(result, "/settings/email", None, &back, echo)
}

/// "Sign out" on pages without wasm: to the sign-in page.
#[server(endpoint = "auth/sign-out-posted")]
pub async fn sign_out_posted() -> Result<(), ApiError> {
    use super::form_post::{finish, FormEcho};
    let result = super::service::sign_out().await;
    finish(result, "/login", None, "/login", FormEcho::default())
}

/// The header's language menu on pages without wasm: saves the choice, back to `back`.
#[server(endpoint = "auth/language-posted")]
pub async fn language_posted(lang: Lang, back: String) -> Result<(), ApiError> {
    use super::form_post::{finish, safe_return_path, FormEcho};
    let back = safe_return_path(&back, "/login");
    let result = super::service::set_language(lang).await;
    finish(result, back, None, back, FormEcho::default())
}
