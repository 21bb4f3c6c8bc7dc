//! Splunk HTTP Event Collector: OCSF events posted in batches, with retries and
//! backoff for what a retry can fix (connection errors, 429, 5xx) and none for what it
//! cannot (a refused token).

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

/// HEC's envelope around each event; `time` in epoch seconds.
fn envelope(event: &Value) -> Value {
    let time = event["time"].as_i64().map(|ms| ms as f64 / 1000.0);
    json!({
        "time": time,
        "host": "vouch",
        "source": "vouch",
        "sourcetype": format!("ocsf:{}", event["class_uid"]),
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
    for (i, body) in bodies.iter().enumerate() {
        let post = || async {
            let response = client
                .post(&endpoint)
                .header("Authorization", format!("Splunk {token}"))
                .header("Content-Type", "application/json")
                .body(body.clone())
                .send()
                .await
                .map_err(|e| Attempt::Retryable(format!("request failed: {}", error_chain(e))))?;
            let status = response.status();
            if status.is_success() {
                return Ok(());
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
        post.retry(retry.backoff())
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
    }
    Ok(events.len())
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
        assert_eq!(first["sourcetype"], "ocsf:2004");
        assert_eq!(first["event"]["class_uid"], 2004);
    }
}
