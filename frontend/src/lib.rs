//! The browser entry point. In islands mode only the interactive parts of a page (the
//! `#[island]` components) run in the browser: `hydrate` sets up the reactive runtime, and the
//! page's module script then hydrates each `<leptos-island>` through the function the wasm
//! exports for it (see `app::bundle::BundleTags`).

// Links the app crate, whose islands export their hydration functions.
pub use app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
