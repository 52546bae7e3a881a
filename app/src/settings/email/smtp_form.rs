//! The SMTP form: server, security, sender, and authentication by password or by Microsoft
//! OAuth 2.0. The shared validation runs as the admin types; the server runs it again.

use super::api::SaveSmtpSettings;
use super::confirm_dialog::SaveBar;
use super::form_state::FormState;
use super::microsoft_form::AppFields;
use super::page::Saved;
use crate::components::{CheckboxField, SetupSteps, TextAreaField, TextField};
use crate::domain::provider::ProviderKind;
use crate::domain::smtp::{validate_smtp, SavedSmtp, SmtpAuthType, SmtpForm as Form, SmtpSecurity};
use crate::domain::test_email::PresentedCertificate;
use crate::domain::Field;
use crate::i18n::{catalog, fill, Catalog};
use leptos::prelude::*;

#[component]
pub fn SmtpForm(
    saved: Option<SavedSmtp>,
    /// The active provider this save would replace, if it is not SMTP.
    replacing: Option<ProviderKind>,
    /// The saved version being edited (a save based on an older one is refused).
    based_on: Option<i64>,
    on_saved: Callback<Saved>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = catalog();
    let initial = saved
        .as_ref()
        .map(|s| s.settings.to_form())
        .unwrap_or_else(Form::suggested);
    // The port follows Security until the admin types one (or saved a non-default one).
    let port_edited = RwSignal::new(saved.as_ref().is_some_and(|s| s.settings.has_custom_port()));
    let auth_type_saved = saved
        .as_ref()
        .and_then(|s| s.settings.auth.as_ref())
        .map(|a| a.auth_type());
    // A saved secret belongs to the saved authentication type only.
    let secret_saved = saved.as_ref().is_some_and(|s| s.secret_saved);
    let password_saved = secret_saved && auth_type_saved == Some(SmtpAuthType::Password);
    let client_secret_saved = secret_saved && auth_type_saved == Some(SmtpAuthType::MicrosoftOAuth);
    let trusted_ca = saved
        .as_ref()
        .and_then(|s| s.trusted_ca.as_ref())
        .map(|ca| ca_summary(t, ca));
    let saved = StoredValue::new(saved);
    let state = FormState::new(initial, move |f| {
        saved.with_value(|s| validate_smtp(f, s.as_ref()).err().unwrap_or_default())
    });
    let form = state.form;

    let on_security = move |ev| {
        if let Some(security) = SmtpSecurity::parse(&event_target_value(&ev)) {
            let port_chosen = port_edited.get_untracked();
            form.update(|f| f.set_security(security, port_chosen));
        }
    };
    let on_auth_type = move |ev| {
        if let Some(auth_type) = SmtpAuthType::parse(&event_target_value(&ev)) {
            form.update(|f| f.auth_type = auth_type);
        }
    };
    let oauth = move || form.with(|f| f.auth_type == SmtpAuthType::MicrosoftOAuth);

    let save = ServerAction::<SaveSmtpSettings>::new();
    let form_error = state.watch_save(save.value().into(), on_saved);
    let confirming = RwSignal::new(false);
    let dispatch = Callback::new(move |()| {
        save.dispatch(SaveSmtpSettings {
            form: form.get_untracked(),
            based_on,
        });
    });
    let on_submit = state.on_submit(replacing.map(|_| confirming), dispatch);

    view! {
        <form class="smtp-form" novalidate on:submit=on_submit>
            <h2>{t.smtp_heading}</h2>
            <TextField
                id="smtp-host"
                label=t.label_host
                help=t.help_host
                required=true
                value=state.value(|f| &f.host)
                on_input=state.edit(Field::Host, |f, v| f.host = v)
                error=state.error(Field::Host)
            />
            <div class="field">
                <label for="smtp-security">{t.label_security}</label>
                <select id="smtp-security" on:change=on_security aria-describedby="smtp-security-help">
                    {SmtpSecurity::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=move || form.with(|f| f.security == s)>
                                    {t.security_label(s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p id="smtp-security-help" class="help">{t.help_security}</p>
            </div>
            <TextField
                id="smtp-port"
                label=t.label_port
                help=t.help_port
                required=true
                value=state.value(|f| &f.port)
                on_input=Callback::new(move |v: String| {
                    port_edited.set(true);
                    state.edit(Field::Port, |f, v| f.port = v).run(v)
                })
                error=state.error(Field::Port)
            />
            <TextField
                id="smtp-sender-email"
                label=t.label_sender_email
                help=t.help_sender_email
                input_type="email"
                required=true
                value=state.value(|f| &f.sender_email)
                on_input=state.edit(Field::SenderEmail, |f, v| f.sender_email = v)
                error=state.error(Field::SenderEmail)
            />
            <TextField
                id="smtp-sender-name"
                label=t.label_sender_name
                help=t.help_sender_name
                value=state.value(|f| &f.sender_name)
                on_input=state.edit(Field::SenderName, |f, v| f.sender_name = v)
                error=state.error(Field::SenderName)
            />
            <CheckboxField
                id="smtp-auth"
                label=t.label_auth
                checked=state.flag(|f| f.auth_enabled)
                on_change=state.set_flag(|f, on| f.auth_enabled = on)
            />
            <Show
                when=move || form.with(|f| f.auth_enabled)
                fallback=move || view! { <p class="help">{t.help_auth_off}</p> }
            >
                <div class="field">
                    <label for="smtp-auth-type">{t.label_auth_type}</label>
                    <select id="smtp-auth-type" on:change=on_auth_type>
                        {SmtpAuthType::ALL
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <option value=a.as_str() selected=move || form.with(|f| f.auth_type == a)>
                                        {t.auth_type_label(a)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Show
                    when=oauth
                    fallback=move || view! { <PasswordFields state password_saved /> }
                >
                    <p class="help">{t.help_smtp_oauth}</p>
                    <AppFields
                        state
                        app=|f| &f.oauth
                        app_mut=|f| &mut f.oauth
                        tenant_label=t.label_oauth_tenant_id
                        client_label=t.label_oauth_client_id
                        secret_saved=client_secret_saved
                    />
                    <SetupSteps title=t.smtp_oauth_steps_title steps=t.smtp_oauth_steps />
                </Show>
            </Show>
            <Show when=move || form.with(|f| f.security != SmtpSecurity::None)>
                <TextAreaField
                    id="smtp-ca-certificate"
                    label=t.label_ca_certificate
                    help=t.help_ca_certificate
                    value=state.value(|f| &f.ca_certificate)
                    on_input=state.edit(Field::CaCertificate, |f, v| f.ca_certificate = v)
                    error=state.error(Field::CaCertificate)
                    note=trusted_ca.clone()
                />
            </Show>
            <TextField
                id="smtp-rate"
                label=t.label_rate
                help=t.help_rate
                input_type="number"
                value=state.value(|f| &f.rate_per_minute)
                on_input=state.edit(Field::RateLimit, |f, v| f.rate_per_minute = v)
                error=state.error(Field::RateLimit)
            />
            <SaveBar
                pending=save.pending()
                error=form_error
                on_cancel
                replacing
                new=ProviderKind::Smtp
                confirming
                on_confirm=dispatch
            />
        </form>
    }
}

/// Username (unless it is the sender email) and password.
#[component]
fn PasswordFields(state: FormState<Form>, password_saved: bool) -> impl IntoView {
    let t = catalog();
    view! {
        <CheckboxField
            id="smtp-same-as-sender"
            label=t.label_same_as_sender
            checked=state.flag(|f| f.username_same_as_sender)
            on_change=state.set_flag(|f, on| f.username_same_as_sender = on)
        />
        <Show when=move || !state.form.with(|f| f.username_same_as_sender)>
            <TextField
                id="smtp-username"
                label=t.label_username
                required=true
                value=state.value(|f| &f.username)
                on_input=state.edit(Field::Username, |f, v| f.username = v)
                error=state.error(Field::Username)
            />
        </Show>
        <TextField
            id="smtp-password"
            label=t.label_password
            input_type="password"
            autocomplete="new-password"
            help=password_saved.then_some(t.help_password_saved)
            placeholder=password_saved.then(|| t.password_saved.to_owned())
            value=state.value(|f| &f.password)
            on_input=state.edit(Field::Password, |f, v| f.password = v)
            error=state.error(Field::Password)
        />
    }
}

/// "Saved: subject, SHA-256 fingerprint, valid until date."
pub fn ca_summary(t: &Catalog, ca: &PresentedCertificate) -> String {
    let until = ca.not_after.get(..10).unwrap_or(&ca.not_after);
    fill(
        t.ca_saved,
        &[
            ("subject", &ca.subject),
            ("sha256", &ca.sha256),
            ("until", until),
        ],
    )
}
