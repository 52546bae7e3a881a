//! Pure domain types and validation rules. No IO and no feature gates: this module is compiled
//! into the browser bundle and into the server, so both check input with exactly the same rules.
//! Parts of a rule that need Unicode tables (IDN to A-label conversion) run on the server only,
//! in `crate::idn`, after these checks pass.

pub mod account;
pub mod address;
pub mod audit;
pub mod connection_check;
pub mod date;
pub mod delivery;
pub mod field;
pub mod host;
pub mod microsoft;
pub mod provider;
pub mod secret;
pub mod secret_expiry;
pub mod smtp;
pub mod test_email;

pub use field::{Field, FieldError, FieldErrors};
