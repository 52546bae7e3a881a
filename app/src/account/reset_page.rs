//! `/reset-password?token=...`: the page the reset email links to.

use super::api::ResetPassword;
use super::form::{field_error, form_alert, on_submit, PasswordField};
use crate::domain::account::ResetPasswordForm;
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
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let form = move || ResetPasswordForm {
        token: token.clone(),
        password: password.get(),
    };
    let reset = ServerAction::<ResetPassword>::new();
    let remote = Signal::derive(move || reset.value().get().and_then(Result::err));
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    let link_invalid = move || matches!(remote.get(), Some(ApiError::LinkInvalid));
    view! {
        <Title text=t.reset_title />
        <section class="card account">
            <h1>{t.reset_title}</h1>
            <Show
                when=done
                fallback=move || {
                    let (check, send) = (form.clone(), form.clone());
                    view! {
                        <form
                            novalidate
                            on:submit=on_submit(submitted, send, ResetPasswordForm::validate, move |form| {
                                reset.dispatch(ResetPassword { form });
                            })
                        >
                            <PasswordField
                                id="new-password"
                                label=t.label_new_password
                                help=Some(t.help_new_password)
                                autocomplete="new-password"
                                value=password
                                error=field_error(Field::NewPassword, submitted, move || check().validate(), remote)
                            />
                            <p class="alert error" role="alert">{form_alert(remote)}</p>
                            <Show when=link_invalid>
                                <p><a href="/forgot-password">{t.request_new_link}</a></p>
                            </Show>
                            <button type="submit" class="primary" disabled=move || reset.pending().get()>
                                {t.set_password}
                            </button>
                        </form>
                    }
                }
            >
                <p class="notice" role="status">{t.reset_done}</p>
                <p><a href="/login">{t.sign_in}</a></p>
            </Show>
        </section>
    }
}
