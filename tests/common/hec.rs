//! A local stand-in for a Splunk HTTP Event Collector: checks the path, the auth
//! header, the envelope and sourcetype of every event, and can refuse the first
//! requests to make the sender retry. With indexer acknowledgement on it answers as
//! Splunk does: a request without a channel is refused (code 10), each accepted batch
//! gets an ack id, and `/services/collector/ack` confirms them (or, `Ack::Never`,
//! never does).

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Default, Debug)]
pub struct Received {
    pub requests: usize,
    pub events: Vec<Value>,
    pub problems: Vec<String>,
    /// Ack ids handed out, and the polls of the ack endpoint.
    pub ack_ids: u64,
    pub ack_polls: usize,
}

/// Indexer acknowledgement on the receiver's token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ack {
    Off,
    /// Every batch is confirmed at the first poll.
    On,
    /// Batches are accepted and never confirmed.
    Never,
}

/// Starts the receiver without indexer acknowledgement; see [`start_with`].
pub fn start(token: &'static str, fail_first: usize) -> (String, Arc<Mutex<Received>>) {
    start_with(token, fail_first, Ack::Off)
}

/// Starts the receiver; answers `fail_first` requests with 503, then 200 if the token
/// matches and 403 otherwise. Returns its base URL and what it received.
pub fn start_with(
    token: &'static str,
    fail_first: usize,
    ack: Ack,
) -> (String, Arc<Mutex<Received>>) {
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
                            let request_line = head.lines().next().unwrap_or_default().to_string();
                            let auth_ok = head.lines().any(|l| l.eq_ignore_ascii_case(&format!("authorization: Splunk {token}")));
                            let channel = head.lines().find_map(|l| {
                                let (name, value) = l.split_once(':')?;
                                name.eq_ignore_ascii_case("x-splunk-request-channel").then(|| value.trim().to_string())
                            });
                            if request_line.starts_with("POST /services/collector/ack?channel=") {
                                r.ack_polls += 1;
                                if ack == Ack::Off || channel.is_none() || !auth_ok {
                                    r.problems.push(format!("ack poll: {request_line}"));
                                }
                                let asked: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                                let confirmed: serde_json::Map<String, Value> = asked["acks"]
                                    .as_array()
                                    .into_iter()
                                    .flatten()
                                    .map(|id| (id.to_string(), Value::Bool(ack == Ack::On)))
                                    .collect();
                                ("200 OK", serde_json::json!({ "acks": confirmed }).to_string())
                            } else {
                                r.requests += 1;
                                if !request_line.starts_with("POST /services/collector/event ") {
                                    r.problems.push(format!("request line: {request_line}"));
                                }
                                if r.requests <= fail_first {
                                    ("503 Service Unavailable", r#"{"text":"Server is busy","code":9}"#.to_string())
                                } else if !auth_ok {
                                    ("403 Forbidden", r#"{"text":"Invalid token","code":4}"#.to_string())
                                } else if ack != Ack::Off && channel.is_none() {
                                    ("400 Bad Request", r#"{"text":"Data channel is missing","code":10}"#.to_string())
                                } else {
                                    for line in body.lines() {
                                        match serde_json::from_str::<Value>(line) {
                                            Ok(env) if env["event"].is_object() && env["time"].is_number() && env["sourcetype"].is_string() => {
                                                let want = match env["event"]["class_uid"].as_i64() {
                                                    Some(2003) => "ocsf:compliance_finding",
                                                    Some(2004) => "ocsf:detection_finding",
                                                    _ => "",
                                                };
                                                if env["sourcetype"] != want {
                                                    r.problems.push(format!("sourcetype {} for class {}", env["sourcetype"], env["event"]["class_uid"]));
                                                }
                                                r.events.push(env["event"].clone())
                                            }
                                            _ => r.problems.push(format!("bad envelope: {}", line.chars().take(100).collect::<String>())),
                                        }
                                    }
                                    if ack == Ack::Off {
                                        ("200 OK", r#"{"text":"Success","code":0}"#.to_string())
                                    } else {
                                        let id = r.ack_ids;
                                        r.ack_ids += 1;
                                        ("200 OK", format!(r#"{{"text":"Success","code":0,"ackId":{id}}}"#))
                                    }
                                }
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
