//! The HTTP transport under the `azure_core` pipeline: the `reqwest` client vouch
//! already ships (rustls with ring, the platform trust store), so Azure adds no second
//! HTTP or TLS stack.
//!
//! Trust comes from the system store; `SSL_CERT_FILE` adds certificates to it, which is
//! how a TLS-inspecting proxy's CA, an Azure Stack Hub CA or a test CA is trusted.

use std::sync::Arc;
use std::time::Duration;

use azure_core::http::headers::{HeaderName, HeaderValue, Headers};
use azure_core::http::request::{Body, Request};
use azure_core::http::{AsyncRawResponse, HttpClient, Method};
use azure_core::{Error, error::ErrorKind};

/// Environment variable naming a PEM bundle of extra trusted certificates.
pub const CERT_FILE_ENV: &str = "SSL_CERT_FILE";

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error(
        "cannot read the certificates in {path} ({CERT_FILE_ENV}): {reason}. Point it at a PEM file of CA certificates, or unset it"
    )]
    CertFile { path: String, reason: String },
    #[error("cannot build the HTTP client: {0}")]
    Build(String),
}

/// The largest answer vouch reads. ARM and Graph pages are far smaller (ARM caps a
/// page at 1,000 items); anything bigger is not an answer to a read and would only
/// exhaust memory.
pub const MAX_BODY: usize = 32 << 20;

#[derive(Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body: usize,
}

/// Reads the body whole, stopping (and failing the call, without retry) at `max`.
/// Answers are small JSON documents; reading them whole keeps errors in one place.
async fn read_bounded(mut rsp: reqwest::Response, max: usize) -> azure_core::Result<Vec<u8>> {
    let too_big = || {
        Error::with_message(
            ErrorKind::DataConversion,
            format!("the answer is larger than {} MiB; not read", max >> 20),
        )
    };
    if rsp.content_length().is_some_and(|n| n > max as u64) {
        return Err(too_big());
    }
    let mut body = Vec::new();
    while let Some(chunk) = rsp
        .chunk()
        .await
        .map_err(|e| Error::with_message(ErrorKind::Io, error_chain(&e)))?
    {
        if body.len() + chunk.len() > max {
            return Err(too_big());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The transport all Azure calls share (token requests included).
pub fn transport() -> Result<Arc<dyn HttpClient>, TransportError> {
    transport_trusting(
        std::env::var_os(CERT_FILE_ENV)
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
            .as_deref(),
    )
}

/// The transport, trusting the certificates of the PEM file `certs` too.
pub fn transport_trusting(
    certs: Option<&std::path::Path>,
) -> Result<Arc<dyn HttpClient>, TransportError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .read_timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none());
    if let Some(path) = certs {
        let shown = path.to_string_lossy().into_owned();
        let cert_error = |reason: String| TransportError::CertFile {
            path: shown.clone(),
            reason,
        };
        let pem = std::fs::read(path).map_err(|e| cert_error(e.to_string()))?;
        let certs =
            reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| cert_error(e.to_string()))?;
        if certs.is_empty() {
            return Err(cert_error("it holds no PEM certificate".into()));
        }
        builder = builder.tls_certs_merge(certs);
    }
    let client = builder
        .build()
        .map_err(|e| TransportError::Build(error_chain(&e)))?;
    Ok(Arc::new(ReqwestTransport {
        client,
        max_body: MAX_BODY,
    }))
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(cause) = src {
        let text = cause.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        src = cause.source();
    }
    s
}

/// vouch only reads: GET for ARM and Graph, POST for the sign-in's token request.
/// Anything else is refused here, below every caller.
fn method_of(method: Method) -> Option<reqwest::Method> {
    match method {
        Method::Get => Some(reqwest::Method::GET),
        Method::Post => Some(reqwest::Method::POST),
        _ => None,
    }
}

#[async_trait::async_trait]
impl HttpClient for ReqwestTransport {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        let method = method_of(request.method()).ok_or_else(|| {
            Error::with_message(
                ErrorKind::Other,
                format!("vouch does not send {:?} requests", request.method()),
            )
        })?;
        let mut req = self.client.request(method, request.url().clone());
        for (name, value) in request.headers().iter() {
            req = req.header(name.as_str(), value.as_str());
        }
        let req = match request.body() {
            Body::Bytes(bytes) => req.body(bytes.clone()),
            // vouch sends only small form bodies (token requests) and empty GETs.
            _ => {
                return Err(Error::with_message(
                    ErrorKind::Other,
                    "streamed request bodies are not supported",
                ));
            }
        };
        let rsp = req.send().await.map_err(|e| {
            let kind = if e.is_connect() {
                ErrorKind::Connection
            } else {
                ErrorKind::Io
            };
            Error::with_message(kind, error_chain(&e))
        })?;
        let status = rsp.status().as_u16();
        let headers: Headers = rsp
            .headers()
            .iter()
            .filter_map(|(k, v)| {
                v.to_str().ok().map(|v| {
                    (
                        HeaderName::from(k.as_str().to_owned()),
                        HeaderValue::from(v.to_owned()),
                    )
                })
            })
            .collect::<std::collections::HashMap<_, _>>()
            .into();
        let body = read_bounded(rsp, self.max_body).await?;
        Ok(AsyncRawResponse::from_bytes(status.into(), headers, body))
    }
}
