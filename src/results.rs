//! What checks produce: one result per check, parameter set and resource.
//!
//! This is the versioned contract of `--format json` (docs/results-format.md); change
//! it only by adding optional fields, or bump [`RESULTS_FORMAT`].

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::inventory::Provider;

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

/// A reference a check cites (CIS, AWS or Microsoft documentation).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    #[serde(rename = "ref")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What a report says about a check it ran: the part of its metadata the formats
/// print beside its results. Carried in the report, so every format, and a re-render
/// of a report read back from a file or the history, needs nothing but the report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CheckInfo {
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub service: String,
    pub resource_type: String,
    pub rationale: String,
    pub remediation: String,
    #[serde(default)]
    pub references: Vec<Reference>,
    /// The check's default parameters: a result run with others says so.
    #[serde(default)]
    pub params: serde_json::Map<String, serde_json::Value>,
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
    pub diff: Option<ScanDiff>,
    /// Every check the scan ran, by id; empty in reports written before vouch carried it.
    #[serde(default)]
    pub checks: CheckIndex,
}

/// The checks a report ran, by id.
pub type CheckIndex = BTreeMap<String, CheckInfo>;

// What scoring against a policy pack produces (src/policy/score.rs computes it).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseStatus {
    Met,
    Failed,
    Error,
    Manual,
    /// A manual clause a person vouches for with a current attestation: shown as
    /// attested, never counted as verified.
    Attested,
    /// Every mapped check ran and found nothing of its type to judge.
    NotApplicable,
    /// A clause about all data whose examined resources all pass, while data-bearing
    /// types it does not examine exist: never met, and it names them.
    Incomplete,
}

impl std::fmt::Display for ClauseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ClauseStatus::Met => "met",
            ClauseStatus::Failed => "failed",
            ClauseStatus::Error => "error",
            ClauseStatus::Manual => "manual",
            ClauseStatus::Attested => "attested",
            ClauseStatus::NotApplicable => "not applicable",
            ClauseStatus::Incomplete => "incomplete",
        })
    }
}

/// A result under a clause that keeps it from being met.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClauseFinding {
    pub check: String,
    pub status: Status,
    pub resource: ResourceRef,
    pub message: String,
    pub evidence: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClauseScore {
    pub id: String,
    pub section: String,
    pub text: String,
    pub status: ClauseStatus,
    pub checks: Vec<String>,
    /// Each check with the parameters this clause runs it with.
    #[serde(default)]
    pub parameter_sets: Vec<ParameterSet>,
    pub counts: Counts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<ClauseFinding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    /// The attestation in force for a manual clause, or the one that expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<Attestation>,
    /// For a clause with alternatives (`any_of`): how each group fared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// The alternatives are judged per resource (`any_of_per = "resource"`): each
    /// resource must be kept by some group.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alternatives_per_resource: bool,
    /// For a region-wide clause (`scope = "regions-in-use"`): where it was judged and
    /// the results left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeReport>,
    /// What the clause's results rest on: per resource type, how many resources in
    /// which regions, by which checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examined: Vec<Examined>,
    /// For a clause promising something about all data (`coverage`): the promise and
    /// the data-bearing types present that no check of the clause examines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageReport>,
}

impl ClauseScore {
    /// Whether `r` is one of the results this clause was judged on: one of its
    /// parameter sets, and not left out by its region scope.
    pub fn counts_result(&self, r: &CheckResult) -> bool {
        self.parameter_sets.iter().any(|ps| ps.covers(r))
            && !self.scope.as_ref().is_some_and(|s| {
                s.out_of_scope
                    .iter()
                    .any(|o| o.check == r.check && o.resource == r.resource.id)
            })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Alternative {
    pub checks: Vec<String>,
    pub status: ClauseStatus,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScopeReport {
    /// How the regions were chosen: `auto`, `list` or `all`.
    pub mode: String,
    /// The regions the clause was judged in.
    pub regions: Vec<String>,
    /// Under `auto`: why each region counts as in use (a resource of the account's
    /// own, or a listing that failed so vouch cannot tell).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub in_use_because: BTreeMap<String, String>,
    /// Results in other regions: shown, not counted for the clause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub out_of_scope: Vec<ScopedOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScopedOut {
    pub check: String,
    pub resource: String,
    pub region: String,
    pub status: Status,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Examined {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub resources: usize,
    pub regions: Vec<String>,
    pub checks: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CoverageReport {
    /// The coverage class (src/policy/evidence.toml), e.g. `all-data-at-rest`.
    pub class: String,
    pub promise: String,
    /// Data-bearing types present in the inventory that no check of the clause
    /// examines: while any is listed the clause is never `met`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_judged: Vec<NotJudged>,
    /// Types present whose service keeps the promise by design (no setting can break it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_design: Vec<ByDesign>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NotJudged {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub resources: usize,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ByDesign {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub resources: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ParameterSet {
    pub check: String,
    pub parameters: serde_json::Map<String, serde_json::Value>,
}

impl ParameterSet {
    pub fn covers(&self, r: &CheckResult) -> bool {
        self.check == r.check && self.parameters == r.parameters
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ClauseCounts {
    pub met: usize,
    pub failed: usize,
    pub error: usize,
    pub manual: usize,
    pub attested: usize,
    pub not_applicable: usize,
    /// Clauses about all data that left data-bearing types unexamined.
    #[serde(default)]
    pub incomplete: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyScore {
    pub id: String,
    pub title: String,
    pub source: String,
    pub clauses_total: usize,
    pub counts: ClauseCounts,
    /// Met clauses as a percentage of clauses judged met, failed, error or
    /// incomplete; `None` when no clause could be judged.
    pub score: Option<f64>,
    /// Clauses mapped to checks as a percentage of all clauses.
    pub coverage: f64,
    pub clauses: Vec<ClauseScore>,
}

/// A person's word for a manual clause (src/policy/attest.rs reads them).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Attestation {
    pub pack: String,
    pub clause: String,
    pub by: String,
    pub date: NaiveDate,
    pub expires: NaiveDate,
    pub evidence: String,
}

impl Attestation {
    pub fn is_current(&self, today: NaiveDate) -> bool {
        today <= self.expires
    }
}

// What changed since the previous scan (src/history/diff.rs computes it).

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Change {
    pub check: String,
    pub resource: String,
    pub severity: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScoreChange {
    pub policy: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScanDiff {
    /// The earlier scan's id in the history.
    pub since: i64,
    pub since_time: String,
    pub new_failures: Vec<Change>,
    pub resolved_failures: Vec<Change>,
    pub still_failing: Vec<Change>,
    /// What could not be judged now but could be (or was not there) before: under
    /// `--fail-on new` only these make the exit code 4, so known gaps do not fail a
    /// nightly job forever. Absent from diffs stored by older versions.
    #[serde(default)]
    pub new_errors: Vec<Change>,
    pub score_changes: Vec<ScoreChange>,
}
