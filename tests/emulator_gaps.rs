//! Passing and failing cases, through the whole pipeline (inventory -> checks ->
//! results), for the checks whose other side the emulated demo account cannot show:
//! LocalStack and moto cannot backdate credential ages, have no root row in the
//! credential report, do not implement AWS Backup's ListProtectedResources or
//! Shield's GetSubscriptionState, never report a CloudWatch Logs delivery for a
//! trail, and hold one account (so one password policy, one root user, one set of
//! trails and of Config recorders judged together) per run: the demo's trails record S3
//! object writes and not reads, so the read check's pass and the write check's fail are
//! shown here. moto 5.2.5 has no IAM Access Analyzer at all (ListAnalyzers answers HTTP
//! 500), and LocalStack accepts `MFADelete=Enabled` in PutBucketVersioning but does not
//! keep it (GetBucketVersioning returns only the Status), so a bucket with MFA Delete
//! exists only here. moto 5.2.5 does not serve ListRecoveryPointsByBackupVault (HTTP 404
//! HTML), so vaults holding encrypted and unencrypted recovery points exist only here.
//! The demo account manages its moto organization, which no SCP restricts, so member
//! accounts with and without a region deny exist only here.
//! These values stand in for the recorded answers of a real account.

mod common;

use chrono::{Duration, Utc};
use common::{status_of, vouch};
use serde_json::{Value, json};

fn obs(v: Value) -> Value {
    json!({"state": "observed", "value": v})
}

fn days_ago(d: i64) -> String {
    (Utc::now() - Duration::days(d)).to_rfc3339()
}

fn resource(id: &str, rtype: &str, region: &str, attrs: Value) -> Value {
    let attributes: serde_json::Map<String, Value> = attrs
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), obs(v.clone())))
        .collect();
    json!({"id": id, "type": rtype, "name": id, "account": "111122223333", "region": region, "attributes": attributes})
}

fn account(
    id: &str,
    mfa: bool,
    keys: bool,
    virtual_mfa: bool,
    root_used_days: i64,
    policy: Value,
) -> Value {
    let creds = json!({"password_enabled": false, "password_last_used": days_ago(root_used_days),
        "password_last_changed": null, "mfa_active": mfa, "access_keys": []});
    resource(
        id,
        "aws_iam_account",
        "global",
        json!({
        "summary": {"account_mfa_enabled": mfa, "account_access_keys_present": keys},
        "root_password_present": true,
        "root_credentials": creds, "root_virtual_mfa": virtual_mfa, "password_policy": policy}),
    )
}

fn user(id: &str, key_rotated_days: i64, key_used_days: i64) -> Value {
    resource(
        id,
        "aws_iam_user",
        "global",
        json!({"credentials": {
        "password_enabled": false, "password_last_used": null, "password_last_changed": null, "mfa_active": false,
        "access_keys": [{"active": true, "last_rotated": days_ago(key_rotated_days), "last_used": days_ago(key_used_days)}]}}),
    )
}

/// A member account of an organization whose management account is another.
fn org_member(id: &str, policies: Value) -> Value {
    resource(
        id,
        "aws_organizations_account",
        "global",
        json!({"organization": {"id": "o-ab12", "management_account_id": "999999999999", "feature_set": "ALL"},
            "management_account": false, "scp_enabled": true, "service_control_policies": policies}),
    )
}

fn inventory() -> Value {
    let strong = json!({"minimum_password_length": 16, "require_symbols": true, "require_numbers": true,
        "require_uppercase_characters": true, "require_lowercase_characters": true,
        "password_reuse_prevention": 24, "max_password_age": 90, "allow_users_to_change_password": true, "hard_expiry": false});
    let protected = |p: bool| json!({"protected": p, "last_backup_time": if p { json!(days_ago(1)) } else { Value::Null }});
    let trail = |id: &str, group: Value, delivered: Value| {
        resource(
            id,
            "aws_cloudtrail_trail",
            "us-east-1",
            json!({"cloudwatch_logs_log_group_arn": group, "latest_cloudwatch_logs_delivery": delivered}),
        )
    };
    let summary = |logging: bool| {
        json!({"trails": [{"name": "t", "arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
        "is_multi_region": true, "is_logging": logging, "management_events": true}]})
    };
    // One multi-region trail that delivers to CloudWatch Logs and records S3 object
    // reads for every bucket, but only some buckets' writes.
    let reading = json!({"trails": [{"name": "t", "arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
        "is_multi_region": true, "is_logging": true, "management_events": true,
        "cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:ct:*",
        "latest_cloudwatch_logs_delivery": days_ago(0),
        "s3_data_events": {"read": {"all_buckets": true, "only": []},
            "write": {"all_buckets": false, "only": ["event selector for arn:aws:s3:::app/ (WriteOnly)"]}}}]});
    let config_recorder = |region: &str, global: bool| {
        json!({"region": region, "name": "default", "all_supported": true,
        "include_global_resource_types": global, "recording": true, "last_status": "SUCCESS"})
    };
    let vault = |id: &str, points: Value| {
        resource(
            id,
            "aws_backup_vault",
            "us-east-1",
            json!({"encryption_key_arn": "arn:aws:kms:us-east-1:111122223333:key/k",
            "encryption_key_manager": "CUSTOMER", "locked": false, "recovery_points": points}),
        )
    };
    let resources = vec![
        account("root-good", true, false, false, 200, strong.clone()),
        account("root-bad", false, true, true, 2, Value::Null),
        user("user-fresh-key", 10, 1),
        user("user-stale-key", 400, 200),
        resource(
            "db-protected",
            "aws_rds_db_instance",
            "us-east-1",
            json!({"backup_protected": protected(true), "cluster_id": null}),
        ),
        resource(
            "db-unprotected",
            "aws_rds_db_instance",
            "us-east-1",
            json!({"backup_protected": protected(false), "cluster_id": null}),
        ),
        resource(
            "cluster-protected",
            "aws_rds_db_cluster",
            "us-east-1",
            json!({"backup_protected": protected(true)}),
        ),
        resource(
            "cluster-unprotected",
            "aws_rds_db_cluster",
            "eu-west-1",
            json!({"backup_protected": protected(false)}),
        ),
        resource(
            "backup-with-plan",
            "aws_backup_region_settings",
            "us-east-1",
            json!({"plans": [{"name": "daily", "id": "p1",
            "rules": [{"name": "daily", "schedule": "cron(0 5 * * ? *)", "lifecycle_delete_after_days": 35}],
            "selections": [{"name": "rds", "resources": ["arn:aws:rds:*"], "iam_role": "arn:aws:iam::111122223333:role/backup"}]}]}),
        ),
        resource(
            "backup-without-plan",
            "aws_backup_region_settings",
            "eu-west-1",
            json!({"plans": []}),
        ),
        trail(
            "trail-delivering",
            json!("arn:aws:logs:us-east-1:111122223333:log-group:ct"),
            json!(days_ago(0)),
        ),
        trail("trail-no-logs", Value::Null, Value::Null),
        // The demo's trail buckets log their access in LocalStack: the failing side.
        resource(
            "trail-bucket-logged",
            "aws_cloudtrail_trail",
            "us-east-1",
            json!({"s3_bucket_name": "ct-logs",
            "log_bucket_access_logging": {"target_bucket": "access-logs", "target_prefix": "ct-logs/"}}),
        ),
        resource(
            "trail-bucket-unlogged",
            "aws_cloudtrail_trail",
            "us-east-1",
            json!({"s3_bucket_name": "ct-logs", "log_bucket_access_logging": null}),
        ),
        resource(
            "trails-logging",
            "aws_cloudtrail_account",
            "global",
            summary(true),
        ),
        resource(
            "trails-stopped",
            "aws_cloudtrail_account",
            "global",
            summary(false),
        ),
        resource(
            "analyzer-active",
            "aws_accessanalyzer_region_settings",
            "us-east-1",
            json!({"analyzers": [
                {"name": "unused", "arn": "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/unused", "type": "ACCOUNT_UNUSED_ACCESS", "status": "ACTIVE"},
                {"name": "external", "arn": "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/external", "type": "ACCOUNT", "status": "ACTIVE"}]}),
        ),
        resource(
            "analyzer-unused-only",
            "aws_accessanalyzer_region_settings",
            "eu-west-1",
            json!({"analyzers": [
                {"name": "unused", "arn": "arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/unused", "type": "ACCOUNT_UNUSED_ACCESS", "status": "ACTIVE"}]}),
        ),
        resource(
            "bucket-mfa-delete",
            "aws_s3_bucket",
            "us-east-1",
            json!({"versioning": {"status": "Enabled", "mfa_delete": "Enabled"}}),
        ),
        resource(
            "bucket-no-mfa-delete",
            "aws_s3_bucket",
            "us-east-1",
            json!({"versioning": {"status": "Enabled", "mfa_delete": "Disabled"}}),
        ),
        resource(
            "pools-some",
            "aws_cognito_account",
            "global",
            json!({"user_pools_by_region": {"us-east-1": 2, "eu-west-1": 0}}),
        ),
        resource(
            "pools-none",
            "aws_cognito_account",
            "global",
            json!({"user_pools_by_region": {"us-east-1": 0, "eu-west-1": 0}}),
        ),
        resource(
            "trails-delivering-reading",
            "aws_cloudtrail_account",
            "global",
            reading,
        ),
        resource(
            "config-global-recorded",
            "aws_config_account",
            "global",
            json!({"recorders": [config_recorder("us-east-1", true)]}),
        ),
        resource(
            "config-global-not-recorded",
            "aws_config_account",
            "global",
            json!({"recorders": [config_recorder("us-east-1", false), config_recorder("eu-west-1", false)]}),
        ),
        vault(
            "vault-points-encrypted",
            json!([
                {"arn": "arn:aws:backup:us-east-1:111122223333:recovery-point:s3-1", "resource_type": "S3",
                 "status": "COMPLETED", "encrypted": true, "encryption_key_arn": "arn:aws:kms:us-east-1:111122223333:key/k"},
                {"arn": "arn:aws:ec2:us-east-1::snapshot/snap-1", "resource_type": "EBS",
                 "status": "COMPLETED", "encrypted": true, "encryption_key_arn": "arn:aws:kms:us-east-1:111122223333:key/ebs"}]),
        ),
        // A backup of an unencrypted RDS instance keeps its source's (lack of) encryption.
        vault(
            "vault-points-unencrypted",
            json!([{"arn": "arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-1", "resource_type": "RDS",
                 "status": "COMPLETED", "encrypted": false, "encryption_key_arn": null}]),
        ),
        org_member(
            "org-member-region-denied",
            json!([{"id": "p-FullAWSAccess", "name": "FullAWSAccess", "aws_managed": true,
                "target_id": "r-ab12", "target_type": "ROOT",
                "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}},
            {"id": "p-eu", "name": "eu-only", "aws_managed": false,
                "target_id": "ou-ab12-workloads", "target_type": "ORGANIZATIONAL_UNIT",
                "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
                    "NotAction": ["iam:*", "organizations:*", "sts:*"], "Resource": "*",
                    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}}]}}]),
        ),
        org_member(
            "org-member-unrestricted",
            json!([{"id": "p-FullAWSAccess", "name": "FullAWSAccess", "aws_managed": true,
                "target_id": "r-ab12", "target_type": "ROOT",
                "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]),
        ),
        resource(
            "shield-active",
            "aws_shield_account",
            "global",
            json!({"subscription_state": "ACTIVE"}),
        ),
        resource(
            "shield-inactive",
            "aws_shield_account",
            "global",
            json!({"subscription_state": "INACTIVE"}),
        ),
    ];
    let types: std::collections::BTreeSet<&str> = resources
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    json!({"format": "vouch-inventory/1", "provider": "aws", "account": "111122223333", "regions": ["us-east-1", "eu-west-1"],
        "collected_at": Utc::now().to_rfc3339(),
        "listings": types.iter().map(|t| json!({"resource_type": t, "account": "111122223333", "region": "global"})).collect::<Vec<_>>(),
        "resources": resources})
}

#[test]
fn each_check_the_emulators_cannot_show_both_ways_passes_and_fails_through_the_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, serde_json::to_vec(&inventory()).unwrap()).unwrap();
    let run = |extra: &[&str]| -> Value {
        let out = vouch()
            .args(["check", "--inventory"])
            .arg(&path)
            .args(["--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    let report = run(&[]);
    let cases: &[(&str, &str, &str)] = &[
        ("aws-iam-root-mfa", "root-good", "root-bad"),
        ("aws-iam-root-hardware-mfa", "root-good", "root-bad"),
        ("aws-iam-root-no-access-keys", "root-good", "root-bad"),
        ("aws-iam-root-not-used-recently", "root-good", "root-bad"),
        ("aws-iam-password-policy-length", "root-good", "root-bad"),
        ("aws-iam-password-policy-reuse", "root-good", "root-bad"),
        (
            "aws-iam-user-access-key-rotation",
            "user-fresh-key",
            "user-stale-key",
        ),
        (
            "aws-iam-user-unused-credentials",
            "user-fresh-key",
            "user-stale-key",
        ),
        (
            "aws-rds-instance-backup-plan",
            "db-protected",
            "db-unprotected",
        ),
        (
            "aws-rds-cluster-backup-plan",
            "cluster-protected",
            "cluster-unprotected",
        ),
        (
            "aws-backup-plan-exists",
            "backup-with-plan",
            "backup-without-plan",
        ),
        (
            "aws-cloudtrail-cloudwatch-logs",
            "trail-delivering",
            "trail-no-logs",
        ),
        (
            "aws-cloudtrail-log-bucket-access-logging",
            "trail-bucket-logged",
            "trail-bucket-unlogged",
        ),
        (
            "aws-cloudtrail-multi-region-trail",
            "trails-logging",
            "trails-stopped",
        ),
        (
            "aws-cloudtrail-multi-region-cloudwatch-logs",
            "trails-delivering-reading",
            "trails-logging",
        ),
        (
            "aws-cloudtrail-s3-object-read-events",
            "trails-delivering-reading",
            "trails-logging",
        ),
        (
            "aws-config-global-resources-recorded",
            "config-global-recorded",
            "config-global-not-recorded",
        ),
        (
            "aws-shield-advanced-subscription",
            "shield-active",
            "shield-inactive",
        ),
        (
            "aws-accessanalyzer-enabled",
            "analyzer-active",
            "analyzer-unused-only",
        ),
        (
            "aws-s3-bucket-mfa-delete",
            "bucket-mfa-delete",
            "bucket-no-mfa-delete",
        ),
        ("aws-cognito-user-pool-exists", "pools-some", "pools-none"),
        (
            "aws-organizations-scp-region-deny",
            "org-member-region-denied",
            "org-member-unrestricted",
        ),
        (
            "aws-backup-recovery-points-encrypted",
            "vault-points-encrypted",
            "vault-points-unencrypted",
        ),
    ];
    for (check, good, bad) in cases {
        assert_eq!(status_of(&report, check, good), "pass", "{check} on {good}");
        assert_eq!(status_of(&report, check, bad), "fail", "{check} on {bad}");
    }
    // Writes recorded for one bucket only are not "every bucket": the write check fails
    // the trail that passes the read check, and names the narrower selector.
    let write = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["check"] == "aws-cloudtrail-s3-object-write-events"
                && r["resource"]["id"] == "trails-delivering-reading"
        })
        .expect("a write-events result");
    assert_eq!(write["status"], "fail");
    assert!(
        write["message"].as_str().is_some_and(|m| m.contains(
            "only for part of the account (event selector for arn:aws:s3:::app/ (WriteOnly))"
        )),
        "{write}"
    );
    // Residency: with the default ("*") every region passes; a pack that allows only
    // us-east-1 fails what lives elsewhere and never judges global resources.
    assert_eq!(
        status_of(
            &report,
            "aws-resource-allowed-regions",
            "cluster-unprotected"
        ),
        "pass"
    );
    let dir2 = tempfile::tempdir().unwrap();
    let pack = dir2.path().join("residency.toml");
    std::fs::write(&pack, "id = \"r\"\ntitle = \"R\"\npublisher = \"p\"\nsource = \"s\"\nprovider = \"aws\"\nsummary = \"s\"\n\n[[clause]]\nid = \"R-1\"\nsection = \"1\"\ntext = \"Only us-east-1.\"\nchecks = [{ id = \"aws-resource-allowed-regions\", params = { allowed_regions = [\"us-east-1\"] } }]\n").unwrap();
    let report = run(&["--policy", pack.to_str().unwrap()]);
    let residency = |id: &str| -> String {
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["check"] == "aws-resource-allowed-regions"
                    && r["resource"]["id"] == id
                    && r["parameters"]["allowed_regions"] == json!(["us-east-1"])
            })
            .map(|r| r["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no residency result for {id}"))
    };
    assert_eq!(residency("db-protected"), "pass");
    assert_eq!(residency("cluster-unprotected"), "fail");
    assert_eq!(
        residency("backup-without-plan"),
        "pass",
        "vouch's own per-region settings records are not data"
    );
    assert_eq!(
        residency("root-good"),
        "pass",
        "global resources are not judged by region"
    );
    assert_eq!(report["policies"][0]["clauses"][0]["status"], "failed");
}

/// Neither emulator answers GetAccountSummary with AccountPasswordPresent, and neither
/// can remove the root password: a root user without one (centralized root access)
/// keeps the root MFA promise, and a summary without the key is an error, not a pass.
#[test]
fn a_root_user_without_a_password_passes_the_root_mfa_checks_and_an_unread_one_is_an_error() {
    let mut no_password = account("root-no-password", false, false, false, 200, Value::Null);
    no_password["attributes"]["root_password_present"] = obs(json!(false));
    let mut unread = account(
        "root-password-unread",
        false,
        false,
        false,
        200,
        Value::Null,
    );
    unread["attributes"]["root_password_present"] = json!({"state": "unreadable",
        "reason": "iam:GetAccountSummary: the response has no SummaryMap key AccountPasswordPresent"});
    let with_password = account(
        "root-password-no-mfa",
        false,
        false,
        false,
        200,
        Value::Null,
    );
    let inv = json!({"format": "vouch-inventory/1", "provider": "aws", "account": "111122223333",
        "regions": ["us-east-1"], "collected_at": Utc::now().to_rfc3339(),
        "listings": [{"resource_type": "aws_iam_account", "account": "111122223333", "region": "global"}],
        "resources": [no_password, unread, with_password]});
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, serde_json::to_vec(&inv).unwrap()).unwrap();
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(&path)
        .args(["--format", "json", "--policy", "cis-aws-foundations"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    for check in ["aws-iam-root-mfa", "aws-iam-root-hardware-mfa"] {
        assert_eq!(
            status_of(&report, check, "root-no-password"),
            "pass",
            "{check}"
        );
        assert_eq!(
            status_of(&report, check, "root-password-no-mfa"),
            "fail",
            "{check}"
        );
        assert_eq!(
            status_of(&report, check, "root-password-unread"),
            "error",
            "{check}"
        );
    }
}
