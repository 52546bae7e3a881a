//! The server-side half of the address and host rules: converting internationalized domain names
//! to A-labels (RFC 5891). It needs Unicode tables, so it stays out of the browser bundle; the
//! browser has already run the table-free checks in `crate::domain`.

use crate::domain::address::validate_address;
use crate::domain::host::{parse_ip_literal, validate_host_name};
use crate::domain::smtp::SmtpSettings;
use crate::domain::{Field, FieldError, FieldErrors};

/// A host name in A-labels, or an IP literal unchanged.
pub fn ascii_host(host: &str) -> Result<String, FieldError> {
    if parse_ip_literal(host).is_some() || host.is_ascii() {
        return Ok(host.to_owned());
    }
    let ascii = idna::domain_to_ascii_strict(host).map_err(|_| FieldError::HostInvalid)?;
    validate_host_name(&ascii)?;
    Ok(ascii)
}

/// An address whose domain is in A-labels.
pub fn ascii_address(address: &str) -> Result<String, FieldError> {
    if address.is_ascii() {
        return Ok(address.to_owned());
    }
    let (local, domain) = address
        .rsplit_once('@')
        .ok_or(FieldError::AddressMissingAt)?;
    let domain =
        idna::domain_to_ascii_strict(domain).map_err(|_| FieldError::AddressDomainInvalid)?;
    let ascii = format!("{local}@{domain}");
    validate_address(&ascii)?;
    Ok(ascii)
}

/// Completes validated SMTP settings for storage and sending.
pub fn ascii_smtp_settings(mut settings: SmtpSettings) -> Result<SmtpSettings, FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Some(host) = errors.check(Field::Host, ascii_host(&settings.host)) {
        settings.host = host;
    }
    if let Some(sender) = errors.check(Field::SenderEmail, ascii_address(&settings.sender_email)) {
        settings.sender_email = sender;
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idn_conversion() {
        let cases: &[(&str, Result<&str, FieldError>)] = &[
            ("info@bücher.example", Ok("info@xn--bcher-kva.example")),
            ("plain@example.com", Ok("plain@example.com")),
            (
                "x@exa\u{00A0}mple.com",
                Err(FieldError::AddressDomainInvalid),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                ascii_address(input).as_deref(),
                expected.as_ref().map(|s| *s),
                "{input}"
            );
        }
        assert_eq!(
            ascii_host("smtp.bücher.example").unwrap(),
            "smtp.xn--bcher-kva.example"
        );
        assert_eq!(ascii_host("[::1]").unwrap(), "[::1]");
        let long = format!("{}.example", "ü".repeat(60));
        assert_eq!(ascii_host(&long), Err(FieldError::HostInvalid));
    }
}
