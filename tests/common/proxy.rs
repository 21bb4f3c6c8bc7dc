//! A fault-injecting HTTP proxy for tests: forwards every request to an upstream
//! (LocalStack) except those whose request line contains a configured fragment, which
//! get a canned response. It stands in for an account where one permission is
//! missing or one API misbehaves.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone)]
pub struct Fault {
    pub content_type: &'static str,
    /// Substrings that must all appear in the request head (request line and headers),
    /// e.g. `["/vouch-demo-x", "?encryption"]` or `["X-Amz-Target: TrentService."]`.
    pub matches: Vec<String>,
    pub status: u16,
    pub body: String,
}

impl Fault {
    pub fn access_denied(matches: &[&str]) -> Self {
        Fault {
            content_type: "application/xml",
            matches: matches.iter().map(|s| s.to_string()).collect(),
            status: 403,
            body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>vouch-test</RequestId></Error>".into(),
        }
    }

    /// AccessDenied as JSON-protocol services (KMS, Secrets Manager, Logs) answer it.
    pub fn access_denied_json(matches: &[&str]) -> Self {
        Fault {
            content_type: "application/x-amz-json-1.1",
            matches: matches.iter().map(|s| s.to_string()).collect(),
            status: 400,
            body: r#"{"__type":"AccessDeniedException","message":"User is not authorized to perform this operation"}"#.into(),
        }
    }

    pub fn server_error(matches: &[&str]) -> Self {
        Fault {
            content_type: "application/xml",
            matches: matches.iter().map(|s| s.to_string()).collect(),
            status: 500,
            body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>".into(),
        }
    }
}

/// Starts the proxy on a free loopback port in a background thread; returns its URL.
pub fn start(upstream: SocketAddr, faults: Vec<Fault>) -> String {
    let faults = Arc::new(faults);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            loop {
                let Ok((client, _)) = listener.accept().await else {
                    break;
                };
                let faults = faults.clone();
                tokio::spawn(async move {
                    let _ = serve(client, upstream, &faults).await;
                });
            }
        });
    });
    let addr = rx.recv().unwrap();
    format!("http://{addr}")
}

async fn serve(
    mut client: TcpStream,
    upstream: SocketAddr,
    faults: &[Fault],
) -> std::io::Result<()> {
    // Read the request head.
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = client.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let head_lower = text[..text.find("\r\n\r\n").unwrap_or(text.len())].to_ascii_lowercase();
    if let Some(f) = faults.iter().find(|f| {
        f.matches
            .iter()
            .all(|m| head_lower.contains(&m.to_ascii_lowercase()))
    }) {
        let reason = match f.status {
            400 => "Bad Request",
            403 => "Forbidden",
            _ => "Internal Server Error",
        };
        let resp = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            f.status,
            f.content_type,
            f.body.len(),
            f.body
        );
        client.write_all(resp.as_bytes()).await?;
        return client.shutdown().await;
    }
    // Forward with `Connection: close`, so every request on a new connection is inspected.
    let end = text.find("\r\n\r\n").unwrap_or(text.len());
    let mut forwarded: String = text[..end]
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect::<Vec<_>>()
        .join("\r\n");
    forwarded.push_str("\r\nConnection: close\r\n\r\n");
    let mut up = TcpStream::connect(upstream).await?;
    up.write_all(forwarded.as_bytes()).await?;
    up.write_all(&head[end + 4..]).await?;
    tokio::io::copy_bidirectional(&mut client, &mut up).await?;
    Ok(())
}
