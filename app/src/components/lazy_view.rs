//! Parts of a page whose code is a module of its own, which the browser fetches only when the
//! part is first shown (or preloads it earlier). `scripts/build.sh` splits the Email provider
//! page's wasm at each function declared with [`lazy_view!`]; everywhere else (the server, the
//! other pages' bundles) such a function is a plain one.

use crate::i18n::catalog;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// The browser could not fetch a part's module: the network failed, or the server was updated
/// since the page was loaded and no longer has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadFailed;

#[cfg(all(feature = "hydrate", feature = "page-email"))]
impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self
    }
}

/// Declares `async fn $name($arg) -> Result<AnyView, LoadFailed>`, whose body is split into a
/// module of its own in the Email provider page's bundle, and `async fn $preload()`, which
/// fetches that module without showing anything. A failed fetch is an error, not a panic (a
/// panic would stop every island on the page), and is retried on the next call.
macro_rules! lazy_view {
    (
        $(#[$meta:meta])*
        fn $name:ident($arg:ident: $ty:ty) preload $preload:ident $body:block
    ) => {
        $(#[$meta])*
        #[cfg(all(feature = "hydrate", feature = "page-email"))]
        #[::leptos::wasm_split::wasm_split(
            $name,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($preload)
        )]
        fn $name(
            $arg: $ty,
        ) -> Result<::leptos::prelude::AnyView, $crate::components::LoadFailed> {
            Ok($body)
        }

        $(#[$meta])*
        #[cfg(not(all(feature = "hydrate", feature = "page-email")))]
        async fn $name(
            $arg: $ty,
        ) -> Result<::leptos::prelude::AnyView, $crate::components::LoadFailed> {
            Ok($body)
        }

        #[cfg(not(all(feature = "hydrate", feature = "page-email")))]
        async fn $preload() -> Result<(), $crate::components::LoadFailed> {
            Ok(())
        }
    };
}
pub(crate) use lazy_view;

/// Starts fetching a part's module in the background (its errors show when the part does).
pub fn preload<F, Fut, E>(preload: F)
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<(), E>> + 'static,
{
    let load = preload();
    leptos::task::spawn_local(async move {
        let _ = load.await;
    });
}

/// Shows the view `load` gives once its module is there ("Loading…" until then when
/// `show_loading`). If the module cannot be fetched, says so, with a button that tries again.
#[component]
pub fn LazyView<L, Fut>(load: L, #[prop(optional)] show_loading: bool) -> impl IntoView
where
    L: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, LoadFailed>> + Send + 'static,
{
    // Boxed, so that the view below is compiled once for every part, not once per part.
    lazy_part(
        Callback::new(move |()| -> PartFuture { Box::pin(load()) }),
        show_loading,
    )
}

type PartFuture = Pin<Box<dyn Future<Output = Result<AnyView, LoadFailed>> + Send>>;

fn lazy_part(load: Callback<(), PartFuture>, show_loading: bool) -> AnyView {
    let t = catalog();
    let attempt = RwSignal::new(0u32);
    let part = move || {
        attempt.track();
        let view = load.run(());
        Suspend::new(async move {
            view.await.unwrap_or_else(|LoadFailed| {
                view! {
                    <div class="alert error" role="alert">
                        <p>{t.part_load_failed}</p>
                        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                            {t.try_again}
                        </button>
                    </div>
                }
                .into_any()
            })
        })
    };
    view! {
        <Suspense fallback=move || show_loading.then(|| view! { <p>{t.loading}</p> })>
            {part}
        </Suspense>
    }
    .into_any()
}
