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
    /// The target as given, with any `user:password@` already removed.
    #[error("--send-to {0:?}: expected hec=URL or securityhub")]
    BadTarget(String),
    #[error(
        "--send-to hec={0}: http:// would send the HEC token in clear text; use https:// (http:// is accepted only for a loopback host: 127.0.0.0/8, ::1, localhost)"
    )]
    CleartextHec(String),
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
        let Some(("hec", url)) = s.split_once('=') else {
            return Err(DeliverError::BadTarget(redact_userinfo(s)));
        };
        let parsed = url::Url::parse(url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| DeliverError::BadTarget(redact_userinfo(s)))?;
        if parsed.scheme() == "http" && !is_loopback(&parsed) {
            return Err(DeliverError::CleartextHec(redact_userinfo(url)));
        }
        Ok(Target::Hec {
            url: url.to_string(),
        })
    }
}

/// Only a receiver on this machine may get the token over plain HTTP: anything else
/// crosses a network where it can be read.
fn is_loopback(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

pub use crate::redact::redact_userinfo;

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
    /// For messages: never includes credentials (the token lives in the environment,
    /// and a URL's `user:password@` is replaced by `***@`).
    pub fn describe(&self) -> String {
        match self {
            Target::Hec { url } => format!("Splunk HEC {}", redact_userinfo(&hec::endpoint(url))),
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

/// Refuses, before any cloud call, a target that cannot work for this scan: HEC
/// without its token, Security Hub for anything but AWS.
pub fn check_targets(
    targets: &[Target],
    provider: crate::inventory::Provider,
) -> Result<(), anyhow::Error> {
    for target in targets {
        match target {
            Target::Hec { .. } if std::env::var(HEC_TOKEN_ENV).is_ok_and(|t| !t.is_empty()) => {}
            Target::Hec { .. } => return Err(DeliverError::NoToken.into()),
            Target::SecurityHub if provider != crate::inventory::Provider::Aws => {
                anyhow::bail!("--send-to securityhub is for AWS scans");
            }
            Target::SecurityHub => {}
        }
    }
    Ok(())
}

/// Sends findings to every target; each failure is reported, every target is tried,
/// and the result is an error if any delivery failed. `aws` is the scan's profile,
/// endpoint and regions, so Security Hub imports into the account that was read.
pub fn send_all(
    report: &crate::results::ScanReport,
    targets: &[Target],
    aws: Option<&crate::collect::aws::AwsOptions>,
) -> Result<(), anyhow::Error> {
    use crate::report::{asff, ocsf};
    if targets.is_empty() {
        return Ok(());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::Error::new(e).context("cannot start the async runtime"))?;
    let mut failures = Vec::new();
    for target in targets {
        let outcome = match target {
            Target::Hec { url } => {
                let token = std::env::var(HEC_TOKEN_ENV).unwrap_or_default();
                let events = ocsf::events(report);
                runtime.block_on(hec::send(url, &token, &events, RetryPolicy::from_env()))
            }
            Target::SecurityHub => {
                let findings = asff::findings(report);
                runtime.block_on(securityhub::send(&findings, aws))
            }
        };
        match outcome {
            Ok(n) => eprintln!("delivered {n} findings to {}", target.describe()),
            Err(e) => {
                // The reason can quote a collector's answer: no raw control characters.
                eprintln!(
                    "error: delivery failed: {} (the local outputs were written)",
                    crate::report::terminal::printable_lines(&e.to_string())
                );
                failures.push(e.to_string());
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("{} of {} deliveries failed", failures.len(), targets.len())
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

    #[test]
    fn http_is_only_for_loopback_receivers() {
        for ok in [
            "hec=http://127.0.0.1:8088",
            "hec=http://127.3.2.1",
            "hec=http://[::1]:8088",
            "hec=http://LOCALHOST:8088/services/collector",
            "hec=https://splunk.example.com",
        ] {
            assert!(ok.parse::<Target>().is_ok(), "{ok}");
        }
        for clear in [
            "hec=http://splunk.example.com:8088",
            "hec=http://10.0.0.5:8088",
            "hec=http://localhost.example.com",
            "hec=http://127.0.0.1.example.com",
        ] {
            assert!(
                matches!(clear.parse::<Target>(), Err(DeliverError::CleartextHec(_))),
                "{clear}"
            );
        }
    }

    #[test]
    fn userinfo_is_never_shown() {
        assert_eq!(
            redact_userinfo("hec=https://admin:s3cret@splunk:8088/x?y=a@b"),
            "hec=https://***@splunk:8088/x?y=a@b"
        );
        assert_eq!(
            redact_userinfo("https://splunk:8088"),
            "https://splunk:8088"
        );
        let e = "hec=http://u:pw@splunk.example.com"
            .parse::<Target>()
            .unwrap_err()
            .to_string();
        assert!(!e.contains("pw"), "{e}");
        let e = "hac=https://u:pw@splunk"
            .parse::<Target>()
            .unwrap_err()
            .to_string();
        assert!(!e.contains("pw"), "{e}");
        let t: Target = "hec=https://u:pw@splunk:8088".parse().unwrap();
        assert!(!t.describe().contains("pw"), "{}", t.describe());
    }
}
