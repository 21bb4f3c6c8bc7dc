//! Two scans of the demo account with one resource fixed and one broken in between:
//! the history and `vouch diff` report exactly that, and `--fail-on new` fails only
//! because of the new failure. Uses two buckets of its own (created and removed here),
//! in a test binary of its own so no other test scans while they change.

mod common;

use common::{DEMO_REGIONS, vouch};
use serde_json::Value;

fn localstack() -> String {
    std::env::var("VOUCH_LOCALSTACK_ENDPOINT").unwrap_or_else(|_| "http://127.0.0.1:4566".into())
}

/// A plain S3 REST call to LocalStack (which does not check signatures).
fn s3(method: &str, path: &str, body: &str) {
    let out = std::process::Command::new("curl")
        .args([
            "-sf",
            "-X",
            method,
            &format!("{}{path}", localstack()),
            "-H",
            "Content-Type: application/xml",
            "--data-binary",
            body,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{method} {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn versioning(bucket: &str, status: &str) {
    s3(
        "PUT",
        &format!("/{bucket}?versioning"),
        &format!(
            "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>{status}</Status></VersioningConfiguration>"
        ),
    );
}

const FIXED: &str = "vouch-diff-fixed-use1";
const BROKEN: &str = "vouch-diff-broken-use1";

#[test]
#[ignore = "needs the seeded demo account: run scripts/test.sh"]
fn a_fixed_and_a_broken_resource_are_exactly_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let scan = |extra: &[&str]| {
        vouch()
            .args(["scan", "aws"])
            .args(DEMO_REGIONS)
            .args([
                "--checks",
                "aws-s3-bucket-versioning",
                "--format",
                "json",
                "--database",
            ])
            .arg(&db)
            .args(extra)
            .output()
            .unwrap()
    };
    // FIXED starts unversioned (failing); BROKEN starts versioned (passing).
    s3("PUT", &format!("/{FIXED}"), "");
    s3("PUT", &format!("/{BROKEN}"), "");
    versioning(BROKEN, "Enabled");

    let first = scan(&[]);
    assert_eq!(
        first.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    versioning(FIXED, "Enabled");
    versioning(BROKEN, "Suspended");

    // The demo account keeps its other failures: with --fail-on any this run fails...
    let second = scan(&["--fail-on", "new"]);
    let report: Value = serde_json::from_slice(&second.stdout).unwrap();
    let diff = &report["diff"];
    let ids = |key: &str| -> Vec<String> {
        diff[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["resource"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("new_failures"), vec![format!("arn:aws:s3:::{BROKEN}")]);
    assert_eq!(
        ids("resolved_failures"),
        vec![format!("arn:aws:s3:::{FIXED}")]
    );
    assert!(ids("still_failing").contains(&"arn:aws:s3:::vouch-demo-unversioned-use1".to_string()));
    // ...and with --fail-on new it fails because of BROKEN alone.
    assert_eq!(second.status.code(), Some(1));

    // The same answer from the history, after the fact.
    let out = vouch()
        .args(["diff", "--json", "--database"])
        .arg(&db)
        .output()
        .unwrap();
    let stored: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(&stored, diff);
    let text = String::from_utf8(
        vouch()
            .args(["diff", "--database"])
            .arg(&db)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("1 new failures, 1 resolved"), "{text}");
    let list = String::from_utf8(
        vouch()
            .args(["history", "--database"])
            .arg(&db)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(list.contains("000000000000"), "{list}");

    // A third scan with nothing changed: nothing new, so --fail-on new passes.
    let third = scan(&["--fail-on", "new"]);
    let report: Value = serde_json::from_slice(&third.stdout).unwrap();
    assert_eq!(report["diff"]["new_failures"].as_array().unwrap().len(), 0);
    assert_eq!(
        third.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );

    s3("DELETE", &format!("/{FIXED}"), "");
    s3("DELETE", &format!("/{BROKEN}"), "");
}
