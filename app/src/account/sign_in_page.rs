//! `/login`: Email, Password, "Sign in".

use super::api::SignIn;
use super::form::{field_error, form_alert, go_to, on_submit, EmailField, PasswordField};
use crate::domain::account::SignInForm;
use crate::domain::Field;
use crate::i18n::catalog;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = &catalog().account;
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let form = move || SignInForm {
        email: email.get(),
        password: password.get(),
    };
    let sign_in = ServerAction::<SignIn>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_in.value().get() {
            go_to("/settings/email");
        }
    });
    let remote = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    let error = move |field| field_error(field, submitted, move || form().validate(), remote);
    let submit = on_submit(submitted, form, SignInForm::validate, move |form| {
        sign_in.dispatch(SignIn { form });
    });
    view! {
        <Title text=t.sign_in_title />
        <section class="card account">
            <h1>{t.sign_in_title}</h1>
            <form novalidate on:submit=submit>
                <EmailField value=email error=error(Field::Email) />
                <PasswordField
                    id="password"
                    label=t.label_password
                    autocomplete="current-password"
                    value=password
                    error=error(Field::Password)
                />
                <p class="alert error" role="alert">{form_alert(remote)}</p>
                <button type="submit" class="primary" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { t.signing_in } else { t.sign_in }}
                </button>
            </form>
            <p>
                <a href="/forgot-password">{t.forgot_link}</a>
            </p>
        </section>
    }
}
