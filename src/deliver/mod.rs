//! Delivery of findings beyond local files: Splunk HTTP Event Collector and AWS
//! Security Hub. Local files are always written first; a failed delivery is reported
//! and loses nothing.
//!
//! Delivering to Security Hub is the one write vouch can make, and only when asked: it
//! imports findings, it never changes the configuration it scans.

pub mod hec;
pub mod securityhub;

use std::time::Duration;

/// Where `--send-to` sends findings.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Splunk HEC at this URL; the token comes from `VOUCH_HEC_TOKEN`.
    Hec { url: String },
    /// AWS Security Hub in each finding's region (BatchImportFindings).
    SecurityHub,
}

/// The environment variable that holds the HEC token. Never a flag: command lines
/// end up in shell history and process listings.
pub const HEC_TOKEN_ENV: &str = "VOUCH_HEC_TOKEN";

#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error("--send-to {0:?}: expected hec=URL or securityhub")]
    BadTarget(String),
    #[error("--send-to hec needs the token in the environment variable {HEC_TOKEN_ENV}")]
    NoToken,
    #[error("{target}: {reason}")]
    Failed { target: String, reason: String },
}

impl std::str::FromStr for Target {
    type Err = DeliverError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "securityhub" {
            return Ok(Target::SecurityHub);
        }
        match s.split_once('=') {
            Some(("hec", url)) if url.starts_with("http://") || url.starts_with("https://") => {
                Ok(Target::Hec {
                    url: url.to_string(),
                })
            }
            _ => Err(DeliverError::BadTarget(s.to_string())),
        }
    }
}

/// How hard to try: attempts per request and the first backoff delay (doubling, with
/// jitter, up to `max_delay`).
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub attempts: usize,
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 5,
            first_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
        }
    }
}

impl Target {
    /// For messages: never includes credentials (the HEC URL carries none; the token
    /// lives in the environment).
    pub fn describe(&self) -> String {
        match self {
            Target::Hec { url } => format!("Splunk HEC {}", hec::endpoint(url)),
            Target::SecurityHub => "AWS Security Hub".into(),
        }
    }
}

impl RetryPolicy {
    /// The default policy, with the first delay overridable through
    /// `VOUCH_RETRY_FIRST_DELAY_MS` (tests shorten it).
    pub fn from_env() -> Self {
        let mut p = RetryPolicy::default();
        if let Some(ms) = std::env::var("VOUCH_RETRY_FIRST_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            p.first_delay = Duration::from_millis(ms);
            p.max_delay = p.max_delay.max(p.first_delay);
        }
        p
    }

    pub fn backoff(&self) -> backon::ExponentialBuilder {
        backon::ExponentialBuilder::default()
            .with_min_delay(self.first_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.attempts.saturating_sub(1))
            .with_jitter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_targets_and_rejects_others() {
        assert_eq!(
            "securityhub".parse::<Target>().unwrap(),
            Target::SecurityHub
        );
        assert_eq!(
            "hec=https://splunk.example.com:8088"
                .parse::<Target>()
                .unwrap(),
            Target::Hec {
                url: "https://splunk.example.com:8088".into()
            }
        );
        assert!("hec=splunk:8088".parse::<Target>().is_err());
        assert!("syslog".parse::<Target>().is_err());
    }
}
