//! What changed between two scans of one target: failures that are new, failures that
//! are gone, failures that remain, results that newly could not be judged, and policy
//! scores that moved.

use std::collections::BTreeMap;

use crate::report::identity::finding_uid;
pub use crate::results::{Change, ScanDiff, ScoreChange};
use crate::results::{CheckResult, ClauseStatus, ScanReport, Status};

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

/// Everything in a report that could not be judged, by identity: every `error` result,
/// and every clause in error because a resource type it needs was never listed (such
/// a clause has no result of its own to carry the error, yet it is just as unjudged).
pub fn unjudged(r: &ScanReport) -> BTreeMap<String, Change> {
    let mut out: BTreeMap<String, Change> = r
        .results
        .iter()
        .filter(|x| x.status == Status::Error)
        .map(|x| (finding_uid(x), change(x)))
        .collect();
    for p in &r.policies {
        for c in p.clauses.iter().filter(|c| c.status == ClauseStatus::Error) {
            // The findings score.rs adds for a type never listed name no check.
            for f in c
                .findings
                .iter()
                .filter(|f| f.status == Status::Error && f.check.is_empty())
            {
                out.entry(format!("unlisted:{}", f.resource.id))
                    .or_insert_with(|| Change {
                        check: format!("{} {}", p.id, c.id),
                        resource: f.resource.id.clone(),
                        severity: String::new(),
                        message: f.message.clone(),
                    });
            }
        }
    }
    out
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
    let (was_unjudged, unjudged_now) = (unjudged(before), unjudged(after));
    let new_errors = unjudged_now
        .into_iter()
        .filter(|(k, _)| !was_unjudged.contains_key(k))
        .map(|(_, c)| c)
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
        new_errors,
        score_changes,
    }
}
