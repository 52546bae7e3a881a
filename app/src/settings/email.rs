//! Settings > Email provider: the page, its forms, the server functions behind them and (server
//! only) the service that does the work.

pub mod api;
mod audit_log;
pub(crate) mod confirm_dialog;
mod delete_dialog;
mod form_state;
mod microsoft_form;
pub mod page;
mod smtp_form;
mod summary;
mod test_email;

#[cfg(feature = "ssr")]
pub mod service;

pub use page::EmailProviderPage;
