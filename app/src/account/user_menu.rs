//! The header's account part: who is signed in, and "Sign out".

use super::api::{current_account, SignOut};
use super::form::go_to;
use crate::i18n::{catalog, fill};
use leptos::prelude::*;

#[component]
pub fn UserMenu() -> impl IntoView {
    let t = &catalog().account;
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
                    <div class="user-menu">
                        <span class="who">
                            {fill(t.signed_in_as, &[("email", &account.email), ("tenant", &account.tenant_name)])}
                        </span>
                        <button type="button" on:click=move |_| { sign_out.dispatch(SignOut {}); }>
                            {t.sign_out}
                        </button>
                    </div>
                })
            })}
        </Transition>
    }
}
