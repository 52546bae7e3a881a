//! `/reset-password?token=...`: the page the reset email links to. A plain form.

use super::form::{EchoErrors, PasswordField};
use super::form_post::echo_for;
use crate::domain::Field;
use crate::error::ApiError;
use crate::i18n::catalog;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = &catalog().account;
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let echo = echo_for("/reset-password");
    let errors = EchoErrors::of(&echo);
    let done = echo.is_some() && errors.error().is_none();
    let link_invalid = matches!(errors.error(), Some(ApiError::LinkInvalid));
    let body = if done {
        view! {
            <p class="notice" role="status">{t.reset_done}</p>
            <p><a href="/login">{t.sign_in}</a></p>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action="/api/auth/reset-password-posted" novalidate>
                <input type="hidden" name="token" value=token />
                <PasswordField
                    id="new-password"
                    label=t.label_new_password
                    help=Some(t.help_new_password)
                    autocomplete="new-password"
                    error=errors.field(Field::NewPassword)
                    autofocus=errors.field(Field::NewPassword).is_some()
                />
                <p class="alert error" role="alert">{errors.alert()}</p>
                {link_invalid.then(|| view! {
                    <p><a href="/forgot-password">{t.request_new_link}</a></p>
                })}
                <button type="submit" class="primary">{t.set_password}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Title text=t.reset_title />
        <section class="card account">
            <h1>{t.reset_title}</h1>
            {body}
        </section>
    }
}
