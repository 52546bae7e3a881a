//! Reusable pieces: labelled inputs that show their help and error text, inline help.

mod checkbox_field;
mod lazy_view;
mod setup_steps;
mod text_field;

pub use checkbox_field::CheckboxField;
pub(crate) use lazy_view::lazy_view;
pub use lazy_view::{preload, LazyView, LoadFailed};
pub use setup_steps::SetupSteps;
pub use text_field::{TextAreaField, TextField};

/// Moves focus to the first field marked invalid, once the errors are on the page (after a
/// failed save, so keyboard and screen reader users land where the problem is).
pub fn focus_first_invalid() {
    use leptos::prelude::{document, request_animation_frame};
    use leptos::wasm_bindgen::JsCast;
    request_animation_frame(|| {
        let field = document()
            .query_selector("[aria-invalid='true']")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
}
