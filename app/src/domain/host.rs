//! SMTP server names: a host name or an IP literal.

use super::field::{single_line, FieldError};
use std::net::{IpAddr, Ipv6Addr};

/// The longest host name DNS can carry (RFC 1035 2.3.4, without the trailing dot).
const MAX_HOST_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// Checks an SMTP server name as typed (already trimmed). Non-ASCII labels pass here; the server
/// converts them to A-labels and checks the result again (`crate::idn`).
pub fn validate_host(host: &str) -> Result<(), FieldError> {
    if host.is_empty() {
        return Err(FieldError::Required);
    }
    single_line(host)?;
    if host.contains("://") {
        return Err(FieldError::HostHasScheme);
    }
    if parse_ip_literal(host).is_some() {
        return Ok(());
    }
    if host.contains(':') && !host.contains('[') {
        // "smtp.example.com:587": the port belongs in the Port field.
        let (name, port) = host.rsplit_once(':').unwrap_or((host, ""));
        if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) && !name.contains(':') {
            return Err(FieldError::HostHasPort);
        }
    }
    validate_host_name(host)
}

/// An IPv4 or IPv6 literal, bare or in brackets (`[::1]`).
pub fn parse_ip_literal(host: &str) -> Option<IpAddr> {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    host.parse::<IpAddr>().ok()
}

/// A DNS name made of letter-digit-hyphen labels (RFC 1123 2.1). Labels with non-ASCII
/// characters are accepted as they are: only the server can convert them (IDNA tables).
pub fn validate_host_name(name: &str) -> Result<(), FieldError> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > MAX_HOST_LEN && name.is_ascii() {
        return Err(FieldError::HostInvalid);
    }
    for label in name.split('.') {
        let ascii_ok = label.len() <= MAX_LABEL_LEN
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let unicode_ok =
            !label.is_ascii() && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if label.is_empty()
            || label.starts_with('-')
            || label.ends_with('-')
            || !(ascii_ok || unicode_ok)
        {
            return Err(FieldError::HostInvalid);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_rules() {
        let cases: &[(&str, Result<(), FieldError>)] = &[
            ("smtp.example.com", Ok(())),
            ("localhost", Ok(())),
            ("mail-1.example.co.uk.", Ok(())),
            ("127.0.0.1", Ok(())),
            ("::1", Ok(())),
            ("[2001:db8::1]", Ok(())),
            ("smtp.exämple.de", Ok(())),
            ("", Err(FieldError::Required)),
            ("smtp://mail.example.com", Err(FieldError::HostHasScheme)),
            ("mail.example.com:587", Err(FieldError::HostHasPort)),
            ("mail..example.com", Err(FieldError::HostInvalid)),
            ("-mail.example.com", Err(FieldError::HostInvalid)),
            ("mail_server.example.com", Err(FieldError::HostInvalid)),
            ("mail example.com", Err(FieldError::HostInvalid)),
            ("mail.example.com\r\nRCPT", Err(FieldError::LineBreak)),
            ("[not-an-ip]", Err(FieldError::HostInvalid)),
        ];
        for (host, expected) in cases {
            assert_eq!(validate_host(host), *expected, "host {host:?}");
        }
        let long_label = format!("{}.example.com", "a".repeat(64));
        assert_eq!(validate_host(&long_label), Err(FieldError::HostInvalid));
        let long_name = vec!["abcdefghi"; 26].join(".");
        assert_eq!(validate_host(&long_name), Err(FieldError::HostInvalid));
    }
}
