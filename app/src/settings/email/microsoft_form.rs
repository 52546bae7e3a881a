//! The Microsoft 365 form (Microsoft Graph), and the app credential fields it shares with
//! Microsoft OAuth 2.0 on SMTP.

use super::api::SaveMicrosoft365Settings;
use super::confirm_dialog::SaveBar;
use super::form_state::FormState;
use super::page::Saved;
use crate::components::{SetupSteps, TextField};
use crate::domain::microsoft::{validate_graph, MicrosoftAppForm, SavedGraph};
use crate::domain::provider::ProviderKind;
use crate::domain::Field;
use crate::i18n::catalog;
use leptos::prelude::*;

#[component]
pub fn MicrosoftForm(
    saved: Option<SavedGraph>,
    /// The sender to start with when nothing is saved (switching from SMTP).
    sender: Option<String>,
    /// The active provider this save would replace, if it is not Microsoft 365.
    replacing: Option<ProviderKind>,
    /// The saved version being edited (a save based on an older one is refused).
    based_on: Option<i64>,
    on_saved: Callback<Saved>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = catalog();
    let mut initial = saved
        .as_ref()
        .map(|s| s.settings.to_form())
        .unwrap_or_default();
    if let (None, Some(sender)) = (&saved, sender) {
        initial.sender_email = sender;
    }
    let secret_saved = saved.as_ref().is_some_and(|s| s.secret_saved);
    let saved = StoredValue::new(saved);
    let state = FormState::new(initial, move |f| {
        saved.with_value(|s| validate_graph(f, s.as_ref()).err().unwrap_or_default())
    });

    let save = ServerAction::<SaveMicrosoft365Settings>::new();
    let form_error = state.watch_save(save.value().into(), on_saved);
    let confirming = RwSignal::new(false);
    let dispatch = Callback::new(move |()| {
        save.dispatch(SaveMicrosoft365Settings {
            form: state.form.get_untracked(),
            based_on,
        });
    });
    let on_submit = state.on_submit(replacing.map(|_| confirming), dispatch);

    view! {
        <form class="microsoft-form" novalidate on:submit=on_submit>
            <h2>{t.microsoft_heading}</h2>
            <TextField
                id="ms-sender-email"
                label=t.label_sender_email
                help=t.help_graph_sender
                input_type="email"
                required=true
                value=state.value(|f| &f.sender_email)
                on_input=state.edit(Field::SenderEmail, |f, v| f.sender_email = v)
                error=state.error(Field::SenderEmail)
            />
            <AppFields
                state
                app=|f| &f.app
                app_mut=|f| &mut f.app
                tenant_label=t.label_tenant_id
                client_label=t.label_client_id
                secret_saved
            />
            <SetupSteps title=t.graph_steps_title steps=t.graph_steps />
            <p class="help">{t.graph_limits}</p>
            <SaveBar
                pending=save.pending()
                error=form_error
                on_cancel
                replacing
                new=ProviderKind::Microsoft365
                confirming
                on_confirm=dispatch
            />
        </form>
    }
}

/// Tenant ID, client ID and the write-only client secret of a Microsoft Entra app.
#[component]
pub fn AppFields<F>(
    state: FormState<F>,
    app: fn(&F) -> &MicrosoftAppForm,
    app_mut: fn(&mut F) -> &mut MicrosoftAppForm,
    tenant_label: &'static str,
    client_label: &'static str,
    secret_saved: bool,
) -> impl IntoView
where
    F: Clone + Send + Sync + 'static,
{
    let t = catalog();
    view! {
        <TextField
            id="ms-tenant-id"
            label=tenant_label
            help=t.help_tenant_id
            required=true
            value=state.value(move |f| &app(f).tenant_id)
            on_input=state.edit(Field::TenantId, move |f, v| app_mut(f).tenant_id = v)
            error=state.error(Field::TenantId)
        />
        <TextField
            id="ms-client-id"
            label=client_label
            help=t.help_client_id
            required=true
            value=state.value(move |f| &app(f).client_id)
            on_input=state.edit(Field::ClientId, move |f, v| app_mut(f).client_id = v)
            error=state.error(Field::ClientId)
        />
        <TextField
            id="ms-client-secret"
            label=t.label_client_secret
            input_type="password"
            autocomplete="new-password"
            help=Some(if secret_saved { t.help_client_secret_saved } else { t.help_client_secret })
            placeholder=secret_saved.then(|| t.password_saved.to_owned())
            value=state.value(move |f| &app(f).client_secret)
            on_input=state.edit(Field::ClientSecret, move |f, v| app_mut(f).client_secret = v)
            error=state.error(Field::ClientSecret)
        />
        <TextField
            id="ms-secret-expires-on"
            label=t.label_secret_expires_on
            help=t.help_secret_expires_on
            input_type="date"
            value=state.value(move |f| &app(f).secret_expires_on)
            on_input=state.edit(Field::SecretExpiresOn, move |f, v| app_mut(f).secret_expires_on = v)
            error=state.error(Field::SecretExpiresOn)
        />
    }
}
