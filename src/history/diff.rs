//! What changed between two scans of one target: failures that are new, failures that
//! are gone, failures that remain, and policy scores that moved.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::report::identity::finding_uid;
use crate::results::{CheckResult, ScanReport, Status};

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
    pub score_changes: Vec<ScoreChange>,
}

fn change(r: &CheckResult) -> Change {
    Change {
        check: r.check.clone(),
        resource: r.resource.id.clone(),
        severity: r.severity.to_string(),
        message: r.message.clone(),
    }
}

fn failing(r: &ScanReport) -> BTreeMap<String, &CheckResult> {
    r.results
        .iter()
        .filter(|x| x.status == Status::Fail)
        .map(|x| (finding_uid(x), x))
        .collect()
}

/// Compares `after` with `before`. A finding is identified by check, parameters and
/// resource (the same id the SIEM formats use), so a changed message is not a change.
pub fn compare(before_id: i64, before: &ScanReport, after: &ScanReport) -> ScanDiff {
    let (was, now) = (failing(before), failing(after));
    let new_failures = now
        .iter()
        .filter(|(k, _)| !was.contains_key(*k))
        .map(|(_, r)| change(r))
        .collect();
    let resolved_failures = was
        .iter()
        .filter(|(k, _)| !now.contains_key(*k))
        .map(|(_, r)| change(r))
        .collect();
    let still_failing = now
        .iter()
        .filter(|(k, _)| was.contains_key(*k))
        .map(|(_, r)| change(r))
        .collect();
    let mut score_changes = Vec::new();
    for p in &after.policies {
        let before_score = before
            .policies
            .iter()
            .find(|b| b.id == p.id)
            .and_then(|b| b.score);
        if before_score != p.score {
            score_changes.push(ScoreChange {
                policy: p.id.clone(),
                before: before_score,
                after: p.score,
            });
        }
    }
    ScanDiff {
        since: before_id,
        since_time: before.scan.finished_at.to_rfc3339(),
        new_failures,
        resolved_failures,
        still_failing,
        score_changes,
    }
}
