//! Exit codes a scheduler can act on (docs/exit-codes.md), and the `--fail-on` policy
//! that picks one for a finished scan.

use crate::results::{ScanReport, Severity, Status};

/// Every result passed (or was muted or manual).
pub const OK: u8 = 0;
/// At least one result failed.
pub const FAILURES: u8 = 1;
/// The input was bad: flags, config, policy pack, Rego, inventory file.
pub const BAD_INPUT: u8 = 2;
/// The scan could not run or finish: no or bad credentials, endpoint down, output
/// not writable.
pub const SCAN_FAILED: u8 = 3;
/// The scan finished without failures, but some results are `error`: part of the
/// account could not be read, so a clean bill of health cannot be given.
pub const ERRORS: u8 = 4;

/// When a finished scan should make the exit code non-zero (`--fail-on`, `fail_on`).
#[derive(Debug, Clone, PartialEq)]
pub enum FailOn {
    /// Any failing result (the default).
    Any,
    /// Only failures that the previous scan of the same target did not have.
    New,
    /// Failures at or above this severity.
    Severity(Severity),
    /// A policy score under this percentage.
    Score(f64),
}

impl std::str::FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let usage = || {
            format!(
                "{s:?}: expected any, new, severity:<critical|high|medium|low|informational> or score:<0-100>"
            )
        };
        match s.split_once(':') {
            None if s == "any" => Ok(FailOn::Any),
            None if s == "new" => Ok(FailOn::New),
            Some(("severity", sev)) => sev.parse().map(FailOn::Severity).map_err(|_| usage()),
            Some(("score", n)) => match n.parse::<f64>() {
                Ok(v) if (0.0..=100.0).contains(&v) => Ok(FailOn::Score(v)),
                _ => Err(usage()),
            },
            _ => Err(usage()),
        }
    }
}

/// The exit code of a finished scan under the `--fail-on` rule: 1 when the rule is
/// met, else 4 when something could not be judged (a result, or a clause whose
/// resource type was never listed), else 0. Under `new` with an earlier scan, only
/// what newly could not be judged makes it 4: a nightly job must not fail forever on
/// a gap it already reported.
pub fn code(report: &ScanReport, rule: &FailOn) -> u8 {
    let triggered = match rule {
        FailOn::Any => report.summary.fail > 0,
        // Without an earlier scan every failure is new.
        FailOn::New => match &report.diff {
            Some(d) => !d.new_failures.is_empty(),
            None => report.summary.fail > 0,
        },
        FailOn::Severity(min) => report
            .results
            .iter()
            .any(|r| r.status == Status::Fail && r.severity >= *min),
        FailOn::Score(min) => report
            .policies
            .iter()
            .any(|p| p.score.is_some_and(|s| s < *min)),
    };
    let unjudged = match (rule, &report.diff) {
        (FailOn::New, Some(d)) => !d.new_errors.is_empty(),
        _ => !crate::history::diff::unjudged(report).is_empty(),
    };
    if triggered {
        FAILURES
    } else if unjudged {
        ERRORS
    } else {
        OK
    }
}
