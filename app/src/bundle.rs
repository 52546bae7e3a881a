//! The browser bundles (js and wasm per admin page, one stylesheet): the names of their files
//! and the tags that load them.
//!
//! `scripts/build.sh` builds one bundle per admin page, each with that page's islands only
//! (`frontend`'s features), so a page loads none of the others' code. It gives each file a
//! name that carries a digest of its content and writes `pkg/manifest.json` (see
//! `scripts/assets.mjs`), so the server can let browsers cache the files for a year: a new
//! build has new names. A site built without that step (for example by `cargo leptos watch`,
//! which builds one bundle with every island) has no manifest, and every page loads that
//! bundle under the plain names.

use leptos::prelude::*;
use std::collections::BTreeMap;

/// The files' names inside the site's pkg directory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Bundle {
    pub css: String,
    /// Each admin page's module and wasm, by page (`email`, `tokens`, `deliveries`).
    pub pages: BTreeMap<String, PageBundle>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct PageBundle {
    pub js: String,
    pub wasm: String,
    /// The modules `js` imports (the loader of the lazy modules), preloaded with it.
    #[serde(default)]
    pub imports: Vec<String>,
    /// The modules split off at `#[lazy]` functions, which the page's module fetches itself
    /// once the page is interactive (listed for the size benchmark and the tests).
    #[serde(default)]
    pub lazy: Vec<String>,
}

/// The bundle a page path loads.
pub fn page_bundle_name(path: &str) -> &'static str {
    match path {
        "/settings/tokens" => "tokens",
        "/settings/deliveries" => "deliveries",
        _ => "email",
    }
}

impl Bundle {
    /// The names wasm-bindgen and the build give the files, without digests: one bundle for
    /// every page.
    pub fn plain(output_name: &str) -> Self {
        Self {
            css: format!("{output_name}.css"),
            pages: BTreeMap::new(),
        }
    }

    /// The module and wasm of the bundle `page`, else the single plain-named bundle.
    pub fn page(&self, page: &str, output_name: &str) -> PageBundle {
        self.pages.get(page).cloned().unwrap_or_else(|| {
            // wasm-bindgen names the module `<name>_bg.wasm`; cargo-leptos renames it
            // `<name>.wasm` and sets LEPTOS_OUTPUT_NAME while it builds.
            let wasm_suffix = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
                ""
            } else {
                "_bg"
            };
            PageBundle {
                js: format!("{output_name}.js"),
                wasm: format!("{output_name}{wasm_suffix}.wasm"),
                imports: Vec::new(),
                lazy: Vec::new(),
            }
        })
    }

    /// The names in `pkg_dir/manifest.json`, else the plain ones.
    #[cfg(feature = "ssr")]
    pub fn load(pkg_dir: &std::path::Path, output_name: &str) -> Self {
        let manifest = pkg_dir.join("manifest.json");
        match std::fs::read_to_string(&manifest) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|err| {
                tracing::warn!(path = %manifest.display(), error = %err, "unreadable bundle manifest: using the plain names");
                Self::plain(output_name)
            }),
            Err(_) => Self::plain(output_name),
        }
    }
}

/// A path with a content digest in a file or directory name, as `scripts/assets.mjs` writes
/// them (`mailwright.0123456789abcdef.css`, `email.0123456789abcdef/mailwright-email.js`): such
/// a file never changes, so it may be cached forever.
pub fn is_digest_path(path: &str) -> bool {
    path.split(['/', '.'])
        .any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The bundle's names for this page: provided by the server, else the plain ones.
fn bundle(options: &LeptosOptions) -> Bundle {
    use_context::<Bundle>().unwrap_or_else(|| Bundle::plain(&options.output_name))
}

/// Whether the page being rendered loads the wasm: not the account pages, which are plain
/// forms (see `account::PLAIN_PAGES`).
pub fn page_loads_wasm() -> bool {
    !request_path().is_some_and(|path| crate::account::PLAIN_PAGES.contains(&path.as_str()))
}

/// The path of the page being rendered (server only).
fn request_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        crate::auth::request_parts().map(|parts| parts.uri.path().to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The stylesheet, and unless the page is a plain one, the module and the wasm, each script
/// tag with the page's nonce. (Leptos 0.8's own `HydrationScripts` renders the nonce on the
/// module preload as `crossorigin` instead of `nonce`, so the Content-Security-Policy, scripts
/// only by nonce, refused the preload.)
#[component]
pub fn BundleTags(options: LeptosOptions) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let names = bundle(&options);
    let pkg = format!("/{}", options.site_pkg_dir);
    let css = format!("{pkg}/{}", names.css);
    if !page_loads_wasm() {
        return view! {
            <link rel="stylesheet" id="leptos" href=css />
            <script type="module" nonce=nonce>
                {crate::account::LANGUAGE_SCRIPT}
            </script>
        }
        .into_any();
    }
    let page = page_bundle_name(request_path().as_deref().unwrap_or_default());
    let files = names.page(page, &options.output_name);
    let js = format!("{pkg}/{}", files.js);
    let wasm = format!("{pkg}/{}", files.wasm);
    let imports = files
        .imports
        .iter()
        .map(|module| {
            let href = format!("{pkg}/{module}");
            view! { <link rel="modulepreload" href=href nonce=nonce.clone() /> }
        })
        .collect_view();
    // `async`: the module and the wasm load and compile while the page is still being parsed
    // (a plain module script waits for the end of parsing); hydration itself waits for the
    // whole document.
    // Islands: only the `<leptos-island>` elements hydrate, each through the function the wasm
    // exports under its name. `data-hydrated` lets end-to-end tests wait until they are live.
    let hydrate = format!(
        "import('{js}').then(m => m.default({{module_or_path: '{wasm}'}}).then(() => {{ \
         const go = () => {{ m.hydrate(); \
           for (const el of document.querySelectorAll('leptos-island')) m[el.dataset.component](el); \
           document.body.dataset.hydrated = 'true'; }}; \
         document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', go) : go(); }}));"
    );
    view! {
        <link rel="stylesheet" id="leptos" href=css />
        <link rel="modulepreload" href=js nonce=nonce.clone() />
        {imports}
        <link
            rel="preload"
            href=wasm
            r#as="fetch"
            r#type="application/wasm"
            crossorigin=""
            nonce=nonce.clone()
        />
        <script type="module" async nonce=nonce.clone()>
            {hydrate}
        </script>
        <script type="module" nonce=nonce>
            {crate::account::LANGUAGE_SCRIPT}
        </script>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_a_digest_are_cached_forever() {
        assert!(is_digest_path("mailwright.0123456789abcdef.js"));
        assert!(is_digest_path("mailwright_bg.0123456789abcdef.wasm.br"));
        assert!(!is_digest_path("mailwright.js"));
        assert!(!is_digest_path("manifest.json"));
        assert!(!is_digest_path("mailwright.0123456789abcdeg.js"));
        assert!(is_digest_path("/email.0123456789abcdef/__wasm_split.js"));
        assert!(is_digest_path(
            "email.0123456789abcdef/split_editor_1.wasm.br"
        ));
        assert!(!is_digest_path("/email/mailwright-email.js"));
    }
}
