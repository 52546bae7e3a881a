//! The state every provider form shares: the values as typed, which fields the admin touched,
//! and the errors to show. The shared validation runs on every change; a field's error shows
//! once the admin has typed in it (or tried to save); the server's errors show until the next
//! change.

use super::page::Saved;
use crate::components::focus_first_invalid;
use crate::domain::provider::EmailProviderView;
use crate::domain::{Field, FieldErrors};
use crate::error::ApiError;
use crate::i18n::catalog;
use leptos::prelude::*;
use std::collections::BTreeSet;

pub struct FormState<F: Send + Sync + 'static> {
    pub form: RwSignal<F>,
    touched: RwSignal<BTreeSet<Field>>,
    submitted: RwSignal<bool>,
    server_errors: RwSignal<FieldErrors>,
    client_errors: Memo<FieldErrors>,
}

impl<F: Send + Sync + 'static> Clone for FormState<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for FormState<F> {}

impl<F: Clone + Send + Sync + 'static> FormState<F> {
    pub fn new(initial: F, validate: impl Fn(&F) -> FieldErrors + Send + Sync + 'static) -> Self {
        let form = RwSignal::new(initial);
        Self {
            form,
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(FieldErrors::new()),
            client_errors: Memo::new(move |_| form.with(&validate)),
        }
    }

    /// The error text to show under `field`, if any.
    pub fn error(self, field: Field) -> Signal<Option<&'static str>> {
        Signal::derive(move || {
            let shown = self.submitted.get() || self.touched.with(|t| t.contains(&field));
            let code = self.server_errors.with(|e| e.get(field)).or_else(|| {
                shown
                    .then(|| self.client_errors.with(|e| e.get(field)))
                    .flatten()
            });
            code.map(|e| catalog().field_error(e))
        })
    }

    pub fn value(self, read: impl Fn(&F) -> &String + Send + Sync + 'static) -> Signal<String> {
        Signal::derive(move || self.form.with(|f| read(f).clone()))
    }

    /// Input handler for a text field.
    pub fn edit(
        self,
        field: Field,
        write: impl Fn(&mut F, String) + Send + Sync + 'static,
    ) -> Callback<String> {
        Callback::new(move |input: String| {
            self.form.update(|f| write(f, input));
            self.touched.update(|t| {
                t.insert(field);
            });
            self.server_errors.set(FieldErrors::new());
        })
    }

    pub fn flag(self, read: fn(&F) -> bool) -> Signal<bool> {
        Signal::derive(move || self.form.with(read))
    }

    pub fn set_flag(self, write: fn(&mut F, bool)) -> Callback<bool> {
        Callback::new(move |on: bool| self.form.update(|f| write(f, on)))
    }

    /// The form's submit handler: every error shows; a valid form is saved with `dispatch`, or,
    /// when the save would replace another provider, after the admin confirms in the dialog
    /// that `confirm` opens.
    pub fn on_submit(
        self,
        confirm: Option<RwSignal<bool>>,
        dispatch: Callback<()>,
    ) -> impl Fn(leptos::ev::SubmitEvent) + Copy {
        move |ev| {
            ev.prevent_default();
            self.submitted.set(true);
            if self.client_errors.with(FieldErrors::is_empty) {
                match confirm {
                    Some(open) => open.set(true),
                    None => dispatch.run(()),
                }
            } else {
                focus_first_invalid();
            }
        }
    }

    /// Reacts to a save's result: hands a success to the page, shows field errors from the
    /// server, and returns the text of any other error for the form.
    pub fn watch_save(
        self,
        result: Signal<Option<Result<EmailProviderView, ApiError>>>,
        on_saved: Callback<Saved>,
    ) -> Signal<Option<String>> {
        let t = catalog();
        Effect::new(move |_| match result.get() {
            Some(Ok(view)) => on_saved.run((view, t.saved_notice)),
            Some(Err(ApiError::Invalid(errors))) => {
                self.server_errors.set(errors);
                focus_first_invalid();
            }
            _ => {}
        });
        Signal::derive(move || result.get().and_then(Result::err).map(|e| t.api_error(&e)))
    }
}
