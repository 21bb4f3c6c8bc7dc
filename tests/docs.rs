//! The check reference in docs/ is generated from the checks' metadata and tests; this
//! keeps the committed copy from drifting.

mod common;

use common::vouch;

#[test]
fn docs_checks_md_is_generated_from_the_current_checks() {
    let out = vouch().args(["checks", "docs"]).output().unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/checks.md")).unwrap();
    assert!(
        generated == committed,
        "docs/checks.md is stale: run `cargo run -- checks docs -o docs/checks.md`"
    );
}

/// The inventory schemas are the registry checks are validated against, rendered.
#[test]
fn the_inventory_schemas_are_generated_from_the_registry() {
    for provider in ["aws", "azure"] {
        let out = vouch()
            .args(["checks", "schema", provider])
            .output()
            .unwrap();
        assert!(out.status.success());
        let generated = String::from_utf8(out.stdout).unwrap();
        let path = format!(
            "{}/docs/{provider}-inventory-schema.md",
            env!("CARGO_MANIFEST_DIR")
        );
        let committed = std::fs::read_to_string(&path).unwrap();
        assert!(
            generated == committed,
            "{path} is stale: run `cargo run -- checks schema {provider} -o docs/{provider}-inventory-schema.md`"
        );
        assert!(generated.contains(&format!("- `{provider}_")));
    }
}

#[test]
fn explain_shows_metadata_and_the_behaviour_its_tests_pin_down() {
    let out = vouch()
        .args(["checks", "explain", "aws-s3-bucket-versioning"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("aws-s3-bucket-versioning — S3 buckets keep object versions"),
        "{text}"
    );
    assert!(text.contains("Severity:      medium"), "{text}");
    assert!(text.contains("How to fix"), "{text}");
    assert!(
        text.contains("  - fails when versioning is suspended"),
        "{text}"
    );
    assert!(
        text.contains("https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"),
        "{text}"
    );
    let out = vouch()
        .args(["checks", "explain", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_check_documents_every_field_a_report_needs() {
    let out = vouch().args(["checks", "list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert!(list.len() >= 8);
    for c in list {
        for key in [
            "id",
            "title",
            "severity",
            "provider",
            "service",
            "resource_type",
        ] {
            assert!(
                c[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {c}"
            );
        }
    }
}

#[test]
fn the_aws_catalogue_has_at_least_45_checks_with_complete_metadata() {
    let out = vouch().args(["checks", "list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let aws: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["provider"] == "aws")
        .collect();
    assert!(aws.len() >= 45, "{} AWS checks", aws.len());
    for c in aws {
        let id = c["id"].as_str().unwrap();
        let out = vouch().args(["checks", "explain", id]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for section in [
            "What it checks",
            "Why it matters",
            "How to fix",
            "Behaviour (from its Rego tests)",
            "References",
        ] {
            assert!(text.contains(section), "{id} lacks {section}");
        }
    }
}

/// Issue 13: each pack's reference table in docs/packs/ is generated from the pack, so
/// a changed mapping, parameter or note cannot leave the reviewed table behind.
#[test]
fn docs_packs_are_generated_from_the_current_packs() {
    let dir = tempfile::tempdir().unwrap();
    let out = vouch()
        .args(["policies", "docs", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/packs");
    let names = |d: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .collect();
        v.sort();
        v
    };
    let generated = names(dir.path());
    assert!(
        generated.contains(&"indicado.md".to_string()),
        "{generated:?}"
    );
    assert_eq!(
        generated,
        names(std::path::Path::new(committed_dir)),
        "docs/packs is stale: run `cargo run -- policies docs -o docs/packs`"
    );
    for name in generated {
        let fresh = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        let committed = std::fs::read_to_string(format!("{committed_dir}/{name}")).unwrap();
        assert!(
            fresh == committed,
            "docs/packs/{name} is stale: run `cargo run -- policies docs -o docs/packs`"
        );
    }
    // A row shows the clause, its checks with their parameters, and the pack's notes.
    let tom = std::fs::read_to_string(format!("{committed_dir}/tom-annex.md")).unwrap();
    let row = tom.lines().find(|l| l.starts_with("| TOM-15 |")).unwrap();
    assert!(
        row.contains(
            "[`aws-logs-retention`](../checks.md#aws-logs-retention) (allow_never_expire = false, min_retention_days = 1)"
        ),
        "{row}"
    );
    assert!(row.contains("predetermined amount of time"), "{row}");
    assert!(
        row.contains("retention of logs kept outside CloudWatch Logs"),
        "{row}"
    );
}
