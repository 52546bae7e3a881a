//! Which certificates the SMTP client trusts: the Mozilla root store (webpki-roots) plus the
//! operator's own CA certificates (`--smtp-ca-file`), for servers with an internal CA, plus
//! (for one tenant's connections only) the CA certificate that tenant saved.

use super::certificate::{describe, Recording};
use crate::domain::test_email::PresentedCertificate;
use lettre::transport::smtp::client::{Certificate, TlsParameters};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpStream;

#[derive(Clone)]
pub struct TlsTrust {
    extra_roots: Vec<CertificateDer<'static>>,
    /// Used for implicit TLS (SSL/TLS), where we do the handshake ourselves to time it as a step.
    config: Arc<ClientConfig>,
    /// The verifier `config` uses, wrapped per handshake to keep the presented certificate.
    verifier: Arc<WebPkiServerVerifier>,
}

/// A failed handshake, with the certificate the server presented if it got that far.
#[derive(Debug)]
pub struct TlsError {
    pub io: std::io::Error,
    pub presented: Option<PresentedCertificate>,
}

impl TlsTrust {
    /// The public roots only.
    pub fn public_roots() -> Self {
        Self::with_extra_roots(Vec::new())
    }

    /// The public roots plus every certificate in a PEM file.
    pub fn from_pem_file(path: &Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        use rustls::pki_types::pem::PemObject;
        let certs = CertificateDer::pem_file_iter(path)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .with_context(|| format!("could not read CA certificates from {}", path.display()))?;
        anyhow::ensure!(
            !certs.is_empty(),
            "{} holds no PEM certificate",
            path.display()
        );
        Ok(Self::with_extra_roots(certs))
    }

    /// These roots plus a tenant's own CA certificate (PEM), for that tenant's connections
    /// only. Unreadable PEM adds nothing: it was checked when it was saved.
    pub fn with_tenant_ca(&self, pem: Option<&str>) -> Self {
        match pem.and_then(super::certificate::ca_der) {
            Some(ca) => {
                let mut roots = self.extra_roots.clone();
                roots.push(ca);
                Self::with_extra_roots(roots)
            }
            None => self.clone(),
        }
    }

    fn with_extra_roots(extra_roots: Vec<CertificateDer<'static>>) -> Self {
        let mut roots = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let (_added, _ignored) = roots.add_parsable_certificates(extra_roots.iter().cloned());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier =
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .expect("the Mozilla roots are valid trust anchors");
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions() // TLS 1.2 and 1.3 (RFC 8997)
            .expect("ring supports the default protocol versions")
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone())
            .with_no_client_auth();
        Self {
            extra_roots,
            config: Arc::new(config),
            verifier,
        }
    }

    /// Parameters for lettre's STARTTLS upgrade, trusting the same certificates.
    pub fn lettre_parameters(
        &self,
        host: &str,
    ) -> Result<TlsParameters, lettre::transport::smtp::Error> {
        self.extra_roots
            .iter()
            .try_fold(TlsParameters::builder(host.to_owned()), |builder, der| {
                Ok(builder.add_root_certificate(Certificate::from_der(der.to_vec())?))
            })?
            .build_rustls()
    }

    /// The TLS handshake (SSL/TLS, and STARTTLS after the upgrade). When it fails, the
    /// error carries the certificate the server presented, if it got that far.
    pub async fn connect(&self, host: &str, tcp: TcpStream) -> Result<TlsStream, TlsError> {
        let name = ServerName::try_from(
            host.trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
        )
        .map_err(|e| TlsError {
            io: std::io::Error::new(std::io::ErrorKind::InvalidInput, e),
            presented: None,
        })?;
        let seen = Arc::default();
        let mut config = (*self.config).clone();
        config
            .dangerous()
            .set_certificate_verifier(Arc::new(Recording {
                inner: self.verifier.clone(),
                seen: Arc::clone(&seen),
            }));
        match tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
        {
            Ok(stream) => Ok(TlsStream(stream)),
            Err(io) => {
                let presented = seen.lock().ok().and_then(|s| s.as_ref().and_then(describe));
                Err(TlsError { io, presented })
            }
        }
    }
}

/// A TLS stream lettre can speak SMTP over.
#[derive(Debug)]
pub struct TlsStream(tokio_rustls::client::TlsStream<TcpStream>);

impl lettre::transport::smtp::client::AsyncTokioStream for TlsStream {
    fn peer_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

impl tokio::io::AsyncRead for TlsStream {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for TlsStream {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.0).poll_shutdown(cx)
    }
}
