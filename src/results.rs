//! What checks produce: one result per check, parameter set and resource.
//!
//! This is the versioned contract of `--format json` (docs/results-format.md); change
//! it only by adding optional fields, or bump [`RESULTS_FORMAT`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::inventory::Provider;
use crate::policy::score::PolicyScore;

pub const RESULTS_FORMAT: &str = "vouch-results/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Informational => "informational",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        })
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(s.to_ascii_lowercase())).map_err(|_| {
            format!(
                "unknown severity {s:?} (expected critical, high, medium, low or informational)"
            )
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// The values the verdict rests on could not be read; never a pass, never a fail.
    Error,
    /// No API can show it; a person has to.
    Manual,
    /// A failure a person accepted, with a reason, owner and expiry.
    Muted,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Error => "error",
            Status::Manual => "manual",
            Status::Muted => "muted",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceRef {
    pub id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub name: String,
    pub region: String,
    pub account: String,
    /// The resource's tags, when they were read (mutes can match on them).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub tags: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub check: String,
    pub title: String,
    pub service: String,
    pub severity: Severity,
    pub status: Status,
    pub resource: ResourceRef,
    pub message: String,
    /// The observed values the verdict rests on (the check's `requires` attributes).
    pub evidence: serde_json::Value,
    /// The parameters the check ran with; two clauses may ask for different ones.
    pub parameters: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

impl Default for ToolInfo {
    fn default() -> Self {
        ToolInfo {
            name: "vouch".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScanInfo {
    pub provider: Provider,
    pub account: String,
    pub regions: Vec<String>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub manual: usize,
    pub muted: usize,
}

impl Counts {
    pub fn of<'a>(results: impl IntoIterator<Item = &'a CheckResult>) -> Self {
        let mut c = Counts::default();
        for r in results {
            c.add(r.status);
        }
        c
    }

    pub fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Error => self.error += 1,
            Status::Manual => self.manual += 1,
            Status::Muted => self.muted += 1,
        }
    }
}

/// The complete record of one scan: `--format json` writes exactly this.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScanReport {
    pub format: String,
    pub tool: ToolInfo,
    pub scan: ScanInfo,
    pub summary: Counts,
    pub results: Vec<CheckResult>,
    pub policies: Vec<PolicyScore>,
    /// Things a person should know that are not results: expired mutes and
    /// attestations.
    #[serde(default)]
    pub notes: Vec<String>,
    /// What changed since the previous scan of the same account in the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<crate::history::ScanDiff>,
}
