//! Scheduled-audit plumbing that needs no cloud: the config file, and a history
//! database that is damaged or in use.

mod common;

use common::vouch;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const CONFIG: &str = r#"provider = "aws"
fail_on = "new"

[aws]
regions = ["us-east-1", "eu-west-1"]

[policies]
packs = ["atlasdata"]

[output]
formats = ["json", "ocsf"]
dir = "reports"

[history]
database = "history.db"
"#;

#[test]
fn config_check_accepts_a_good_file_and_names_the_line_of_a_typo() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("vouch.toml");
    std::fs::write(&good, CONFIG).unwrap();
    let out = vouch()
        .args(["config", "check", "--config"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bad = dir.path().join("typo.toml");
    std::fs::write(&bad, CONFIG.replace("formats =", "fromats =")).unwrap();
    let out = vouch()
        .args(["config", "check", "--config"])
        .arg(&bad)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("typo.toml:11:") && err.contains("fromats"),
        "{err}"
    );
    // A scan with the broken config stops before any work.
    let out = vouch()
        .args(["scan", "aws", "--config"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("fromats"));
}

#[test]
fn a_damaged_history_database_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let garbage = b"this is not a database, but someone's precious history\n".repeat(200);
    std::fs::write(&db, &garbage).unwrap();
    let out = common::scan_unreachable()
        .arg("--database")
        .arg(&db)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot be used") && err.contains("left untouched"),
        "{err}"
    );
    assert!(
        !err.contains("cannot reach"),
        "it stopped before any cloud call: {err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), garbage, "not a byte changed");
    let out = vouch()
        .args(["history", "--database"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_database_in_use_by_another_run_stops_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let lock = std::fs::File::create(dir.path().join("history.db.lock")).unwrap();
    lock.lock().unwrap();
    let out = common::scan_unreachable()
        .arg("--database")
        .arg(&db)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("busy") && err.contains("another vouch run"),
        "{err}"
    );
    drop(lock);
}

#[test]
fn fail_on_rules_are_validated() {
    let out = vouch()
        .args(["scan", "aws", "--fail-on", "sometimes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sometimes"));
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(common::fixture("inventory-s3.json"))
        .args(["--fail-on", "score:80"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "score needs a pack");
}

#[test]
fn fail_on_severity_ignores_lesser_failures() {
    let run = |rule: &str| {
        vouch()
            .args(["check", "--inventory"])
            .arg(common::fixture("inventory-s3.json"))
            .args([
                "--checks",
                "aws-s3-bucket-access-logging",
                "--fail-on",
                rule,
            ])
            .output()
            .unwrap()
            .status
            .code()
    };
    // The only failure is low severity; the denied bucket is an error.
    assert_eq!(run("severity:low"), Some(1));
    assert_eq!(
        run("severity:high"),
        Some(4),
        "no high failure; errors remain visible"
    );
}

#[test]
fn every_example_config_and_its_files_are_valid() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut seen = 0;
    for dir in std::fs::read_dir(root).unwrap() {
        let config = dir.unwrap().path().join("vouch.toml");
        if !config.exists() {
            continue;
        }
        seen += 1;
        let out = vouch()
            .args(["config", "check", "--config"])
            .arg(&config)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            config.display(),
            stderr(&out)
        );
    }
    assert!(seen >= 3);
    let cron = format!("{root}/cron");
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(common::fixture("inventory-s3.json"))
        .args([
            "--policy",
            "atlasdata",
            "--attestations",
            &format!("{cron}/attestations.toml"),
            "--mutes",
            &format!("{cron}/mutes.toml"),
        ])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// `vouch scan aws` with `args` against an endpoint that is down: asserts that it
/// stopped with `code` before any cloud call and returns its standard error.
fn stopped_before_any_cloud_call(args: &[&std::ffi::OsStr], code: i32) -> String {
    let out = common::scan_unreachable().args(args).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(
        !err.contains("cannot reach"),
        "no cloud call was made: {err}"
    );
    err
}

/// A pack of one clause, mapped to a Cognito check: an inventory of S3 alone never
/// listed user pools.
const COGNITO_PACK: &str = r#"id = "only-cognito"
title = "Only Cognito"
publisher = "test"
source = "test"
provider = "aws"
summary = "one clause on a type the S3 inventory never listed"

[[clause]]
id = "C-1"
section = "1"
text = "User pools require MFA."
checks = [{ id = "aws-cognito-user-pool-mfa" }]
"#;

#[test]
fn a_clause_in_error_because_its_type_was_never_listed_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("only-cognito.toml");
    std::fs::write(&pack, COGNITO_PACK).unwrap();
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(common::fixture("inventory-s3.json"))
        .arg("--policy")
        .arg(&pack)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let clause = &report["policies"][0]["clauses"][0];
    assert_eq!(clause["status"], "error", "{clause}");
    assert_eq!(report["summary"]["error"], 0, "no result carries the error");
    assert_eq!(
        out.status.code(),
        Some(4),
        "an unjudged clause is no clean bill of health: {}",
        stderr(&out)
    );
}

#[test]
fn several_formats_without_an_output_dir_stop_before_any_cloud_call() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let err = stopped_before_any_cloud_call(
        &[
            "--format".as_ref(),
            "json,csv".as_ref(),
            "--database".as_ref(),
            db.as_ref(),
        ],
        2,
    );
    assert!(err.contains("--output-dir"), "{err}");
    assert!(!db.exists(), "nothing was recorded");
}

#[test]
fn asff_for_an_azure_scan_stops_before_any_cloud_call() {
    let fake = common::fake_azure::FakeAzure::start("default");
    let dir = tempfile::tempdir().unwrap();
    let out = fake
        .scan()
        .args(["--format", "asff", "--database"])
        .arg(dir.path().join("history.db"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("ASFF is for AWS"), "{err}");
    assert_eq!(fake.requests(), Vec::<String>::new(), "no request was sent");
}

#[test]
fn an_output_dir_that_does_not_exist_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("reports/nightly");
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(common::fixture("inventory-s3.json"))
        .args(["--format", "json,csv", "--output-dir"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(out_dir.join("results.json").is_file());
    assert!(out_dir.join("results.csv").is_file());
}

#[test]
fn an_output_dir_that_cannot_be_made_stops_before_any_cloud_call() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let reports = file.join("reports");
    let err = stopped_before_any_cloud_call(&["--output-dir".as_ref(), reports.as_ref()], 3);
    assert!(err.contains("output directory"), "{err}");
    // The directory of --output is not made, but its absence is found just as early.
    let missing = dir.path().join("missing/results.json");
    let db = dir.path().join("history.db");
    let err = stopped_before_any_cloud_call(
        &[
            "--output".as_ref(),
            missing.as_ref(),
            "--database".as_ref(),
            db.as_ref(),
        ],
        3,
    );
    assert!(err.contains("missing/results.json"), "{err}");
    assert!(!db.exists(), "nothing was recorded");
}

#[test]
fn a_pack_named_twice_is_scored_once_and_two_packs_with_one_id_are_refused() {
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(common::fixture("inventory-s3.json"))
        .args([
            "--policy",
            "s3-data-protection",
            "--policy",
            "s3-data-protection",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["policies"].as_array().unwrap().len(), 1);

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("mine.toml");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/checks/policies/s3-data-protection.toml"
        ),
        &copy,
    )
    .unwrap();
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(common::fixture("inventory-s3.json"))
        .args(["--policy", "s3-data-protection", "--policy"])
        .arg(&copy)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("s3-data-protection") && err.contains("twice"),
        "{err}"
    );
}

/// A history database vouch created (with its tables), as a scan leaves it.
fn fresh_database(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("history.db");
    let out = common::scan_unreachable()
        .arg("--database")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(db.is_file());
    db
}

#[test]
fn history_reads_while_another_connection_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_database(dir.path());
    // A scan committing holds SQLite's write lock; a reader must neither need it nor
    // call the file damaged.
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = vouch()
        .args(["history", "--database"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    writer.execute_batch("COMMIT").unwrap();

    // An exclusive lock (the moment of a commit) is waited for, not reported.
    let held = db.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(&held).unwrap();
        c.execute_batch("BEGIN EXCLUSIVE").unwrap();
        tx.send(()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        c.execute_batch("COMMIT").unwrap();
    });
    rx.recv().unwrap();
    let out = vouch()
        .args(["history", "--json", "--database"])
        .arg(&db)
        .output()
        .unwrap();
    holder.join().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("move it aside"), "{err}");

    // A lock held past the timeout is "busy, try again" (exit 3), not damage.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let out = vouch()
        .args(["history", "--database"])
        .arg(&db)
        .output()
        .unwrap();
    c.execute_batch("COMMIT").unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("busy") && !err.contains("move it aside"),
        "{err}"
    );
}

#[test]
fn damage_inside_the_history_is_found_before_any_cloud_call() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_database(dir.path());
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        for i in 0..40 {
            c.execute(
                "INSERT INTO scans (target, started_at, finished_at, summary, report) VALUES (?1, '', '', '{}', ?2)",
                rusqlite::params![format!("aws:{i}"), "x".repeat(3000)],
            )
            .unwrap();
        }
    }
    // Garbage over the last pages (table data), leaving the header and schema intact.
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    assert!(len > 16 * 4096, "{len}");
    for b in &mut bytes[len - 8 * 4096..] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let err = stopped_before_any_cloud_call(&["--database".as_ref(), db.as_ref()], 2);
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte changed");
}

#[test]
fn an_unreadable_previous_scan_is_found_before_any_cloud_call() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_database(dir.path());
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO scans (target, started_at, finished_at, summary, report) VALUES ('aws:000000000000', '', '', '{}', 'not json')",
            [],
        )
        .unwrap();
    let err = stopped_before_any_cloud_call(&["--database".as_ref(), db.as_ref()], 2);
    assert!(err.contains("unreadable"), "{err}");
}

/// (check, resource, parameters) of every result that appears more than once.
fn repeated_results(report: &serde_json::Value) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {} {}", r["check"], r["resource"]["id"], r["parameters"]))
        .filter(|k| !seen.insert(k.clone()))
        .collect()
}

#[test]
fn a_subscription_named_twice_is_scanned_once() {
    use common::fake_azure::{self, FakeAzure, LAX};
    let fake = FakeAzure::start("default");
    let upper = LAX.to_uppercase();
    let (report, _, err) = fake.scan_json(&[
        "--subscription",
        LAX,
        "--subscription",
        LAX,
        "--subscription",
        &upper,
    ]);
    assert!(!report["results"].as_array().unwrap().is_empty(), "{err}");
    assert_eq!(repeated_results(&report), Vec::<String>::new());
    assert!(err.contains("named more than once"), "{err}");

    // The same when vouch.toml repeats it.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("vouch.toml");
    std::fs::write(
        &config,
        format!(
            "provider = \"azure\"\n\n[azure]\nsubscriptions = [\"{LAX}\", \"{LAX}\"]\nauth = \"service-principal\"\ncloud = \"custom\"\nauthority_host = \"{o}\"\narm_endpoint = \"{o}\"\ngraph_endpoint = \"{g}\"\n",
            o = fake.origin(),
            g = fake.graph_origin()
        ),
    )
    .unwrap();
    let out = vouch()
        .env("SSL_CERT_FILE", fake_azure::dir().join("tls/ca.pem"))
        .env("AZURE_TENANT_ID", fake_azure::TENANT)
        .env("AZURE_CLIENT_ID", fake_azure::CLIENT)
        .env("AZURE_CLIENT_SECRET", fake_azure::SECRET)
        .args([
            "scan",
            "azure",
            "--no-progress",
            "--format",
            "json",
            "--config",
        ])
        .arg(&config)
        .output()
        .unwrap();
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    assert!(!report["results"].as_array().unwrap().is_empty());
    assert_eq!(repeated_results(&report), Vec::<String>::new());
}

#[test]
fn fail_on_new_exits_4_only_for_errors_the_previous_scan_did_not_have() {
    use common::fake_azure::{DENIED, FakeAzure, MAIN};
    let fake = FakeAzure::start("default");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let db_arg = db.to_str().unwrap();
    let scan = |subs: &[&str]| {
        let mut args = vec!["--fail-on", "new", "--database", db_arg];
        for s in subs {
            args.extend(["--subscription", s]);
        }
        fake.scan_json(&args)
    };
    // First scan: every failure is new.
    let (_, code, err) = scan(&[MAIN]);
    assert_eq!(code, 1, "{err}");
    // The denied subscription adds errors and no failures: new errors, exit 4.
    let (report, code, err) = scan(&[MAIN, DENIED]);
    assert_eq!(report["diff"]["new_failures"].as_array().unwrap().len(), 0);
    assert!(
        !report["diff"]["new_errors"].as_array().unwrap().is_empty(),
        "{}",
        report["diff"]
    );
    assert_eq!(code, 4, "{err}");
    let text = vouch()
        .args(["diff", "--database", db_arg])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("newly not judged"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
    // The same errors again: known, so the nightly job passes...
    let (report, code, err) = scan(&[MAIN, DENIED]);
    assert!(report["summary"]["error"].as_u64().unwrap() > 0);
    assert_eq!(report["diff"]["new_errors"].as_array().unwrap().len(), 0);
    assert_eq!(code, 0, "{err}");
    // ...while the other rules still report the account's gaps.
    let (_, code, _) = fake.scan_json(&[
        "--fail-on",
        "severity:critical",
        "--no-history",
        "--subscription",
        DENIED,
    ]);
    assert_eq!(code, 4);
}
