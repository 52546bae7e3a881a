//! Accounts from the command line (`tenant add`, `user add`) and the first start's setup URL.

use crate::config::{StorageArgs, TenantCommand, UserCommand};
use anyhow::Context;
use app::auth::password;
use app::clock::now_rfc3339;
use app::domain::account::{validate_name, validate_new_password, Role};
use app::domain::address::validate_address;
use app::state::AppState;
use std::io::BufRead;

pub async fn tenant(command: TenantCommand) -> anyhow::Result<()> {
    let TenantCommand::Add { id, name, storage } = command;
    anyhow::ensure!(
        is_tenant_id(&id),
        "a tenant id is 1 to 63 lowercase letters, digits and hyphens, for example acme"
    );
    anyhow::ensure!(
        validate_name(&name).is_ok(),
        "--name must be one line of 1 to 100 characters"
    );
    let store = open(&storage).await?;
    let added = store.add_tenant(&id, name.trim(), &now_rfc3339()).await;
    store.close().await;
    added.with_context(|| format!("could not add tenant {id}"))?;
    println!("Added tenant {id} ({}).", name.trim());
    Ok(())
}

pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Add {
        tenant,
        email,
        admin,
        storage,
    } = command;
    let email = email.trim().to_owned();
    anyhow::ensure!(
        validate_address(&email).is_ok(),
        "--email must be an email address such as name@example.com"
    );
    let password = read_password()?;
    anyhow::ensure!(
        validate_new_password(&password).is_ok(),
        "the password (standard input) must be 12 to 256 characters"
    );
    let hash = password::hash_now(&password).map_err(|_| anyhow::anyhow!("hashing failed"))?;
    let role = if admin { Role::Admin } else { Role::Member };
    let store = open(&storage).await?;
    let added = store
        .add_user(&tenant, &email, &hash, role, &now_rfc3339())
        .await;
    store.close().await;
    added.with_context(|| format!("could not add {email} to tenant {tenant}"))?;
    println!("Added {} {email} to tenant {tenant}.", role.as_str());
    Ok(())
}

/// One line from standard input, without its line ending (a pipe or a terminal).
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub(crate) async fn open(storage: &StorageArgs) -> anyhow::Result<app::store::Store> {
    storage.open_store(storage.secret_box()?).await
}

fn is_tenant_id(id: &str) -> bool {
    (1..=63).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// On a fresh installation (no user yet) opens the setup gate and prints its one-time URL.
/// Printed on standard output, never logged: the token lets whoever has it become admin.
pub async fn announce_setup(state: &AppState) -> anyhow::Result<()> {
    if state.store.has_users().await? {
        return Ok(());
    }
    let token = state.auth.setup.open();
    println!(
        "No admin exists yet. Create the first admin at:\n\n    {}/setup?token={token}\n\n\
         This link works once, until this server stops. Or use `mailwright tenant add` and \
         `mailwright user add --admin`.",
        state.auth.public_url
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_ids_are_short_slugs() {
        assert!(is_tenant_id("acme"));
        assert!(is_tenant_id("acme-2"));
        assert!(!is_tenant_id(""));
        assert!(!is_tenant_id("Acme"));
        assert!(!is_tenant_id("acme corp"));
        assert!(!is_tenant_id(&"a".repeat(64)));
    }
}
