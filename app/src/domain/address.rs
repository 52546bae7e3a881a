//! Email addresses as SMTP carries them (RFC 5321 4.1.2 and 4.5.3.1): a dot-atom local part and
//! a domain name. Quoted local parts and address literals are refused: no mail provider an admin
//! configures here needs them, and they are a common source of typos.

use super::field::{single_line, FieldError};
use super::host::validate_host_name;

pub const MAX_LOCAL_PART: usize = 64;
pub const MAX_ADDRESS: usize = 254;

/// Checks an address as typed (already trimmed). A domain with non-ASCII characters passes
/// the table-free checks here; the server converts it to A-labels (`crate::idn`).
pub fn validate_address(address: &str) -> Result<(), FieldError> {
    if address.is_empty() {
        return Err(FieldError::Required);
    }
    single_line(address)?;
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Err(FieldError::AddressMissingAt);
    };
    validate_local_part(local)?;
    validate_domain(domain)?;
    if address.len() > MAX_ADDRESS {
        return Err(FieldError::AddressTooLong);
    }
    Ok(())
}

fn validate_local_part(local: &str) -> Result<(), FieldError> {
    if !local.is_ascii() {
        return Err(FieldError::AddressNonAsciiLocalPart);
    }
    if local.len() > MAX_LOCAL_PART {
        return Err(FieldError::AddressLocalPartTooLong);
    }
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
    if local.is_empty()
        || local
            .split('.')
            .any(|atom| atom.is_empty() || !atom.bytes().all(atext))
    {
        return Err(FieldError::AddressLocalPartInvalid);
    }
    Ok(())
}

/// A mail domain needs at least two labels: `user@gmail` is nearly always a typo.
fn validate_domain(domain: &str) -> Result<(), FieldError> {
    if domain.ends_with('.') || !domain.contains('.') || validate_host_name(domain).is_err() {
        return Err(FieldError::AddressDomainInvalid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldError::*;

    #[test]
    fn address_rules() {
        let local64 = "a".repeat(64);
        let local65 = "a".repeat(65);
        let long_domain = format!("{}.example", vec!["abcdefghij"; 22].join("."));
        let cases: Vec<(String, Result<(), FieldError>)> = vec![
            ("reports@example.com".into(), Ok(())),
            ("first.last+tag@mail.example.co.uk".into(), Ok(())),
            ("o'brien@example.ie".into(), Ok(())),
            (format!("{local64}@example.com"), Ok(())),
            ("info@bücher.example".into(), Ok(())),
            ("".into(), Err(Required)),
            ("reports.example.com".into(), Err(AddressMissingAt)),
            ("@example.com".into(), Err(AddressLocalPartInvalid)),
            ("a..b@example.com".into(), Err(AddressLocalPartInvalid)),
            (".a@example.com".into(), Err(AddressLocalPartInvalid)),
            ("a b@example.com".into(), Err(AddressLocalPartInvalid)),
            (
                "\"quoted\"@example.com".into(),
                Err(AddressLocalPartInvalid),
            ),
            (
                format!("{local65}@example.com"),
                Err(AddressLocalPartTooLong),
            ),
            ("jürgen@example.de".into(), Err(AddressNonAsciiLocalPart)),
            ("user@".into(), Err(AddressDomainInvalid)),
            ("user@gmail".into(), Err(AddressDomainInvalid)),
            ("user@exa_mple.com".into(), Err(AddressDomainInvalid)),
            ("user@[127.0.0.1]".into(), Err(AddressDomainInvalid)),
            ("user@example.com.".into(), Err(AddressDomainInvalid)),
            (
                "user@example.com\r\nBcc: x@evil.test".into(),
                Err(LineBreak),
            ),
            ("user@example.com\n".into(), Err(LineBreak)),
            (format!("{local64}@{long_domain}"), Err(AddressTooLong)),
        ];
        for (address, expected) in cases {
            assert_eq!(validate_address(&address), expected, "address {address:?}");
        }
    }
}
