//! What the account pages share: the email and password fields and the errors the server sent
//! back with a failed form post (see `form_post`).

use super::form_post::FormEcho;
use crate::components::TextField;
use crate::domain::Field;
use crate::error::ApiError;
use crate::i18n::catalog;
use leptos::prelude::*;

/// The error a form post came back with, shown by field and above the button.
pub struct EchoErrors(Option<ApiError>);

impl EchoErrors {
    pub fn of(echo: &Option<FormEcho>) -> Self {
        Self(echo.as_ref().and_then(|e| e.error.clone()))
    }

    pub fn error(&self) -> Option<&ApiError> {
        self.0.as_ref()
    }

    /// The error under `field`, in the reader's language.
    pub fn field(&self, field: Field) -> Option<&'static str> {
        match &self.0 {
            Some(ApiError::Invalid(errors)) => errors.get(field).map(|e| catalog().field_error(e)),
            _ => None,
        }
    }

    /// Whether `field` is the first of `order` in error: it gets the focus.
    pub fn first(&self, field: Field, order: &[Field]) -> bool {
        order.iter().find(|f| self.field(**f).is_some()) == Some(&field)
    }

    /// The alert above the button: an error that is not about one field.
    pub fn alert(&self) -> Option<String> {
        match &self.0 {
            None | Some(ApiError::Invalid(_)) => None,
            Some(err) => Some(catalog().api_error(err)),
        }
    }
}

/// The address a user signs in with.
#[component]
pub fn EmailField(
    value: String,
    error: Option<&'static str>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    view! {
        <TextField
            id="email"
            name="email"
            label=catalog().account.label_email
            input_type="email"
            autocomplete="username"
            required=true
            value=Signal::stored(value)
            on_input=Callback::new(|_| {})
            error=Signal::stored(error)
            autofocus=autofocus
        />
    }
}

/// A password, never shown again: the current one (`autocomplete` "current-password") or a
/// new one ("new-password", with the rules as help).
#[component]
pub fn PasswordField(
    id: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    error: Option<&'static str>,
    #[prop(default = None)] help: Option<&'static str>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    view! {
        <TextField
            id=id
            name="password"
            label=label
            help=help
            input_type="password"
            autocomplete=autocomplete
            required=true
            value=Signal::stored(String::new())
            on_input=Callback::new(|_| {})
            error=Signal::stored(error)
            autofocus=autofocus
        />
    }
}
