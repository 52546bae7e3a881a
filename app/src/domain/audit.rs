//! The audit log of a tenant's email settings: every save, activation, deletion and test send,
//! with who did it and when. Secrets appear only as "changed", never with a value.

use super::microsoft::{GraphSettings, MicrosoftApp};
use super::provider::ProviderKind;
use super::secret::SecretUpdate;
use super::smtp::{SmtpAuth, SmtpSettings};
use super::test_email::{SendStep, TestEmailOutcome, TestEmailReport};
use serde::{Deserialize, Serialize};

/// A setting named in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AuditField {
    Host,
    Port,
    Security,
    SenderEmail,
    SenderName,
    Authentication,
    Username,
    TenantId,
    ClientId,
    /// The password or client secret: only ever "changed".
    Secret,
    /// SMTP: the outbox's messages a minute.
    RateLimit,
    /// The client secret's expiry date.
    SecretExpiresOn,
    /// SMTP: the tenant's CA certificate, named by its SHA-256 digest.
    CaCertificate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: AuditField,
    /// Old and new values of a non-secret field; `None` for the secret.
    pub values: Option<(Option<String>, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    /// Settings saved; `activated` when this replaced another provider (or none).
    Saved {
        provider: ProviderKind,
        activated: bool,
        changes: Vec<FieldChange>,
    },
    Deleted {
        provider: ProviderKind,
    },
    TestSent {
        recipient: String,
        /// `None`: accepted; otherwise the step it failed at.
        failed_at: Option<SendStep>,
    },
    /// An API token was created (its value is never recorded).
    TokenCreated {
        name: String,
    },
    TokenRevoked {
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
}

/// One page of entries, most recent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` to get the next (older) page.
    pub older: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPageRequest {
    /// Entries with an id below this one; `None`: the most recent.
    pub before: Option<i64>,
}

/// Non-secret settings as (field, value) pairs, for comparing two configurations.
pub type Snapshot = Vec<(AuditField, String)>;

pub fn smtp_snapshot(s: &SmtpSettings) -> Snapshot {
    let mut rows = vec![
        (AuditField::Host, s.host.clone()),
        (AuditField::Port, s.port.to_string()),
        (AuditField::Security, s.security.as_str().to_owned()),
        (AuditField::SenderEmail, s.sender_email.clone()),
    ];
    if let Some(name) = &s.sender_name {
        rows.push((AuditField::SenderName, name.clone()));
    }
    if let Some(rate) = s.rate_per_minute {
        rows.push((AuditField::RateLimit, rate.to_string()));
    }
    let auth = s.auth.as_ref().map_or("off", |a| a.auth_type().as_str());
    rows.push((AuditField::Authentication, auth.to_owned()));
    match &s.auth {
        Some(SmtpAuth::Password {
            username: Some(user),
        }) => rows.push((AuditField::Username, user.clone())),
        Some(SmtpAuth::MicrosoftOAuth(app)) => app_rows(app, &mut rows),
        _ => {}
    }
    // The CA certificate is named by its fingerprint, which needs the server's X.509 parser:
    // the service adds it (`settings::email::service`).
    rows
}

pub fn graph_snapshot(s: &GraphSettings) -> Snapshot {
    let mut rows = vec![(AuditField::SenderEmail, s.sender_email.clone())];
    app_rows(&s.app, &mut rows);
    rows
}

fn app_rows(app: &MicrosoftApp, rows: &mut Snapshot) {
    rows.push((AuditField::TenantId, app.tenant_id.clone()));
    rows.push((AuditField::ClientId, app.client_id.clone()));
    if let Some(date) = app.secret_expires_on {
        rows.push((AuditField::SecretExpiresOn, date.to_string()));
    }
}

/// What a save changed, field by field, from `old` (`None`: another provider or none was
/// active) to `new`. A typed secret is "changed" even if it happens to be the same.
pub fn changes(
    old: Option<&Snapshot>,
    new: &Snapshot,
    secret: &SecretUpdate,
    had_secret: bool,
) -> Vec<FieldChange> {
    let value = |snapshot: Option<&Snapshot>, field| {
        snapshot.and_then(|s| s.iter().find(|(f, _)| *f == field).map(|(_, v)| v.clone()))
    };
    let mut fields: Vec<AuditField> = new.iter().map(|(f, _)| *f).collect();
    fields.extend(old.into_iter().flatten().map(|(f, _)| *f));
    fields.sort();
    fields.dedup();
    let mut changes: Vec<FieldChange> = fields
        .into_iter()
        .filter_map(|field| {
            let (before, after) = (value(old, field), value(Some(new), field));
            (before != after).then_some(FieldChange {
                field,
                values: Some((before, after)),
            })
        })
        .collect();
    let secret_changed = match secret {
        SecretUpdate::Set(_) => true,
        SecretUpdate::Clear => had_secret,
        SecretUpdate::Keep => false,
    };
    if secret_changed {
        changes.push(FieldChange {
            field: AuditField::Secret,
            values: None,
        });
    }
    changes
}

impl AuditAction {
    pub fn test_sent(report: &TestEmailReport) -> Self {
        Self::TestSent {
            recipient: report.recipient.clone(),
            failed_at: match &report.outcome {
                TestEmailOutcome::Accepted { .. } => None,
                TestEmailOutcome::Failed(failure) => Some(failure.step),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_name_fields_with_old_and_new_values_and_secrets_without() {
        let old = smtp_snapshot(&SmtpSettings::example());
        let mut edited = SmtpSettings::example();
        edited.port = 2525;
        edited.sender_name = Some("Reports".into());
        let new = smtp_snapshot(&edited);
        let found = changes(Some(&old), &new, &SecretUpdate::Set("hunter2".into()), true);
        let expected = vec![
            FieldChange {
                field: AuditField::Port,
                values: Some((Some("587".into()), Some("2525".into()))),
            },
            FieldChange {
                field: AuditField::SenderName,
                values: Some((None, Some("Reports".into()))),
            },
            FieldChange {
                field: AuditField::Secret,
                values: None,
            },
        ];
        assert_eq!(found, expected);
        assert!(!format!("{found:?}").contains("hunter2"));
        assert!(changes(Some(&old), &old, &SecretUpdate::Keep, true).is_empty());
    }
}
