//! The `mailwright` binary: reads its configuration, opens the database and serves the app.
//! Composition only; the work happens in the `app` crate.

mod config;
mod rotate_key;

use anyhow::Context;
use app::state::AppState;
use app::{shell, App};
use axum::Router;
use clap::Parser;
use config::{Cli, Command, ServeArgs};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MAILWRIGHT_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    match cli.command.unwrap_or_default() {
        Command::Serve(args) => serve(args).await,
        Command::RotateKey(storage) => rotate_key::run(&storage).await,
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let state = AppState {
        leptos_options: args.leptos_options()?,
        store: args.open_store().await?,
        smtp_trust: args.smtp_trust()?,
        smtp_timeouts: Default::default(),
        microsoft: args.microsoft()?,
    };
    let site_pkg = args.site_root.join(&*state.leptos_options.site_pkg_dir);
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let render_state = state.clone();
    let router = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(render_state.clone()),
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .route(
            "/api/{*fn_name}",
            axum::routing::post(move |req| {
                leptos_axum::handle_server_fns_with_context(
                    move || provide_context(context_state.clone()),
                    req,
                )
            }),
        )
        .nest_service("/pkg", ServeDir::new(site_pkg))
        .fallback_service(ServeDir::new(&args.site_root))
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("could not listen on {}", args.addr))?;
    tracing::info!("Mailwright listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error")
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        if let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            term.recv().await;
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
