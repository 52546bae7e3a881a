use leptos::prelude::*;

/// A labelled text input with optional help and an error shown right below it. The error is
/// linked with `aria-errormessage`, so assistive technology (and tests) find it from the field.
#[component]
pub fn TextField(
    /// Unique id of the input; the help and error texts derive their ids from it.
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    #[prop(default = None, into)] help: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional, into)] placeholder: MaybeProp<String>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] on_blur: Option<Callback<()>>,
    #[prop(optional)] required: bool,
    /// The name a plain form posts the value under (the account pages).
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    // Also as an attribute, so a page rendered on the server without wasm shows the value.
    let initial = value.get_untracked();
    let (help_id, error_id) = (format!("{id}-help"), format!("{id}-error"));
    let described_by = described_by(help.map(|_| help_id.clone()), error_id.clone(), error);
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <input
                id=id
                name=name
                type=input_type
                value=initial
                autofocus=autofocus
                autocomplete=autocomplete
                placeholder=move || placeholder.get()
                required=required
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| {
                    if let Some(cb) = on_blur {
                        cb.run(())
                    }
                }
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-errormessage=error_id.clone()
                aria-describedby=described_by
            />
            {help.map(|text| view! { <p id=help_id class="help">{text}</p> })}
            <p id=error_id class="error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// A labelled multi-line text input (a pasted certificate), with help and error like
/// [`TextField`].
#[component]
pub fn TextAreaField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    help: &'static str,
    #[prop(default = 6)] rows: u32,
    /// Shown below the help (what the server read from the saved value).
    #[prop(default = None)]
    note: Option<String>,
) -> impl IntoView {
    let initial = value.get_untracked();
    let (help_id, error_id) = (format!("{id}-help"), format!("{id}-error"));
    let described_by = described_by(Some(help_id.clone()), error_id.clone(), error);
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <textarea
                id=id
                rows=rows
                spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-errormessage=error_id.clone()
                aria-describedby=described_by
            >
                {initial}
            </textarea>
            <p id=help_id class="help">{help}</p>
            {note.map(|note| view! { <p class="help">{note}</p> })}
            <p id=error_id class="error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// The ids that describe a field: its help, and its error while there is one.
fn described_by(
    help_id: Option<String>,
    error_id: String,
    error: Signal<Option<&'static str>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let shown_error = error.get().is_some().then(|| error_id.clone());
        let ids: Vec<String> = help_id.iter().cloned().chain(shown_error).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}
