use leptos::prelude::*;

/// A labelled checkbox.
#[component]
pub fn CheckboxField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
    #[prop(default = None, into)] help: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field checkbox">
            <input
                id=id
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
            {help.map(|text| view! { <p class="help">{text}</p> })}
        </div>
    }
}
