//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

pub fn vouch() -> Command {
    let mut cmd = Command::cargo_bin("vouch").expect("vouch binary is built");
    cmd.env_remove("AWS_PROFILE");
    cmd
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// (check, resource id) -> status, for results run with the check's default parameters
/// unless `all_params` is set.
pub fn statuses(report: &Value) -> BTreeMap<(String, String), String> {
    report["results"]
        .as_array()
        .expect("results is a list")
        .iter()
        .map(|r| {
            (
                (
                    r["check"].as_str().unwrap().to_string(),
                    r["resource"]["id"].as_str().unwrap().to_string(),
                ),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub fn status_of(report: &Value, check: &str, resource: &str) -> String {
    statuses(report)
        .get(&(check.to_string(), resource.to_string()))
        .cloned()
        .unwrap_or_else(|| panic!("no result for {check} on {resource}"))
}
pub mod hec;
pub mod proxy;
