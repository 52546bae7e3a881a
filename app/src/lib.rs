//! Mailwright's application: the pages, their server functions, and (with the `ssr` feature)
//! the server-side services behind them. `domain` is shared by the browser and the server.

pub mod account;
pub mod bundle;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod settings;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod crypto;
#[cfg(feature = "ssr")]
pub mod idn;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod metrics;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod provider_health;
#[cfg(feature = "ssr")]
pub mod secret;
#[cfg(feature = "ssr")]
pub mod secret_expiry;
#[cfg(feature = "ssr")]
pub mod security_headers;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

use account::{
    ForgotPasswordPage, LanguageMenu, ResetPasswordPage, SetupPage, SignInPage, UserMenu,
};
use bundle::BundleTags;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use leptos_router::SsrMode;
use settings::deliveries::DeliveriesPage;
use settings::email::EmailProviderPage;
use settings::tokens::TokensPage;

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let t = i18n::catalog();
    view! {
        <!DOCTYPE html>
        <html lang=t.lang>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <BundleTags options />
                <MetaTags />
                // The wasm's texts; the plain pages have none to feed.
                {bundle::page_loads_wasm().then(|| view! { <i18n::page_texts::PageTexts /> })}
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let t = i18n::catalog();
    view! {
        <Title formatter=move |page: String| format!("{page} · {}", t.app_name) />
        <Router>
            <header class="topbar">
                <span class="brand">{t.app_name}</span>
                <UserMenu />
                <LanguageMenu />
            </header>
            <main>
                <Routes fallback=move || t.not_found>
                    <Route path=path!("/") view=|| view! { <Redirect path="/settings/email" /> } />
                    // Async: the page is sent once the caller is known, so an anonymous
                    // visitor gets a real redirect to /login and a member a real 403.
                    <Route path=path!("/settings/email") view=EmailProviderPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/tokens") view=TokensPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/deliveries") view=DeliveriesPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=SignInPage />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                    <Route path=path!("/reset-password") view=ResetPasswordPage />
                    <Route path=path!("/setup") view=SetupPage />
                </Routes>
            </main>
        </Router>
    }
}
