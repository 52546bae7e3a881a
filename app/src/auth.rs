//! Who may touch email settings (server only). Every server function and endpoint calls
//! [`authorize_email_settings`] before doing anything else.

use crate::error::ApiError;

/// The tenant whose settings a caller may manage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub tenant_id: String,
    /// Who the audit log names for this caller's changes.
    pub actor: String,
}

/// The tenant of a single-tenant installation, until accounts and tenants exist.
pub const DEFAULT_TENANT: &str = "default";
/// The audit log's "who" until accounts exist: every caller is this one administrator.
pub const DEFAULT_ACTOR: &str = "admin (no accounts yet)";

/// Checks that the caller is a tenant admin and returns the tenant they administer.
///
/// Accounts do not exist yet (they come with the accounts issue), so every caller is treated as
/// the admin of the default tenant. This is the single place that will check the session.
pub async fn authorize_email_settings() -> Result<Caller, ApiError> {
    Ok(Caller {
        tenant_id: DEFAULT_TENANT.to_owned(),
        actor: DEFAULT_ACTOR.to_owned(),
    })
}
