//! The whole pipeline from a saved inventory: checks, statuses, evidence, packs,
//! output contract and exit codes, with no cloud.

mod common;

use common::{fixture, status_of, statuses, vouch};
use serde_json::Value;

fn run_json(inventory: &str, extra: &[&str]) -> (Value, i32) {
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(fixture(inventory))
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (report, out.status.code().unwrap())
}

const GOOD: &str = "arn:aws:s3:::good-bucket";
const BAD: &str = "arn:aws:s3:::bad-bucket";
const DENIED: &str = "arn:aws:s3:::denied-bucket";

const BUCKET_CHECKS: [&str; 7] = [
    "aws-s3-bucket-default-encryption",
    "aws-s3-bucket-public-access-block",
    "aws-s3-bucket-policy-not-public",
    "aws-s3-bucket-secure-transport",
    "aws-s3-bucket-versioning",
    "aws-s3-bucket-access-logging",
    "aws-s3-bucket-acls-disabled",
];

#[test]
fn every_bucket_check_passes_the_good_bucket_and_fails_the_bad_one() {
    let (report, code) = run_json("inventory-s3.json", &[]);
    for check in BUCKET_CHECKS {
        assert_eq!(status_of(&report, check, GOOD), "pass", "{check} on good");
        assert_eq!(status_of(&report, check, BAD), "fail", "{check} on bad");
    }
    assert_eq!(
        status_of(
            &report,
            "aws-s3-account-public-access-block",
            "arn:aws:s3::111122223333:account"
        ),
        "pass"
    );
    assert_eq!(
        status_of(
            &report,
            "aws-s3-account-public-access-block",
            "arn:aws:s3::444455556666:account"
        ),
        "fail"
    );
    assert_eq!(code, 1, "failures exit 1");
}

#[test]
fn unreadable_values_are_errors_with_the_reason_never_pass_or_fail() {
    let (report, _) = run_json("inventory-s3.json", &[]);
    for check in BUCKET_CHECKS {
        assert_eq!(status_of(&report, check, DENIED), "error", "{check}");
    }
    let r = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["check"] == "aws-s3-bucket-versioning" && r["resource"]["id"] == DENIED)
        .unwrap();
    assert_eq!(
        r["message"],
        "could not read versioning: s3:GetBucketVersioning: AccessDenied: Access Denied"
    );
}

#[test]
fn a_denied_listing_makes_every_bucket_check_an_error_and_the_rest_completes() {
    let (report, code) = run_json("inventory-s3-list-denied.json", &[]);
    let st = statuses(&report);
    for check in BUCKET_CHECKS {
        let mine: Vec<_> = st.iter().filter(|((c, _), _)| c == check).collect();
        assert_eq!(mine.len(), 1, "{check}: {mine:?}");
        assert_eq!(mine[0].1, "error");
    }
    assert_eq!(
        status_of(
            &report,
            "aws-s3-account-public-access-block",
            "arn:aws:s3::111122223333:account"
        ),
        "pass"
    );
    assert_eq!(code, 4, "errors without failures exit 4");
}

#[test]
fn results_follow_the_documented_contract() {
    let (report, _) = run_json("inventory-s3.json", &[]);
    assert_eq!(report["format"], "vouch-results/1");
    assert_eq!(report["tool"]["name"], "vouch");
    assert_eq!(report["scan"]["account"], "111122223333");
    assert!(report["scan"]["started_at"].is_string() && report["scan"]["finished_at"].is_string());
    for r in report["results"].as_array().unwrap() {
        for key in [
            "check", "status", "severity", "message", "evidence", "resource",
        ] {
            assert!(
                !r[key].is_null() || key == "evidence",
                "{key} missing in {r}"
            );
        }
        for key in ["id", "type", "region", "account"] {
            assert!(r["resource"][key].is_string(), "resource.{key} in {r}");
        }
        assert!(
            ["pass", "fail", "error", "manual", "muted"].contains(&r["status"].as_str().unwrap())
        );
    }
    // Evidence is the observed values the verdict rests on.
    let enc = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["check"] == "aws-s3-bucket-default-encryption" && r["resource"]["id"] == GOOD)
        .unwrap();
    assert_eq!(
        enc["evidence"]["encryption"]["rules"][0]["algorithm"],
        "aws:kms"
    );
    let counts = &report["summary"];
    let total = ["pass", "fail", "error", "manual", "muted"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(total as usize, report["results"].as_array().unwrap().len());
}

#[test]
fn selection_by_check_severity_and_service() {
    let (report, _) = run_json(
        "inventory-s3.json",
        &["--checks", "aws-s3-bucket-versioning"],
    );
    assert!(
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["check"] == "aws-s3-bucket-versioning")
    );
    let (report, _) = run_json("inventory-s3.json", &["--severity", "critical"]);
    assert!(
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["severity"] == "critical")
    );
    assert!(!report["results"].as_array().unwrap().is_empty());
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(fixture("inventory-s3.json"))
        .args(["--checks", "aws-s3-nonexistent"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown check \"aws-s3-nonexistent\""));
}

#[test]
fn a_pack_scores_clause_by_clause_with_its_own_parameters() {
    let (report, _) = run_json(
        "inventory-s3.json",
        &[
            "--policy",
            "s3-data-protection",
            "--checks",
            "aws-s3-bucket-versioning",
        ],
    );
    let pack = &report["policies"][0];
    assert_eq!(pack["id"], "s3-data-protection");
    let clause = |id: &str| {
        pack["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    // The denied bucket's error outranks the bad bucket's failure.
    assert_eq!(clause("DP-1")["status"], "error");
    assert_eq!(clause("DP-8")["status"], "manual");
    assert_eq!(pack["counts"]["manual"], 1);
    // DP-2 runs the encryption check with KMS only: the same check, a second parameter set.
    let kms_runs: Vec<&Value> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["check"] == "aws-s3-bucket-default-encryption"
                && r["parameters"]["allowed_algorithms"]
                    == serde_json::json!(["aws:kms", "aws:kms:dsse"])
        })
        .collect();
    assert_eq!(
        kms_runs.len(),
        3,
        "one result per bucket for the KMS-only parameter set"
    );
    assert!((pack["coverage"].as_f64().unwrap() - 87.5).abs() < 0.01);
}

#[test]
fn a_pack_clause_is_met_only_when_every_resource_passes() {
    let dir = tempfile::tempdir().unwrap();
    let inv: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("inventory-s3.json")).unwrap())
            .unwrap();
    let mut good_only = inv.clone();
    good_only["resources"] = serde_json::json!([inv["resources"][0], inv["resources"][3]]);
    let path = dir.path().join("good.json");
    std::fs::write(&path, serde_json::to_vec(&good_only).unwrap()).unwrap();
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(&path)
        .args(["--format", "json", "--policy", "s3-data-protection"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pack = &report["policies"][0];
    assert_eq!(pack["counts"]["met"], 7, "{pack:#}");
    assert_eq!(pack["counts"]["failed"], 0);
    assert_eq!(pack["score"], 100.0);
    assert_eq!(out.status.code(), Some(0), "all passing exits 0");
}

#[test]
fn terminal_report_shows_checks_failures_errors_and_clauses() {
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(fixture("inventory-s3.json"))
        .args(["--policy", "s3-data-protection"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("aws-s3-bucket-versioning"), "{text}");
    assert!(text.contains("Failing resources"), "{text}");
    assert!(text.contains("versioning is suspended"), "{text}");
    assert!(text.contains("Could not be judged"), "{text}");
    assert!(text.contains("S3 data protection baseline"), "{text}");
    assert!(
        text.find("clauses not kept").unwrap() < text.find("Failing resources").unwrap(),
        "policies lead: {text}"
    );
    assert!(
        text.contains(r#"evidence: {"versioning":{"mfa_delete":null,"status":"Suspended"}}"#),
        "{text}"
    );
    assert!(
        text.contains("[allowed_algorithms=[\"aws:kms\",\"aws:kms:dsse\"]]"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no escape codes when not a terminal"
    );
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn an_attested_manual_clause_shows_as_attested_and_an_expired_one_as_manual() {
    let dir = tempfile::tempdir().unwrap();
    let current = write(
        dir.path(),
        "att.toml",
        "[[attestation]]\npack = \"s3-data-protection\"\nclause = \"DP-8\"\nby = \"Dana Auditor <dana@example.com>\"\ndate = 2026-10-01\nexpires = 2099-10-01\nevidence = \"Data inventory v7, reviewed 2026-09-30\"\n",
    );
    let (report, _) = run_json(
        "inventory-s3.json",
        &[
            "--policy",
            "s3-data-protection",
            "--attestations",
            current.to_str().unwrap(),
        ],
    );
    let pack = &report["policies"][0];
    let dp8 = pack["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "DP-8")
        .unwrap();
    assert_eq!(dp8["status"], "attested");
    assert_eq!(dp8["attestation"]["by"], "Dana Auditor <dana@example.com>");
    assert_eq!(pack["counts"]["attested"], 1);
    assert_eq!(pack["counts"]["manual"], 0);
    assert_eq!(
        pack["counts"]["met"], 0,
        "an attestation is never a verified pass"
    );

    let expired = write(
        dir.path(),
        "old.toml",
        "[[attestation]]\npack = \"s3-data-protection\"\nclause = \"DP-8\"\nby = \"Dana\"\ndate = 2024-01-01\nexpires = 2025-01-01\nevidence = \"old review\"\n",
    );
    let (report, _) = run_json(
        "inventory-s3.json",
        &[
            "--policy",
            "s3-data-protection",
            "--attestations",
            expired.to_str().unwrap(),
        ],
    );
    let dp8 = report["policies"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "DP-8")
        .unwrap()
        .clone();
    assert_eq!(dp8["status"], "manual");
    assert!(
        report["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("expired on 2025-01-01")),
        "{}",
        report["notes"]
    );
}

#[test]
fn attesting_a_checked_clause_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "att.toml",
        "# vouching for a checked clause\n[[attestation]]\npack = \"s3-data-protection\"\nclause = \"DP-1\"\nby = \"x\"\ndate = 2026-10-01\nexpires = 2027-10-01\nevidence = \"trust me\"\n",
    );
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(fixture("inventory-s3.json"))
        .args(["--policy", "s3-data-protection", "--attestations"])
        .arg(&bad)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("att.toml:2:") && err.contains("only manual clauses can be attested"),
        "{err}"
    );
}

#[test]
fn muted_failures_stay_visible_and_do_not_fail_the_clause_until_they_expire() {
    let dir = tempfile::tempdir().unwrap();
    let mutes = write(
        dir.path(),
        "mutes.toml",
        "[[mute]]\ncheck = \"aws-s3-bucket-versioning\"\nresource = \"arn:aws:s3:::bad-*\"\nreason = \"scratch data, recreated daily\"\nowner = \"data-eng@example.com\"\nexpires = 2099-01-01\n",
    );
    let (report, _) = run_json(
        "inventory-s3.json",
        &[
            "--checks",
            "aws-s3-bucket-versioning",
            "--mutes",
            mutes.to_str().unwrap(),
        ],
    );
    assert_eq!(status_of(&report, "aws-s3-bucket-versioning", BAD), "muted");
    assert_eq!(report["summary"]["muted"], 1);
    assert_eq!(report["summary"]["fail"], 0);

    let expired = write(
        dir.path(),
        "old.toml",
        "[[mute]]\ncheck = \"aws-s3-bucket-versioning\"\nresource = \"arn:aws:s3:::bad-*\"\nreason = \"r\"\nowner = \"o\"\nexpires = 2020-01-01\n",
    );
    let (report, code) = run_json(
        "inventory-s3.json",
        &[
            "--checks",
            "aws-s3-bucket-versioning",
            "--mutes",
            expired.to_str().unwrap(),
        ],
    );
    assert_eq!(status_of(&report, "aws-s3-bucket-versioning", BAD), "fail");
    assert!(
        report["notes"][0]
            .as_str()
            .unwrap()
            .contains("expired on 2020-01-01")
    );
    assert_eq!(code, 1);
}

#[test]
fn a_check_that_fails_at_run_time_on_one_resource_errors_only_there() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "fragile.rego",
        r#"# METADATA
# title: Logging has few settings
# description: count() of null is a run-time error in regorus; bad-bucket has no logging.
# related_resources:
#   - ref: https://example.com
# custom:
#   id: custom-fragile
#   severity: low
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [logging]
#   rationale: r
#   remediation: r
package custom.fragile

deny contains {"id": b.id, "message": "too many"} if {
	some b in input.resources
	count(b.logging) > 5
}
"#,
    );
    let (report, _) = run_json(
        "inventory-s3.json",
        &[
            "--checks",
            "custom-fragile",
            "--checks-dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(status_of(&report, "custom-fragile", GOOD), "pass");
    let bad = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"]["id"] == BAD)
        .unwrap();
    assert_eq!(bad["status"], "error");
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .starts_with("check could not be evaluated"),
        "{bad}"
    );
}

#[test]
fn mutes_can_match_resource_tags_and_results_carry_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut inv: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("inventory-s3.json")).unwrap())
            .unwrap();
    inv["resources"][1]["attributes"]["tags"] =
        serde_json::json!({"state": "observed", "value": {"env": "sandbox", "owner": "data-eng"}});
    let path = write(dir.path(), "tagged.json", &inv.to_string());
    let mutes = write(
        dir.path(),
        "mutes.toml",
        "[[mute]]\ntags = { env = \"sandbox\" }\nreason = \"sandbox data is disposable\"\nowner = \"data-eng@example.com\"\n",
    );
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(&path)
        .args([
            "--format",
            "json",
            "--checks",
            "aws-s3-bucket-versioning",
            "--mutes",
        ])
        .arg(&mutes)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"]["id"] == BAD)
        .unwrap();
    assert_eq!(bad["status"], "muted", "{bad}");
    assert_eq!(bad["resource"]["tags"]["env"], "sandbox");
    // The untagged buckets are untouched by the tag mute.
    assert_eq!(status_of(&report, "aws-s3-bucket-versioning", GOOD), "pass");
    assert_eq!(
        status_of(&report, "aws-s3-bucket-versioning", DENIED),
        "error"
    );
}

/// Issue 11, defect 11, offline: what a region-limited scan records (a failed
/// `aws_resources` listing naming the regions left out, a bucket elsewhere kept with
/// its settings unread, a bucket of unknown region) makes residency `error` beside
/// its verdicts, and leaves the other checks alone.
mod residency_of_a_partial_scan {
    use super::*;

    fn obs(v: Value) -> Value {
        serde_json::json!({"state": "observed", "value": v})
    }

    fn bucket(name: &str, region: &str, versioning: Value) -> Value {
        serde_json::json!({"id": format!("arn:aws:s3:::{name}"), "type": "aws_s3_bucket",
            "name": name, "account": "111122223333", "region": region,
            "attributes": {"versioning": versioning}})
    }

    #[test]
    fn unscanned_regions_and_unlocated_buckets_are_residency_errors_only() {
        let unread = serde_json::json!({"state": "unreadable",
            "reason": "the bucket is in us-east-1, outside the scanned regions (add --region us-east-1 to read it)"});
        let inventory = serde_json::json!({
            "format": "vouch-inventory/1", "provider": "aws", "account": "111122223333",
            "regions": ["eu-west-1"], "collected_at": "2026-12-01T00:00:00Z",
            "listings": [
                {"resource_type": "aws_s3_bucket", "account": "111122223333", "region": "global"},
                {"resource_type": "aws_resources", "account": "111122223333", "region": "global",
                 "error": "the scan was limited with --region and left out 1 of the account's enabled regions (us-east-1), so what they hold is unknown"},
                {"resource_type": "aws_resources", "account": "111122223333", "region": "unknown",
                 "scope": "arn:aws:s3:::lost", "error": "the region of bucket lost could not be read (...)"},
                {"resource_type": "aws_s3_bucket", "account": "111122223333", "region": "unknown",
                 "scope": "arn:aws:s3:::lost", "error": "the region of bucket lost could not be read (...)"}
            ],
            "resources": [
                bucket("here", "eu-west-1", obs(serde_json::json!({"status": "Enabled", "mfa_delete": null}))),
                bucket("there", "us-east-1", unread),
            ]
        });
        let dir = tempfile::tempdir().unwrap();
        let inv = dir.path().join("inventory.json");
        std::fs::write(&inv, inventory.to_string()).unwrap();
        let pack = dir.path().join("residency.toml");
        std::fs::write(&pack, "id = \"r\"\ntitle = \"R\"\npublisher = \"p\"\nsource = \"s\"\nprovider = \"aws\"\nsummary = \"s\"\n\n[[clause]]\nid = \"R-1\"\nsection = \"1\"\ntext = \"Only eu-west-1.\"\nchecks = [{ id = \"aws-resource-allowed-regions\", params = { allowed_regions = [\"eu-west-1\"] } }]\n").unwrap();
        let out = vouch()
            .args(["check", "--inventory"])
            .arg(&inv)
            .args(["--checks", "aws-s3-bucket-versioning", "--policy"])
            .arg(&pack)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        let all = statuses(&report);
        let residency =
            |id: &str| all[&("aws-resource-allowed-regions".to_string(), id.to_string())].clone();
        assert_eq!(residency("arn:aws:s3:::here"), "pass");
        assert_eq!(
            residency("arn:aws:s3:::there"),
            "fail",
            "kept, judged by where it is"
        );
        assert_eq!(
            residency("arn:aws:s3:::lost"),
            "error",
            "not 'in region unknown'"
        );
        assert_eq!(residency("111122223333/global/aws_resources"), "error");
        let versioning: Vec<_> = all
            .iter()
            .filter(|((check, _), _)| check == "aws-s3-bucket-versioning")
            .collect();
        assert_eq!(versioning.len(), 3, "{versioning:?}");
        assert_eq!(report["policies"][0]["clauses"][0]["status"], "error");
    }
}
