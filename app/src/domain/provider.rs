//! The active email provider of a tenant, as the page shows it (no secrets).

use super::smtp::SavedSmtp;
use super::test_email::TestEmailReport;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActiveProvider {
    None,
    Smtp(SavedSmtp),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailProviderView {
    pub provider: ActiveProvider,
    /// When the configuration was last saved (RFC 3339, UTC).
    pub updated_at: Option<String>,
    /// The last test email sent with this configuration.
    pub last_test: Option<LastTest>,
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
        }
    }

    pub fn saved_smtp(&self) -> Option<&SavedSmtp> {
        match &self.provider {
            ActiveProvider::Smtp(saved) => Some(saved),
            ActiveProvider::None => None,
        }
    }
}
