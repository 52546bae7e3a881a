//! `/forgot-password`: asks for the address and always answers the same way. A plain form.

use super::form::{EchoErrors, EmailField};
use super::form_post::echo_for;
use crate::domain::Field;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = &catalog().account;
    let echo = echo_for("/forgot-password");
    let errors = EchoErrors::of(&echo);
    let email = echo.map(|e| e.email).unwrap_or_default();
    let sent = errors.error().is_none() && !email.is_empty();
    let body = if sent {
        view! {
            <p class="notice" role="status">{fill(t.forgot_sent, &[("email", email.trim())])}</p>
        }
        .into_any()
    } else {
        view! {
            <p>{t.forgot_intro}</p>
            <form method="post" action="/api/auth/forgot-password-posted" novalidate>
                <EmailField
                    value=email
                    error=errors.field(Field::Email)
                    autofocus=errors.field(Field::Email).is_some()
                />
                <p class="alert error" role="alert">{errors.alert()}</p>
                <button type="submit" class="primary">{t.send_reset_link}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Title text=t.forgot_title />
        <section class="card account">
            <h1>{t.forgot_title}</h1>
            {body}
            <p>
                <a href="/login">{t.back_to_sign_in}</a>
            </p>
        </section>
    }
}
