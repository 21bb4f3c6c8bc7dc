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
