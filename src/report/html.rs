//! HTML report: one self-contained page (no network fetches) for a person or an
//! auditor.
//!
//! The page is rendered by minijinja from `templates/report.html.j2`, with HTML
//! auto-escaping forced on for every value: resource ids, names, messages and
//! evidence come from the scanned account and are never trusted. Everything the
//! template shows is prepared here as plain strings and numbers (the view), so the
//! template only lays it out; the charts are inline SVG whose geometry is computed
//! here. The same report always renders to the same bytes.
//!
//! The page carries a Content-Security-Policy that forbids every fetch and allows
//! only the page's own inline script and style, by hash: even a value that slipped
//! past escaping could neither load nor run anything.

use std::collections::{BTreeMap, BTreeSet};

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value, syntax::SyntaxConfig};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::inventory::Provider;
use crate::policy::score::{ClauseStatus, ParameterSet, PolicyScore};
use crate::results::{CheckIndex, CheckResult, Counts, ScanReport, Severity, Status};

const TEMPLATE_NAME: &str = "report.html.j2";
const TEMPLATE: &str = include_str!("../../templates/report.html.j2");

#[derive(Debug, thiserror::Error)]
#[error("cannot render the HTML report: {0}")]
pub struct HtmlError(pub String);

pub fn render(report: &ScanReport) -> Result<Vec<u8>, HtmlError> {
    let env = environment()?;
    let view = View::of(report);
    let page = env
        .get_template(TEMPLATE_NAME)
        .and_then(|t| t.render(Value::from(minijinja::value::Serde(&view))))
        .map_err(|e| HtmlError(format!("{e:#}")))?;
    Ok(page.into_bytes())
}

fn environment() -> Result<Environment<'static>, HtmlError> {
    let mut env = Environment::new();
    // Escape everything, whatever the template is called.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // A misspelt field is an error, not a silently empty cell.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| HtmlError(e.to_string()))?,
    );
    env.add_filter("csp_hash", csp_hash);
    env.add_template(TEMPLATE_NAME, TEMPLATE)
        .map_err(|e| HtmlError(format!("{e:#}")))?;
    Ok(env)
}

/// The CSP source expression (`'sha256-...'`) allowing exactly this inline script or
/// style element's text.
fn csp_hash(text: &str) -> Value {
    let digest = Sha256::digest(text.as_bytes());
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
    Value::from_safe_string(format!("'sha256-{encoded}'"))
}

// ---------------------------------------------------------------------------------
// The view: what the template shows, already formatted.

#[derive(Serialize)]
struct View {
    tool: String,
    version: String,
    format: String,
    provider: String,
    account: String,
    regions: String,
    started: String,
    finished: String,
    duration: String,
    summary: SummaryView,
    statuses: Vec<LegendItem>,
    by_severity: Chart,
    by_service: Chart,
    policies: Vec<PolicyView>,
    findings: Vec<FindingView>,
    filter_severities: Vec<String>,
    filter_services: Vec<String>,
    filter_statuses: Vec<String>,
    notes: Vec<String>,
    /// Changes since the previous scan of the account, when the history has one.
    diff: Option<crate::results::ScanDiff>,
}

#[derive(Serialize)]
struct SummaryView {
    total: usize,
    pass: usize,
    fail: usize,
    error: usize,
    muted: usize,
    manual: usize,
    /// Distinct resources with at least one failing or errored result.
    resources_affected: usize,
}

#[derive(Serialize)]
struct LegendItem {
    status: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct PolicyView {
    id: String,
    title: String,
    source: String,
    anchor: String,
    clauses_total: usize,
    score: String,
    /// Width of the score bar, 0-100; `None` when no clause could be judged.
    score_width: Option<String>,
    score_detail: String,
    coverage: String,
    coverage_width: String,
    coverage_detail: String,
    counts: Vec<CountItem>,
    clauses: Vec<ClauseView>,
}

#[derive(Serialize)]
struct CountItem {
    status: &'static str,
    label: &'static str,
    n: usize,
}

#[derive(Serialize)]
struct ClauseView {
    id: String,
    section: String,
    text: String,
    status: &'static str,
    status_label: &'static str,
    symbol: &'static str,
    checks: Vec<ClauseCheckView>,
    results: String,
    manual: Option<String>,
    attestation: Option<AttestationView>,
    findings: Vec<ClauseFindingView>,
    /// Alternatives, scope and evidence coverage, one sentence each.
    notes: Vec<String>,
}

#[derive(Serialize)]
struct ClauseCheckView {
    id: String,
    title: Option<String>,
    params: Option<String>,
}

#[derive(Serialize)]
struct AttestationView {
    by: String,
    date: String,
    expires: String,
    evidence: String,
}

#[derive(Serialize)]
struct ClauseFindingView {
    status: &'static str,
    check: String,
    resource: String,
    message: String,
}

#[derive(Serialize)]
struct FindingView {
    status: &'static str,
    status_label: &'static str,
    symbol: &'static str,
    severity: &'static str,
    #[serde(skip)]
    severity_rank: u8,
    service: String,
    check: String,
    title: String,
    params: Option<String>,
    resource_id: String,
    /// The short name and type, when the name is not already the whole id.
    resource_name: Option<String>,
    resource_type: String,
    region: String,
    message: String,
    evidence: Option<String>,
    remediation: Option<String>,
    reference: Option<ReferenceView>,
    clauses: Vec<String>,
}

#[derive(Serialize)]
struct ReferenceView {
    /// Only `http` and `https` references become links; anything else is shown as text.
    url: Option<String>,
    label: String,
}

/// Horizontal stacked bars, one row per label; geometry in SVG user units.
#[derive(Serialize)]
struct Chart {
    width: u32,
    height: u32,
    label_width: u32,
    bar_x: u32,
    rows: Vec<ChartRow>,
}

#[derive(Serialize)]
struct ChartRow {
    label: String,
    summary: String,
    y: u32,
    text_y: u32,
    bar_height: u32,
    total: usize,
    /// The counts in legend order, for the chart's table.
    values: Vec<usize>,
    total_x: String,
    segments: Vec<Segment>,
}

#[derive(Serialize)]
struct Segment {
    status: &'static str,
    n: usize,
    x: String,
    width: String,
    /// Where the count is written inside the segment, when it fits.
    label_x: Option<String>,
}

const CHART_WIDTH: u32 = 560;
const CHART_LABEL_WIDTH: u32 = 130;
const CHART_BAR_WIDTH: f64 = 360.0;
const CHART_ROW: u32 = 30;
const CHART_BAR: u32 = 20;

/// The statuses a chart stacks, in order.
const CHART_STATUSES: [Status; 5] = [
    Status::Fail,
    Status::Error,
    Status::Pass,
    Status::Muted,
    Status::Manual,
];

impl View {
    fn of(report: &ScanReport) -> View {
        let catalog = &report.checks;
        let s = &report.scan;
        let c = &report.summary;
        let failing: Vec<&CheckResult> = report
            .results
            .iter()
            .filter(|r| matches!(r.status, Status::Fail | Status::Error))
            .collect();
        let resources_affected = failing
            .iter()
            .map(|r| r.resource.id.as_str())
            .collect::<BTreeSet<_>>()
            .len();

        let mut findings: Vec<FindingView> = failing.iter().map(|r| finding(r, report)).collect();
        findings.sort_by(|a, b| {
            status_rank(a.status)
                .cmp(&status_rank(b.status))
                .then(b.severity_rank.cmp(&a.severity_rank))
                .then(a.check.cmp(&b.check))
                .then(a.resource_id.cmp(&b.resource_id))
                .then(a.params.cmp(&b.params))
        });

        let filter_severities = SEVERITIES
            .iter()
            .rev()
            .filter(|sev| failing.iter().any(|r| r.severity == **sev))
            .map(|sev| sev.to_string())
            .collect();
        let filter_services = failing
            .iter()
            .map(|r| r.service.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let filter_statuses = [Status::Fail, Status::Error]
            .iter()
            .filter(|st| failing.iter().any(|r| r.status == **st))
            .map(|st| st.to_string())
            .collect();

        let mut by_severity: BTreeMap<std::cmp::Reverse<Severity>, Counts> = BTreeMap::new();
        let mut by_service: BTreeMap<&str, Counts> = BTreeMap::new();
        for r in &report.results {
            by_severity
                .entry(std::cmp::Reverse(r.severity))
                .or_default()
                .add(r.status);
            by_service.entry(&r.service).or_default().add(r.status);
        }
        // Pass, fail and error always; muted and manual when the scan has any.
        let legend: Vec<Status> = CHART_STATUSES
            .into_iter()
            .filter(|st| {
                matches!(st, Status::Pass | Status::Fail | Status::Error) || count(c, *st) > 0
            })
            .collect();
        let statuses = legend
            .iter()
            .map(|st| LegendItem {
                status: status_class(*st),
                label: status_label(*st),
            })
            .collect();

        View {
            tool: report.tool.name.clone(),
            version: report.tool.version.clone(),
            format: report.format.clone(),
            provider: match s.provider {
                Provider::Aws => "AWS".into(),
                Provider::Azure => "Azure".into(),
            },
            account: s.account.clone(),
            regions: if s.regions.is_empty() {
                "none".into()
            } else {
                s.regions.join(", ")
            },
            started: s.started_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            finished: s.finished_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            duration: duration(s.finished_at - s.started_at),
            summary: SummaryView {
                total: c.pass + c.fail + c.error + c.muted + c.manual,
                pass: c.pass,
                fail: c.fail,
                error: c.error,
                muted: c.muted,
                manual: c.manual,
                resources_affected,
            },
            statuses,
            by_severity: chart(
                by_severity
                    .into_iter()
                    .map(|(sev, counts)| (sev.0.to_string(), counts))
                    .collect(),
                &legend,
            ),
            by_service: chart(
                by_service
                    .into_iter()
                    .map(|(svc, counts)| (svc.to_string(), counts))
                    .collect(),
                &legend,
            ),
            policies: report.policies.iter().map(|p| policy(p, catalog)).collect(),
            findings,
            filter_severities,
            filter_services,
            filter_statuses,
            notes: report.notes.clone(),
            diff: report.diff.clone(),
        }
    }
}

const SEVERITIES: [Severity; 5] = [
    Severity::Informational,
    Severity::Low,
    Severity::Medium,
    Severity::High,
    Severity::Critical,
];

fn count(c: &Counts, status: Status) -> usize {
    match status {
        Status::Pass => c.pass,
        Status::Fail => c.fail,
        Status::Error => c.error,
        Status::Manual => c.manual,
        Status::Muted => c.muted,
    }
}

fn status_rank(class: &str) -> u8 {
    match class {
        "fail" => 0,
        "error" => 1,
        _ => 2,
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Error => "error",
        Status::Manual => "manual",
        Status::Muted => "muted",
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Pass => "Pass",
        Status::Fail => "Fail",
        Status::Error => "Error",
        Status::Manual => "Manual",
        Status::Muted => "Muted",
    }
}

fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::Pass => "✓",
        Status::Fail => "✗",
        Status::Error => "!",
        Status::Manual => "?",
        Status::Muted => "–",
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Informational => "informational",
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
        Severity::Critical => "critical",
    }
}

fn clause_status(status: ClauseStatus) -> (&'static str, &'static str, &'static str) {
    match status {
        ClauseStatus::Met => ("met", "Met", "✓"),
        ClauseStatus::Failed => ("failed", "Failed", "✗"),
        ClauseStatus::Error => ("error", "Error", "!"),
        ClauseStatus::Manual => ("manual", "Manual", "?"),
        ClauseStatus::Attested => ("attested", "Attested", "✎"),
        ClauseStatus::NotApplicable => ("not-applicable", "Not applicable", "–"),
        ClauseStatus::Incomplete => ("incomplete", "Incomplete", "◐"),
    }
}

fn duration(d: chrono::TimeDelta) -> String {
    let ms = d.num_milliseconds().max(0);
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else {
        let s = ms / 1000;
        if s < 3600 {
            format!("{} min {} s", s / 60, s % 60)
        } else {
            format!("{} h {} min", s / 3600, (s % 3600) / 60)
        }
    }
}

fn percent(x: f64) -> String {
    format!("{x:.0}%")
}

/// `k=v, ...` when the parameters differ from the check's defaults, like the
/// terminal report.
fn params_label(
    check: &str,
    params: &serde_json::Map<String, serde_json::Value>,
    catalog: &CheckIndex,
) -> Option<String> {
    match catalog.get(check) {
        Some(c) if &c.params == params => None,
        _ if params.is_empty() => None,
        _ => Some(
            params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

fn finding(r: &CheckResult, report: &ScanReport) -> FindingView {
    let catalog = &report.checks;
    let check = catalog.get(&r.check);
    let clauses = report
        .policies
        .iter()
        .flat_map(|p| {
            p.clauses
                .iter()
                .filter(|c| c.counts_result(r))
                .map(move |c| {
                    if report.policies.len() > 1 {
                        format!("{} {}", p.id, c.id)
                    } else {
                        c.id.clone()
                    }
                })
        })
        .collect();
    FindingView {
        status: status_class(r.status),
        status_label: status_label(r.status),
        symbol: status_symbol(r.status),
        severity: severity_class(r.severity),
        severity_rank: r.severity as u8,
        service: r.service.clone(),
        check: r.check.clone(),
        title: r.title.clone(),
        params: params_label(&r.check, &r.parameters, catalog),
        resource_id: r.resource.id.clone(),
        resource_name: (!r.resource.name.is_empty() && r.resource.name != r.resource.id)
            .then(|| r.resource.name.clone()),
        resource_type: r.resource.resource_type.clone(),
        region: r.resource.region.clone(),
        message: r.message.clone(),
        evidence: (!r.evidence.is_null())
            .then(|| serde_json::to_string_pretty(&r.evidence).unwrap_or_default()),
        remediation: check.map(|c| c.remediation.clone()),
        reference: check
            .and_then(|c| c.references.first())
            .map(|rf| ReferenceView {
                url: (rf.url.starts_with("https://") || rf.url.starts_with("http://"))
                    .then(|| rf.url.clone()),
                label: rf.description.clone().unwrap_or_else(|| rf.url.clone()),
            }),
        clauses,
    }
}

fn policy(p: &PolicyScore, catalog: &CheckIndex) -> PolicyView {
    let c = &p.counts;
    let counts = vec![
        CountItem {
            status: "met",
            label: "met",
            n: c.met,
        },
        CountItem {
            status: "failed",
            label: "failed",
            n: c.failed,
        },
        CountItem {
            status: "error",
            label: "error",
            n: c.error,
        },
        CountItem {
            status: "incomplete",
            label: "incomplete",
            n: c.incomplete,
        },
        CountItem {
            status: "manual",
            label: "manual",
            n: c.manual,
        },
        CountItem {
            status: "attested",
            label: "attested",
            n: c.attested,
        },
        CountItem {
            status: "not-applicable",
            label: "not applicable",
            n: c.not_applicable,
        },
    ];
    let anchor: String =
        p.id.chars()
            .map(|ch| {
                if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                    ch
                } else {
                    '-'
                }
            })
            .collect();
    PolicyView {
        id: p.id.clone(),
        title: p.title.clone(),
        source: p.source.clone(),
        anchor: format!("policy-{anchor}"),
        clauses_total: p.clauses_total,
        score: p.score.map(percent).unwrap_or_else(|| "n/a".into()),
        score_width: p.score.map(|s| format!("{:.1}", s.clamp(0.0, 100.0))),
        score_detail: match c.met + c.failed + c.error + c.incomplete {
            0 => "no clause could be judged by a scan".into(),
            judged => format!(
                "{} of {judged} clause{} a scan can judge {} met",
                c.met,
                if judged == 1 { "" } else { "s" },
                if c.met == 1 { "is" } else { "are" }
            ),
        },
        coverage: percent(p.coverage),
        coverage_detail: format!(
            "{} of {} clause{} mapped to automated checks",
            p.clauses_total.saturating_sub(c.manual + c.attested),
            p.clauses_total,
            if p.clauses_total == 1 { "" } else { "s" }
        ),
        coverage_width: format!("{:.1}", p.coverage.clamp(0.0, 100.0)),
        counts,
        clauses: p
            .clauses
            .iter()
            .map(|cl| {
                let (status, status_label, symbol) = clause_status(cl.status);
                let rc = &cl.counts;
                let mut parts = Vec::new();
                for (n, word) in [
                    (rc.pass, "pass"),
                    (rc.fail, "fail"),
                    (rc.error, "error"),
                    (rc.muted, "muted"),
                    (rc.manual, "manual"),
                ] {
                    if n > 0 {
                        parts.push(format!("{n} {word}"));
                    }
                }
                ClauseView {
                    id: cl.id.clone(),
                    section: cl.section.clone(),
                    text: cl.text.clone(),
                    status,
                    status_label,
                    symbol,
                    checks: clause_checks(&cl.checks, &cl.parameter_sets, catalog),
                    results: parts.join(", "),
                    manual: cl.manual.clone(),
                    attestation: cl.attestation.as_ref().map(|a| AttestationView {
                        by: a.by.clone(),
                        date: a.date.to_string(),
                        expires: a.expires.to_string(),
                        evidence: a.evidence.clone(),
                    }),
                    findings: cl
                        .findings
                        .iter()
                        .map(|f| ClauseFindingView {
                            status: status_class(f.status),
                            check: f.check.clone(),
                            resource: f.resource.id.clone(),
                            message: f.message.clone(),
                        })
                        .collect(),
                    notes: clause_notes(cl),
                }
            })
            .collect(),
    }
}

/// What a reader needs to trust a clause verdict beyond its findings: which
/// alternative held, where a region-wide clause was judged, and the data left unexamined.
fn clause_notes(cl: &crate::policy::score::ClauseScore) -> Vec<String> {
    let mut notes = Vec::new();
    if !cl.alternatives.is_empty() {
        let groups: Vec<String> = cl
            .alternatives
            .iter()
            .map(|a| format!("{} ({})", a.checks.join(" + "), a.status))
            .collect();
        let rule = if cl.alternatives_per_resource {
            "one must hold for each resource"
        } else {
            "one must hold"
        };
        notes.push(format!("Alternatives, {rule}: {}.", groups.join("; ")));
    }
    if let Some(s) = &cl.scope {
        let mut note = format!(
            "Judged in the regions in use ({}): {}.",
            s.mode,
            s.regions.join(", ")
        );
        if !s.out_of_scope.is_empty() {
            let regions: std::collections::BTreeSet<&str> =
                s.out_of_scope.iter().map(|o| o.region.as_str()).collect();
            note.push_str(&format!(
                " Scoped out, not counted: {} result(s) in {}.",
                s.out_of_scope.len(),
                regions.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        notes.push(note);
    }
    if !cl.examined.is_empty() {
        let parts: Vec<String> = cl
            .examined
            .iter()
            .map(|e| {
                format!(
                    "{} {} in {}",
                    e.resources,
                    e.resource_type,
                    e.regions.join(", ")
                )
            })
            .collect();
        notes.push(format!("Examined: {}.", parts.join("; ")));
    }
    if let Some(c) = &cl.coverage {
        if c.not_judged.is_empty() {
            notes.push(format!(
                "Promise: {}; every data-bearing type present was examined.",
                c.promise
            ));
        } else {
            let parts: Vec<String> = c
                .not_judged
                .iter()
                .map(|n| {
                    format!(
                        "{} {} in {}",
                        n.resources,
                        n.resource_type,
                        n.regions.join(", ")
                    )
                })
                .collect();
            notes.push(format!(
                "Promise: {}. Not judged (no check of this clause examines them): {}.",
                c.promise,
                parts.join("; ")
            ));
        }
        for b in &c.by_design {
            notes.push(format!(
                "{} {}: {}.",
                b.resources, b.resource_type, b.reason
            ));
        }
    }
    notes
}

fn clause_checks(
    checks: &[String],
    sets: &[ParameterSet],
    catalog: &CheckIndex,
) -> Vec<ClauseCheckView> {
    let mut out: Vec<ClauseCheckView> = sets
        .iter()
        .map(|ps| ClauseCheckView {
            id: ps.check.clone(),
            title: catalog.get(&ps.check).map(|c| c.title.clone()),
            params: params_label(&ps.check, &ps.parameters, catalog),
        })
        .collect();
    // Reports written before parameter sets existed list only check ids.
    for id in checks {
        if !out.iter().any(|c| &c.id == id) {
            out.push(ClauseCheckView {
                id: id.clone(),
                title: catalog.get(id).map(|c| c.title.clone()),
                params: None,
            });
        }
    }
    out
}

fn chart(rows: Vec<(String, Counts)>, legend: &[Status]) -> Chart {
    let max = rows
        .iter()
        .map(|(_, c)| count_all(c))
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = CHART_BAR_WIDTH / max as f64;
    let bar_x = CHART_LABEL_WIDTH;
    let rows: Vec<ChartRow> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, counts))| {
            let y = 4 + i as u32 * CHART_ROW;
            let mut x = f64::from(bar_x);
            let mut segments = Vec::new();
            let mut parts = Vec::new();
            for st in CHART_STATUSES {
                let n = count(&counts, st);
                if n == 0 {
                    continue;
                }
                let w = n as f64 * scale;
                parts.push(format!("{n} {st}"));
                segments.push(Segment {
                    status: status_class(st),
                    n,
                    x: format!("{x:.2}"),
                    width: format!("{w:.2}"),
                    label_x: (w >= 8.0 + 7.0 * n.to_string().len() as f64)
                        .then(|| format!("{:.2}", x + w / 2.0)),
                });
                x += w;
            }
            ChartRow {
                summary: format!("{label}: {}", parts.join(", ")),
                label,
                y,
                text_y: y + CHART_BAR / 2,
                bar_height: CHART_BAR,
                total: count_all(&counts),
                values: legend.iter().map(|st| count(&counts, *st)).collect(),
                total_x: format!("{:.2}", x + 6.0),
                segments,
            }
        })
        .collect();
    Chart {
        width: CHART_WIDTH,
        height: 8 + rows.len().max(1) as u32 * CHART_ROW,
        label_width: CHART_LABEL_WIDTH,
        bar_x,
        rows,
    }
}

fn count_all(c: &Counts) -> usize {
    c.pass + c.fail + c.error + c.muted + c.manual
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_changes_since_the_previous_scan() {
        let report: ScanReport = serde_json::from_value(serde_json::json!({
            "format": "vouch-results/1",
            "tool": {"name": "vouch", "version": "0"},
            "scan": {"provider": "aws", "account": "1", "regions": ["us-east-1"],
                     "started_at": "2026-11-23T00:00:00Z", "finished_at": "2026-11-23T00:00:01Z"},
            "summary": {"pass": 0, "fail": 0, "error": 0, "manual": 0, "muted": 0},
            "results": [], "policies": [], "notes": [],
            "diff": {"since": 41, "since_time": "2026-11-22T00:00:00Z",
                     "new_failures": [{"check": "aws-s3-bucket-versioning", "resource": "arn:aws:s3:::broke<n>", "severity": "medium", "message": "versioning is suspended"}],
                     "resolved_failures": [{"check": "aws-s3-bucket-versioning", "resource": "arn:aws:s3:::fixed", "severity": "medium", "message": "was off"}],
                     "still_failing": [],
                     "score_changes": [{"policy": "atlasdata", "before": 50.0, "after": 40.0}]}
        }))
        .unwrap();
        let html = String::from_utf8(render(&report).unwrap()).unwrap();
        assert!(html.contains("Changes since scan 41"), "{html}");
        assert!(html.contains("1 new failures, 1 resolved, 0 still failing"));
        assert!(html.contains("arn:aws:s3:::broke&lt;n&gt;"), "escaped");
        assert!(html.contains("arn:aws:s3:::fixed"));
        assert!(html.contains("atlasdata: 50.0 &rarr; 40.0"), "{html}");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(chrono::TimeDelta::milliseconds(124)), "124 ms");
        assert_eq!(duration(chrono::TimeDelta::milliseconds(4_300)), "4.3 s");
        assert_eq!(duration(chrono::TimeDelta::seconds(185)), "3 min 5 s");
    }
}
