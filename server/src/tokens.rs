//! `mailwright token create | list | revoke`: API tokens for scripted installs.

use crate::accounts::open;
use crate::config::{TokenCommand, TokenScopeArg};
use anyhow::Context;
use app::domain::delivery::TokenScope;
use app::outbox::service;

/// Who the audit log names for changes made from the command line.
const CLI_ACTOR: &str = "command line";

pub async fn run(command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create {
            tenant,
            name,
            scope,
            expires_in_days,
            storage,
        } => {
            let name = name.trim();
            anyhow::ensure!(
                app::domain::account::validate_name(name).is_ok(),
                "--name must be one line of 1 to 100 characters"
            );
            let scope = match scope {
                TokenScopeArg::Send => TokenScope::Send,
                TokenScopeArg::SendRead => TokenScope::SendRead,
            };
            let expires_at = service::expiry_in_days(expires_in_days);
            let store = open(&storage).await?;
            let created =
                service::create_token(&store, &tenant, name, scope, expires_at, CLI_ACTOR).await;
            store.close().await;
            let created =
                created.with_context(|| format!("could not create a token for tenant {tenant}"))?;
            let id = created.token.id;
            eprintln!(
                "Created token {id} \"{name}\" ({}). It is shown this once:",
                scope.as_str()
            );
            println!("{}", created.value);
        }
        TokenCommand::List { tenant, storage } => {
            let store = open(&storage).await?;
            let tokens = store.tokens(&tenant).await;
            store.close().await;
            let tokens = tokens.context("could not read the tokens")?;
            println!("id\tname\tscope\tcreated\tlast used\texpires");
            for token in tokens.into_iter().map(service::token_view) {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    token.id,
                    token.name,
                    token.scope.as_str(),
                    token.created_at,
                    token.last_used_at.as_deref().unwrap_or("never"),
                    token.expires_at.as_deref().unwrap_or("never"),
                );
            }
        }
        TokenCommand::Revoke {
            tenant,
            id,
            storage,
        } => {
            let store = open(&storage).await?;
            let now = app::clock::now_rfc3339();
            let audit = app::store::AuditRecord {
                actor: CLI_ACTOR,
                at: &now,
            };
            let revoked = store
                .revoke_token(&tenant, id, app::clock::unix_now(), audit)
                .await;
            store.close().await;
            anyhow::ensure!(
                revoked.context("could not revoke the token")?,
                "tenant {tenant} has no live token {id}"
            );
            println!("Revoked token {id}.");
        }
    }
    Ok(())
}
