//! The fake Azure (token endpoint, Resource Manager, Graph) of tests/fake_azure/, run
//! for one test and stopped when it is dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

pub const TENANT: &str = "11111111-1111-1111-1111-111111111111";
pub const CLIENT: &str = "22222222-2222-2222-2222-222222222222";
pub const SECRET: &str = "fake-client-secret";
pub const MAIN: &str = "aaaaaaaa-0000-0000-0000-000000000001";
pub const LAX: &str = "aaaaaaaa-0000-0000-0000-000000000002";
pub const PARTIAL: &str = "aaaaaaaa-0000-0000-0000-000000000003";
pub const DENIED: &str = "aaaaaaaa-0000-0000-0000-000000000004";

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fake_azure")
}

pub struct FakeAzure {
    child: Child,
    pub port: u16,
    pub log: PathBuf,
    pub fault_log: PathBuf,
    _tmp: tempfile::TempDir,
}

impl FakeAzure {
    pub fn start(scenario: &str) -> FakeAzure {
        FakeAzure::start_with(scenario, None)
    }

    /// The fake with faults injected per request (`server.py --faults SPEC`).
    pub fn start_with(scenario: &str, faults: Option<&str>) -> FakeAzure {
        let tmp = tempfile::tempdir().unwrap();
        let log = tmp.path().join("requests.log");
        let fault_log = tmp.path().join("faults.log");
        let mut cmd = Command::new("python3");
        cmd.arg(dir().join("server.py"))
            .args(["--scenario", scenario, "--request-log"])
            .arg(&log);
        if let Some(spec) = faults {
            cmd.args(["--faults", spec, "--fault-log"]).arg(&fault_log);
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs tests/fake_azure/server.py");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("fake Azure did not start: {line:?}"));
        FakeAzure {
            child,
            port,
            log,
            fault_log,
            _tmp: tmp,
        }
    }

    pub fn origin(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// Graph is served on `localhost` so its token scope differs from ARM's.
    pub fn graph_origin(&self) -> String {
        format!("https://localhost:{}", self.port)
    }

    /// `vouch scan azure` against this server, signed in as the fake service principal.
    pub fn scan(&self) -> assert_cmd::Command {
        let mut cmd = super::vouch();
        for var in [
            "AZURE_FEDERATED_TOKEN_FILE",
            "AZURE_AUTHORITY_HOST",
            "IDENTITY_ENDPOINT",
            "MSI_ENDPOINT",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("SSL_CERT_FILE", dir().join("tls/ca.pem"))
            .env("AZURE_TENANT_ID", TENANT)
            .env("AZURE_CLIENT_ID", CLIENT)
            .env("AZURE_CLIENT_SECRET", SECRET)
            .args(["scan", "azure", "--no-progress", "--cloud", "custom"])
            .args(["--authority-host", &self.origin()])
            .args(["--arm-endpoint", &self.origin()])
            .args(["--graph-endpoint", &self.graph_origin()])
            .timeout(std::time::Duration::from_secs(300));
        cmd
    }

    /// A JSON scan with `args`: (report, exit code, standard error).
    pub fn scan_json(&self, args: &[&str]) -> (Value, i32, String) {
        let out = self
            .scan()
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let report =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        (report, out.status.code().unwrap(), stderr)
    }

    /// Every request the server saw, as `METHOD PATH?QUERY` lines.
    pub fn requests(&self) -> Vec<String> {
        lines_of(&self.log)
    }

    /// Every fault the server injected, as `KIND STATUS METHOD TARGET` lines.
    pub fn faults(&self) -> Vec<String> {
        lines_of(&self.fault_log)
    }
}

fn lines_of(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

impl Drop for FakeAzure {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The expectations of a scenario: (check, resource id) -> status.
pub fn expectations(file: &str) -> Vec<(String, String, String)> {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join(file)).unwrap()).unwrap();
    let list = v
        .as_array()
        .cloned()
        .or_else(|| v["expectations"].as_array().cloned());
    list.expect("a list of expectations")
        .iter()
        .map(|e| {
            (
                e["check"].as_str().unwrap().to_string(),
                e["resource"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
