//! Each AWS policy pack scored against the demo account yields the clause statuses its
//! seeded resources imply: localstack/demo-pack-statuses.json, a reviewed snapshot.
//! To update it after changing the seed or a pack, run the scan in the comment below
//! and review every changed clause before committing:
//!   VOUCH_UPDATE_SNAPSHOTS=1 scripts/test.sh

mod common;

use std::collections::BTreeMap;

use common::scan_demo_json;

const PACKS: [&str; 6] = [
    "atlasdata",
    "indicado",
    "statlas",
    "tom-annex",
    "cis-aws-foundations",
    "s3-data-protection",
];

fn clause_statuses() -> BTreeMap<String, BTreeMap<String, String>> {
    let args: Vec<&str> = PACKS.iter().flat_map(|p| ["--policy", p]).collect();
    let (report, _, _) = scan_demo_json(&args);
    report["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let clauses = p["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    (
                        c["id"].as_str().unwrap().to_string(),
                        c["status"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            (p["id"].as_str().unwrap().to_string(), clauses)
        })
        .collect()
}

#[test]
#[ignore = "needs the seeded demo account: run scripts/test.sh"]
fn every_pack_scores_the_demo_account_as_its_resources_imply() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/localstack/demo-pack-statuses.json"
    );
    let actual = clause_statuses();
    if std::env::var_os("VOUCH_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
    }
    let expected: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut diffs = Vec::new();
    for (pack, clauses) in &expected {
        for (clause, status) in clauses {
            let got = actual.get(pack).and_then(|c| c.get(clause));
            if got != Some(status) {
                diffs.push(format!("{pack} {clause}: expected {status}, got {got:?}"));
            }
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>()
    );
    // The demo account holds a misconfigured example for every check, so every pack
    // must find clauses the account does not keep, and list its manual ones.
    for (pack, clauses) in &actual {
        assert!(
            clauses.values().any(|s| s == "failed"),
            "{pack} has no failed clause"
        );
        assert!(
            clauses.values().any(|s| s == "manual"),
            "{pack} has no manual clause"
        );
    }
}
