//! The active email provider of a tenant, as the page shows it (no secrets).

use super::microsoft::SavedGraph;
use super::smtp::SavedSmtp;
use super::test_email::{FailureCause, SendFailure, TestEmailReport};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActiveProvider {
    None,
    Smtp(SavedSmtp),
    /// Microsoft 365 through Microsoft Graph.
    Microsoft365(SavedGraph),
}

/// The kinds of provider, for choosing one and naming the one being replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProviderKind {
    None,
    Smtp,
    Microsoft365,
}

impl ActiveProvider {
    pub fn kind(&self) -> ProviderKind {
        match self {
            Self::None => ProviderKind::None,
            Self::Smtp(_) => ProviderKind::Smtp,
            Self::Microsoft365(_) => ProviderKind::Microsoft365,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailProviderView {
    pub provider: ActiveProvider,
    /// When the configuration was last saved (RFC 3339, UTC).
    pub updated_at: Option<String>,
    /// The last test email sent with this configuration.
    pub last_test: Option<LastTest>,
    /// The saved version (`None`: nothing saved). A save or delete names the version it was
    /// based on, so an edit never silently overwrites someone else's.
    pub version: Option<i64>,
    /// The signed-in admin's address: the test email's default recipient.
    pub admin_email: String,
    /// What the background check last found (`None`: not checked yet).
    #[serde(default)]
    pub health: Option<ProviderHealth>,
}

/// The background check's view of the provider: the last result and its changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderHealth {
    /// When the last check started (RFC 3339, UTC).
    pub checked_at: String,
    pub healthy: bool,
    /// Since when it has been healthy, or failing.
    pub since: String,
    /// Why it fails, while it does.
    pub failure: Option<SendFailure>,
    /// Changes between healthy and failing, newest first (the last ten).
    pub changes: Vec<HealthChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthChange {
    pub at: String,
    pub healthy: bool,
    /// The cause it failed with, when it became failing.
    pub cause: Option<FailureCause>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastTest {
    /// RFC 3339, UTC.
    pub at: String,
    pub report: TestEmailReport,
}

impl EmailProviderView {
    pub fn none() -> Self {
        Self {
            provider: ActiveProvider::None,
            updated_at: None,
            last_test: None,
            version: None,
            admin_email: String::new(),
            health: None,
        }
    }

    pub fn saved_smtp(&self) -> Option<&SavedSmtp> {
        match &self.provider {
            ActiveProvider::Smtp(saved) => Some(saved),
            _ => None,
        }
    }

    pub fn saved_graph(&self) -> Option<&SavedGraph> {
        match &self.provider {
            ActiveProvider::Microsoft365(saved) => Some(saved),
            _ => None,
        }
    }

    /// The address the active provider sends from.
    pub fn sender_email(&self) -> Option<&str> {
        match &self.provider {
            ActiveProvider::None => None,
            ActiveProvider::Smtp(saved) => Some(&saved.settings.sender_email),
            ActiveProvider::Microsoft365(saved) => Some(&saved.settings.sender_email),
        }
    }
}
