//! The `mailwright` binary: reads its configuration, opens the database and serves the app.
//! Composition only; the work happens in the `app` crate and the server library.

use anyhow::Context;
use app::auth::AuthState;
use app::state::AppState;
use clap::Parser;
use server::config::{Cli, Command, ServeArgs};
use server::{accounts, copy_database, http, logging, memory, rotate_key, tokens};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    logging::init(cli.log_format);
    // Before the runtime starts its threads.
    memory::return_large_blocks_to_the_system();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?
        .block_on(run(cli))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or_default() {
        Command::Serve(args) => serve(args).await,
        Command::RotateKey(storage) => rotate_key::run(&storage).await,
        Command::Tenant(command) => accounts::tenant(command).await,
        Command::User(command) => accounts::user(command).await,
        Command::Token(command) => tokens::run(command).await,
        Command::CopyDatabase(args) => copy_database::run(&args).await,
        Command::Catalog => {
            println!("{}", app::i18n::export_json());
            Ok(())
        }
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let state = AppState {
        leptos_options: args.leptos_options()?,
        store: args.open_store().await?,
        smtp_trust: args.smtp_trust()?,
        smtp_timeouts: Default::default(),
        microsoft: args.microsoft()?,
        auth: AuthState::new(args.public_url()?),
        metrics: Default::default(),
        outbox: app::outbox::Outbox::new(args.outbox.config()),
    };
    app::outbox::worker::spawn(state.clone());
    app::provider_health::spawn(state.clone());
    let router = http::router(state.clone(), &args.site_root);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("could not listen on {}", args.addr))?;
    tracing::info!("Mailwright listening on http://{}", listener.local_addr()?);
    accounts::announce_setup(&state).await?;
    http::serve(listener, router, shutdown_signal())
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
