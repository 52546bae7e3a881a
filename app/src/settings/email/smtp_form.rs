//! The SMTP form. It runs the shared validation on every keystroke and shows a field's error
//! once the admin has typed in it (or tried to save); the server runs the same rules again.

use super::api::SaveSmtpSettings;
use super::page::Saved;
use crate::components::{CheckboxField, TextField};
use crate::domain::smtp::{validate_smtp, SavedSmtp, SmtpForm as Form, SmtpSecurity};
use crate::domain::{Field, FieldErrors};
use crate::error::ApiError;
use crate::i18n::catalog;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn SmtpForm(
    saved: Option<SavedSmtp>,
    on_saved: Callback<Saved>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = catalog();
    let form = RwSignal::new(
        saved
            .as_ref()
            .map(|s| s.settings.to_form())
            .unwrap_or_else(Form::suggested),
    );
    // The port follows Security until the admin types one (or saved a non-default one).
    let port_edited = RwSignal::new(saved.as_ref().is_some_and(|s| s.settings.has_custom_port()));
    let password_saved = saved.as_ref().is_some_and(|s| s.password_saved);
    let saved = StoredValue::new(saved);

    let touched = RwSignal::new(BTreeSet::<Field>::new());
    let submitted = RwSignal::new(false);
    let server_errors = RwSignal::new(FieldErrors::new());
    let client_errors = Memo::new(move |_| {
        form.with(|f| saved.with_value(|s| validate_smtp(f, s.as_ref()).err().unwrap_or_default()))
    });
    let error = move |field: Field| {
        Signal::derive(move || {
            let shown = submitted.get() || touched.with(|t| t.contains(&field));
            let code = server_errors.with(|e| e.get(field)).or_else(|| {
                if shown {
                    client_errors.with(|e| e.get(field))
                } else {
                    None
                }
            });
            code.map(t.field_error)
        })
    };
    let value =
        move |read: fn(&Form) -> &String| Signal::derive(move || form.with(|f| read(f).clone()));
    let edit = move |field: Field, write: fn(&mut Form, String)| {
        Callback::new(move |input: String| {
            form.update(|f| write(f, input));
            touched.update(|t| {
                t.insert(field);
            });
            server_errors.set(FieldErrors::new());
        })
    };
    let flag = move |read: fn(&Form) -> bool| Signal::derive(move || form.with(read));
    let set_flag = move |write: fn(&mut Form, bool)| {
        Callback::new(move |on: bool| form.update(|f| write(f, on)))
    };

    let on_security = move |ev| {
        if let Some(security) = SmtpSecurity::parse(&event_target_value(&ev)) {
            let port_chosen = port_edited.get_untracked();
            form.update(|f| f.set_security(security, port_chosen));
        }
    };

    let save = ServerAction::<SaveSmtpSettings>::new();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(view)) => on_saved.run((view, t.saved_notice)),
        Some(Err(ApiError::Invalid(errors))) => server_errors.set(errors),
        _ => {}
    });
    let form_error = move || {
        save.value()
            .get()
            .and_then(Result::err)
            .map(|e| t.api_error(&e))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if client_errors.with(FieldErrors::is_empty) {
            save.dispatch(SaveSmtpSettings {
                form: form.get_untracked(),
            });
        }
    };

    view! {
        <form class="smtp-form" novalidate on:submit=on_submit>
            <h2>{t.smtp_heading}</h2>
            <TextField
                id="smtp-host"
                label=t.label_host
                help=t.help_host
                required=true
                value=value(|f| &f.host)
                on_input=edit(Field::Host, |f, v| f.host = v)
                error=error(Field::Host)
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
                value=value(|f| &f.port)
                on_input=Callback::new(move |v: String| {
                    port_edited.set(true);
                    edit(Field::Port, |f, v| f.port = v).run(v)
                })
                error=error(Field::Port)
            />
            <TextField
                id="smtp-sender-email"
                label=t.label_sender_email
                help=t.help_sender_email
                input_type="email"
                required=true
                value=value(|f| &f.sender_email)
                on_input=edit(Field::SenderEmail, |f, v| f.sender_email = v)
                error=error(Field::SenderEmail)
            />
            <TextField
                id="smtp-sender-name"
                label=t.label_sender_name
                help=t.help_sender_name
                value=value(|f| &f.sender_name)
                on_input=edit(Field::SenderName, |f, v| f.sender_name = v)
                error=error(Field::SenderName)
            />
            <CheckboxField
                id="smtp-auth"
                label=t.label_auth
                checked=flag(|f| f.auth_enabled)
                on_change=set_flag(|f, on| f.auth_enabled = on)
            />
            <Show
                when=move || form.with(|f| f.auth_enabled)
                fallback=move || view! { <p class="help">{t.help_auth_off}</p> }
            >
                <CheckboxField
                    id="smtp-same-as-sender"
                    label=t.label_same_as_sender
                    checked=flag(|f| f.username_same_as_sender)
                    on_change=set_flag(|f, on| f.username_same_as_sender = on)
                />
                <Show when=move || !form.with(|f| f.username_same_as_sender)>
                    <TextField
                        id="smtp-username"
                        label=t.label_username
                        required=true
                        value=value(|f| &f.username)
                        on_input=edit(Field::Username, |f, v| f.username = v)
                        error=error(Field::Username)
                    />
                </Show>
                <TextField
                    id="smtp-password"
                    label=t.label_password
                    input_type="password"
                    autocomplete="new-password"
                    help=password_saved.then_some(t.help_password_saved)
                    placeholder=password_saved.then(|| t.password_saved.to_owned())
                    value=value(|f| &f.password)
                    on_input=edit(Field::Password, |f, v| f.password = v)
                    error=error(Field::Password)
                />
            </Show>
            <p class="alert error" role="alert">{form_error}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>{t.save}</button>
                <button type="button" on:click=move |_| on_cancel.run(())>{t.cancel}</button>
                <span class="pending" aria-live="polite">{move || save.pending().get().then_some(t.saving)}</span>
            </div>
        </form>
    }
}
