//! What the account pages share: errors shown once the form was submitted, the form-level
//! alert, and leaving the page once done.

use crate::domain::{Field, FieldErrors};
use crate::error::ApiError;
use crate::i18n::catalog;
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
            .map(catalog().field_error)
    })
}

/// The alert above the button: every error that is not about one field.
pub fn form_alert(remote: Signal<Option<ApiError>>) -> impl Fn() -> Option<String> {
    move || match remote.get() {
        None | Some(ApiError::Invalid(_)) => None,
        Some(err) => Some(catalog().api_error(&err)),
    }
}

/// A full page load, so the header and every resource start from the new session.
pub fn go_to(path: &str) {
    if let Err(err) = window().location().set_href(path) {
        leptos::logging::error!("navigation to {path} failed: {err:?}");
    }
}
