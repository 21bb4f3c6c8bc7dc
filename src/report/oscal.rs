//! OSCAL 1.2 assessment results (JSON), the form GRC tools and FedRAMP's machine-readable
//! packages take a security assessment in: one result per scan, an observation per
//! check result (method TEST, the values the verdict rests on as relevant evidence), a
//! finding per policy clause (the clause as the objective, satisfied only when vouch
//! found it met, linked to the observations it was judged on), and a risk per failure.
//!
//! OSCAL has two states for an objective, satisfied and not-satisfied. A clause in
//! error, manual, attested, incomplete or not applicable is not satisfied (vouch did not
//! verify it), and says which with the `clause-status` property and a remark, so no
//! tool reads "could not read" as "met".
//!
//! Every UUID is derived from what it names (the scan, the check result, the clause),
//! so two renders of one report are identical and a re-scan keeps each observation's
//! and finding's identity.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::identity::{digest16, finding_uid};
use crate::policy::score::ClauseStatus;
use crate::results::{CheckResult, ClauseScore, PolicyScore, ScanReport, Status};

pub const OSCAL_VERSION: &str = "1.2.1";

/// The namespace of vouch's own properties (OSCAL's are unqualified).
pub(crate) const NS: &str = "urn:vouch:oscal";

/// A version 4 UUID whose bits come from a digest of `parts`: deterministic, and of the
/// form the OSCAL schema requires.
pub(crate) fn uuid_of(parts: &[&str]) -> String {
    uuid::Builder::from_random_bytes(digest16(parts))
        .into_uuid()
        .to_string()
}

pub(crate) fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// OSCAL strings are non-empty with no whitespace at either end.
pub(crate) fn text(s: &str, otherwise: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        otherwise.to_string()
    } else {
        t.to_string()
    }
}

/// A one-line OSCAL string (titles, property values): a cloud-supplied name may hold
/// newlines or other control characters, which those fields do not allow.
pub(crate) fn line(s: &str, otherwise: &str) -> String {
    let joined: String = s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    text(&joined, otherwise)
}

/// A token (NCName): letters, digits, `.`, `-`, `_`, starting with a letter or `_`.
pub(crate) fn token(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

pub(crate) fn prop(name: &str, value: &str) -> Value {
    json!({"name": name, "ns": NS, "value": line(value, "none")})
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Error => "error",
        Status::Manual => "manual",
        Status::Muted => "muted",
    }
}

fn clause_status_name(s: ClauseStatus) -> &'static str {
    match s {
        ClauseStatus::Met => "met",
        ClauseStatus::Failed => "failed",
        ClauseStatus::Error => "error",
        ClauseStatus::Manual => "manual",
        ClauseStatus::Attested => "attested",
        ClauseStatus::NotApplicable => "not_applicable",
        ClauseStatus::Incomplete => "incomplete",
    }
}

/// The objective status of a clause: satisfied only when met; failed is a fail; every
/// other state is not verified, "other", and the remark says why.
fn objective_status(c: &ClauseScore) -> Value {
    match c.status {
        ClauseStatus::Met => json!({"state": "satisfied", "reason": "pass"}),
        ClauseStatus::Failed => json!({"state": "not-satisfied", "reason": "fail"}),
        other => {
            let why = match other {
                ClauseStatus::Error => "some values it rests on could not be read",
                ClauseStatus::Manual => "no cloud API shows it: a person has to attest it",
                ClauseStatus::Attested => "a person attests it; vouch did not verify it",
                ClauseStatus::NotApplicable => {
                    "the checks it maps to found nothing of their type to judge"
                }
                _ => "data-bearing resources it promises something about were not examined",
            };
            json!({"state": "not-satisfied", "reason": "other",
                   "remarks": format!("vouch status {}: {why}", clause_status_name(other))})
        }
    }
}

/// The observation of one check result.
fn observation(r: &CheckResult, subject: &str, collected: &str) -> Value {
    let mut o = json!({
        "uuid": uuid_of(&["observation", &finding_uid(r)]),
        "title": line(&r.title, &r.check),
        "description": text(&r.message, status_name(r.status)),
        "props": [
            prop("check-id", &r.check),
            prop("result-status", status_name(r.status)),
            prop("severity", &r.severity.to_string()),
        ],
        "methods": ["TEST"],
        "subjects": [{"subject-uuid": subject, "type": "inventory-item", "title": line(&r.resource.id, "resource")}],
        "collected": collected,
    });
    if !r.evidence.is_null() {
        o["relevant-evidence"] = json!([{
            "description": format!("observed: {}", r.evidence),
        }]);
    }
    if !r.parameters.is_empty() {
        o["remarks"] = json!(format!(
            "parameters: {}",
            serde_json::to_string(&r.parameters).unwrap_or_default()
        ));
    }
    o
}

/// The risk a failed result poses, with the check's rationale and remediation.
fn risk(report: &ScanReport, r: &CheckResult, observation: &str) -> Value {
    let info = report.checks.get(&r.check);
    let statement = info
        .map(|c| format!("{} Remediation: {}", c.rationale, c.remediation))
        .unwrap_or_default();
    json!({
        "uuid": uuid_of(&["risk", &finding_uid(r)]),
        "title": line(&format!("{} ({})", r.title, r.resource.id), &r.check),
        "description": text(&r.message, "the check failed"),
        "statement": text(&statement, "see the check's documentation: vouch checks explain"),
        "props": [prop("severity", &r.severity.to_string()), prop("check-id", &r.check)],
        "status": "open",
        "related-observations": [{"observation-uuid": observation}],
    })
}

/// The finding for one clause, over the observations of the results it was judged on.
fn finding(pack: &PolicyScore, c: &ClauseScore, related: &[&str], risks: &[&str]) -> Value {
    let mut f = json!({
        "uuid": uuid_of(&["finding", &pack.id, &c.id]),
        "title": line(&format!("{} {}", pack.id, c.id), &c.id),
        "description": text(&c.text, &c.id),
        "props": [prop("clause-status", clause_status_name(c.status)), prop("section", &c.section)],
        "target": {
            "type": "objective-id",
            "target-id": super::oscal_catalog::control_id(&pack.id, &c.id),
            "status": objective_status(c),
        },
    });
    if !related.is_empty() {
        f["related-observations"] = related
            .iter()
            .map(|u| json!({"observation-uuid": u}))
            .collect();
    }
    if !risks.is_empty() {
        f["related-risks"] = risks.iter().map(|u| json!({"risk-uuid": u})).collect();
    }
    if let Some(manual) = &c.manual {
        f["remarks"] = json!(text(
            &format!("evidence a person shows: {manual}"),
            "manual"
        ));
    }
    f
}

/// The whole document.
pub fn document(report: &ScanReport) -> Value {
    let scan = &report.scan;
    let started = time(&scan.started_at);
    let finished = time(&scan.finished_at);
    let scan_key = format!("{}:{}:{started}", scan.provider, scan.account);

    // One inventory item per resource judged.
    let mut items: BTreeMap<&str, (String, &CheckResult)> = BTreeMap::new();
    for r in &report.results {
        items
            .entry(r.resource.id.as_str())
            .or_insert_with(|| (uuid_of(&["resource", &r.resource.id]), r));
    }
    let inventory: Vec<Value> = items
        .values()
        .map(|(u, r)| {
            json!({
                "uuid": u,
                "description": text(&r.resource.id, "resource"),
                "props": [
                    prop("resource-id", &r.resource.id),
                    prop("resource-type", &r.resource.resource_type),
                    prop("account", &r.resource.account),
                    prop("region", &r.resource.region),
                ],
            })
        })
        .collect();

    let mut observations = Vec::new();
    let mut observation_of: BTreeMap<String, String> = BTreeMap::new();
    let mut risks = Vec::new();
    let mut risk_of: BTreeMap<String, String> = BTreeMap::new();
    for r in &report.results {
        let subject = &items[r.resource.id.as_str()].0;
        let o = observation(r, subject, &finished);
        let ou = o["uuid"].as_str().unwrap_or_default().to_string();
        if r.status == Status::Fail {
            let k = risk(report, r, &ou);
            risk_of.insert(
                finding_uid(r),
                k["uuid"].as_str().unwrap_or_default().to_string(),
            );
            risks.push(k);
        }
        observation_of.insert(finding_uid(r), ou);
        observations.push(o);
    }

    let mut findings = Vec::new();
    for pack in &report.policies {
        for c in &pack.clauses {
            let judged: Vec<&CheckResult> = report
                .results
                .iter()
                .filter(|r| c.counts_result(r))
                .collect();
            let related: Vec<&str> = judged
                .iter()
                .filter_map(|r| observation_of.get(&finding_uid(r)).map(String::as_str))
                .collect();
            let clause_risks: Vec<&str> = judged
                .iter()
                .filter_map(|r| risk_of.get(&finding_uid(r)).map(String::as_str))
                .collect();
            findings.push(finding(pack, c, &related, &clause_risks));
        }
    }

    let plan = uuid_of(&["plan", &scan_key]);
    let mut resources = vec![json!({
        "uuid": plan,
        "title": "vouch assessment plan",
        "description": format!(
            "The checks vouch {} ran ({} of them, each documented by `vouch checks explain ID`) and the policy packs it scored, against {} account {} in {}.",
            report.tool.version,
            report.checks.len().max(report.results.iter().map(|r| &r.check).collect::<std::collections::BTreeSet<_>>().len()),
            scan.provider,
            scan.account,
            if scan.regions.is_empty() { "every region".to_string() } else { scan.regions.join(", ") },
        ),
    })];
    for pack in &report.policies {
        let mut r = json!({
            "uuid": uuid_of(&["pack", &pack.id]),
            "title": line(&pack.title, &pack.id),
            "description": text(&format!("Policy pack {}: {} clauses", pack.id, pack.clauses_total), &pack.id),
            "props": [prop("pack-id", &pack.id)],
        });
        if pack.source.starts_with("http://") || pack.source.starts_with("https://") {
            r["rlinks"] = json!([{"href": pack.source}]);
        } else if !pack.source.trim().is_empty() {
            r["remarks"] = json!(text(&pack.source, "source"));
        }
        resources.push(r);
    }

    let mut result = json!({
        "uuid": uuid_of(&["result", &scan_key]),
        "title": format!("vouch scan of {} account {}", scan.provider, scan.account),
        "description": format!(
            "{} results: {} pass, {} fail, {} error, {} manual, {} muted.",
            report.results.len(),
            report.summary.pass,
            report.summary.fail,
            report.summary.error,
            report.summary.manual,
            report.summary.muted
        ),
        "start": started,
        "end": finished,
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
    });
    if !inventory.is_empty() {
        result["local-definitions"] = json!({"inventory-items": inventory});
    }
    if !observations.is_empty() {
        result["observations"] = Value::Array(observations);
    }
    if !risks.is_empty() {
        result["risks"] = Value::Array(risks);
    }
    if !findings.is_empty() {
        result["findings"] = Value::Array(findings);
    }
    json!({"assessment-results": {
        "uuid": uuid_of(&["assessment-results", &scan_key]),
        "metadata": {
            "title": format!("vouch assessment of {} account {}", scan.provider, scan.account),
            "last-modified": finished,
            "version": report.tool.version,
            "oscal-version": OSCAL_VERSION,
            "props": [prop("tool", &format!("{} {}", report.tool.name, report.tool.version))],
        },
        "import-ap": {"href": format!("#{plan}")},
        "results": [result],
        "back-matter": {"resources": resources},
    }})
}

pub fn render(report: &ScanReport) -> Vec<u8> {
    serde_json::to_vec_pretty(&document(report)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_follow_what_they_name() {
        let a = uuid_of(&["finding", "pack", "IND-01"]);
        assert_eq!(a, uuid_of(&["finding", "pack", "IND-01"]));
        assert_ne!(a, uuid_of(&["finding", "pack", "IND-02"]));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'), "{a}");
        assert!(
            matches!(parts[3].chars().next(), Some('8' | '9' | 'a' | 'b')),
            "{a}"
        );
    }

    #[test]
    fn one_line_fields_hold_no_newline_or_control_character() {
        assert_eq!(
            line("bucket\nname\u{1b}[2J x ", "none"),
            "bucket name [2J x"
        );
        assert_eq!(line(" \n ", "none"), "none");
    }

    #[test]
    fn clause_ids_become_tokens() {
        assert_eq!(
            token("cis-aws-foundations_3.1.4"),
            "cis-aws-foundations_3.1.4"
        );
        assert_eq!(token("3.1.4"), "_3.1.4");
        assert_eq!(token("pack_A 1/2"), "pack_A_1_2");
    }

    #[test]
    fn only_a_met_clause_is_satisfied() {
        let mut c: ClauseScore = serde_json::from_value(json!({
            "id": "C-1", "section": "s", "text": "t", "status": "met", "checks": [],
            "counts": {"pass": 0, "fail": 0, "error": 0, "manual": 0, "muted": 0}}))
        .unwrap();
        assert_eq!(objective_status(&c)["state"], "satisfied");
        for s in [
            ClauseStatus::Failed,
            ClauseStatus::Error,
            ClauseStatus::Manual,
            ClauseStatus::Attested,
            ClauseStatus::NotApplicable,
            ClauseStatus::Incomplete,
        ] {
            c.status = s;
            assert_eq!(objective_status(&c)["state"], "not-satisfied", "{s}");
        }
    }
}
