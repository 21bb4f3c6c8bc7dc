//! Splunk HTTP Event Collector: OCSF events posted in batches, with retries and
//! backoff for what a retry can fix (connection errors, 429, 5xx) and none for what it
//! cannot (a refused token).
//!
//! Each event carries the sourcetype Splunk's OCSF add-on maps by
//! (`ocsf:detection_finding`, `ocsf:compliance_finding`). Every request names one
//! channel (`X-Splunk-Request-Channel`), which a token with indexer acknowledgement
//! requires; when the collector answers with ack ids, delivery is done only once
//! `/services/collector/ack` confirms each of them, so a batch accepted but never
//! indexed is a failed delivery, not silence.

use backon::Retryable;
use serde_json::{Value, json};

use super::{DeliverError, RetryPolicy};

/// Events per request, and a soft cap on the request body.
const BATCH_EVENTS: usize = 500;
const BATCH_BYTES: usize = 900_000;

/// The collector endpoint: a bare `https://host:8088` gets HEC's event path.
pub fn endpoint(url: &str) -> String {
    let trimmed = url.trim_end_matches('/');
    let after_scheme = trimmed
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(trimmed);
    if after_scheme.contains('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/services/collector/event")
    }
}

/// The acknowledgement endpoint beside the event endpoint.
pub fn ack_endpoint(event_endpoint: &str) -> String {
    const COLLECTOR: &str = "/services/collector";
    match event_endpoint.find(COLLECTOR) {
        Some(at) => format!("{}{COLLECTOR}/ack", &event_endpoint[..at]),
        None => format!("{}{COLLECTOR}/ack", event_endpoint.trim_end_matches('/')),
    }
}

/// The sourcetype of an OCSF event: `ocsf:` and its class name in snake case, as the
/// Splunk OCSF add-on names them.
fn sourcetype(event: &Value) -> String {
    match event["class_uid"].as_i64() {
        Some(2003) => "ocsf:compliance_finding".into(),
        Some(2004) => "ocsf:detection_finding".into(),
        _ => format!(
            "ocsf:{}",
            event["class_name"]
                .as_str()
                .unwrap_or("unknown")
                .to_ascii_lowercase()
                .replace(' ', "_")
        ),
    }
}

/// HEC's envelope around each event; `time` in epoch seconds, the finding's own.
fn envelope(event: &Value) -> Value {
    let time = event["time"].as_i64().map(|ms| ms as f64 / 1000.0);
    json!({
        "time": time,
        "host": "vouch",
        "source": "vouch",
        "sourcetype": sourcetype(event),
        "event": event,
    })
}

/// Request bodies: newline-separated envelopes, batched.
pub fn batches(events: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    let mut body = String::new();
    let mut count = 0;
    for e in events {
        let line = envelope(e).to_string();
        if count > 0 && (count == BATCH_EVENTS || body.len() + line.len() > BATCH_BYTES) {
            out.push(std::mem::take(&mut body));
            count = 0;
        }
        body.push_str(&line);
        body.push('\n');
        count += 1;
    }
    if count > 0 {
        out.push(body);
    }
    out
}

#[derive(Debug)]
enum Attempt {
    Retryable(String),
    Final(String),
}

pub async fn send(
    url: &str,
    token: &str,
    events: &[Value],
    retry: RetryPolicy,
) -> Result<usize, DeliverError> {
    let endpoint = endpoint(url);
    let failed = |reason: String| DeliverError::Failed {
        target: format!("Splunk HEC {}", super::redact_userinfo(&endpoint)),
        reason,
    };
    // reqwest is built without its own crypto provider; use the ring provider the
    // AWS client already links (a no-op if one is installed).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(|e| failed(format!("cannot build the HTTP client: {e}")))?;
    let bodies = batches(events);
    let channel = uuid::Uuid::new_v4().to_string();
    let mut acks: Vec<(u64, usize)> = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        let post = || async {
            let response = client
                .post(&endpoint)
                .header("Authorization", format!("Splunk {token}"))
                .header("Content-Type", "application/json")
                .header("X-Splunk-Request-Channel", &channel)
                .body(body.clone())
                .send()
                .await
                .map_err(|e| Attempt::Retryable(format!("request failed: {}", error_chain(e))))?;
            let status = response.status();
            if status.is_success() {
                let text = response.text().await.unwrap_or_default();
                return Ok(ack_id_of(&text));
            }
            let text = response.text().await.unwrap_or_default();
            let why = format!(
                "HTTP {status}: {}",
                text.chars().take(200).collect::<String>()
            );
            if status.as_u16() == 429 || status.is_server_error() {
                Err(Attempt::Retryable(why))
            } else {
                Err(Attempt::Final(why))
            }
        };
        let ack = post
            .retry(retry.backoff())
            .when(|e| matches!(e, Attempt::Retryable(_)))
            .await
            .map_err(|e| {
                let (Attempt::Retryable(r) | Attempt::Final(r)) = e;
                failed(format!(
                    "batch {} of {} not accepted: {r}",
                    i + 1,
                    bodies.len()
                ))
            })?;
        if let Some(id) = ack {
            acks.push((id, i + 1));
        }
    }
    if !acks.is_empty() {
        let ack_url = ack_endpoint(&endpoint);
        wait_for_acks(
            &client,
            &ack_url,
            token,
            &channel,
            acks,
            bodies.len(),
            retry,
        )
        .await
        .map_err(failed)?;
    }
    Ok(events.len())
}

/// The ack id of an accepted batch, when the token has indexer acknowledgement on.
fn ack_id_of(answer: &str) -> Option<u64> {
    serde_json::from_str::<Value>(answer).ok()?["ackId"].as_u64()
}

/// How long to wait for the indexers to confirm every batch: Splunk keeps an
/// unanswered ack for ten minutes by default; `VOUCH_HEC_ACK_TIMEOUT_MS` (tests)
/// shortens the wait.
fn ack_timeout() -> std::time::Duration {
    std::env::var("VOUCH_HEC_ACK_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_millis)
        .unwrap_or(std::time::Duration::from_secs(300))
}

/// Polls the ack endpoint until every batch is confirmed indexed, with the retry
/// policy's delays between polls; the batches still unconfirmed at the deadline make
/// the delivery fail.
async fn wait_for_acks(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    channel: &str,
    mut pending: Vec<(u64, usize)>,
    batches: usize,
    retry: RetryPolicy,
) -> Result<(), String> {
    let deadline = tokio::time::Instant::now() + ack_timeout();
    let mut delay = retry.first_delay;
    loop {
        let ids: Vec<u64> = pending.iter().map(|(id, _)| *id).collect();
        let answer = client
            .post(format!("{url}?channel={channel}"))
            .header("Authorization", format!("Splunk {token}"))
            .header("Content-Type", "application/json")
            .header("X-Splunk-Request-Channel", channel)
            .body(json!({ "acks": ids }).to_string())
            .send()
            .await;
        match answer {
            Ok(r) if r.status().is_success() => {
                let text = r.text().await.unwrap_or_default();
                let confirmed: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                pending.retain(|(id, _)| confirmed["acks"][id.to_string()] != Value::Bool(true));
                if pending.is_empty() {
                    return Ok(());
                }
            }
            // A refused poll (the token lost its ack setting, a 4xx) will not improve.
            Ok(r) if r.status().is_client_error() => {
                let status = r.status();
                let text = r.text().await.unwrap_or_default();
                return Err(format!(
                    "the indexer acknowledgement poll was refused: HTTP {status}: {}",
                    text.chars().take(200).collect::<String>()
                ));
            }
            _ => {}
        }
        if tokio::time::Instant::now() + delay > deadline {
            let unconfirmed: Vec<String> = pending.iter().map(|(_, b)| b.to_string()).collect();
            return Err(format!(
                "{} of {batches} batches accepted but not acknowledged as indexed within {} s (batches {}): they may be lost",
                pending.len(),
                ack_timeout().as_secs_f64(),
                unconfirmed.join(", ")
            ));
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(retry.max_delay);
    }
}

/// The error and its causes on one line. reqwest's text never includes headers, so the
/// token cannot leak through it; its URL is left out (the message names the endpoint,
/// without credentials).
fn error_chain(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut s = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(cause) = src {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        src = cause.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_the_event_path_to_a_bare_url() {
        assert_eq!(
            endpoint("https://s:8088"),
            "https://s:8088/services/collector/event"
        );
        assert_eq!(
            endpoint("https://s:8088/"),
            "https://s:8088/services/collector/event"
        );
        assert_eq!(
            endpoint("http://s/services/collector"),
            "http://s/services/collector"
        );
    }

    #[test]
    fn batches_by_count_and_wraps_each_event() {
        let events: Vec<Value> = (0..1201)
            .map(|i| json!({"class_uid": 2004, "time": 1000 * i}))
            .collect();
        let b = batches(&events);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].lines().count(), 500);
        assert_eq!(b[2].lines().count(), 201);
        let first: Value = serde_json::from_str(b[0].lines().next().unwrap()).unwrap();
        assert_eq!(first["sourcetype"], "ocsf:detection_finding");
        assert_eq!(first["event"]["class_uid"], 2004);
        assert_eq!(first["time"], 0.0);
    }

    #[test]
    fn each_ocsf_class_has_the_add_ons_sourcetype() {
        assert_eq!(
            sourcetype(&json!({"class_uid": 2003})),
            "ocsf:compliance_finding"
        );
        assert_eq!(
            sourcetype(&json!({"class_uid": 2002, "class_name": "Vulnerability Finding"})),
            "ocsf:vulnerability_finding"
        );
    }

    #[test]
    fn the_ack_endpoint_sits_beside_the_event_endpoint() {
        assert_eq!(
            ack_endpoint("https://s:8088/services/collector/event"),
            "https://s:8088/services/collector/ack"
        );
        assert_eq!(
            ack_endpoint("https://s/splunk/services/collector"),
            "https://s/splunk/services/collector/ack"
        );
        assert_eq!(
            ack_endpoint("https://s/hec"),
            "https://s/hec/services/collector/ack"
        );
        assert_eq!(
            ack_id_of(r#"{"text":"Success","code":0,"ackId":7}"#),
            Some(7)
        );
        assert_eq!(ack_id_of(r#"{"text":"Success","code":0}"#), None);
    }
}
