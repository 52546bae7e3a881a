//! `/setup?token=...`: the first start's one-time page for the first tenant and its admin. A
//! plain form.

use super::form::{EchoErrors, EmailField, PasswordField};
use super::form_post::echo_for;
use crate::components::TextField;
use crate::domain::Field;
use crate::i18n::catalog;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SetupPage() -> impl IntoView {
    let t = &catalog().account;
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let echo = echo_for("/setup").unwrap_or_default();
    let errors = EchoErrors::of(&Some(echo.clone()));
    let order = [Field::Organization, Field::Email, Field::NewPassword];
    view! {
        <Title text=t.setup_title />
        <section class="card account">
            <h1>{t.setup_title}</h1>
            <p>{t.setup_intro}</p>
            <form method="post" action="/api/auth/setup-posted" novalidate>
                <input type="hidden" name="token" value=token />
                <TextField
                    id="organization"
                    name="organization"
                    label=t.label_organization
                    required=true
                    autocomplete="organization"
                    value=Signal::stored(echo.organization.clone())
                    on_input=Callback::new(|_| {})
                    error=Signal::stored(errors.field(Field::Organization))
                    autofocus=errors.first(Field::Organization, &order)
                />
                <EmailField
                    value=echo.email.clone()
                    error=errors.field(Field::Email)
                    autofocus=errors.first(Field::Email, &order)
                />
                <PasswordField
                    id="new-password"
                    label=t.label_password
                    help=Some(t.help_new_password)
                    autocomplete="new-password"
                    error=errors.field(Field::NewPassword)
                    autofocus=errors.first(Field::NewPassword, &order)
                />
                <p class="alert error" role="alert">{errors.alert()}</p>
                <button type="submit" class="primary">{t.create_admin}</button>
            </form>
        </section>
    }
}
