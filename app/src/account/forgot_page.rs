//! `/forgot-password`: asks for the address and always answers the same way.

use super::api::RequestPasswordReset;
use super::form::{field_error, form_alert, on_submit, EmailField};
use crate::domain::account::ForgotPasswordForm;
use crate::domain::Field;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = &catalog().account;
    let email = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let form = move || ForgotPasswordForm { email: email.get() };
    let request = ServerAction::<RequestPasswordReset>::new();
    let remote = Signal::derive(move || request.value().get().and_then(Result::err));
    let sent = move || matches!(request.value().get(), Some(Ok(())));
    view! {
        <Title text=t.forgot_title />
        <section class="card account">
            <h1>{t.forgot_title}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p>{t.forgot_intro}</p>
                    <form
                        novalidate
                        on:submit=on_submit(submitted, form, ForgotPasswordForm::validate, move |form| {
                            request.dispatch(RequestPasswordReset { form });
                        })
                    >
                        <EmailField
                            value=email
                            error=field_error(Field::Email, submitted, move || form().validate(), remote)
                        />
                        <p class="alert error" role="alert">{form_alert(remote)}</p>
                        <button type="submit" class="primary" disabled=move || request.pending().get()>
                            {t.send_reset_link}
                        </button>
                    </form>
                }
            >
                <p class="notice" role="status">
                    {move || fill(t.forgot_sent, &[("email", email.get().trim())])}
                </p>
            </Show>
            <p>
                <a href="/login">{t.back_to_sign_in}</a>
            </p>
        </section>
    }
}
