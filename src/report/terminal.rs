//! The readable summary printed by `vouch scan`: per check, then what fails and why,
//! then each policy clause by clause.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

use comfy_table::{Cell, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::policy::score::{ClauseStatus, PolicyScore};
use crate::results::{CheckIndex, CheckResult, Counts, ScanReport, Status};

/// ` [k=v, ...]` when the result ran with other parameters than the check's defaults,
/// so results of a check run with a pack's parameters are shown apart from the
/// default run.
fn params_label(r: &CheckResult, checks: &CheckIndex) -> String {
    match checks.get(r.check.as_str()) {
        Some(c) if c.params == r.parameters => String::new(),
        _ => {
            let parts: Vec<String> = r
                .parameters
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            format!(" [{}]", parts.join(", "))
        }
    }
}

/// Whether a character could steer the terminal or the reader: C0 and C1 controls
/// (escape sequences retitle, recolour or rewrite what is shown), DEL, and the bidi
/// overrides that reorder text on screen.
fn unsafe_char(c: char, keep_newlines: bool) -> bool {
    (c.is_control() && !(keep_newlines && c == '\n'))
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| unsafe_char(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c, keep_newlines) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text from the cloud (resource names and ids, tags, API messages) made safe for a
/// terminal: every control character, a newline too, shown as an escape (`\u{1b}`), so
/// a resource name cannot forge report lines or send escape sequences.
pub fn printable(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// A whole rendered text made safe for a terminal, keeping its line breaks: the last
/// guard for anything a field-by-field [`printable`] missed.
pub fn printable_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// A table in the style every vouch listing uses, fitted to the terminal width.
pub fn table(header: Vec<&str>) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    table
}

pub fn render(report: &ScanReport) -> String {
    let defaults = &report.checks;
    let mut out = String::new();
    let s = &report.scan;
    let _ = writeln!(
        out,
        "vouch {} · {} account {} · regions: {}",
        report.tool.version,
        s.provider,
        printable(&s.account),
        printable(&s.regions.join(", "))
    );
    let _ = writeln!(out);
    if !report.policies.is_empty() {
        render_policy_summary(&report.policies, &mut out);
        for p in &report.policies {
            render_policy(p, &mut out);
        }
        let _ = writeln!(out, "\nChecks");
    }

    let mut per_check: BTreeMap<(String, String), (String, String, Counts)> = BTreeMap::new();
    for r in &report.results {
        let label = params_label(r, defaults);
        let entry = per_check
            .entry((r.check.clone(), label.clone()))
            .or_insert_with(|| (r.severity.to_string(), r.title.clone(), Counts::default()));
        entry.2.add(r.status);
    }
    let mut table = table(vec!["check", "severity", "pass", "fail", "error", "muted"]);
    for ((id, label), (sev, _title, c)) in &per_check {
        table.add_row(vec![
            Cell::new(format!("{id}{label}")),
            Cell::new(sev),
            Cell::new(c.pass),
            Cell::new(c.fail),
            Cell::new(c.error),
            Cell::new(c.muted),
        ]);
    }
    if per_check.is_empty() {
        let _ = writeln!(out, "No resources matched the selected checks.");
    } else {
        let _ = writeln!(out, "{table}");
    }

    let listed = |status: Status, heading: &str, out: &mut String| {
        let mut rows: Vec<&CheckResult> = report
            .results
            .iter()
            .filter(|r| r.status == status)
            .collect();
        if rows.is_empty() {
            return;
        }
        rows.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(a.check.cmp(&b.check))
                .then(a.resource.id.cmp(&b.resource.id))
        });
        let _ = writeln!(out, "\n{heading} ({})", rows.len());
        for r in rows {
            let _ = writeln!(
                out,
                "  [{}] {}{}  {} ({})\n      {}",
                r.severity,
                r.check,
                params_label(r, defaults),
                printable(&r.resource.id),
                printable(&r.resource.region),
                printable(&r.message)
            );
        }
    };
    listed(Status::Fail, "Failing resources", &mut out);
    listed(
        Status::Error,
        "Could not be judged (error: a value could not be read, or the check could not run)",
        &mut out,
    );

    if let Some(d) = &report.diff {
        let _ = write!(out, "\n{}", render_diff(d, None));
    }
    for note in &report.notes {
        let _ = writeln!(out, "\nNote: {}", printable(note));
    }
    let c = &report.summary;
    let _ = writeln!(
        out,
        "\nSummary: {} pass, {} fail, {} error, {} muted.",
        c.pass, c.fail, c.error, c.muted
    );
    printable_lines(&out).into_owned()
}

/// Findings listed under a failed clause; the failing-resources section has them all.
const CLAUSE_FINDINGS_SHOWN: usize = 5;
/// Evidence is shown on one line, cut at this many characters.
const EVIDENCE_CHARS: usize = 160;

/// What an auditor asks first: per policy, how many clauses the account keeps, the
/// score, and how much of the policy a scan can verify at all.
fn render_policy_summary(policies: &[PolicyScore], out: &mut String) {
    let mut t = table(vec![
        "policy",
        "clauses",
        "met",
        "failed",
        "error",
        "incomplete",
        "manual",
        "attested",
        "n/a",
        "score",
        "coverage",
    ]);
    for p in policies {
        let c = &p.counts;
        t.add_row(vec![
            p.title.clone(),
            p.clauses_total.to_string(),
            c.met.to_string(),
            c.failed.to_string(),
            c.error.to_string(),
            c.incomplete.to_string(),
            c.manual.to_string(),
            c.attested.to_string(),
            c.not_applicable.to_string(),
            p.score
                .map(|s| format!("{s:.0}%"))
                .unwrap_or_else(|| "n/a".into()),
            format!("{:.0}%", p.coverage),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "score = met / (met + failed + error + incomplete); coverage = clauses a scan can verify / all clauses; manual and attested clauses never count as met; incomplete = a clause about all data that left data-bearing types unexamined."
    );
}

fn compact(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if s.chars().count() > EVIDENCE_CHARS {
        format!("{}...", s.chars().take(EVIDENCE_CHARS).collect::<String>())
    } else {
        s
    }
}

fn render_policy(p: &PolicyScore, out: &mut String) {
    let _ = writeln!(out, "\n{} ({}): clauses not kept", p.title, p.source);
    let mut shown = 0;
    for clause in &p.clauses {
        let mark = match clause.status {
            ClauseStatus::Failed => "FAILED",
            ClauseStatus::Error => "ERROR ",
            ClauseStatus::Incomplete => "INCOMPLETE",
            _ => continue,
        };
        shown += 1;
        let _ = writeln!(
            out,
            "  {mark} {} [{}] {}",
            clause.id, clause.section, clause.text
        );
        for f in clause.findings.iter().take(CLAUSE_FINDINGS_SHOWN) {
            let _ = writeln!(
                out,
                "         - {} {} {}: {}",
                f.status,
                f.check,
                printable(&f.resource.id),
                printable(&f.message)
            );
            if !f.evidence.is_null() {
                let _ = writeln!(out, "           evidence: {}", compact(&f.evidence));
            }
        }
        if clause.findings.len() > CLAUSE_FINDINGS_SHOWN {
            let _ = writeln!(
                out,
                "         ... and {} more (all are in --format json)",
                clause.findings.len() - CLAUSE_FINDINGS_SHOWN
            );
        }
        render_clause_evidence(clause, out);
    }
    if shown == 0 {
        let _ = writeln!(out, "  none");
    }
    let ids = |status: ClauseStatus| -> Vec<&str> {
        p.clauses
            .iter()
            .filter(|c| c.status == status)
            .map(|c| c.id.as_str())
            .collect()
    };
    for clause in p.clauses.iter().filter(|c| {
        matches!(c.status, ClauseStatus::Met | ClauseStatus::NotApplicable)
            && c.scope.as_ref().is_some_and(|s| !s.out_of_scope.is_empty())
    }) {
        if let Some(s) = &clause.scope {
            let _ = writeln!(out, "  {} {}: {}", clause.status, clause.id, scope_line(s));
        }
    }
    for (label, status) in [
        ("met", ClauseStatus::Met),
        ("not applicable", ClauseStatus::NotApplicable),
        ("manual (a person must show)", ClauseStatus::Manual),
    ] {
        let list = ids(status);
        if !list.is_empty() {
            let _ = writeln!(out, "  {label}: {}", list.join(", "));
        }
    }
    for clause in p
        .clauses
        .iter()
        .filter(|c| c.status == ClauseStatus::Attested)
    {
        if let Some(a) = &clause.attestation {
            let _ = writeln!(
                out,
                "  attested {}: by {} on {} (until {}): {}",
                clause.id, a.by, a.date, a.expires, a.evidence
            );
        }
    }
}

/// Where a region-wide clause was judged and what it left out.
fn scope_line(s: &crate::policy::score::ScopeReport) -> String {
    let mut line = format!("judged in {} ({})", s.regions.join(", "), s.mode);
    if !s.out_of_scope.is_empty() {
        let regions: std::collections::BTreeSet<&str> =
            s.out_of_scope.iter().map(|o| o.region.as_str()).collect();
        let _ = write!(
            line,
            "; {} result(s) in {} out of scope, not counted",
            s.out_of_scope.len(),
            regions.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    line
}

/// Alternatives, scope and evidence coverage of a clause that is not kept.
fn render_clause_evidence(clause: &crate::policy::score::ClauseScore, out: &mut String) {
    if !clause.alternatives.is_empty() {
        let groups: Vec<String> = clause
            .alternatives
            .iter()
            .map(|a| format!("[{}] {}", a.checks.join(" + "), a.status))
            .collect();
        let rule = if clause.alternatives_per_resource {
            "one must hold for each resource"
        } else {
            "one must hold"
        };
        let _ = writeln!(out, "         alternatives ({rule}): {}", groups.join("; "));
    }
    if let Some(s) = &clause.scope {
        let _ = writeln!(out, "         scope: {}", scope_line(s));
    }
    if let Some(c) = &clause.coverage
        && !c.not_judged.is_empty()
    {
        let types: Vec<String> = c
            .not_judged
            .iter()
            .map(|n| {
                format!(
                    "{} ({} in {})",
                    n.resource_type,
                    n.resources,
                    n.regions.join(", ")
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "         not judged ({}; no check of this clause examines them): {}",
            c.promise,
            types.join(", ")
        );
    }
}

/// Changes between two scans: what is newly failing comes first, since it is what a
/// nightly job is run to catch.
pub fn render_diff(d: &crate::results::ScanDiff, after: Option<i64>) -> String {
    let mut out = String::new();
    let label = after
        .map(|a| format!("scan {a}"))
        .unwrap_or_else(|| "this scan".into());
    let _ = writeln!(
        out,
        "Changes in {label} since scan {} ({}): {} new failures, {} resolved, {} still failing",
        d.since,
        d.since_time,
        d.new_failures.len(),
        d.resolved_failures.len(),
        d.still_failing.len()
    );
    for (heading, list) in [
        ("new failures", &d.new_failures),
        ("resolved", &d.resolved_failures),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {heading}:");
        for c in list {
            let _ = writeln!(
                out,
                "    [{}] {}  {}  {}",
                c.severity,
                c.check,
                printable(&c.resource),
                printable(&c.message)
            );
        }
    }
    // Under `--fail-on new` these alone make the exit code 4, so they are listed.
    if !d.new_errors.is_empty() {
        let _ = writeln!(out, "  newly not judged ({}):", d.new_errors.len());
        for c in &d.new_errors {
            let _ = writeln!(
                out,
                "    {}  {}  {}",
                c.check,
                printable(&c.resource),
                printable(&c.message)
            );
        }
    }
    for s in &d.score_changes {
        let f = |v: Option<f64>| {
            v.map(|x| format!("{x:.0}%"))
                .unwrap_or_else(|| "n/a".into())
        };
        let _ = writeln!(
            out,
            "  score of {}: {} -> {}",
            s.policy,
            f(s.before),
            f(s.after)
        );
    }
    printable_lines(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_text_cannot_steer_the_terminal() {
        assert_eq!(printable("plain-bucket"), "plain-bucket");
        assert_eq!(printable("a\u{1b}[2Jb\nc"), "a\\u{1b}[2Jb\\nc");
        assert_eq!(printable("x\u{9b}31m"), "x\\u{9b}31m", "C1 CSI");
        assert_eq!(
            printable("abc\u{202e}fed"),
            "abc\\u{202e}fed",
            "bidi override"
        );
        assert_eq!(printable_lines("one\ntwo\u{7}\n"), "one\ntwo\\u{7}\n");
    }
}
