//! Reusable form pieces: labelled inputs that show their help and error text.

mod checkbox_field;
mod text_field;

pub use checkbox_field::CheckboxField;
pub use text_field::TextField;
