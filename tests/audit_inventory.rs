//! Through the whole pipeline from saved inventories, the sides of the monitoring,
//! audit and access checks the emulated demo account cannot show:
//!
//! - Security Hub standards (IND-39 with `require_standards`): moto 5.2.5 answers
//!   GetEnabledStandards, DescribeStandards and BatchEnableStandards with HTTP 404
//!   (no such route), so the demo hub's standards are unreadable and the READY and
//!   missing cases exist only here.
//! - IAM Access Analyzer findings (STL-07): moto 5.2.5 has no Access Analyzer at all.
//! - The CIS 5.x alarm chains: the demo holds one complete chain and one broken at the
//!   topic; the other breaks (an alarm needing three datapoints, a filter narrower than
//!   the events, alarms that could not be listed) are here. These inventories hold the
//!   raw resources (trails, log groups, alarms, topics) without the joined attribute,
//!   so the join that a saved inventory gets (`join::fill_missing`) is exercised too.
//!
//! The values stand in for the recorded answers of a real account.

mod common;

use common::{check_inventory_json, clause_of, status_of};
use serde_json::{Value, json};

const ACCOUNT: &str = "111122223333";

fn obs(v: Value) -> Value {
    json!({"state": "observed", "value": v})
}

fn resource(rt: &str, id: &str, name: &str, region: &str, attrs: Value) -> Value {
    let attributes: serde_json::Map<String, Value> = attrs
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let v = if v.get("state").is_some() {
                v.clone()
            } else {
                obs(v.clone())
            };
            (k.clone(), v)
        })
        .collect();
    json!({"id": id, "type": rt, "name": name, "account": ACCOUNT, "region": region,
           "attributes": attributes})
}

fn inventory(listed: &[(&str, &str, Option<&str>)], resources: Vec<Value>) -> Value {
    let listings: Vec<Value> = listed
        .iter()
        .map(|(t, r, e)| json!({"resource_type": t, "account": ACCOUNT, "region": r, "error": e}))
        .collect();
    json!({"format": "vouch-inventory/1", "provider": "aws", "account": ACCOUNT,
           "regions": ["us-east-1"], "collected_at": "2026-12-01T12:00:00Z",
           "listings": listings, "resources": resources})
}

/// A resource of the account's own in us-east-1, so the packs' `regions = "auto"` puts
/// the region in use and the region-scoped clauses judge it.
fn app_log_group() -> Value {
    resource(
        "aws_logs_log_group",
        "arn:aws:logs:us-east-1:111122223333:log-group:app",
        "app",
        "us-east-1",
        json!({"retention_in_days": 30, "kms_key_id": null, "metric_filters": []}),
    )
}

// -- Security Hub standards (IND-39) -------------------------------------------------

fn hub(standards: Value) -> Value {
    resource(
        "aws_securityhub_region_settings",
        &format!("arn:aws:securityhub:us-east-1:{ACCOUNT}:settings"),
        "Security Hub in us-east-1",
        "us-east-1",
        json!({"hub": {"arn": "arn:aws:securityhub:us-east-1:1:hub/default", "subscribed_at": "2026-01-01T00:00:00Z"},
               "standards": standards}),
    )
}

fn ind_39(standards: Value) -> Value {
    let inv = inventory(
        &[
            ("aws_securityhub_region_settings", "us-east-1", None),
            ("aws_logs_log_group", "us-east-1", None),
        ],
        vec![hub(standards), app_log_group()],
    );
    let report = check_inventory_json(&inv, &["--policy", "indicado"]);
    let clause = clause_of(&report, "indicado", "IND-39");
    let mine: Vec<&Value> = clause["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter(|f| f["check"] == "aws-securityhub-enabled")
                .collect()
        })
        .unwrap_or_default();
    json!({"status": clause["status"], "hub_findings": mine})
}

#[test]
fn ind_39_needs_a_security_standard_ready_on_the_hub() {
    let fsbp =
        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0";
    let ready = ind_39(json!([{"arn": fsbp, "status": "READY"}]));
    assert_eq!(ready["hub_findings"], json!([]), "{ready}");
    let none = ind_39(json!([]));
    assert_eq!(none["status"], "failed");
    assert_eq!(
        none["hub_findings"][0]["message"],
        "Security Hub runs no security standard: no standards subscription is READY"
    );
    let pending = ind_39(json!([{"arn": fsbp, "status": "PENDING"}]));
    assert_eq!(pending["status"], "failed");
    // What the demo hub on moto gives: the standards could not be read.
    let unread = ind_39(json!({"state": "unreadable",
        "reason": "securityhub:GetEnabledStandards: the service answered HTTP 404 with no error code"}));
    assert_eq!(unread["hub_findings"][0]["status"], "error", "{unread}");
}

// -- Access Analyzer findings (STL-07) -------------------------------------------------

fn analyzer_region(findings: Value) -> Value {
    resource(
        "aws_accessanalyzer_region_settings",
        &format!("arn:aws:access-analyzer:us-east-1:{ACCOUNT}:settings"),
        "IAM Access Analyzer in us-east-1",
        "us-east-1",
        json!({"analyzers": [{"name": "ext", "arn": "arn:aws:access-analyzer:us-east-1:1:analyzer/ext",
                              "type": "ACCOUNT", "status": "ACTIVE"}],
               "active_findings": findings}),
    )
}

#[test]
fn stl_07_fails_on_access_nobody_accepted_and_passes_without_it() {
    let run = |findings: Value| {
        let inv = inventory(
            &[
                ("aws_accessanalyzer_region_settings", "us-east-1", None),
                ("aws_logs_log_group", "us-east-1", None),
            ],
            vec![analyzer_region(findings), app_log_group()],
        );
        check_inventory_json(&inv, &["--policy", "statlas"])
    };
    let id = format!("arn:aws:access-analyzer:us-east-1:{ACCOUNT}:settings");
    let clean = run(json!([]));
    assert_eq!(
        status_of(&clean, "aws-accessanalyzer-no-active-findings", &id),
        "pass"
    );
    assert_eq!(status_of(&clean, "aws-accessanalyzer-enabled", &id), "pass");
    assert_eq!(clause_of(&clean, "statlas", "STL-07")["status"], "met");
    let shared = run(
        json!([{"analyzer": "ext", "analyzer_type": "ACCOUNT", "id": "f1",
        "resource_type": "AWS::S3::Bucket", "resource": "arn:aws:s3:::customer-exports",
        "finding_type": "ExternalAccess"}]),
    );
    assert_eq!(
        status_of(&shared, "aws-accessanalyzer-no-active-findings", &id),
        "fail"
    );
    assert_eq!(clause_of(&shared, "statlas", "STL-07")["status"], "failed");
    let unread = run(json!({"state": "unreadable",
        "reason": "analyzer ext: access-analyzer:ListFindingsV2: AccessDeniedException"}));
    assert_eq!(
        status_of(&unread, "aws-accessanalyzer-no-active-findings", &id),
        "error"
    );
}

// -- CIS 5.x alarm chains ----------------------------------------------------------------

const CT: &str = "arn:aws:cloudtrail::111122223333:trails";
const TOPIC: &str = "arn:aws:sns:us-east-1:111122223333:secops";

fn trails() -> Value {
    resource(
        "aws_cloudtrail_account",
        CT,
        "CloudTrail of account 111122223333",
        "global",
        json!({"trails": [{"name": "org", "arn": "arn:aws:cloudtrail:us-east-1:1:trail/org",
            "is_multi_region": true, "is_logging": true, "management_events": true,
            "cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:org-trail:*",
            "latest_cloudwatch_logs_delivery": null, "s3_data_events": null}]}),
    )
}

fn log_group(filters: Value) -> Value {
    resource(
        "aws_logs_log_group",
        "arn:aws:logs:us-east-1:111122223333:log-group:org-trail",
        "org-trail",
        "us-east-1",
        json!({"retention_in_days": 365, "kms_key_id": null, "metric_filters": filters}),
    )
}

fn filter(name: &str, pattern: &str) -> Value {
    json!({"name": name, "pattern": pattern,
           "metrics": [{"namespace": "CIS", "name": name, "value": "1", "dimensions": []}]})
}

fn alarm(metric: &str, periods: i64) -> Value {
    resource(
        "aws_cloudwatch_alarm",
        &format!("arn:aws:cloudwatch:us-east-1:111122223333:alarm:{metric}"),
        metric,
        "us-east-1",
        json!({"namespace": "CIS", "metric_name": metric, "dimensions": [], "statistic": "Sum",
               "extended_statistic": null, "comparison_operator": "GreaterThanOrEqualToThreshold",
               "threshold": 1.0, "evaluation_periods": periods, "datapoints_to_alarm": null,
               "actions_enabled": true, "alarm_actions": [TOPIC], "uses_metric_math": false}),
    )
}

fn topic() -> Value {
    resource(
        "aws_sns_topic",
        TOPIC,
        "secops",
        "us-east-1",
        json!({"subscriptions": [{"protocol": "email", "confirmed": true}]}),
    )
}

fn all_listed() -> Vec<(&'static str, &'static str, Option<&'static str>)> {
    vec![
        ("aws_cloudtrail_account", "global", None),
        ("aws_logs_log_group", "us-east-1", None),
        ("aws_cloudwatch_alarm", "us-east-1", None),
        ("aws_sns_topic", "us-east-1", None),
    ]
}

fn message(report: &Value, check: &str) -> String {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["check"] == check && r["resource"]["id"] == CT)
        .map(|r| r["message"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default()
}

#[test]
fn the_cis_alarm_checks_follow_the_chain_from_the_trail_to_a_subscriber() {
    let kms = r#"{($.eventSource = "kms.amazonaws.com") && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}"#;
    // Broader than CIS (no eventSource), split over two filters and alarms.
    let root = r#"{ $.eventType != "AwsServiceEvent" && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = Root }"#;
    let trail_stop = r#"{ $.eventName = StopLogging || $.eventName = DeleteTrail }"#;
    let trail_rest = r#"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = StartLogging) }"#;
    // Narrower than the events: sign-ins from one region only.
    let signin = r#"{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed authentication" && $.awsRegion = "us-east-1" }"#;
    let inv = inventory(
        &all_listed(),
        vec![
            trails(),
            log_group(json!([
                filter("Kms", kms),
                filter("Root", root),
                filter("TrailStop", trail_stop),
                filter("TrailRest", trail_rest),
                filter("Signin", signin),
            ])),
            alarm("Kms", 3),
            alarm("Root", 1),
            alarm("TrailStop", 1),
            alarm("TrailRest", 1),
            alarm("Signin", 1),
            topic(),
        ],
    );
    let report = check_inventory_json(&inv, &["--policy", "cis-aws-foundations"]);
    assert_eq!(
        status_of(&report, "aws-cloudwatch-alarm-root-usage", CT),
        "pass"
    );
    assert_eq!(
        status_of(&report, "aws-cloudwatch-alarm-cloudtrail-changes", CT),
        "pass"
    );
    assert_eq!(
        status_of(&report, "aws-cloudwatch-alarm-cmk-disable-or-deletion", CT),
        "fail"
    );
    let m = message(&report, "aws-cloudwatch-alarm-cmk-disable-or-deletion");
    assert!(
        m.contains("metric filter Kms on org-trail matches some of them, but alarm Kms: it needs 3 breaching datapoints"),
        "{m}"
    );
    assert_eq!(
        status_of(&report, "aws-cloudwatch-alarm-console-auth-failures", CT),
        "fail"
    );
    assert_eq!(
        clause_of(&report, "cis-aws-foundations", "5.3")["status"],
        "met"
    );
    assert_eq!(
        clause_of(&report, "cis-aws-foundations", "5.7")["status"],
        "failed"
    );
}

#[test]
fn alarms_that_could_not_be_listed_leave_the_alarm_checks_in_error() {
    let mut listed = all_listed();
    listed[2] = (
        "aws_cloudwatch_alarm",
        "us-east-1",
        Some("cloudwatch:DescribeAlarms: AccessDenied"),
    );
    let inv = inventory(
        &listed,
        vec![
            trails(),
            log_group(json!([filter("Root", "{ $.userIdentity.type = Root }")])),
            topic(),
        ],
    );
    let report = check_inventory_json(&inv, &["--policy", "cis-aws-foundations"]);
    assert_eq!(
        status_of(&report, "aws-cloudwatch-alarm-root-usage", CT),
        "error"
    );
    assert_eq!(
        clause_of(&report, "cis-aws-foundations", "5.3")["status"],
        "error"
    );
}

/// Each check's metric filter and alarm as its own remediation writes them: (check id,
/// filter pattern), read from the METADATA of checks/aws/cloudwatch/*.rego.
fn remediation_patterns() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/checks/aws/cloudwatch");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !name.ends_with(".rego") || name.ends_with("_test.rego") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let meta: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim())
            .collect();
        let meta = meta.join(" ");
        let id = meta.split("custom: id: ").nth(1).unwrap();
        let id = id.split_whitespace().next().unwrap().to_string();
        let after = meta.split("--filter-pattern").nth(1);
        let pattern = after.unwrap_or_else(|| panic!("{name}: no --filter-pattern"));
        let pattern = pattern.split('\'').nth(1).unwrap().to_string();
        out.push((id, pattern));
    }
    out.sort();
    out
}

/// Every CIS 5.x alarm check, not only the two the demo seeds, passes on the metric
/// filter its own remediation gives (with an alarm on it and a confirmed subscriber)
/// and fails on the same account without it.
#[test]
fn every_cis_alarm_check_passes_on_its_remediation_filter_and_fails_without_it() {
    let patterns = remediation_patterns();
    assert_eq!(patterns.len(), 15, "{patterns:?}");
    let names: Vec<String> = (0..patterns.len()).map(|i| format!("Cis{i}")).collect();
    let filters: Vec<Value> = patterns
        .iter()
        .zip(&names)
        .map(|((_, p), n)| filter(n, p))
        .collect();
    let mut good = vec![trails(), log_group(Value::Array(filters)), topic()];
    good.extend(names.iter().map(|n| alarm(n, 1)));
    let good = check_inventory_json(&inventory(&all_listed(), good), &[]);
    let bare = inventory(&all_listed(), vec![trails(), log_group(json!([])), topic()]);
    let bare = check_inventory_json(&bare, &[]);
    for (id, pattern) in &patterns {
        assert_eq!(
            status_of(&good, id, CT),
            "pass",
            "{id} on {pattern}: {}",
            message(&good, id)
        );
        assert_eq!(status_of(&bare, id, CT), "fail", "{id} without a filter");
    }
}
