//! Every bundled pack lists every clause of its document: the pack is checked against
//! a hand-made list of the document's sections (tests/fixtures/seed-sections/).

mod common;

use common::vouch;

fn pack_json(id: &str) -> serde_json::Value {
    // `vouch policies show` is for people; the JSON of a pack comes from a check run
    // on an empty inventory, which scores every clause.
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("empty.json");
    let pack_file = std::fs::read_to_string(format!(
        "{}/checks/policies/{id}.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let provider = if pack_file.contains("provider = \"azure\"") {
        "azure"
    } else {
        "aws"
    };
    std::fs::write(
        &inv,
        format!(r#"{{"format":"vouch-inventory/1","provider":"{provider}","account":"1","regions":[],"collected_at":"2026-11-23T00:00:00Z","listings":[],"resources":[]}}"#),
    )
    .unwrap();
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(&inv)
        .args(["--format", "json", "--policy", id])
        .output()
        .unwrap();
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["policies"][0].clone()
}

fn bundled_with_sections() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed-sections");
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.path()
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

#[test]
fn every_pack_with_a_section_list_covers_every_section_and_nothing_else() {
    let ids = bundled_with_sections();
    for id in &ids {
        let list = std::fs::read_to_string(format!(
            "{}/tests/fixtures/seed-sections/{id}.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let wanted: Vec<&str> = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let pack = pack_json(id);
        let clauses = pack["clauses"].as_array().unwrap();
        for w in &wanted {
            assert!(
                clauses.iter().any(|c| c["section"] == *w || c["id"] == *w),
                "{id}: no clause for section {w:?}"
            );
        }
        for c in clauses {
            assert!(
                wanted.iter().any(|w| c["section"] == *w || c["id"] == *w),
                "{id}: clause {} cites section {} which is not in the document's list",
                c["id"],
                c["section"]
            );
            assert!(!c["text"].as_str().unwrap().trim().is_empty());
        }
    }
}

#[test]
fn every_seed_document_has_a_pack() {
    let ids = bundled_with_sections();
    for id in [
        "atlasdata",
        "opendatadsl",
        "indicado",
        "statlas",
        "tom-annex",
    ] {
        assert!(ids.iter().any(|i| i == id), "no section list for {id}");
        let out = vouch().args(["policies", "show", id]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// AD-01 promises alignment with CIS and is read as the benchmark's Level 1
/// recommendations vouch checks: each check the cis-aws-foundations pack maps to a
/// Level 1 clause must be in AD-01, so a check added to one pack cannot be missing
/// from the other.
#[test]
fn atlasdata_ad_01_holds_every_check_of_the_cis_level_1_clauses() {
    let pack = |id: &str| -> toml::Value {
        toml::from_str(
            &std::fs::read_to_string(format!(
                "{}/checks/policies/{id}.toml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap()
    };
    let ids = |clause: &toml::Value| -> Vec<String> {
        let mut out: Vec<String> = clause
            .get("checks")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        for group in clause
            .get("any_of")
            .and_then(|a| a.as_array())
            .into_iter()
            .flatten()
        {
            out.extend(
                group
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["id"].as_str().unwrap().to_string()),
            );
        }
        out
    };
    let atlas = pack("atlasdata");
    let ad01 = atlas["clause"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_str() == Some("AD-01"))
        .unwrap();
    let held: std::collections::BTreeSet<String> = ids(ad01).into_iter().collect();
    let cis = pack("cis-aws-foundations");
    let mut missing = Vec::new();
    for clause in cis["clause"].as_array().unwrap() {
        if !clause["text"].as_str().unwrap().contains("(Level 1") {
            continue;
        }
        for id in ids(clause) {
            if !held.contains(&id) {
                missing.push(format!("{} {id}", clause["id"].as_str().unwrap()));
            }
        }
    }
    assert!(missing.is_empty(), "AD-01 lacks: {missing:?}");
}
