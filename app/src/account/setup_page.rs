//! `/setup?token=...`: the first start's one-time page for the first tenant and its admin.

use super::api::CreateFirstAdmin;
use super::form::{field_error, form_alert, go_to, on_submit, EmailField, PasswordField};
use crate::components::TextField;
use crate::domain::account::SetupForm;
use crate::domain::Field;
use crate::i18n::catalog;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SetupPage() -> impl IntoView {
    let t = &catalog().account;
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let organization = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let form = move || SetupForm {
        token: token.clone(),
        organization: organization.get(),
        email: email.get(),
        password: password.get(),
    };
    let create = ServerAction::<CreateFirstAdmin>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = create.value().get() {
            go_to("/settings/email");
        }
    });
    let remote = Signal::derive(move || create.value().get().and_then(Result::err));
    let error = {
        let form = form.clone();
        move |field| {
            let form = form.clone();
            field_error(field, submitted, move || form().validate(), remote)
        }
    };
    let submit = on_submit(submitted, form, SetupForm::validate, move |form| {
        create.dispatch(CreateFirstAdmin { form });
    });
    view! {
        <Title text=t.setup_title />
        <section class="card account">
            <h1>{t.setup_title}</h1>
            <p>{t.setup_intro}</p>
            <form novalidate on:submit=submit>
                <TextField
                    id="organization"
                    label=t.label_organization
                    required=true
                    autocomplete="organization"
                    value=organization
                    on_input=Callback::new(move |v| organization.set(v))
                    error=error(Field::Organization)
                />
                <EmailField value=email error=error(Field::Email) />
                <PasswordField
                    id="new-password"
                    label=t.label_password
                    help=Some(t.help_new_password)
                    autocomplete="new-password"
                    value=password
                    error=error(Field::NewPassword)
                />
                <p class="alert error" role="alert">{form_alert(remote)}</p>
                <button type="submit" class="primary" disabled=move || create.pending().get()>
                    {t.create_admin}
                </button>
            </form>
        </section>
    }
}
