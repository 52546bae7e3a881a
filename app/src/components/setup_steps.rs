use leptos::prelude::*;

/// Numbered setup steps behind a disclosure, for inline help.
#[component]
pub fn SetupSteps(title: &'static str, steps: &'static [&'static str]) -> impl IntoView {
    view! {
        <details class="setup-steps">
            <summary>{title}</summary>
            <ol>{steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}</ol>
        </details>
    }
}
