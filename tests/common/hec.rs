//! A local stand-in for a Splunk HTTP Event Collector: checks the path, the auth
//! header and the envelope of every event, and can refuse the first requests to make
//! the sender retry.

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Default, Debug)]
pub struct Received {
    pub requests: usize,
    pub events: Vec<Value>,
    pub problems: Vec<String>,
}

/// Starts the receiver; answers `fail_first` requests with 503, then 200 if the token
/// matches and 403 otherwise. Returns its base URL and what it received.
pub fn start(token: &'static str, fail_first: usize) -> (String, Arc<Mutex<Received>>) {
    let received = Arc::new(Mutex::new(Received::default()));
    let state = received.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            loop {
                let Ok((mut sock, _)) = listener.accept().await else { break };
                let state = state.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 65536];
                    loop {
                        // Read head, then the body by Content-Length.
                        let n = sock.read(&mut chunk).await.unwrap_or(0);
                        if n == 0 {
                            return;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
                        let head = String::from_utf8_lossy(&buf[..end]).to_string();
                        let len: usize = head
                            .lines()
                            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                            .unwrap_or(0);
                        if buf.len() < end + 4 + len {
                            continue;
                        }
                        let body = String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).to_string();
                        buf.drain(..end + 4 + len);
                        let (status, reply) = {
                            let mut r = state.lock().unwrap();
                            r.requests += 1;
                            if !head.starts_with("POST /services/collector/event ") {
                                r.problems.push(format!("request line: {}", head.lines().next().unwrap_or_default()));
                            }
                            let auth_ok = head.lines().any(|l| l.eq_ignore_ascii_case(&format!("authorization: Splunk {token}")));
                            if r.requests <= fail_first {
                                ("503 Service Unavailable", r#"{"text":"Server is busy","code":9}"#)
                            } else if !auth_ok {
                                ("403 Forbidden", r#"{"text":"Invalid token","code":4}"#)
                            } else {
                                for line in body.lines() {
                                    match serde_json::from_str::<Value>(line) {
                                        Ok(env) if env["event"].is_object() && env["time"].is_number() && env["sourcetype"].is_string() => {
                                            r.events.push(env["event"].clone())
                                        }
                                        _ => r.problems.push(format!("bad envelope: {}", line.chars().take(100).collect::<String>())),
                                    }
                                }
                                ("200 OK", r#"{"text":"Success","code":0}"#)
                            }
                        };
                        let resp = format!("HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{reply}", reply.len());
                        if sock.write_all(resp.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
    });
    let addr = rx.recv().unwrap();
    (format!("http://{addr}"), received)
}
