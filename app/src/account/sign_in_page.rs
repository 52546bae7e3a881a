//! `/login`: Email, Password, "Sign in". A plain form (no wasm on this page).

use super::form::{EchoErrors, EmailField, PasswordField};
use super::form_post::echo_for;
use crate::domain::Field;
use crate::i18n::catalog;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = &catalog().account;
    let echo = echo_for("/login");
    let errors = EchoErrors::of(&echo);
    let order = [Field::Email, Field::Password];
    view! {
        <Title text=t.sign_in_title />
        <section class="card account">
            <h1>{t.sign_in_title}</h1>
            <form method="post" action="/api/auth/sign-in-posted" novalidate>
                <EmailField
                    value=echo.map(|e| e.email).unwrap_or_default()
                    error=errors.field(Field::Email)
                    autofocus=errors.first(Field::Email, &order)
                />
                <PasswordField
                    id="password"
                    label=t.label_password
                    autocomplete="current-password"
                    error=errors.field(Field::Password)
                    autofocus=errors.first(Field::Password, &order)
                />
                <p class="alert error" role="alert">{errors.alert()}</p>
                <button type="submit" class="primary">{t.sign_in}</button>
            </form>
            <p>
                <a href="/forgot-password">{t.forgot_link}</a>
            </p>
        </section>
    }
}
