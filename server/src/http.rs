//! The HTTP surface: pages, server functions under /api, static files, and the layers every
//! request passes (cross-site refusal, security headers).

use crate::health;
use app::auth::refuse_cross_site;
use app::bundle::{is_digest_path, Bundle};
use app::i18n::negotiation::{choose_language, provide_request_language};
use app::security_headers::{add_security_headers, provide_request_nonce, SecurityHeaders};
use app::state::AppState;
use app::{outbox, shell, App};
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::path::Path;
use std::sync::OnceLock;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;

/// Plain HTTP endpoints outside the app, for operators (public, GET): alive, ready, metrics.
pub const OPERATOR_PATHS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// The OpenAPI document of the platform's API (public).
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// The platform's API (bearer tokens, never sessions), as (method, example path).
pub const API_V1_ROUTES: [(&str, &str); 3] = [
    ("POST", "/api/v1/messages"),
    ("POST", "/api/v1/messages/batch"),
    (
        "GET",
        "/api/v1/messages/00000000-0000-0000-0000-000000000000",
    ),
];

/// The app's routes, generated once per process. Generating them renders the app in a special
/// mode; in tests that start a server while another one renders a page, doing it again
/// sometimes left that page unfinished forever.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The page paths the app renders (for the router and for tests that cover every route).
pub fn page_paths() -> Vec<String> {
    route_list()
        .iter()
        .map(|route| route.path().to_owned())
        .collect()
}

pub fn router(state: AppState, site_root: &Path) -> Router {
    let site_pkg = site_root.join(&*state.leptos_options.site_pkg_dir);
    let bundle = Bundle::load(&site_pkg, &state.leptos_options.output_name);
    let routes = route_list();
    let context_state = state.clone();
    let render_state = state.clone();
    Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(render_state.clone());
                provide_context(bundle.clone());
                provide_request_nonce();
                provide_request_language();
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .route(OPERATOR_PATHS[0], axum::routing::get(health::live))
        .route(OPERATOR_PATHS[1], axum::routing::get(health::ready))
        .route(OPERATOR_PATHS[2], axum::routing::get(health::metrics))
        .route(
            "/api/{*fn_name}",
            axum::routing::post(move |req| {
                leptos_axum::handle_server_fns_with_context(
                    move || {
                        provide_context(context_state.clone());
                        provide_request_language();
                    },
                    req,
                )
            }),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            choose_language,
        ))
        .route(
            "/api/v1/messages",
            axum::routing::post(outbox::api::post_message)
                .layer(DefaultBodyLimit::max(outbox::api::MESSAGE_BODY_LIMIT)),
        )
        .route(
            "/api/v1/messages/batch",
            axum::routing::post(outbox::api::post_batch)
                .layer(DefaultBodyLimit::max(outbox::api::BATCH_BODY_LIMIT)),
        )
        .route(
            "/api/v1/messages/{id}",
            axum::routing::get(outbox::api::get_message),
        )
        .route(OPENAPI_PATH, axum::routing::get(outbox::api::openapi_json))
        .nest_service("/pkg", bundle_files(&site_pkg))
        .fallback_service(ServeDir::new(site_root))
        .layer(axum::middleware::from_fn(refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(
            SecurityHeaders {
                https: state.auth.sessions.secure,
            },
            add_security_headers,
        ))
        // Pages and JSON compressed on the fly (a fast level: they are made per request); the
        // bundle's files are already compressed and pass through as they are.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .with_state(state)
}

/// The browser bundle: the brotli or gzip version made at build time for clients that accept
/// one (the file itself for the others), and files whose names carry a digest of their content
/// cached for a year.
fn bundle_files(dir: &Path) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::from_fn(cache_bundle))
}

async fn cache_bundle(request: Request, next: Next) -> Response {
    let forever = is_digest_path(request.uri().path());
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        let cache = if forever {
            "public, max-age=31536000, immutable"
        } else {
            // A name without a digest may get new content: ask again each time (cheap: the
            // server answers 304 while the file is unchanged).
            "no-cache"
        };
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Serves `router` until `shutdown` completes. Handlers see the peer address (sign-in limits).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
