//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

pub fn vouch() -> Command {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let mut cmd = Command::cargo_bin("vouch").expect("vouch binary is built");
    cmd.env_remove("AWS_PROFILE");
    // Each invocation gets its own history database, so tests running in parallel
    // never contend for one (a test that wants history passes --database).
    let n = RUN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    cmd.env(
        "VOUCH_DATABASE",
        std::env::temp_dir().join(format!("vouch-test-{}-{n}.db", std::process::id())),
    );
    cmd
}

/// `vouch check --inventory` on the fixture `name`, for the caller to add to.
pub fn check_fixture(name: &str) -> Command {
    let mut cmd = vouch();
    cmd.args(["check", "--inventory"]).arg(fixture(name));
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
/// The clause `id` of policy `pack` in a JSON report.
pub fn clause_of(report: &Value, pack: &str, id: &str) -> Value {
    report["policies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == pack)
        .unwrap_or_else(|| panic!("no pack {pack}"))["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no clause {id} in {pack}"))
        .clone()
}
pub mod fake_azure;
pub mod hec;
pub mod proxy;

/// The two regions the demo account is seeded in.
pub const DEMO_REGIONS: [&str; 4] = ["--region", "us-east-1", "--region", "eu-west-1"];

/// `vouch scan aws` over the demo regions with `args`; returns what the command did.
pub fn scan_demo(args: &[&str]) -> std::process::Output {
    vouch()
        .args(["scan", "aws"])
        .args(DEMO_REGIONS)
        .args(args)
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap()
}

/// A scan of the demo regions as JSON: (report, exit code, standard error).
pub fn scan_demo_json(args: &[&str]) -> (Value, i32, String) {
    let out = scan_demo(&[&["--format", "json"], args].concat());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    (report, out.status.code().unwrap(), stderr)
}

/// `vouch check` on an inventory given as JSON (written to a temporary file), with
/// `args`; returns the JSON report.
pub fn check_inventory_json(inventory: &Value, args: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, serde_json::to_vec(inventory).unwrap()).unwrap();
    check_inventory_file(&path, args)
}

/// `vouch check` on an inventory file, with `args`; returns the JSON report.
pub fn check_inventory_file(inventory: &std::path::Path, args: &[&str]) -> Value {
    let out = vouch()
        .args(["check", "--inventory"])
        .arg(inventory)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// The `finding_info.uid` of every event in an OCSF JSON Lines file, sorted.
pub fn ocsf_uids(path: &std::path::Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["finding_info"]["uid"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    ids
}

/// The `Id` of every finding in an ASFF file, sorted.
pub fn asff_ids(path: &std::path::Path) -> Vec<String> {
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut ids: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["Id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Loopback port 9 (discard): nothing listens, so any AWS call fails to connect.
pub const UNREACHABLE: &str = "http://127.0.0.1:9";

/// `vouch scan aws` pointed at an endpoint that is down, with dummy credentials.
pub fn scan_unreachable() -> Command {
    let mut cmd = vouch();
    cmd.args([
        "scan",
        "aws",
        "--region",
        "us-east-1",
        "--endpoint-url",
        UNREACHABLE,
    ])
    .env("AWS_ACCESS_KEY_ID", "test")
    .env("AWS_SECRET_ACCESS_KEY", "test");
    cmd
}

/// Every type and attribute of a saved inventory is one the registry declares (and so
/// documents and validates checks against).
pub fn assert_registry_declares(inventory: &std::path::Path) {
    let text = std::fs::read_to_string(inventory).unwrap();
    let inventory: vouch::inventory::Inventory = serde_json::from_str(&text).unwrap();
    let undeclared = vouch::registry::of(inventory.provider).undeclared(&inventory);
    assert!(
        undeclared.is_empty(),
        "collected but not in src/registry/{}.toml: {undeclared:?}",
        inventory.provider
    );
    assert!(!inventory.resources.is_empty());
}
