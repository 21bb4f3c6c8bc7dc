//! OCSF 1.5 as JSON Lines, the form AWS Security Lake, Splunk and other SIEMs ingest
//! without custom parsing: a Detection Finding (class 2004) per check and resource,
//! and a Compliance Finding (class 2003) per clause, check and resource when packs are
//! scored.

use serde_json::{Value, json};

use super::identity::{compliance_uid, finding_uid};
use crate::inventory::Provider;
use crate::policy::score::ClauseStatus;
use crate::results::{CheckIndex, CheckResult, ScanReport, Severity, Status};

pub const OCSF_VERSION: &str = "1.5.0";

fn severity_id(s: Severity) -> (u8, &'static str) {
    match s {
        Severity::Informational => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

/// Finding status: a failure is new work, a pass resolves it, a mute suppresses it;
/// an error is none of these and is "Other", with the reason in `status_detail`.
fn finding_status(s: Status) -> (u8, &'static str) {
    match s {
        Status::Fail => (1, "New"),
        Status::Pass => (4, "Resolved"),
        Status::Muted => (3, "Suppressed"),
        Status::Error | Status::Manual => (99, "Other"),
    }
}

/// Compliance status: pass, fail, or "warning" (no result for want of information).
/// A muted result is a failure someone accepted: the control is still not met, so it is
/// Fail (its finding status says Suppressed), as ASFF reports it FAILED/SUPPRESSED.
fn compliance_status(s: Status) -> (u8, &'static str) {
    match s {
        Status::Pass => (1, "Pass"),
        Status::Fail | Status::Muted => (3, "Fail"),
        Status::Error | Status::Manual => (2, "Warning"),
    }
}

fn cloud(provider: Provider, r: &CheckResult) -> Value {
    let (provider, type_id, type_name) = match provider {
        Provider::Aws => ("AWS", 10, "AWS Account"),
        Provider::Azure => ("Azure", 99, "Azure Subscription"),
    };
    json!({
        "provider": provider,
        "account": {"uid": r.resource.account, "name": r.resource.account, "type_id": type_id, "type": type_name},
        "region": r.resource.region,
    })
}

fn millis(t: &chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp_millis()
}

/// What every event of a scan shares; built from a finished report, or while results
/// are still streaming.
pub struct EventContext {
    pub provider: Provider,
    pub version: String,
    pub time: chrono::DateTime<chrono::Utc>,
}

impl EventContext {
    pub fn of(report: &ScanReport) -> Self {
        EventContext {
            provider: report.scan.provider,
            version: report.tool.version.clone(),
            time: report.scan.finished_at,
        }
    }
}

struct Common<'a> {
    cx: &'a EventContext,
    checks: &'a CheckIndex,
}

impl Common<'_> {
    fn base(
        &self,
        r: &CheckResult,
        class_uid: u32,
        class_name: &str,
    ) -> serde_json::Map<String, Value> {
        let (sev_id, sev) = severity_id(r.severity);
        let time = millis(&self.cx.time);
        let check = self.checks.get(&r.check);
        let remediation = check.map(|c| c.remediation.clone()).unwrap_or_default();
        let references: Vec<String> = check
            .map(|c| c.references.iter().map(|x| x.url.clone()).collect())
            .unwrap_or_default();
        let mut e = serde_json::Map::new();
        e.insert("activity_id".into(), json!(1));
        e.insert("activity_name".into(), json!("Create"));
        e.insert("category_uid".into(), json!(2));
        e.insert("category_name".into(), json!("Findings"));
        e.insert("class_uid".into(), json!(class_uid));
        e.insert("class_name".into(), json!(class_name));
        e.insert("type_uid".into(), json!(class_uid * 100 + 1));
        e.insert("type_name".into(), json!(format!("{class_name}: Create")));
        e.insert("time".into(), json!(time));
        e.insert("time_dt".into(), json!(self.cx.time.to_rfc3339()));
        e.insert("severity_id".into(), json!(sev_id));
        e.insert("severity".into(), json!(sev));
        e.insert("message".into(), json!(r.message));
        e.insert(
            "metadata".into(),
            json!({
                "version": OCSF_VERSION,
                "product": {"name": "vouch", "vendor_name": "vouch", "uid": "vouch", "version": self.cx.version},
                "event_code": r.check,
                "profiles": ["cloud"],
            }),
        );
        e.insert("cloud".into(), cloud(self.cx.provider, r));
        e.insert(
            "resources".into(),
            json!([{
                "uid": r.resource.id,
                "type": r.resource.resource_type,
                "name": r.resource.name,
                "region": r.resource.region,
                "data": {"evidence": r.evidence},
            }]),
        );
        if !remediation.is_empty() {
            e.insert(
                "remediation".into(),
                json!({"desc": remediation, "references": references}),
            );
        }
        e.insert(
            "unmapped".into(),
            json!({"vouch": {"status": r.status, "parameters": r.parameters}}),
        );
        e
    }

    fn finding_info(&self, uid: String, r: &CheckResult) -> Value {
        let desc = self
            .checks
            .get(&r.check)
            .map(|c| c.description.clone())
            .unwrap_or_default();
        json!({
            "uid": uid,
            "title": r.title,
            "desc": desc,
            "types": [r.service],
            "created_time": millis(&self.cx.time),
        })
    }
}

/// `checks` is the report's index, or while streaming the one it will carry.
pub fn detection_finding(cx: &EventContext, checks: &CheckIndex, r: &CheckResult) -> Value {
    let c = Common { cx, checks };
    let mut e = c.base(r, 2004, "Detection Finding");
    let (status_id, status) = finding_status(r.status);
    e.insert("status_id".into(), json!(status_id));
    e.insert("status".into(), json!(status));
    e.insert(
        "status_code".into(),
        json!(r.status.to_string().to_uppercase()),
    );
    e.insert("status_detail".into(), json!(r.message));
    e.insert("finding_info".into(), c.finding_info(finding_uid(r), r));
    Value::Object(e)
}

/// Every event of the report: detections first, then compliance findings.
pub fn events(report: &ScanReport) -> Vec<Value> {
    let cx = EventContext::of(report);
    let mut out: Vec<Value> = report
        .results
        .iter()
        .map(|r| detection_finding(&cx, &report.checks, r))
        .collect();
    out.extend(compliance_findings(report, &cx));
    out
}

/// Compliance Findings (class 2003): one per clause, check and resource.
pub fn compliance_findings(report: &ScanReport, cx: &EventContext) -> Vec<Value> {
    let mut out = Vec::new();
    let c = Common {
        cx,
        checks: &report.checks,
    };
    for p in &report.policies {
        for clause in &p.clauses {
            if matches!(clause.status, ClauseStatus::Manual | ClauseStatus::Attested) {
                continue;
            }
            for r in report.results.iter().filter(|r| clause.counts_result(r)) {
                let mut e = c.base(r, 2003, "Compliance Finding");
                let (status_id, status) = finding_status(r.status);
                e.insert("status_id".into(), json!(status_id));
                e.insert("status".into(), json!(status));
                let (sid, s) = compliance_status(r.status);
                e.insert(
                    "compliance".into(),
                    json!({
                        "standards": [p.title],
                        "requirements": [format!("{} {}", clause.id, clause.section)],
                        "control": clause.id,
                        "desc": clause.text,
                        "status_id": sid,
                        "status": s,
                    }),
                );
                e.insert(
                    "finding_info".into(),
                    c.finding_info(compliance_uid(&p.id, &clause.id, r), r),
                );
                out.push(Value::Object(e));
            }
        }
    }
    out
}

/// One JSON object per line.
pub fn render(report: &ScanReport) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events(report) {
        if let Ok(line) = serde_json::to_vec(&e) {
            out.extend(line);
            out.push(b'\n');
        }
    }
    out
}
