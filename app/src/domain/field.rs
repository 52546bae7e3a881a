//! Which field an input problem belongs to, and what the problem is. The codes cross the wire
//! and are turned into words by the translation catalog, never here.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A field of the Email provider form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Host,
    Port,
    SenderEmail,
    SenderName,
    Username,
    Password,
    TenantId,
    ClientId,
    ClientSecret,
    /// The client secret's expiry date (Microsoft 365, and Microsoft OAuth 2.0 on SMTP).
    SecretExpiresOn,
    /// SMTP: the tenant's own CA certificate.
    CaCertificate,
    Recipient,
    /// Sign-in, setup and password reset.
    Email,
    NewPassword,
    Organization,
    /// SMTP: the outbox's sending limit.
    RateLimit,
    /// API tokens.
    TokenName,
    ExpiresInDays,
}

/// One problem with one field's value.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    /// Control characters, CR or LF: they could inject mail headers.
    LineBreak,
    TooLong,
    PortNotNumber,
    PortOutOfRange,
    HostHasScheme,
    HostHasPort,
    HostInvalid,
    AddressMissingAt,
    AddressLocalPartInvalid,
    AddressLocalPartTooLong,
    AddressNonAsciiLocalPart,
    AddressDomainInvalid,
    AddressTooLong,
    /// A password is needed and none is stored.
    PasswordRequired,
    /// A password is stored, but it would now be sent to another server or user.
    PasswordRetypeForNewDestination,
    /// Neither a GUID nor a domain name.
    TenantIdInvalid,
    ClientIdNotGuid,
    /// A GUID in the client secret field: the secret's ID, not its value.
    ClientSecretIsId,
    ClientSecretRequired,
    /// A client secret is stored, but it would now go to another tenant, app or server.
    ClientSecretRetypeForNewDestination,
    PasswordTooShort,
    /// More than 100 recipients in To, Cc and Bcc together.
    TooManyRecipients,
    /// Neither a text nor an HTML body.
    BodyRequired,
    /// Attachment content that is not base64.
    NotBase64,
    /// Not a MIME type such as application/pdf.
    ContentTypeInvalid,
    /// A value that is not one of the allowed ones.
    UnknownValue,
    /// Not a whole number of messages a minute between 1 and 100,000.
    RateInvalid,
    /// Not a date (YYYY-MM-DD, years 2000 to 2999).
    DateInvalid,
    /// Not one PEM certificate ("-----BEGIN CERTIFICATE-----").
    CertificateNotPem,
    /// PEM, but not an X.509 certificate that can be read.
    CertificateInvalid,
    /// A server's (leaf) certificate, not a certificate authority's.
    CertificateNotCa,
    /// Past its "valid until" date.
    CertificateExpired,
}

/// At most one problem per field, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(BTreeMap<Field, FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Just one problem.
    pub fn one(field: Field, error: FieldError) -> Self {
        Self(BTreeMap::from([(field, error)]))
    }

    /// Records `result`'s error for `field`, keeping the first problem found for a field.
    pub fn check<T>(&mut self, field: Field, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.entry(field).or_insert(error);
                None
            }
        }
    }

    pub fn get(&self, field: Field) -> Option<FieldError> {
        self.0.get(&field).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when no field has an error.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Field, FieldError)> + '_ {
        self.0.iter().map(|(f, e)| (*f, *e))
    }
}

/// Rejects control characters (CR and LF above all) in a single-line value.
pub fn single_line(value: &str) -> Result<(), FieldError> {
    if value.chars().any(char::is_control) {
        Err(FieldError::LineBreak)
    } else {
        Ok(())
    }
}
