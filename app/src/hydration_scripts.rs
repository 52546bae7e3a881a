//! The tags that load the browser bundle and hydrate the page.

use leptos::prelude::*;

/// Leptos's `HydrationScripts`, with every script tag carrying the page's nonce. Leptos 0.8
/// renders the nonce on the module preload as `crossorigin` instead of `nonce`, so the
/// Content-Security-Policy (scripts only by nonce) refused the preload and the browser reported
/// a violation on every page.
#[component]
pub fn HydrationScripts(options: LeptosOptions) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let pkg = format!("/{}", options.site_pkg_dir);
    let js = format!("{pkg}/{}.js", options.output_name);
    // wasm-bindgen names the module `<name>_bg.wasm`; cargo-leptos renames it `<name>.wasm`
    // and sets LEPTOS_OUTPUT_NAME while it builds.
    let wasm_suffix = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        ""
    } else {
        "_bg"
    };
    let wasm = format!("{pkg}/{}{wasm_suffix}.wasm", options.output_name);
    let hydrate = format!(
        "import('{js}').then(m => m.default({{module_or_path: '{wasm}'}}).then(() => m.hydrate()));"
    );
    view! {
        <link rel="modulepreload" href=js nonce=nonce.clone() />
        <link
            rel="preload"
            href=wasm
            r#as="fetch"
            r#type="application/wasm"
            crossorigin=""
            nonce=nonce.clone()
        />
        <script type="module" nonce=nonce>
            {hydrate}
        </script>
    }
}
