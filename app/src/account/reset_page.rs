//! `/reset-password?token=...`: the page the reset email links to.

use super::api::ResetPassword;
use super::form::{field_error, form_alert};
use crate::components::TextField;
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
    let form_for_submit = form.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let form = form_for_submit();
        if form.validate().is_ok() {
            reset.dispatch(ResetPassword { form });
        }
    };
    view! {
        <Title text=t.reset_title />
        <section class="card account">
            <h1>{t.reset_title}</h1>
            <Show
                when=done
                fallback=move || {
                    let form = form.clone();
                    view! {
                        <form novalidate on:submit=on_submit.clone()>
                            <TextField
                                id="new-password"
                                label=t.label_new_password
                                help=t.help_new_password
                                input_type="password"
                                autocomplete="new-password"
                                required=true
                                value=password
                                on_input=Callback::new(move |v| password.set(v))
                                error=field_error(Field::NewPassword, submitted, move || form().validate(), remote)
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
