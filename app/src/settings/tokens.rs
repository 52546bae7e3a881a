//! The API tokens page: create, list and revoke the tokens other parts of the platform send
//! messages with.

pub mod api;
mod page;

pub use page::TokensPage;
