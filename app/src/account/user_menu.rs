//! The header's account part: the settings link (admins only: members never see email
//! settings), who is signed in, and "Sign out". Nothing for anonymous visitors.

use super::api::{current_account, SignOut};
use crate::domain::account::Role;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn UserMenu() -> impl IntoView {
    let catalog = catalog();
    let t = &catalog.account;
    let account = Resource::new(|| (), |_| current_account());
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            go_to("/login");
        }
    });
    view! {
        <Transition>
            {move || Suspend::new(async move {
                account.await.ok().flatten().map(|account| view! {
                    {(account.role == Role::Admin).then(|| view! {
                        <nav aria-label=catalog.nav_settings>
                            <A href="/settings/email">{catalog.page_title}</A>
                            <A href="/settings/tokens">{catalog.outbox.tokens_title}</A>
                            <A href="/settings/deliveries">{catalog.outbox.deliveries_title}</A>
                        </nav>
                    })}
                    <div class="user-menu">
                        <span class="who">
                            {fill(t.signed_in_as, &[("email", &account.email), ("tenant", &account.tenant_name)])}
                        </span>
                        // A form, so it also works on the plain pages (no wasm).
                        <form
                            method="post"
                            action="/api/auth/sign-out-posted"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                sign_out.dispatch(SignOut {});
                            }
                        >
                            <button type="submit">{t.sign_out}</button>
                        </form>
                    </div>
                })
            })}
        </Transition>
    }
}

/// A full page load, so the header and every resource start without the session.
fn go_to(path: &str) {
    if let Err(err) = window().location().set_href(path) {
        leptos::logging::error!("navigation to {path} failed: {err:?}");
    }
}
