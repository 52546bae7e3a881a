//! The certificate a server presents, kept for the failure report when the handshake fails:
//! a verifier that records the end-entity certificate and then leaves every decision to the
//! real (webpki) verifier. It never accepts what the real one refuses.

use crate::domain::test_email::PresentedCertificate;
use crate::domain::FieldError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::sync::{Arc, Mutex};

/// Wraps the real verifier for one handshake.
#[derive(Debug)]
pub struct Recording {
    pub inner: Arc<WebPkiServerVerifier>,
    pub seen: Arc<Mutex<Option<CertificateDer<'static>>>>,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(end_entity.clone().into_owned());
        }
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// What the admin needs to recognize a certificate: who it names, for which names, who issued
/// it, when it is valid and its SHA-256 fingerprint. `None` when it does not parse.
pub fn describe(der: &CertificateDer<'_>) -> Option<PresentedCertificate> {
    use sha2::{Digest, Sha256};
    use x509_parser::extensions::GeneralName;
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref()).ok()?;
    let names = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|name| match name {
                    GeneralName::DNSName(dns) => Some((*dns).to_owned()),
                    GeneralName::IPAddress(ip) => ip_text(ip),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let rfc3339 = |t: x509_parser::time::ASN1Time| {
        t.to_datetime()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    let fingerprint = Sha256::digest(der.as_ref())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    Some(PresentedCertificate {
        subject: cert.subject().to_string(),
        names,
        issuer: cert.issuer().to_string(),
        not_before: rfc3339(cert.validity().not_before),
        not_after: rfc3339(cert.validity().not_after),
        sha256: fingerprint,
        self_signed: cert.subject() == cert.issuer(),
    })
}

fn ip_text(bytes: &[u8]) -> Option<String> {
    match bytes.len() {
        4 => Some(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(bytes).ok()?).to_string()),
        16 => Some(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(bytes).ok()?).to_string()),
        _ => None,
    }
}

/// The server's half of the CA certificate field's rules (the browser cannot parse X.509): one
/// readable certificate, of a certificate authority, valid now. Returns what the page shows of
/// it. `pem` already passed `domain::smtp::parse_ca_pem`.
pub fn inspect_ca(pem: &str, now: UnixTime) -> Result<PresentedCertificate, FieldError> {
    let der = ca_der(pem).ok_or(FieldError::CertificateNotPem)?;
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref())
        .map_err(|_| FieldError::CertificateInvalid)?;
    let is_ca = cert
        .basic_constraints()
        .ok()
        .flatten()
        .is_some_and(|constraints| constraints.value.ca);
    if !is_ca {
        return Err(FieldError::CertificateNotCa);
    }
    let not_after = cert.validity().not_after.timestamp();
    if not_after < now.as_secs() as i64 {
        return Err(FieldError::CertificateExpired);
    }
    describe(&der).ok_or(FieldError::CertificateInvalid)
}

/// The DER of the one certificate in `pem`.
pub fn ca_der(pem: &str) -> Option<CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::from_pem_slice(pem.as_bytes()).ok()
}
