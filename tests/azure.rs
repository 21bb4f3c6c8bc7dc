//! The real Azure collector, checks, packs and outputs against the local fake Azure of
//! tests/fake_azure/ (token endpoint, Resource Manager and Graph over HTTPS, answers
//! shaped after Microsoft's published examples). What each seeded resource must get is
//! in tests/fake_azure/expectations*.json.

mod common;

use std::collections::BTreeMap;

use common::fake_azure::{self, DENIED, FakeAzure, LAX, MAIN, PARTIAL, TENANT};
use serde_json::Value;

/// The resource id a failed listing is reported on: the ARM scope that was listed.
fn listing_id(subscription: &str, _resource_type: &str) -> String {
    format!("/subscriptions/{subscription}")
}

fn results_by_key(report: &Value) -> BTreeMap<(String, String), (String, String)> {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                (
                    r["check"].as_str().unwrap().to_string(),
                    r["resource"]["id"].as_str().unwrap().to_string(),
                ),
                (
                    r["status"].as_str().unwrap().to_string(),
                    r["message"].as_str().unwrap_or_default().to_string(),
                ),
            )
        })
        .collect()
}

/// Every result is expected, and every expectation is met.
fn assert_matches_expectations(report: &Value, file: &str) {
    let expected = fake_azure::expectations(file);
    let got = results_by_key(report);
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (check, resource, status) in &expected {
        seen.insert((check.clone(), resource.clone()));
        match got.get(&(check.clone(), resource.clone())) {
            None => problems.push(format!("{check} on {resource}: no result")),
            Some((s, m)) if s != status => problems.push(format!(
                "{check} on {resource}: {s} ({m}), expected {status}"
            )),
            _ => {}
        }
    }
    for ((check, resource), (status, message)) in &got {
        if !seen.contains(&(check.clone(), resource.clone())) {
            problems.push(format!(
                "unexpected result {check} on {resource}: {status} ({message})"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_seeded_resource_gets_the_status_its_configuration_implies() {
    let fake = FakeAzure::start("default");
    let (report, code, stderr) = fake.scan_json(&[]);
    assert_eq!(code, 1, "failures make exit 1: {stderr}");
    assert_eq!(report["scan"]["provider"], "azure", "{}", report["scan"]);
    assert_matches_expectations(&report, "expectations.json");
    let statuses: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    for s in ["pass", "fail", "error"] {
        assert!(statuses.contains(&s), "no {s} result");
    }
}

#[test]
fn resource_ids_are_arm_ids_and_the_scan_only_reads() {
    let fake = FakeAzure::start("default");
    let (report, _, stderr) = fake.scan_json(&[]);
    for r in report["results"].as_array().unwrap() {
        let id = r["resource"]["id"].as_str().unwrap();
        assert!(
            id.starts_with("/subscriptions/") || id.starts_with("/tenants/"),
            "{id}"
        );
    }
    let requests = fake.requests();
    assert!(!requests.is_empty(), "{stderr}");
    for line in &requests {
        let read = line.starts_with("GET ")
            || (line.starts_with("POST ") && line.contains("/oauth2/v2.0/token"));
        assert!(read, "vouch sent a request that is not a read: {line}");
    }
}

#[test]
fn pages_are_followed_and_throttling_is_retried() {
    let fake = FakeAzure::start("default");
    let (report, _, stderr) = fake.scan_json(&["--services", "storage,keyvault"]);
    let requests = fake.requests();
    assert!(
        requests
            .iter()
            .any(|r| r.contains("Microsoft.Storage/storageAccounts") && r.contains("skipToken")),
        "the second page was never asked for: {requests:#?}"
    );
    let vault_lists = requests
        .iter()
        .filter(|r| {
            r.starts_with(&format!(
                "GET /subscriptions/{MAIN}/providers/Microsoft.KeyVault/vaults?"
            ))
        })
        .count();
    assert_eq!(vault_lists, 2, "429 then a retry");
    // Accounts from both pages and the vaults behind the 429 are judged.
    let got = results_by_key(&report);
    let storage: Vec<&(String, String)> = got
        .keys()
        .filter(|(c, id)| c == "azure-storage-https-only" && id.contains(MAIN))
        .collect();
    let expected_storage = fake_azure::expectations("expectations.json")
        .into_iter()
        .filter(|(c, id, _)| c == "azure-storage-https-only" && id.contains(MAIN))
        .count();
    assert_eq!(storage.len(), expected_storage, "{stderr}");
    assert!(
        got.iter()
            .any(|((c, id), (s, _))| c == "azure-keyvault-soft-delete"
                && id.contains(MAIN)
                && s != "error"),
        "{stderr}"
    );
}

#[test]
fn a_denied_subscription_or_provider_is_an_error_for_what_it_hides_only() {
    let fake = FakeAzure::start("default");
    let (report, _, _) = fake.scan_json(&[]);
    let got = results_by_key(&report);
    // The partial subscription: SQL is denied, the rest read.
    for t in ["azure_sql_server", "azure_sql_database"] {
        let hits: Vec<_> = got
            .iter()
            .filter(|((c, id), _)| c.starts_with("azure-sql-") && id == &listing_id(PARTIAL, t))
            .collect();
        assert!(hits.len() >= 2, "no error for {t} in {PARTIAL}");
        for (_, (status, message)) in hits {
            assert_eq!(status, "error");
            assert!(message.contains("AuthorizationFailed"), "{message}");
        }
    }
    let partial_settings = got
        .get(&(
            "azure-monitor-activity-log-exported".to_string(),
            format!("/subscriptions/{PARTIAL}"),
        ))
        .expect("the partial subscription's settings are judged");
    assert_eq!(partial_settings.0, "fail", "{}", partial_settings.1);
    // The denied subscription: everything in it is an error, nothing passes or fails.
    let denied: Vec<_> = got
        .iter()
        .filter(|((_, id), _)| id.contains(DENIED))
        .collect();
    assert!(denied.len() >= 20, "{}", denied.len());
    assert!(denied.iter().all(|(_, (s, _))| s == "error"));
    // ... and the main subscription still passes and fails.
    assert!(
        got.iter()
            .any(|((_, id), (s, _))| id.contains(MAIN) && s == "pass")
    );
    assert!(
        got.iter()
            .any(|((_, id), (s, _))| id.contains(LAX) && s == "fail")
    );
}

#[test]
fn subscriptions_can_be_named() {
    let fake = FakeAzure::start("default");
    let (report, _, stderr) = fake.scan_json(&["--subscription", LAX]);
    let results = report["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{stderr}");
    for r in results {
        let id = r["resource"]["id"].as_str().unwrap();
        assert!(id.contains(LAX) || id.starts_with("/tenants/"), "{id}");
    }
}

#[test]
fn entra_security_defaults_satisfy_both_mfa_checks() {
    let fake = FakeAzure::start("entra-defaults");
    let (report, _, stderr) = fake.scan_json(&["--services", "entra"]);
    let tenant = format!("/tenants/{TENANT}");
    for check in ["azure-entra-mfa-admins", "azure-entra-mfa-azure-management"] {
        assert_eq!(
            common::status_of(&report, check, &tenant),
            "pass",
            "{check}: {stderr}"
        );
    }
    // In the default tenant, admins are covered and management access is not.
    let fake = FakeAzure::start("default");
    let (report, _, _) = fake.scan_json(&["--services", "entra"]);
    assert_eq!(
        common::status_of(&report, "azure-entra-mfa-admins", &tenant),
        "pass"
    );
    assert_eq!(
        common::status_of(&report, "azure-entra-mfa-azure-management", &tenant),
        "fail"
    );
}

#[test]
fn a_graph_that_refuses_makes_only_the_entra_checks_errors() {
    let fake = FakeAzure::start("graph-denied");
    let (report, _, _) = fake.scan_json(&[]);
    assert_matches_expectations(&report, "expectations.graph-denied.json");
    let got = results_by_key(&report);
    let entra: Vec<_> = got
        .iter()
        .filter(|((c, _), _)| c.starts_with("azure-entra-"))
        .collect();
    assert_eq!(entra.len(), 2);
    for (_, (status, message)) in entra {
        assert_eq!(status, "error");
        assert!(message.contains("Authorization_RequestDenied"), "{message}");
    }
}

#[test]
fn a_malformed_answer_is_an_error_naming_the_call() {
    let fake = FakeAzure::start("malformed");
    let (report, _, _) = fake.scan_json(&[]);
    assert_matches_expectations(&report, "expectations.malformed.json");
    let got = results_by_key(&report);
    let (status, message) = got
        .get(&(
            "azure-storage-https-only".to_string(),
            listing_id(MAIN, "azure_storage_account"),
        ))
        .expect("the storage listing of the main subscription failed");
    assert_eq!(status, "error");
    assert!(
        message.contains("Microsoft.Storage/storageAccounts/read")
            && message.contains("not what the API documents"),
        "{message}"
    );
}

fn clause_statuses(report: &Value) -> BTreeMap<String, String> {
    report["policies"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_opendatadsl_pack_scores_an_azure_scan_clause_by_clause() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fake_azure/opendatadsl-statuses.json"
    );
    let fake = FakeAzure::start("default");
    // The main subscription: compliant settings, and a bad example of every resource.
    let (report, _, stderr) = fake.scan_json(&["--policy", "opendatadsl", "--subscription", MAIN]);
    assert_eq!(report["policies"][0]["id"], "opendatadsl", "{stderr}");
    let actual = clause_statuses(&report);
    if std::env::var_os("VOUCH_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
    }
    let expected: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(actual, expected);
    for s in ["met", "failed", "manual"] {
        assert!(actual.values().any(|v| v == s), "no {s} clause");
    }
    // With the denied subscription in scope, no mapped clause can be judged: error,
    // never met or failed.
    let (report, _, _) = fake.scan_json(&["--policy", "opendatadsl"]);
    let all = clause_statuses(&report);
    for (clause, status) in &actual {
        if status != "manual" {
            assert_eq!(all[clause], "error", "{clause}");
        }
    }
}

#[test]
fn a_saved_azure_inventory_checks_the_same_offline() {
    let fake = FakeAzure::start("default");
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("azure.json");
    let (live, _, _) = fake.scan_json(&["--save-inventory", inv.to_str().unwrap()]);
    drop(fake);
    let out = common::vouch()
        .args([
            "check",
            "--inventory",
            inv.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let offline: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(common::statuses(&live), common::statuses(&offline));
}

#[test]
fn a_rejected_secret_stops_the_scan_with_its_cause() {
    let fake = FakeAzure::start("default");
    let out = fake
        .scan()
        .env("AZURE_CLIENT_SECRET", "wrong")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("AADSTS7000215"), "{stderr}");
    assert!(stderr.contains("AZURE_CLIENT_SECRET"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_untrusted_certificate_or_a_bad_cert_file_is_reported() {
    let fake = FakeAzure::start("default");
    let out = fake.scan().env_remove("SSL_CERT_FILE").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.to_lowercase().contains("certificate"), "{stderr}");

    let out = fake
        .scan()
        .env("SSL_CERT_FILE", "/nonexistent/ca.pem")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("/nonexistent/ca.pem"), "{stderr}");
}

#[test]
fn an_endpoint_that_is_down_or_a_custom_cloud_without_endpoints_is_clear() {
    let out = common::vouch()
        .env("AZURE_TENANT_ID", TENANT)
        .env("AZURE_CLIENT_ID", fake_azure::CLIENT)
        .env("AZURE_CLIENT_SECRET", fake_azure::SECRET)
        .args(["scan", "azure", "--no-progress", "--cloud", "custom"])
        .args(["--authority-host", "https://127.0.0.1:9"])
        .args(["--arm-endpoint", "https://127.0.0.1:9"])
        .args(["--graph-endpoint", "https://127.0.0.1:9"])
        .args(["--max-attempts", "1"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("127.0.0.1:9"), "{stderr}");

    let out = common::vouch()
        .args(["scan", "azure", "--cloud", "custom"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--authority-host"), "{stderr}");

    let out = common::vouch()
        .env_remove("AZURE_CLIENT_SECRET")
        .env_remove("AZURE_FEDERATED_TOKEN_FILE")
        .args(["scan", "azure", "--auth", "service-principal"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("AZURE_CLIENT_SECRET"), "{stderr}");
}

#[test]
fn the_config_file_sets_the_cloud_and_the_subscriptions() {
    let fake = FakeAzure::start("default");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("vouch.toml");
    std::fs::write(
        &config,
        format!(
            "provider = \"azure\"\n\n[azure]\nsubscriptions = [\"{LAX}\"]\nauth = \"service-principal\"\ncloud = \"custom\"\nauthority_host = \"{o}\"\narm_endpoint = \"{o}\"\ngraph_endpoint = \"{g}\"\nmax_attempts = 2\n",
            o = fake.origin(),
            g = fake.graph_origin()
        ),
    )
    .unwrap();
    let check = common::vouch()
        .args(["config", "check", "--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // The fake's own endpoints on the command line are dropped: only the file names them.
    let out = common::vouch()
        .env("SSL_CERT_FILE", fake_azure::dir().join("tls/ca.pem"))
        .env("AZURE_TENANT_ID", TENANT)
        .env("AZURE_CLIENT_ID", fake_azure::CLIENT)
        .env("AZURE_CLIENT_SECRET", fake_azure::SECRET)
        .args(["scan", "azure", "--no-progress", "--format", "json"])
        .args(["--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let report: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let results = report["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{stderr}");
    for r in results {
        let id = r["resource"]["id"].as_str().unwrap();
        assert!(id.contains(LAX) || id.starts_with("/tenants/"), "{id}");
    }

    std::fs::write(&config, "provider = \"azure\"\n[azure]\ncloud = \"mars\"\n").unwrap();
    let bad = common::vouch()
        .args(["scan", "azure", "--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("mars") && stderr.contains("vouch.toml:3"),
        "{stderr}"
    );
}

/// Two checks whose default can only pass on a real Azure answer (PostgreSQL keeps at
/// least 7 days of backups; the seeded policy covers every default admin role) fail
/// through the whole pipeline when a pack asks for more.
#[test]
fn a_pack_asking_for_more_fails_the_checks_whose_defaults_pass() {
    let fake = FakeAzure::start("default");
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("stricter.toml");
    std::fs::write(
        &pack,
        r#"id = "stricter"
title = "Stricter than the defaults"
publisher = "vouch tests"
source = "tests/azure.rs"
provider = "azure"
summary = "Backups kept two weeks; MFA for Global Readers too."

[[clause]]
id = "S-1"
section = "1"
text = "Database backups are kept at least 14 days."
checks = [{ id = "azure-postgresql-backup-retention", params = { min_retention_days = 14 } }]

[[clause]]
id = "S-2"
section = "2"
text = "Global Readers sign in with MFA."
checks = [{ id = "azure-entra-mfa-admins", params = { admin_roles = ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"] } }]
"#,
    )
    .unwrap();
    let (report, _, stderr) =
        fake.scan_json(&["--policy", pack.to_str().unwrap(), "--subscription", MAIN]);
    let statuses = clause_statuses(&report);
    assert_eq!(statuses["S-1"], "failed", "{stderr}");
    assert_eq!(statuses["S-2"], "failed", "{stderr}");
    let failing = |check: &str| -> Vec<String> {
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["check"] == check && r["status"] == "fail")
            .map(|r| r["resource"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        failing("azure-postgresql-backup-retention"),
        ["pg-nossl-nogeo"]
    );
    assert_eq!(
        failing("azure-entra-mfa-admins"),
        [format!("Entra ID tenant {TENANT}")]
    );
}
