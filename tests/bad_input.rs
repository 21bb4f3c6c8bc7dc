//! Bad input and unreachable clouds: one clear line naming the cause (and the file and
//! line where there is one), the documented exit code, no panic, no half-written file.

mod common;

use common::{check_fixture, fixture, vouch};

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_no_panic(err: &str) {
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
}

#[test]
fn a_malformed_rego_file_names_file_and_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.rego"),
        "# METADATA\n# title: x\npackage custom.broken\n\ndeny contains x if {\n  input.a ==\n}\n",
    )
    .unwrap();
    let out = vouch()
        .args(["checks", "list", "--checks-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("broken.rego:7:1:") || err.contains("broken.rego:6:"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert_no_panic(&err);
}

#[test]
fn a_check_with_incomplete_metadata_is_rejected_with_the_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("meta.rego"),
        "# METADATA\n# title: Custom\n# description: d\n# custom:\n#   id: custom-x\n#   severity: high\npackage custom.x\n\ndeny contains {\"id\": r.id, \"message\": \"m\"} if { some r in input.resources }\n",
    )
    .unwrap();
    let out = vouch()
        .args(["test", "--checks-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("meta.rego:"), "{err}");
    assert!(err.contains("missing field `provider`"), "{err}");
}

/// A misspelt type would match nothing (no result at all) and a misspelt attribute
/// would be `error` everywhere: both are refused at load, naming the line and the
/// nearest name the registry knows.
#[test]
fn a_check_naming_an_unknown_type_or_attribute_is_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let check = |resource_type: &str, requires: &str| {
        format!(
            "# METADATA\n# title: Custom\n# description: d\n# related_resources:\n#   - ref: https://example.com\n# custom:\n#   id: custom-typo\n#   severity: high\n#   provider: aws\n#   service: s3\n#   resource_type: {resource_type}\n#   requires: [{requires}]\n#   rationale: r\n#   remediation: x\npackage custom.typo\n\ndeny contains {{\"id\": r.id, \"message\": \"m\"}} if {{ some r in input.resources }}\n"
        )
    };
    let path = dir.path().join("typo.rego");
    for (text, line, want) in [
        (
            check("aws_s3_buckets", "encryption"),
            11,
            "custom.resource_type \"aws_s3_buckets\" is not a type vouch collects; did you mean \"aws_s3_bucket\"?",
        ),
        (
            check("aws_s3_bucket", "encryption, versionning"),
            12,
            "aws_s3_bucket has no attribute \"versionning\"; did you mean \"versioning\"?",
        ),
    ] {
        std::fs::write(&path, text).unwrap();
        let out = vouch()
            .args(["checks", "list", "--checks-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("typo.rego:{line}: ")), "{err}");
        assert!(err.contains(want), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert_no_panic(&err);
    }
}

#[test]
fn a_custom_check_directory_is_loaded_and_tested() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("named.rego"),
        r#"# METADATA
# title: Buckets are named with the team prefix
# description: Fails when a bucket name does not start with acme-.
# related_resources:
#   - ref: https://example.com/naming
# custom:
#   id: custom-bucket-naming
#   severity: low
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [versioning]
#   rationale: Ownership is read from the name.
#   remediation: Rename the bucket.
package custom.naming

deny contains {"id": b.id, "message": "name lacks the acme- prefix"} if {
	some b in input.resources
	not startswith(b.name, "acme-")
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("named_test.rego"),
        "package custom.naming_test\n\nimport data.custom.naming\n\ntest_fails_without_prefix if {\n\tcount(naming.deny) == 1 with input as {\"resources\": [{\"id\": \"b\", \"name\": \"x\"}]}\n}\n",
    )
    .unwrap();
    let out = vouch()
        .args(["test", "--checks-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr_of(&out));
    assert!(text.contains("0 failed"), "{text}");
    let out = check_fixture("inventory-s3.json")
        .args([
            "--format",
            "json",
            "--checks",
            "custom-bucket-naming",
            "--checks-dir",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["summary"]["fail"], 2,
        "good-bucket and bad-bucket lack the prefix"
    );
    assert_eq!(
        report["summary"]["error"], 1,
        "denied-bucket's versioning was unreadable"
    );
}

#[test]
fn a_broken_pack_is_rejected_with_file_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mine.toml");
    std::fs::write(
        &pack,
        "id = \"mine\"\ntitle = \"Mine\"\npublisher = \"me\"\nsource = \"x\"\nprovider = \"aws\"\nsummary = \"s\"\n\n[[clause]]\nid = \"C1\"\nsection = \"1\"\ntext = \"t\"\nchecks = [{ id = \"aws-s3-bucket-versioning\", params = { days = 3 } }]\n",
    )
    .unwrap();
    let out = check_fixture("inventory-s3.json")
        .arg("--policy")
        .arg(&pack)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("mine.toml:12:"), "{err}");
    assert!(err.contains("has no parameter \"days\""), "{err}");
    assert_no_panic(&err);
}

#[test]
fn an_unknown_bundled_pack_is_bad_input() {
    let out = check_fixture("inventory-s3.json")
        .args(["--policy", "no-such-pack"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no bundled policy pack \"no-such-pack\""));
}

#[test]
fn a_malformed_inventory_names_the_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inv.json");
    std::fs::write(
        &inv,
        "{\"format\": \"vouch-inventory/1\", \"provider\": \"aws\",\n \"account\": 5 }",
    )
    .unwrap();
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(&inv)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("inv.json") && err.contains("line 2"), "{err}");
    let out = vouch()
        .args(["check", "--inventory", "/nonexistent/inv.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("/nonexistent/inv.json"));
}

#[test]
fn an_endpoint_that_is_down_exits_3_and_writes_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("results.json");
    let inventory = dir.path().join("inventory.json");
    let out = common::scan_unreachable()
        .args(["--max-attempts", "1", "--format", "json", "--output"])
        .arg(&output)
        .arg("--save-inventory")
        .arg(&inventory)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("cannot reach http://127.0.0.1:9"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_no_panic(&err);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
}

#[test]
fn missing_credentials_exit_3_with_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let out = vouch()
        .args([
            "scan",
            "aws",
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ])
        .env_clear()
        .env("HOME", home.path())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.path().join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.path().join("none"))
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("no usable AWS credentials"), "{err}");
    assert!(err.contains("AWS_PROFILE"), "{err}");
    assert_no_panic(&err);
}

#[test]
fn an_unwritable_output_keeps_the_previous_report_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let out = check_fixture("inventory-s3.json")
        .args(["--format", "json", "--output"])
        .arg(dir.path().join("missing-dir/results.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr_of(&out).contains("missing-dir/results.json"));
}

#[test]
fn usage_errors_exit_2() {
    let out = vouch()
        .args(["scan", "aws", "--severity", "dire"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("dire"));
}

/// Runs vouch in `dir` (where a `vouch.toml` may be found implicitly) with dummy AWS
/// credentials; it returns what the command did.
fn in_dir(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    vouch()
        .current_dir(dir)
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("VOUCH_HEC_TOKEN", "token-from-the-environment")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap()
}

#[test]
fn an_implicit_config_cannot_choose_where_requests_and_findings_go() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("vouch.toml");
    let scan = [
        "scan",
        "aws",
        "--region",
        "us-east-1",
        "--max-attempts",
        "1",
    ];

    // An endpoint from a vouch.toml nobody named: refused before any request.
    std::fs::write(&toml, "[aws]\nendpoint_url = \"http://127.0.0.1:9\"\n").unwrap();
    let out = in_dir(dir.path(), &scan);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("aws.endpoint_url")
            && err.contains("--config")
            && err.contains("--endpoint-url"),
        "{err}"
    );
    assert_no_panic(&err);
    // Named with --config, the same file is trusted (and the endpoint is then down).
    let out = in_dir(
        dir.path(),
        &[&scan[..], &["--config", "vouch.toml"]].concat(),
    );
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("cannot reach http://127.0.0.1:9"), "{err}");

    // A delivery target: the flag confirms a destination, the file alone does not.
    std::fs::write(
        &toml,
        "[output]\nsend_to = [\"hec=https://collector.example.com:8088\"]\n",
    )
    .unwrap();
    let flagged = [&scan[..], &["--endpoint-url", "http://127.0.0.1:9"]].concat();
    let out = in_dir(dir.path(), &flagged);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("output.send_to") && err.contains("--send-to"),
        "{err}"
    );
    let out = in_dir(
        dir.path(),
        &[&flagged[..], &["--config", "vouch.toml"]].concat(),
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));

    // Azure sign-in and API hosts, which would receive the client secret and tokens.
    for key in ["authority_host", "arm_endpoint", "graph_endpoint"] {
        std::fs::write(
            &toml,
            format!("provider = \"azure\"\n[azure]\ncloud = \"custom\"\n{key} = \"https://login.attacker.example\"\n"),
        )
        .unwrap();
        let out = in_dir(
            dir.path(),
            &[
                "scan",
                "azure",
                "--subscription",
                "00000000-0000-0000-0000-000000000000",
            ],
        );
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{key}: {err}");
        assert!(err.contains(&format!("azure.{key}")), "{err}");
    }
}

#[test]
fn a_closed_standard_output_ends_a_listing_quietly() {
    // A pipe whose reader is already gone: every write to it fails with EPIPE.
    let closed_pipe = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        writer
    };
    let db_dir = tempfile::tempdir().unwrap();
    let db = db_dir.path().join("history.db");
    // A scan that cannot reach its endpoint still creates the history database.
    common::scan_unreachable()
        .args(["--max-attempts", "1", "--database"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(db.exists());
    let bin = env!("CARGO_BIN_EXE_vouch");
    for args in [
        vec!["checks", "list"],
        vec!["checks", "list", "--json"],
        vec!["policies", "list"],
        vec!["permissions", "aws"],
        vec!["history", "--database", db.to_str().unwrap()],
    ] {
        let out = std::process::Command::new(bin)
            .args(&args)
            .stdout(closed_pipe())
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    // `vouch test | head` still fails when a test does (here: a check without tests).
    let checks = tempfile::tempdir().unwrap();
    std::fs::write(
        checks.path().join("untested.rego"),
        r#"# METADATA
# title: Buckets are named with the team prefix
# description: Fails when a bucket name does not start with acme-.
# related_resources:
#   - ref: https://example.com/naming
# custom:
#   id: custom-untested
#   severity: low
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [versioning]
#   rationale: Ownership is read from the name.
#   remediation: Rename the bucket.
package custom.untested

deny contains {"id": b.id, "message": "no prefix"} if {
	some b in input.resources
	not startswith(b.name, "acme-")
}
"#,
    )
    .unwrap();
    let out = std::process::Command::new(bin)
        .args(["test", "--checks-dir"])
        .arg(checks.path())
        .stdout(closed_pipe())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.is_empty(), "{err}");
    // A report that cannot be written is not delivered (exit 3), but says nothing.
    let out = std::process::Command::new(bin)
        .args(["check", "--inventory"])
        .arg(fixture("inventory-s3.json"))
        .stdout(closed_pipe())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.is_empty(), "{err}");
}
