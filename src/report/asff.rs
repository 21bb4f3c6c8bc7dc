//! ASFF, the AWS Security Finding Format that Security Hub imports
//! (BatchImportFindings). Ids are stable across scans, so Security Hub updates a
//! finding instead of adding a new one each night.

use serde_json::{Value, json};

use super::identity::finding_uid;
use crate::inventory::GLOBAL_REGION;
use crate::results::{CheckResult, ScanReport, Severity, Status};

pub const SCHEMA_VERSION: &str = "2018-10-08";

/// Security Hub's resource type name for a vouch type, from the registry; "Other" for
/// the types Security Hub has no name for.
fn resource_type(t: &str) -> &'static str {
    crate::registry::of(crate::inventory::Provider::Aws).asff_type(t)
}

fn label(s: Severity) -> &'static str {
    match s {
        Severity::Informational => "INFORMATIONAL",
        Severity::Low => "LOW",
        Severity::Medium => "MEDIUM",
        Severity::High => "HIGH",
        Severity::Critical => "CRITICAL",
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(3)).collect();
        t.push_str("...");
        t
    }
}

pub fn finding(report: &ScanReport, r: &CheckResult) -> Value {
    let region = if r.resource.region == GLOBAL_REGION || r.resource.region.is_empty() {
        report
            .scan
            .regions
            .first()
            .cloned()
            .unwrap_or_else(|| "us-east-1".into())
    } else {
        r.resource.region.clone()
    };
    let partition = crate::collect::aws::s3::partition_of(&region);
    let account = &r.resource.account;
    let check = report.checks.get(&r.check);
    let description = check
        .map(|c| c.description.clone())
        .unwrap_or_else(|| r.title.clone());
    let remediation = check.map(|c| c.remediation.clone()).unwrap_or_default();
    let url = check
        .and_then(|c| c.references.first())
        .map(|x| x.url.clone());
    let (compliance, workflow) = match r.status {
        Status::Pass => ("PASSED", "RESOLVED"),
        Status::Fail => ("FAILED", "NEW"),
        Status::Muted => ("FAILED", "SUPPRESSED"),
        Status::Error => ("WARNING", "NEW"),
        Status::Manual => ("NOT_AVAILABLE", "NEW"),
    };
    let time = report
        .scan
        .finished_at
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut recommendation = serde_json::Map::new();
    recommendation.insert("Text".into(), json!(truncate(&remediation, 512)));
    if let Some(u) = url {
        recommendation.insert("Url".into(), json!(u));
    }
    json!({
        "SchemaVersion": SCHEMA_VERSION,
        "Id": finding_uid(r),
        "ProductArn": format!("arn:{partition}:securityhub:{region}:{account}:product/{account}/default"),
        "ProductName": "vouch",
        "CompanyName": "vouch",
        "GeneratorId": format!("vouch/{}", r.check),
        "AwsAccountId": account,
        "Types": ["Software and Configuration Checks/AWS Security Best Practices"],
        "CreatedAt": time,
        "UpdatedAt": time,
        "Severity": {"Label": label(r.severity), "Original": r.severity.to_string()},
        "Title": truncate(&r.title, 256),
        "Description": truncate(&format!("{} {}", r.message, description), 1024),
        "Remediation": {"Recommendation": recommendation},
        "ProductFields": {
            "vouch/check": r.check,
            "vouch/status": r.status.to_string(),
            "vouch/parameters": serde_json::to_string(&r.parameters).unwrap_or_default(),
        },
        "Resources": [{
            "Type": resource_type(&r.resource.resource_type),
            "Id": r.resource.id,
            "Partition": partition,
            "Region": region,
        }],
        "Compliance": {"Status": compliance},
        "Workflow": {"Status": workflow},
        "RecordState": "ACTIVE",
    })
}

pub fn findings(report: &ScanReport) -> Vec<Value> {
    report.results.iter().map(|r| finding(report, r)).collect()
}

/// A JSON array of findings.
pub fn render(report: &ScanReport) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&findings(report)).unwrap_or_default();
    out.push(b'\n');
    out
}
