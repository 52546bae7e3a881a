//! Accounts in the browser and on the server: sign-in, sign-out, password reset and the
//! first-start setup pages, and their server functions.

pub mod api;
mod forgot_page;
mod form;
pub mod form_post;
mod language_menu;
mod reset_page;
mod setup_page;
mod sign_in_page;
mod user_menu;

#[cfg(feature = "ssr")]
pub mod service;

/// The pages that load no wasm: plain forms, rendered on the server.
pub const PLAIN_PAGES: [&str; 4] = ["/login", "/forgot-password", "/reset-password", "/setup"];

pub use forgot_page::ForgotPasswordPage;
pub use language_menu::{LanguageMenu, LANGUAGE_SCRIPT};
pub use reset_page::ResetPasswordPage;
pub use setup_page::SetupPage;
pub use sign_in_page::SignInPage;
pub use user_menu::UserMenu;
