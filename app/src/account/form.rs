//! What the account pages share: the email and password fields, errors shown once the form was
//! submitted, the submit handler, the form-level alert, and leaving the page once done.

use crate::components::TextField;
use crate::domain::{Field, FieldErrors};
use crate::error::ApiError;
use crate::i18n::catalog;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The error under `field`: the shared rules once the form was submitted, else the server's.
pub fn field_error(
    field: Field,
    submitted: RwSignal<bool>,
    local: impl Fn() -> Result<(), FieldErrors> + Send + Sync + 'static,
    remote: Signal<Option<ApiError>>,
) -> Signal<Option<&'static str>> {
    Signal::derive(move || {
        let local = submitted.get().then(|| local().err()).flatten();
        let remote = match remote.get() {
            Some(ApiError::Invalid(errors)) => Some(errors),
            _ => None,
        };
        local
            .or(remote)
            .and_then(|errors| errors.get(field))
            .map(|e| catalog().field_error(e))
    })
}

/// Submitting: the shared rules' errors show from now on, and the form is sent only if they
/// pass (the server checks again).
pub fn on_submit<F: 'static>(
    submitted: RwSignal<bool>,
    form: impl Fn() -> F + 'static,
    validate: fn(&F) -> Result<(), FieldErrors>,
    send: impl Fn(F) + 'static,
) -> impl Fn(SubmitEvent) + 'static {
    move |ev: SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let form = form();
        if validate(&form).is_ok() {
            send(form);
        }
    }
}

/// The alert above the button: every error that is not about one field.
pub fn form_alert(remote: Signal<Option<ApiError>>) -> impl Fn() -> Option<String> {
    move || match remote.get() {
        None | Some(ApiError::Invalid(_)) => None,
        Some(err) => Some(catalog().api_error(&err)),
    }
}

/// The address a user signs in with.
#[component]
pub fn EmailField(value: RwSignal<String>, error: Signal<Option<&'static str>>) -> impl IntoView {
    view! {
        <TextField
            id="email"
            label=catalog().account.label_email
            input_type="email"
            autocomplete="username"
            required=true
            value=value
            on_input=Callback::new(move |v| value.set(v))
            error=error
        />
    }
}

/// A password: the current one (`autocomplete` "current-password") or a new one
/// ("new-password", with the rules as help).
#[component]
pub fn PasswordField(
    id: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<&'static str>>,
    #[prop(default = None)] help: Option<&'static str>,
) -> impl IntoView {
    view! {
        <TextField
            id=id
            label=label
            help=help
            input_type="password"
            autocomplete=autocomplete
            required=true
            value=value
            on_input=Callback::new(move |v| value.set(v))
            error=error
        />
    }
}

/// A full page load, so the header and every resource start from the new session.
pub fn go_to(path: &str) {
    if let Err(err) = window().location().set_href(path) {
        leptos::logging::error!("navigation to {path} failed: {err:?}");
    }
}
