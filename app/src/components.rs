//! Reusable pieces: labelled inputs that show their help and error text, inline help.

mod checkbox_field;
mod setup_steps;
mod text_field;

pub use checkbox_field::CheckboxField;
pub use setup_steps::SetupSteps;
pub use text_field::TextField;
