//! A fault-injecting HTTP proxy for tests: forwards every request to an upstream
//! (LocalStack or moto) except those it answers itself.
//!
//! Two modes. [`start`] answers requests whose head contains configured fragments with
//! a canned response: an account where one permission is missing or one API misbehaves.
//! [`start_chaos`] injects faults at random, per request, the way a busy real account
//! does: throttling in each AWS protocol's own wire format, 5xx, connection resets and
//! hangs. A retried request can then succeed, which is what the retry settings are for.
//!
//! The chaos decisions are deterministic for a seed: each one is drawn from the seed,
//! the request's content (method, target, host without port, X-Amz-Target, body: never
//! the date or signature) and how many times that same request was seen before. So the
//! same scan with the same seed meets the same faults on the same attempts, whatever
//! order concurrent requests arrive in.
//!
//! Also built as `examples/fault_proxy.rs`, which scripts/bench.sh runs.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// Probabilities of each random fault, per request (their sum is the fault rate).
#[derive(Clone, Debug, Default)]
pub struct Chaos {
    pub seed: u64,
    /// Throttling, in the wire format of the request's protocol.
    pub throttle: f64,
    /// 500 or 503 with the protocol's internal-error code.
    pub server_error: f64,
    /// The connection is reset (RST) after the request was read, before any answer.
    pub reset: f64,
    /// The emulator's answer is cut off halfway, then the connection reset.
    pub truncate: f64,
    /// No answer for `hang_for`, then the connection is closed.
    pub hang: f64,
    pub hang_for: Duration,
    /// Signing names (the service in the SigV4 credential scope, e.g. `sts`) that never
    /// get a fault.
    pub spare: Vec<String>,
}

/// The AWS protocols, each with its own way of saying "slow down".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protocol {
    /// S3: `<Error>` at the root.
    RestXml,
    /// S3 Control, CloudFront: `<ErrorResponse><Error>`.
    RestXmlWrapped,
    /// EC2: `<Response><Errors><Error>`.
    Ec2Query,
    /// IAM, STS, RDS, ELBv2: `<ErrorResponse><Error>`, form-encoded requests.
    AwsQuery,
    /// KMS, Secrets Manager, Logs, CloudTrail, Cognito, WAFv2, Shield: `X-Amz-Target`.
    AwsJson,
    /// GuardDuty, Inspector2, Security Hub, Backup: the code in `x-amzn-ErrorType`.
    RestJson,
}

impl Protocol {
    pub const ALL: [Protocol; 6] = [
        Protocol::RestXml,
        Protocol::RestXmlWrapped,
        Protocol::Ec2Query,
        Protocol::AwsQuery,
        Protocol::AwsJson,
        Protocol::RestJson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Protocol::RestXml => "restXml",
            Protocol::RestXmlWrapped => "restXml-wrapped",
            Protocol::Ec2Query => "ec2Query",
            Protocol::AwsQuery => "awsQuery",
            Protocol::AwsJson => "awsJson",
            Protocol::RestJson => "restJson",
        }
    }

    /// The error code a throttled request of this protocol carries.
    pub fn throttling_code(self) -> &'static str {
        match self {
            Protocol::RestXml | Protocol::RestXmlWrapped => "SlowDown",
            Protocol::Ec2Query => "RequestLimitExceeded",
            Protocol::AwsQuery => "Throttling",
            Protocol::AwsJson | Protocol::RestJson => "ThrottlingException",
        }
    }

    /// Which protocol a request speaks, from its (lower-cased) head.
    fn of(head: &str) -> Protocol {
        if header(head, "x-amz-target").is_some() {
            return Protocol::AwsJson;
        }
        match signing_name(head).as_deref() {
            Some("s3") if header(head, "x-amz-account-id").is_some() => Protocol::RestXmlWrapped,
            Some("s3") => Protocol::RestXml,
            // REST and XML like S3, its errors wrapped like S3 Control's.
            Some("cloudfront") => Protocol::RestXmlWrapped,
            Some("ec2") => Protocol::Ec2Query,
            _ if header(head, "content-type")
                .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded")) =>
            {
                Protocol::AwsQuery
            }
            _ => Protocol::RestJson,
        }
    }
}

/// A canned answer: status, headers, body.
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn xml(status: u16, body: String) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type", "text/xml".into())],
        body: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{body}"),
    }
}

/// An error answer in `protocol`'s wire format. `json_type` is the request's own
/// Content-Type for awsJson (1.0 or 1.1).
fn error_answer(protocol: Protocol, status: u16, code: &str, json_type: &str) -> Answer {
    let message = "injected by the vouch test proxy";
    let id = "vouch-fault-proxy";
    match protocol {
        Protocol::RestXml => xml(
            status,
            format!(
                "<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{id}</RequestId></Error>"
            ),
        ),
        Protocol::RestXmlWrapped => xml(
            status,
            format!(
                "<ErrorResponse><Error><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{id}</RequestId></ErrorResponse>"
            ),
        ),
        Protocol::Ec2Query => xml(
            status,
            format!(
                "<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>{id}</RequestID></Response>"
            ),
        ),
        Protocol::AwsQuery => xml(
            status,
            format!(
                "<ErrorResponse><Error><Type>{}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{id}</RequestId></ErrorResponse>",
                if status < 500 { "Sender" } else { "Receiver" }
            ),
        ),
        Protocol::AwsJson => Answer {
            status,
            headers: vec![("Content-Type", json_type.to_string())],
            body: format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
        },
        Protocol::RestJson => Answer {
            status,
            // The form real services send: the code, then a colon and a namespace.
            headers: vec![
                ("Content-Type", "application/json".into()),
                (
                    "x-amzn-ErrorType",
                    format!(
                        "{code}:http://internal.amazon.com/coral/com.amazon.coral.availability/"
                    ),
                ),
                ("x-amzn-RequestId", id.into()),
            ],
            body: format!(r#"{{"message":"{message}"}}"#),
        },
    }
}

fn throttling(protocol: Protocol, json_type: &str) -> Answer {
    let status = match protocol {
        Protocol::RestXml | Protocol::RestXmlWrapped | Protocol::Ec2Query => 503,
        Protocol::AwsQuery | Protocol::AwsJson => 400,
        Protocol::RestJson => 429,
    };
    error_answer(protocol, status, protocol.throttling_code(), json_type)
}

fn server_error(protocol: Protocol, unavailable: bool, json_type: &str) -> Answer {
    let code = match (protocol, unavailable) {
        (Protocol::RestXml | Protocol::RestXmlWrapped, false) => "InternalError",
        (Protocol::RestXml | Protocol::RestXmlWrapped, true) => "ServiceUnavailable",
        (Protocol::Ec2Query, false) => "InternalError",
        (Protocol::Ec2Query, true) => "Unavailable",
        (Protocol::AwsQuery | Protocol::AwsJson, false) => "InternalFailure",
        (Protocol::AwsQuery | Protocol::AwsJson, true) => "ServiceUnavailable",
        (Protocol::RestJson, false) => "InternalServerException",
        (Protocol::RestJson, true) => "ServiceUnavailableException",
    };
    error_answer(
        protocol,
        if unavailable { 503 } else { 500 },
        code,
        json_type,
    )
}

/// What the chaos proxy did, by kind: `requests`, `throttle <protocol>`,
/// `5xx <protocol>`, `reset`, `truncate`, `hang`, `spared`, and `retried <protocol>` for requests
/// it had seen before (the same content again: a retry).
#[derive(Default, Debug)]
pub struct Stats {
    counts: Mutex<BTreeMap<String, u64>>,
}

impl Stats {
    fn add(&self, what: &str) {
        *self.counts.lock().unwrap().entry(what.into()).or_default() += 1;
    }

    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.counts.lock().unwrap().clone()
    }

    pub fn count(&self, what: &str) -> u64 {
        self.snapshot().get(what).copied().unwrap_or(0)
    }

    /// Sum of the counts whose name starts with `prefix`.
    pub fn total(&self, prefix: &str) -> u64 {
        self.snapshot()
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(_, v)| v)
            .sum()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.snapshot()).unwrap()
    }
}

/// A running chaos proxy.
pub struct ChaosProxy {
    pub url: String,
    pub stats: Arc<Stats>,
}

/// Path the chaos proxy answers itself with its [`Stats`] as JSON.
pub const STATS_PATH: &str = "/__vouch_fault_proxy/stats";

enum Mode {
    Canned(Vec<Fault>),
    Chaos {
        chaos: Chaos,
        /// How often each request key was seen: its attempt number.
        seen: Mutex<HashMap<u64, u64>>,
        stats: Arc<Stats>,
    },
}

/// Starts the proxy on a free loopback port in a background thread; returns its URL.
pub fn start(upstream: SocketAddr, faults: Vec<Fault>) -> String {
    spawn(upstream, Mode::Canned(faults))
}

/// Starts a proxy that injects random faults as `chaos` says.
pub fn start_chaos(upstream: SocketAddr, chaos: Chaos) -> ChaosProxy {
    let stats = Arc::new(Stats::default());
    let url = spawn(
        upstream,
        Mode::Chaos {
            chaos,
            seen: Mutex::new(HashMap::new()),
            stats: stats.clone(),
        },
    );
    ChaosProxy { url, stats }
}

fn spawn(upstream: SocketAddr, mode: Mode) -> String {
    let mode = Arc::new(mode);
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
                let mode = mode.clone();
                tokio::spawn(async move {
                    let _ = serve(client, upstream, &mode).await;
                });
            }
        });
    });
    let addr = rx.recv().unwrap();
    format!("http://{addr}")
}

/// The value of header `name` in a lower-cased request head.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.split("\r\n").skip(1).find_map(|line| {
        let (k, v) = line.split_once(':')?;
        (k.trim() == name).then(|| v.trim())
    })
}

/// The service of the SigV4 credential scope: `credential=AKID/DATE/REGION/SERVICE/aws4_request`.
fn signing_name(head: &str) -> Option<String> {
    let auth = header(head, "authorization")?;
    let scope = auth.split("credential=").nth(1)?.split(',').next()?;
    scope.split('/').nth(3).map(str::to_string)
}

/// FNV-1a: stable across runs and Rust versions, unlike `DefaultHasher`.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(b"\0") {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A uniform draw in [0, 1) from a 64-bit state (splitmix64's finaliser, then xorshift).
fn unit(mut x: u64) -> f64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

enum Decision {
    Forward,
    Answer(Answer),
    Reset,
    Truncate,
    Hang(Duration),
}

fn decide(
    chaos: &Chaos,
    seen: &Mutex<HashMap<u64, u64>>,
    stats: &Stats,
    head: &str,
    body: &[u8],
) -> Decision {
    stats.add("requests");
    let protocol = Protocol::of(head);
    if signing_name(head).is_some_and(|s| chaos.spare.contains(&s)) {
        stats.add("spared");
        return Decision::Forward;
    }
    let request_line = head.split("\r\n").next().unwrap_or_default();
    let host = header(head, "host").unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let target = header(head, "x-amz-target").unwrap_or_default();
    let key = fnv1a(&[
        request_line.as_bytes(),
        host.as_bytes(),
        target.as_bytes(),
        body,
    ]);
    let attempt = {
        let mut seen = seen.lock().unwrap();
        let n = seen.entry(key).or_default();
        *n += 1;
        *n
    };
    if attempt > 1 {
        stats.add(&format!("retried {}", protocol.name()));
    }
    let state = chaos.seed ^ key ^ attempt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let draw = unit(state);
    let json_type = header(head, "content-type").unwrap_or("application/x-amz-json-1.1");
    let mut edge = chaos.throttle;
    if draw < edge {
        stats.add(&format!("throttle {}", protocol.name()));
        return Decision::Answer(throttling(protocol, json_type));
    }
    edge += chaos.server_error;
    if draw < edge {
        stats.add(&format!("5xx {}", protocol.name()));
        let unavailable = unit(state.rotate_left(17)) < 0.5;
        return Decision::Answer(server_error(protocol, unavailable, json_type));
    }
    edge += chaos.reset;
    if draw < edge {
        stats.add("reset");
        return Decision::Reset;
    }
    edge += chaos.truncate;
    if draw < edge {
        stats.add("truncate");
        return Decision::Truncate;
    }
    edge += chaos.hang;
    if draw < edge {
        stats.add("hang");
        return Decision::Hang(chaos.hang_for);
    }
    Decision::Forward
}

async fn answer(client: &mut TcpStream, a: &Answer) -> std::io::Result<()> {
    let reason = match a.status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    let mut resp = format!("HTTP/1.1 {} {reason}\r\n", a.status);
    for (k, v) in &a.headers {
        resp.push_str(&format!("{k}: {v}\r\n"));
    }
    resp.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        a.body.len(),
        a.body
    ));
    client.write_all(resp.as_bytes()).await?;
    client.shutdown().await
}

async fn serve(mut client: TcpStream, upstream: SocketAddr, mode: &Mode) -> std::io::Result<()> {
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
    let end = text.find("\r\n\r\n").unwrap_or(text.len());
    let head_lower = text[..end].to_ascii_lowercase();
    let decision = match mode {
        Mode::Canned(faults) => faults
            .iter()
            .find(|f| {
                f.matches
                    .iter()
                    .all(|m| head_lower.contains(&m.to_ascii_lowercase()))
            })
            .map_or(Decision::Forward, |f| {
                Decision::Answer(Answer {
                    status: f.status,
                    headers: vec![("Content-Type", f.content_type.into())],
                    body: f.body.clone(),
                })
            }),
        Mode::Chaos { chaos, seen, stats } => {
            if head_lower.starts_with(&format!("get {STATS_PATH} ")) {
                let a = Answer {
                    status: 200,
                    headers: vec![("Content-Type", "application/json".into())],
                    body: stats.to_json(),
                };
                return answer(&mut client, &a).await;
            }
            // The whole body (by Content-Length) is part of the request's identity.
            let length: usize = header(&head_lower, "content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            while head.len() < end + 4 + length {
                let n = client.read(&mut buf).await?;
                if n == 0 {
                    break;
                }
                head.extend_from_slice(&buf[..n]);
            }
            let body_end = head.len().min(end + 4 + length);
            decide(chaos, seen, stats, &head_lower, &head[end + 4..body_end])
        }
    };
    match decision {
        Decision::Answer(a) => answer(&mut client, &a).await,
        Decision::Reset => {
            // SO_LINGER 0: closing sends RST, not FIN.
            client.set_zero_linger()
        }
        Decision::Hang(d) => {
            tokio::time::sleep(d).await;
            Ok(())
        }
        Decision::Truncate => {
            let mut up = forward(&text[..end], &head[end + 4..], upstream).await?;
            let mut whole = Vec::new();
            up.read_to_end(&mut whole).await?;
            client.write_all(&whole[..whole.len() / 2]).await?;
            client.flush().await?;
            // Time to read the half, before the reset discards what is still queued.
            tokio::time::sleep(Duration::from_millis(50)).await;
            client.set_zero_linger()
        }
        Decision::Forward => {
            let mut up = forward(&text[..end], &head[end + 4..], upstream).await?;
            tokio::io::copy_bidirectional(&mut client, &mut up).await?;
            Ok(())
        }
    }
}

/// Sends the request upstream with `Connection: close`, so that every request comes on
/// a new connection and is inspected; returns the upstream connection.
async fn forward(head: &str, rest: &[u8], upstream: SocketAddr) -> std::io::Result<TcpStream> {
    let mut forwarded: String = head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect::<Vec<_>>()
        .join("\r\n");
    forwarded.push_str("\r\nConnection: close\r\n\r\n");
    let mut up = TcpStream::connect(upstream).await?;
    up.write_all(forwarded.as_bytes()).await?;
    up.write_all(rest).await?;
    Ok(up)
}
