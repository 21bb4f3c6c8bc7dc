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
    let scan = |extra: &[&str]| versioning_scan(&db, &[&["--format", "json"], extra].concat());
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
    // The stored scan, rendered again from the history alone: the same report, and a
    // page that still says how to fix what failed.
    let ids = crate::stored(&db);
    let again = vouch()
        .args(["report", "--format", "json", "--scan"])
        .arg(ids[0].to_string())
        .arg("--database")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        again, report,
        "the stored scan differs from the report the scan wrote"
    );
    let remediation = report["checks"]["aws-s3-bucket-versioning"]["remediation"]
        .as_str()
        .expect("the report carries the check's remediation")
        .to_string();
    let page = vouch()
        .args(["report", "--format", "html", "--scan"])
        .arg(ids[0].to_string())
        .arg("--database")
        .arg(&db)
        .output()
        .unwrap();
    let page = String::from_utf8_lossy(&page.stdout);
    let first_words: String = remediation
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(page.contains(&first_words), "{first_words}");
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

/// A versioning scan of the demo regions into `db`.
fn versioning_scan_command(db: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = vouch();
    cmd.args(["scan", "aws"])
        .args(DEMO_REGIONS)
        .args(["--checks", "aws-s3-bucket-versioning", "--database"])
        .arg(db)
        .timeout(std::time::Duration::from_secs(300));
    cmd
}

/// The same with `extra`, run.
fn versioning_scan(db: &std::path::Path, extra: &[&str]) -> std::process::Output {
    versioning_scan_command(db).args(extra).output().unwrap()
}

/// The ids of the scans stored in `db`.
fn stored(db: &std::path::Path) -> Vec<i64> {
    let out = vouch()
        .args(["history", "--json", "--database"])
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[test]
#[ignore = "needs the seeded demo account: run scripts/test.sh"]
fn a_scan_is_stored_only_once_its_outputs_are_written_and_delivered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    // A report that cannot be written (its file name is taken by a directory).
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(reports.join("results.json")).unwrap();
    let out = versioning_scan(
        &db,
        &[
            "--format",
            "json",
            "--output-dir",
            reports.to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("not stored"), "{err}");
    assert_eq!(stored(&db), Vec::<i64>::new());
    // A delivery that fails: the local outputs are written, the scan is not stored.
    let out = versioning_scan_command(&db)
        .env("VOUCH_HEC_TOKEN", "t")
        .env("VOUCH_RETRY_FIRST_DELAY_MS", "1")
        .args(["--format", "json", "--send-to", "hec=http://127.0.0.1:9/"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(!out.stdout.is_empty(), "the report was written: {err}");
    assert_eq!(stored(&db), Vec::<i64>::new());
    // A directory that does not exist yet is made, and the scan is stored.
    let fresh = dir.path().join("new/nightly");
    let out = versioning_scan(
        &db,
        &[
            "--format",
            "json,csv",
            "--output-dir",
            fresh.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fresh.join("results.json").is_file() && fresh.join("results.csv").is_file());
    assert_eq!(stored(&db).len(), 1);
}

#[test]
#[ignore = "needs the seeded demo account: run scripts/test.sh"]
fn a_pack_named_twice_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let out = versioning_scan(
        &db,
        &[
            "--policy",
            "s3-data-protection",
            "--policy",
            "s3-data-protection",
            "--format",
            "json",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(3), "{err}");
    assert!(!err.contains("move it aside"), "{err}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["policies"].as_array().unwrap().len(), 1);
    assert_eq!(stored(&db).len(), 1);
}

#[test]
#[ignore = "needs the seeded demo account: run scripts/test.sh"]
fn a_region_named_twice_is_scanned_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("vouch.toml");
    std::fs::write(
        &config,
        "provider = \"aws\"\n\n[aws]\nregions = [\"us-east-1\", \"us-east-1\"]\n",
    )
    .unwrap();
    for args in [
        vec!["--region", "us-east-1", "--region", "us-east-1"],
        vec!["--config", config.to_str().unwrap()],
    ] {
        let out = vouch()
            .args(["scan", "aws", "--no-history", "--format", "json"])
            .args(["--checks", "aws-s3-bucket-versioning,aws-ec2-vpc-flow-logs"])
            .args(&args)
            .timeout(std::time::Duration::from_secs(300))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let report: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"));
        assert_eq!(report["scan"]["regions"], serde_json::json!(["us-east-1"]));
        let results = report["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{err}");
        let mut seen = std::collections::BTreeSet::new();
        for r in results {
            let key = format!("{} {} {}", r["check"], r["resource"]["id"], r["parameters"]);
            assert!(seen.insert(key.clone()), "twice: {key}");
        }
    }
}

#[test]
#[ignore = "needs the seeded demo account: run scripts/test.sh"]
fn a_scan_waits_for_a_reader_instead_of_calling_the_history_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    assert_eq!(
        versioning_scan(&db, &["--no-progress"]).status.code(),
        Some(1)
    );
    // A reader (as `vouch history` is) holds its shared lock across the next scan's
    // start and commit, for longer than rusqlite's default busy timeout (5 s).
    let held = db.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(&held).unwrap();
        c.execute_batch("BEGIN; SELECT count(*) FROM scans;")
            .unwrap();
        tx.send(()).unwrap();
        std::thread::sleep(std::time::Duration::from_secs(7));
        c.execute_batch("COMMIT").unwrap();
    });
    rx.recv().unwrap();
    let out = versioning_scan(&db, &["--no-progress"]);
    reader.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(stored(&db).len(), 2, "{err}");
}
