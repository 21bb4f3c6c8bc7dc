//! The whole pipeline from a saved inventory: checks, statuses, evidence, packs,
//! output contract and exit codes, with no cloud.

mod common;

use common::{check_fixture, fixture, status_of, statuses, vouch};
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

const BUCKET_CHECKS: [&str; 8] = [
    "aws-s3-bucket-default-encryption",
    "aws-s3-bucket-public-access-block",
    "aws-s3-bucket-policy-not-public",
    "aws-s3-bucket-secure-transport",
    "aws-s3-bucket-versioning",
    "aws-s3-bucket-access-logging",
    "aws-s3-bucket-acls-disabled",
    "aws-s3-bucket-acl-not-public",
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
    let out = check_fixture("inventory-s3.json")
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
    // The bad bucket's failure breaks the clause whatever the denied bucket holds; the
    // unreadable result is still counted and listed.
    assert_eq!(clause("DP-1")["status"], "failed");
    assert!(clause("DP-1")["counts"]["error"].as_u64().unwrap() >= 1);
    assert!(
        clause("DP-1")["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["status"] == "error")
    );
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
    let out = check_fixture("inventory-s3.json")
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
    let out = check_fixture("inventory-s3.json")
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

/// A check of buckets in `--checks-dir` form, with the package and body given.
fn custom_check(id: &str, package: &str, body: &str) -> String {
    format!(
        r#"# METADATA
# title: Custom {id}
# description: d
# related_resources:
#   - ref: https://example.com
# custom:
#   id: {id}
#   severity: low
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [versioning]
#   rationale: r
#   remediation: r
package {package}

import rego.v1

{body}
"#
    )
}

/// A body for [`custom_check`] that denies nothing in the fixture.
const DENY_NAMED_X: &str = "deny contains {\"id\": b.id, \"message\": \"m\"} if { some b in input.resources; b.name == \"x\" }";

/// Writes a library file into the `lib/` directory of a checks directory.
fn write_lib(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    write(&dir.join("lib"), name, text);
}

fn report_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// Rego body lines that take 10^10 steps in constant memory: hours without a limit.
const ENDLESS: &str =
    "\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti * j < 0\n";

fn check_with_dir(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    check_fixture("inventory-s3.json")
        .args(["--format", "json", "--checks-dir"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn an_inventory_listing_one_resource_twice_is_rejected_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut inv: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("inventory-s3.json")).unwrap())
            .unwrap();
    // The same bucket again, as a merge of two scans would give it, but passing.
    let mut copy = inv["resources"][1].clone();
    copy["attributes"]["versioning"] = serde_json::json!({"state": "observed", "value": {"status": "Enabled", "mfa_delete": null}});
    inv["resources"].as_array_mut().unwrap().push(copy);
    let path = write(dir.path(), "merged.json", &inv.to_string());
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("merged.json") && err.contains(BAD) && err.contains("more than once"),
        "{err}"
    );
    // The same id under another type is another resource.
    let mut other = inv["resources"][0].clone();
    other["type"] = serde_json::json!("aws_s3_account_settings");
    inv["resources"].as_array_mut().unwrap().pop();
    inv["resources"].as_array_mut().unwrap().push(other);
    let path = write(dir.path(), "two-types.json", &inv.to_string());
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(&path)
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_resource_carrying_a_denied_id_takes_the_denial() {
    use vouch::engine::{Catalog, PlannedCheck};
    use vouch::inventory::Inventory;
    let mut inv: Inventory =
        serde_json::from_str(&std::fs::read_to_string(fixture("inventory-s3.json")).unwrap())
            .unwrap();
    // A live scan can still meet one resource twice (one region listed twice).
    let bad = inv.resources.iter().find(|r| r.id == BAD).unwrap().clone();
    inv.resources.push(bad);
    let mut catalog = Catalog::load_with(None).unwrap();
    let results = catalog.evaluate(
        &inv,
        &[PlannedCheck {
            check: "aws-s3-bucket-versioning".into(),
            params: Default::default(),
        }],
    );
    let on_bad: Vec<_> = results.iter().filter(|r| r.resource.id == BAD).collect();
    assert_eq!(on_bad.len(), 2);
    for r in on_bad {
        assert_eq!(r.status, vouch::results::Status::Fail, "{r:?}");
    }
}

#[test]
fn a_check_dir_may_not_redefine_a_bundled_library() {
    let dir = tempfile::tempdir().unwrap();
    write_lib(
        dir.path(),
        "aws_policy.rego",
        "# neuters every public-policy check\npackage vouch.lib.aws_policy\n\nimport rego.v1\n\nrestricted(_) if true\n",
    );
    write(
        dir.path(),
        "named.rego",
        &custom_check("custom-named", "custom.named", DENY_NAMED_X),
    );
    let out = check_with_dir(dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("aws_policy.rego:2:") && err.contains("vouch.lib.aws_policy"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no results at all");
}

#[test]
fn two_checks_sharing_a_package_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.rego",
        &custom_check("custom-a", "custom.same", DENY_NAMED_X),
    );
    write(
        dir.path(),
        "b.rego",
        &custom_check("custom-b", "custom.same", DENY_NAMED_X),
    );
    let out = check_with_dir(dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("custom.same") && err.contains("a.rego") && err.contains("b.rego"),
        "{err}"
    );
}

#[test]
fn checks_under_a_lib_directory_of_the_file_system_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("var/lib/vouch-checks");
    write_lib(
        &root,
        "naming.rego",
        "package custom.lib.naming\n\nimport rego.v1\n\nprefixed(name) if startswith(name, \"good-\")\n",
    );
    write(
        &root,
        "prefix.rego",
        &custom_check(
            "custom-prefix",
            "custom.prefix",
            "import data.custom.lib.naming\n\ndeny contains {\"id\": b.id, \"message\": \"no prefix\"} if {\n\tsome b in input.resources\n\tnot naming.prefixed(b.name)\n}",
        ),
    );
    let out = check_with_dir(&root, &["--checks", "custom-prefix"]);
    let report = report_of(&out);
    assert_eq!(status_of(&report, "custom-prefix", GOOD), "pass");
    assert_eq!(status_of(&report, "custom-prefix", BAD), "fail");
    assert_eq!(out.status.code(), Some(1), "bad-bucket fails");
}

#[test]
fn a_check_dir_without_checks_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_lib(
        dir.path(),
        "helpers.rego",
        "package custom.lib.helpers\n\nimport rego.v1\n\nyes if true\n",
    );
    let out = check_with_dir(dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("holds no checks"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let out = check_with_dir(empty.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_denial_of_an_unknown_resource_makes_the_check_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "typo.rego",
        &custom_check(
            "custom-typo",
            "custom.typo",
            // The id is mangled, so the denial lands on no resource.
            "deny contains {\"id\": concat(\"\", [b.id, \"/\"]), \"message\": \"bad\"} if {\n\tsome b in input.resources\n\tb.name == \"bad-bucket\"\n}",
        ),
    );
    let out = check_with_dir(dir.path(), &["--checks", "custom-typo"]);
    let report = report_of(&out);
    for id in [GOOD, BAD] {
        let r = report["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["resource"]["id"] == id)
            .unwrap();
        assert_eq!(r["status"], "error", "{r}");
        assert!(
            r["message"]
                .as_str()
                .unwrap()
                .contains("\"arn:aws:s3:::bad-bucket/\""),
            "{r}"
        );
    }
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn a_check_past_the_time_limit_is_an_error_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "slow.rego",
        &custom_check(
            "custom-slow",
            "custom.slow",
            &format!(
                "deny contains {{\"id\": b.id, \"message\": \"never\"}} if {{\n\tsome b in input.resources\n{ENDLESS}}}"
            ),
        ),
    );
    let started = std::time::Instant::now();
    let out = check_with_dir(
        dir.path(),
        &["--checks", "custom-slow,aws-s3-bucket-versioning"],
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    let report = report_of(&out);
    let slow = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["check"] == "custom-slow" && r["resource"]["id"] == GOOD)
        .unwrap();
    assert_eq!(slow["status"], "error", "{slow}");
    assert!(
        slow["message"].as_str().unwrap().contains("time limit"),
        "{slow}"
    );
    assert_eq!(status_of(&report, "aws-s3-bucket-versioning", BAD), "fail");
    assert_eq!(status_of(&report, "aws-s3-bucket-versioning", GOOD), "pass");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_the_check_dir_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "named.rego",
        &custom_check("custom-named", "custom.named", DENY_NAMED_X),
    );
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    let out = check_with_dir(dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("symlink loop") && err.contains("up"), "{err}");
}

#[test]
fn a_denial_of_an_unknown_resource_is_an_error_when_judged_one_by_one_too() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "typo.rego",
        &custom_check(
            "custom-typo-fragile",
            "custom.typo_fragile",
            // count(null) fails at run time on bad-bucket, so each bucket is then
            // judged alone; good-bucket's denial carries a mangled id.
            "deny contains {\"id\": concat(\"\", [b.id, \"/\"]), \"message\": \"bad\"} if {\n\tsome b in input.resources\n\tb.name == \"good-bucket\"\n}\n\ndeny contains {\"id\": b.id, \"message\": \"m\"} if {\n\tsome b in input.resources\n\tb.name == \"bad-bucket\"\n\tcount(b.versioning.mfa_delete) > 0\n}",
        ),
    );
    let out = check_with_dir(dir.path(), &["--checks", "custom-typo-fragile"]);
    let report = report_of(&out);
    let good = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"]["id"] == GOOD)
        .unwrap();
    assert_eq!(good["status"], "error", "{good}");
    assert!(
        good["message"]
            .as_str()
            .unwrap()
            .contains("\"arn:aws:s3:::good-bucket/\""),
        "{good}"
    );
    assert_eq!(status_of(&report, "custom-typo-fragile", BAD), "error");
}

#[test]
fn a_rego_test_past_the_time_limit_fails_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "named.rego",
        &custom_check("custom-named", "custom.named", DENY_NAMED_X),
    );
    write(
        dir.path(),
        "named_test.rego",
        &format!(
            "package custom.named_test\n\nimport rego.v1\n\ntest_endless if {{\n{ENDLESS}}}\n"
        ),
    );
    let out = vouch()
        .args(["test", "--checks-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("FAIL custom-named test_endless: stopped at the time limit of 5s"),
        "{text}"
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
        // The bucket in the other region breaks residency whatever the unscanned
        // regions hold: the clause is failed, its errors still counted.
        let clause = &report["policies"][0]["clauses"][0];
        assert_eq!(clause["status"], "failed");
        assert!(
            clause["counts"]["error"].as_u64().unwrap() >= 2,
            "{clause:#}"
        );
    }
}

/// A default security group as AWS creates it (all traffic from itself in, all
/// traffic out), one with an inbound rule added, and one emptied. The demo account
/// shows the first and the last (eu-west-1 and us-east-1); its one default group per
/// region is already taken by those two cases, so the opened one is judged here.
fn default_groups_inventory(groups: &[(&str, Value)]) -> Value {
    let rule = |extra: Value| {
        let mut r = serde_json::json!({"protocol": "-1", "from_port": null, "to_port": null,
            "ipv4_ranges": [], "ipv6_ranges": [], "source_groups": [], "prefix_lists": []});
        r.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        r
    };
    let obs = |v: Value| serde_json::json!({"state": "observed", "value": v});
    let resources: Vec<Value> = groups
        .iter()
        .map(|(id, added)| {
            let mut ingress = vec![rule(serde_json::json!({"source_groups": [id]}))];
            match added {
                Value::Null => {}
                Value::Bool(false) => ingress.clear(),
                extra => ingress.push(rule(extra.clone())),
            }
            let egress = if ingress.is_empty() {
                vec![]
            } else {
                vec![rule(serde_json::json!({"ipv4_ranges": ["0.0.0.0/0"]}))]
            };
            serde_json::json!({"id": format!("arn:aws:ec2:us-east-1:111122223333:security-group/{id}"),
                "type": "aws_ec2_security_group", "name": format!("{id} (default)"),
                "account": "111122223333", "region": "us-east-1", "attributes": {
                "group_id": obs(serde_json::json!(id)), "group_name": obs(serde_json::json!("default")),
                "vpc_id": obs(serde_json::json!("vpc-1")), "is_default": obs(serde_json::json!(true)),
                "ingress": obs(serde_json::json!(ingress)), "egress": obs(serde_json::json!(egress)),
                "in_use": obs(serde_json::json!(true)), "tags": obs(serde_json::json!({}))}})
        })
        .collect();
    serde_json::json!({"format": "vouch-inventory/1", "provider": "aws", "account": "111122223333",
        "regions": ["us-east-1"], "collected_at": "2026-11-23T12:00:00Z",
        "listings": [{"resource_type": "aws_ec2_security_group", "account": "111122223333", "region": "us-east-1"}],
        "resources": resources})
}

#[test]
fn an_untouched_default_security_group_keeps_segmentation_clauses_and_fails_only_cis_6_5() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, inventory: Value, pack: &str| -> Value {
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_vec(&inventory).unwrap()).unwrap();
        let out = vouch()
            .args(["check", "--inventory"])
            .arg(&path)
            .args(["--format", "json"])
            .args(if pack.is_empty() {
                vec![]
            } else {
                vec!["--policy", pack]
            })
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    let clause = |report: &Value, id: &str| -> String {
        report["policies"][0]["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no clause {id}"))
    };
    let opened = serde_json::json!({"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["10.0.0.0/8"]});
    let all = default_groups_inventory(&[
        ("sg-untouched", Value::Null),
        ("sg-opened", opened),
        ("sg-emptied", Value::Bool(false)),
    ]);
    let report = run("all.json", all, "");
    let judged = [
        (
            "aws-ec2-default-sg-no-outside-access",
            "sg-untouched",
            "pass",
        ),
        ("aws-ec2-default-sg-no-outside-access", "sg-opened", "fail"),
        ("aws-ec2-default-sg-no-outside-access", "sg-emptied", "pass"),
        ("aws-ec2-default-sg-restricts-all", "sg-untouched", "fail"),
        ("aws-ec2-default-sg-restricts-all", "sg-opened", "fail"),
        ("aws-ec2-default-sg-restricts-all", "sg-emptied", "pass"),
    ];
    for (check, sg, want) in judged {
        let id = format!("arn:aws:ec2:us-east-1:111122223333:security-group/{sg}");
        assert_eq!(status_of(&report, check, &id), want, "{check} on {sg}");
    }
    let untouched = default_groups_inventory(&[("sg-untouched", Value::Null)]);
    let cis = run("cis.json", untouched.clone(), "cis-aws-foundations");
    assert_eq!(
        clause(&cis, "6.5"),
        "failed",
        "CIS keeps its strict reading"
    );
    for (pack, id) in [("indicado", "IND-20"), ("statlas", "STL-05")] {
        let report = run(&format!("{pack}.json"), untouched.clone(), pack);
        assert_eq!(clause(&report, id), "met", "{pack} {id}");
    }
}

/// What the demo account does not hold: a group with AdministratorAccess attached
/// (the demo's admin group grants it inline), and an internal load balancer whose TLS
/// policy is old (the demo's internal one is on TLS 1.2).
#[test]
fn administrator_access_on_a_group_fails_and_an_internal_load_balancer_is_not_judged_for_client_tls()
 {
    let obs = |v: Value| serde_json::json!({"state": "observed", "value": v});
    let group = |id: &str, arn: &str| {
        serde_json::json!({"id": format!("arn:aws:iam::111122223333:group/{id}"), "type": "aws_iam_group",
            "name": id, "account": "111122223333", "region": "global", "attributes": {
            "inline_policies": obs(serde_json::json!([])),
            "attached_policies": obs(serde_json::json!([{"name": arn.rsplit('/').next().unwrap(), "arn": arn}]))}})
    };
    let lb = |id: &str, scheme: &str| {
        serde_json::json!({"id": format!("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/{id}/1"),
            "type": "aws_elbv2_load_balancer", "name": id, "account": "111122223333", "region": "us-east-1",
            "attributes": {"lb_type": obs(serde_json::json!("application")), "scheme": obs(serde_json::json!(scheme)),
            "http_rules": obs(serde_json::json!([])),
            "listeners": obs(serde_json::json!([{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08",
                "ssl_protocols": ["TLSv1", "TLSv1.1", "TLSv1.2"], "default_actions": [{"type": "forward", "redirect_protocol": null}]}]))}})
    };
    let inventory = serde_json::json!({"format": "vouch-inventory/1", "provider": "aws", "account": "111122223333",
        "regions": ["us-east-1"], "collected_at": "2026-11-23T12:00:00Z",
        "listings": [{"resource_type": "aws_iam_group", "account": "111122223333", "region": "global"},
                     {"resource_type": "aws_elbv2_load_balancer", "account": "111122223333", "region": "us-east-1"}],
        "resources": [group("admins", "arn:aws:iam::aws:policy/AdministratorAccess"),
                      group("readers", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                      lb("public-old-tls", "internet-facing"), lb("internal-old-tls", "internal")]});
    let report = common::check_inventory_json(&inventory, &[]);
    let g = |id: &str| format!("arn:aws:iam::111122223333:group/{id}");
    let l = |id: &str| {
        format!("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/{id}/1")
    };
    let check = "aws-iam-group-no-inline-full-admin";
    assert_eq!(status_of(&report, check, &g("admins")), "fail");
    assert_eq!(status_of(&report, check, &g("readers")), "pass");
    let check = "aws-elbv2-tls-min-version";
    assert_eq!(status_of(&report, check, &l("public-old-tls")), "fail");
    assert_eq!(status_of(&report, check, &l("internal-old-tls")), "pass");

    // A pack whose text promises TLS on internal channels judges internal load
    // balancers too (STL-12, include_internal); one about external endpoints does not.
    let report = common::check_inventory_json(&inventory, &["--policy", "statlas"]);
    let failing = |id: &str| -> Vec<String> {
        let c = common::clause_of(&report, "statlas", id);
        c["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["status"] == "fail" && f["check"] == check)
            .map(|f| f["resource"]["id"].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(
        failing("STL-12"),
        [l("internal-old-tls"), l("public-old-tls")]
    );
    assert_eq!(failing("STL-11"), [l("public-old-tls")]);
}

/// ECS services through the whole pipeline. moto reports runningCount 0 for every
/// service (unless its server runs with MOTO_ECS_SERVICE_RUNNING), so the demo account
/// cannot show a passing service: this saved inventory does, with a service running
/// fewer tasks than it asks for and one DescribeServices did not describe. A target
/// group whose instance zones were denied is an error, not a fail.
#[test]
fn redundancy_checks_pass_fail_and_error_on_a_saved_inventory() {
    let (report, _) = run_json("inventory-redundancy.json", &["--policy", "tom-annex"]);
    let svc = |n: &str| format!("arn:aws:ecs:us-east-1:111122223333:service/web/{n}");
    let check = "aws-ecs-service-redundant";
    assert_eq!(status_of(&report, check, &svc("good")), "pass");
    assert_eq!(status_of(&report, check, &svc("short")), "fail");
    assert_eq!(status_of(&report, check, &svc("gone")), "error");
    assert_eq!(
        status_of(
            &report,
            "aws-elbv2-target-group-redundant",
            "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/denied/1"
        ),
        "error"
    );
    let tom07 = common::clause_of(&report, "tom-annex", "TOM-07");
    assert_eq!(tom07["status"], "failed", "{tom07:#}");
}

/// Instances' images, login paths, own AMIs, VPN tunnels, Direct Connect MACsec and ECS
/// zones, where the emulators cannot show them: LocalStack keeps each account's images
/// apart (no image of another owner is visible), implements neither
/// ssm:DescribeInstanceInformation nor VgwTelemetry, and moto reports MACsec ports as
/// down. The ECS zones come from the VPC's subnets through the join `vouch check` draws
/// on a saved inventory.
#[test]
fn ec2_images_logins_vpn_direct_connect_and_ecs_zones_on_a_saved_inventory() {
    let (report, _) = run_json(
        "inventory-ec2net.json",
        &[
            "--policy",
            "tom-annex",
            "--policy",
            "indicado",
            "--policy",
            "statlas",
        ],
    );
    let arn = |kind: &str, id: &str| format!("arn:aws:ec2:us-east-1:111122223333:{kind}/{id}");
    let image = "aws-ec2-instance-approved-image";
    assert_eq!(status_of(&report, image, &arn("instance", "i-own")), "pass");
    for bad in ["i-pipeline", "i-amazon", "i-community"] {
        assert_eq!(
            status_of(&report, image, &arn("instance", bad)),
            "fail",
            "{bad}"
        );
    }
    assert_eq!(
        status_of(&report, image, &arn("instance", "i-gone")),
        "error"
    );
    let login = "aws-ec2-instance-key-login";
    assert_eq!(status_of(&report, login, &arn("instance", "i-own")), "pass");
    assert_eq!(
        status_of(&report, login, &arn("instance", "i-windows")),
        "fail"
    );
    assert_eq!(status_of(&report, login, &arn("instance", "i-ssm")), "fail");
    assert_eq!(
        status_of(&report, login, &arn("instance", "i-ssm-unread")),
        "error"
    );
    let ami = "aws-ec2-ami-not-public";
    assert_eq!(
        status_of(&report, ami, &arn("image", "ami-private")),
        "pass"
    );
    assert_eq!(status_of(&report, ami, &arn("image", "ami-public")), "fail");
    let vpn = "aws-ec2-vpn-tunnel-up";
    assert_eq!(
        status_of(&report, vpn, &arn("vpn-connection", "vpn-up")),
        "pass"
    );
    assert_eq!(
        status_of(&report, vpn, &arn("vpn-connection", "vpn-down")),
        "fail"
    );
    let dx = |id: &str| format!("arn:aws:directconnect:us-east-1:111122223333:dxcon/{id}");
    let encrypted = "aws-directconnect-connection-encrypted";
    assert_eq!(status_of(&report, encrypted, &dx("dxcon-macsec")), "pass");
    assert_eq!(status_of(&report, encrypted, &dx("dxcon-plain")), "fail");
    let svc = |n: &str| format!("arn:aws:ecs:us-east-1:111122223333:service/web/{n}");
    let zones = "aws-ecs-service-multi-az";
    assert_eq!(status_of(&report, zones, &svc("spread")), "pass");
    assert_eq!(status_of(&report, zones, &svc("one-zone")), "fail");
    assert_eq!(status_of(&report, zones, &svc("bridge")), "error");
    for (pack, clause) in [
        ("tom-annex", "TOM-17"),
        ("tom-annex", "TOM-10"),
        ("indicado", "IND-25"),
        ("indicado", "IND-13"),
        ("statlas", "STL-27"),
    ] {
        let c = common::clause_of(&report, pack, clause);
        assert_eq!(c["status"], "failed", "{clause}: {c:#}");
    }
}

/// An account with no VPN and no Direct Connect connection has no on-premises path
/// vouch can see: IND-25 is not applicable, never met.
#[test]
fn ind_25_is_not_applicable_without_any_on_premises_connection() {
    let inventory = serde_json::json!({
        "format": "vouch-inventory/1", "provider": "aws", "account": "111122223333",
        "regions": ["us-east-1"], "collected_at": "2026-12-01T12:00:00Z",
        "listings": [
            {"resource_type": "aws_ec2_vpn_connection", "account": "111122223333", "region": "us-east-1"},
            {"resource_type": "aws_directconnect_connection", "account": "111122223333", "region": "us-east-1"}
        ],
        "resources": []
    });
    let report = common::check_inventory_json(&inventory, &["--policy", "indicado"]);
    let c = common::clause_of(&report, "indicado", "IND-25");
    assert_eq!(c["status"], "not_applicable", "{c:#}");
}

#[test]
fn a_saved_report_renders_in_any_format_from_itself_alone() {
    let dir = tempfile::tempdir().unwrap();
    let checks = dir.path().join("checks");
    std::fs::create_dir_all(&checks).unwrap();
    let text = custom_check(
        "custom-every-bucket",
        "custom.every_bucket",
        "deny contains {\"id\": b.id, \"message\": \"m\"} if { some b in input.resources }",
    )
    .replace("remediation: r", "remediation: Turn on the custom control");
    write(&checks, "every_bucket.rego", &text);
    let first = dir.path().join("first");
    let out = check_fixture("inventory-s3.json")
        .args([
            "--policy",
            "s3-data-protection",
            "--checks",
            "custom-every-bucket",
        ])
        .arg("--checks-dir")
        .arg(&checks)
        .args(["--format", "json,asff,csv,junit,html,oscal", "--output-dir"])
        .arg(&first)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The checks directory is gone: what the formats print about its check must come
    // from the report.
    std::fs::remove_dir_all(&checks).unwrap();
    let again = dir.path().join("again");
    let out = vouch()
        .arg("report")
        .arg(first.join("results.json"))
        .args(["--format", "json,asff,csv,junit,html,oscal", "--output-dir"])
        .arg(&again)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in [
        "results.json",
        "findings.asff.json",
        "results.csv",
        "results.junit.xml",
        "report.html",
        "assessment-results.oscal.json",
    ] {
        let (a, b) = (first.join(name), again.join(name));
        assert!(a.exists(), "the scan wrote no {name}");
        assert!(
            std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
            "{name} rendered again from results.json differs from the scan's"
        );
    }
    let html = std::fs::read_to_string(again.join("report.html")).unwrap();
    assert!(html.contains("Turn on the custom control"), "remediation");
    let ocsf = vouch()
        .arg("report")
        .arg(first.join("results.json"))
        .args(["--format", "ocsf"])
        .output()
        .unwrap();
    assert_eq!(ocsf.status.code(), Some(0));
    let line = String::from_utf8_lossy(&ocsf.stdout)
        .lines()
        .find(|l| l.contains("custom-every-bucket"))
        .map(str::to_string)
        .expect("a finding of the custom check");
    let event: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(event["remediation"]["desc"], "Turn on the custom control");
    assert_eq!(event["remediation"]["references"][0], "https://example.com");

    // Not a results file: the file and the place are named, exit 2.
    let bad = write(
        dir.path(),
        "broken.json",
        "{\"format\": \"vouch-results/1\",\n  \"results\": 3}",
    );
    let out = vouch().arg("report").arg(&bad).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("broken.json") && err.contains("line 2"),
        "{err}"
    );
}
