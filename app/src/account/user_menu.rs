//! The header's account part: the settings link (admins only: members never see email
//! settings), who is signed in, and "Sign out". Nothing for anonymous visitors. Rendered by the
//! server only (not an island): "Sign out" is a plain form.

use super::api::current_account;
use crate::domain::account::Role;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn UserMenu() -> impl IntoView {
    let catalog = catalog();
    let t = &catalog.account;
    let account = Resource::new(|| (), |_| current_account());
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
                        <form method="post" action="/api/auth/sign-out-posted">
                            <button type="submit">{t.sign_out}</button>
                        </form>
                    </div>
                })
            })}
        </Transition>
    }
}
