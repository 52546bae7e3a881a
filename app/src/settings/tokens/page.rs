//! The API tokens page: a list of live tokens with "Revoke", and a form that creates one and
//! shows it once.

use super::api::{list_tokens, CreateToken, ListTokens, RevokeToken};
use crate::components::TextField;
use crate::domain::delivery::{TokenForm, TokenScope, TokenView};
use crate::domain::Field;
use crate::error::ApiError;
use crate::i18n::format::LocalTime;
use crate::i18n::{catalog, fill};
use crate::settings::deliveries::ProviderBanners;
use crate::settings::email::confirm_dialog::ConfirmDialog;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn TokensPage() -> impl IntoView {
    let t = &catalog().outbox;
    // Loaded by the server, which hands the list to the island: an anonymous visitor gets a
    // real redirect and a member a real 403.
    let tokens = Resource::new(|| (), |_| list_tokens());
    view! {
        <Title text=t.tokens_title />
        <ProviderBanners />
        <h1>{t.tokens_title}</h1>
        <p class="intro">{t.tokens_intro}</p>
        <Transition fallback=move || view! { <p>{catalog().loading}</p> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    Ok(first) => view! { <TokensPanel first /> }.into_any(),
                    Err(ApiError::Unauthenticated) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(err) => view! { <p class="alert error" role="alert">{catalog().api_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The form and the list: the part of the page the browser runs (an island). The list is
/// read again after each creation and revocation.
#[cfg_attr(any(feature = "ssr", feature = "page-tokens"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "page-tokens")), component)]
fn TokensPanel(first: Vec<TokenView>) -> impl IntoView {
    let t = &catalog().outbox;
    let list = RwSignal::new(first);
    let reload = ServerAction::<ListTokens>::new();
    Effect::new(move |_| {
        if let Some(Ok(tokens)) = reload.value().get() {
            list.set(tokens);
        }
    });
    let notice = RwSignal::new(None::<&'static str>);
    view! {
        <p class="notice" role="status">{move || notice.get()}</p>
        <CreateTokenForm on_created=Callback::new(move |()| {
            reload.dispatch(ListTokens {});
        }) />
        {move || view! {
            <TokenList list=list.get() on_revoked=Callback::new(move |()| {
                notice.set(Some(t.token_revoked));
                reload.dispatch(ListTokens {});
            }) />
        }}
    }
}

#[component]
fn CreateTokenForm(on_created: Callback<()>) -> impl IntoView {
    let catalog = catalog();
    let t = &catalog.outbox;
    let form = RwSignal::new(TokenForm::default());
    let submitted = RwSignal::new(false);
    let create = ServerAction::<CreateToken>::new();
    let created = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(token)) = create.value().get() {
            created.set(Some(token.value));
            form.set(TokenForm::default());
            submitted.set(false);
            on_created.run(());
        }
    });
    let error = move |field: Field| {
        Signal::derive(move || {
            let local = submitted
                .get()
                .then(|| form.with(TokenForm::validate).err())
                .flatten();
            let remote = match create.value().get() {
                Some(Err(ApiError::Invalid(errors))) => Some(errors),
                _ => None,
            };
            local
                .or(remote)
                .and_then(|e| e.get(field))
                .map(|e| catalog.field_error(e))
        })
    };
    let other_error = move || match create.value().get() {
        Some(Err(ApiError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(err)) => Some(catalog.api_error(&err)),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        created.set(None);
        let current = form.get_untracked();
        if current.validate().is_ok() {
            create.dispatch(CreateToken { form: current });
        }
    };
    view! {
        <section class="card" aria-labelledby="create-token-heading">
            <h2 id="create-token-heading">{t.create_token}</h2>
            <form on:submit=on_submit novalidate>
                <TextField
                    id="token-name"
                    label=t.label_token_name
                    value=Signal::derive(move || form.with(|f| f.name.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.name = v))
                    error=error(Field::TokenName)
                    required=true
                />
                <div class="field">
                    <label for="token-scope">{t.label_scope}</label>
                    <select
                        id="token-scope"
                        on:change=move |ev| {
                            let scope = if event_target_value(&ev) == "send-read" { TokenScope::SendRead } else { TokenScope::Send };
                            form.update(|f| f.scope = scope);
                        }
                    >
                        <option value="send" selected=move || form.with(|f| f.scope == TokenScope::Send)>{t.scope_send}</option>
                        <option value="send-read" selected=move || form.with(|f| f.scope == TokenScope::SendRead)>{t.scope_send_read}</option>
                    </select>
                </div>
                <TextField
                    id="token-expires"
                    label=t.label_expires_days
                    value=Signal::derive(move || form.with(|f| f.expires_in_days.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.expires_in_days = v))
                    error=error(Field::ExpiresInDays)
                    help=Some(t.help_expires_days)
                    input_type="number"
                />
                <p class="alert error" role="alert">{other_error}</p>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || create.pending().get()>{t.create_token}</button>
                </div>
            </form>
            <Show when=move || created.get().is_some()>
                <div class="field created-token">
                    <label for="new-token">{t.label_new_token}</label>
                    <input id="new-token" type="text" readonly prop:value=move || created.get().unwrap_or_default() aria-describedby="new-token-help" />
                    <p id="new-token-help" class="help">{t.token_created}</p>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn TokenList(list: Vec<TokenView>, on_revoked: Callback<()>) -> impl IntoView {
    let catalog = catalog();
    let t = &catalog.outbox;
    let revoking = RwSignal::new(None::<TokenView>);
    let revoke = ServerAction::<RevokeToken>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = revoke.value().get() {
            revoking.set(None);
            on_revoked.run(());
        }
    });
    if list.is_empty() {
        return view! { <p>{t.tokens_empty}</p> }.into_any();
    }
    let scope = move |s: TokenScope| match s {
        TokenScope::Send => t.scope_send,
        TokenScope::SendRead => t.scope_send_read,
    };
    let when = move |at: Option<String>| {
        at.map(|at| view! { <LocalTime at /> }.into_any())
            .unwrap_or_else(|| t.never.into_any())
    };
    view! {
        <section class="card" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t.tokens_title}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.col_name}</th>
                        <th scope="col">{t.col_scope}</th>
                        <th scope="col">{t.col_created}</th>
                        <th scope="col">{t.col_last_used}</th>
                        <th scope="col">{t.col_expires}</th>
                        <th scope="col"><span class="visually-hidden">{t.revoke}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|token| {
                        let label = fill(t.revoke_label, &[("name", &token.name)]);
                        let chosen = token.clone();
                        view! {
                            <tr>
                                <td>{token.name.clone()}</td>
                                <td>{scope(token.scope)}</td>
                                <td><LocalTime at=token.created_at.clone() /> " · " {token.created_by.clone()}</td>
                                <td>{when(token.last_used_at.clone())}</td>
                                <td>{when(token.expires_at.clone())}</td>
                                <td>
                                    <button type="button" class="danger" aria-label=label on:click=move |_| revoking.set(Some(chosen.clone()))>
                                        {t.revoke}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || revoking.get().map(|token| view! {
                <ConfirmDialog
                    id="revoke"
                    title=fill(t.revoke_label, &[("name", &token.name)])
                    body=fill(t.revoke_confirm, &[("name", &token.name)])
                    confirm_label=t.revoke
                    pending=revoke.pending()
                    error=Signal::derive(move || revoke.value().get().and_then(Result::err).map(|e| catalog.api_error(&e)))
                    on_confirm=Callback::new(move |()| { revoke.dispatch(RevokeToken { id: token.id }); })
                    on_cancel=Callback::new(move |()| revoking.set(None))
                />
            })}
        </section>
    }
    .into_any()
}
