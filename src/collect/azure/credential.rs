//! The credential chain. `azure_identity` 1.x ships the credentials but no default
//! chain, so vouch builds one in the order a scan is usually run: a service principal
//! from `AZURE_*` variables (scheduled jobs, CI), workload identity (Kubernetes), a
//! managed identity (Azure hosts), then the Azure CLI's login (a person at a terminal).
//! `--auth` picks one and reports its own error instead of walking the chain.

use std::ffi::OsStr;
use std::process::{Output, Stdio};
use std::sync::Arc;

use azure_core::credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions};
use azure_core::http::{ClientOptions, HttpClient, Transport};
use azure_identity::{
    AzureCliCredential, AzureCliCredentialOptions, ClientAssertionCredentialOptions,
    ClientSecretCredential, ClientSecretCredentialOptions, Executor, ManagedIdentityCredential,
    ManagedIdentityCredentialOptions, UserAssignedId, WorkloadIdentityCredential,
    WorkloadIdentityCredentialOptions,
};
use tokio::sync::Mutex;

use super::cloud::Cloud;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// Try each below in turn and use the first that signs in.
    #[default]
    Auto,
    /// AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.
    ServicePrincipal,
    /// AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (AKS workload identity).
    WorkloadIdentity,
    /// The host's managed identity (AZURE_CLIENT_ID picks a user-assigned one).
    ManagedIdentity,
    /// The account logged in with `az login`.
    AzureCli,
}

impl AuthMethod {
    fn label(self) -> &'static str {
        match self {
            AuthMethod::Auto => "auto",
            AuthMethod::ServicePrincipal => "service principal (AZURE_CLIENT_SECRET)",
            AuthMethod::WorkloadIdentity => "workload identity (AZURE_FEDERATED_TOKEN_FILE)",
            AuthMethod::ManagedIdentity => "managed identity",
            AuthMethod::AzureCli => "Azure CLI (az login)",
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// What every credential's own pipeline (its token requests) shares with the API
/// clients: the transport, the cloud, and the retry budget.
pub struct Setup<'a> {
    pub cloud: &'a Cloud,
    pub transport: &'a Arc<dyn HttpClient>,
    pub max_attempts: u32,
}

fn client_options(setup: &Setup<'_>) -> ClientOptions {
    let (cloud, transport) = (setup.cloud, setup.transport);
    ClientOptions {
        transport: Some(Transport::new(transport.clone())),
        retry: super::api::retry_options(setup.max_attempts),
        cloud: Some(Arc::new(cloud.configuration())),
        ..Default::default()
    }
}

/// Builds one credential; `Ok(None)` when its variables are not set (the chain skips it).
fn build(
    method: AuthMethod,
    setup: &Setup<'_>,
) -> Result<Option<Arc<dyn TokenCredential>>, String> {
    let tenant = env("AZURE_TENANT_ID");
    let client = env("AZURE_CLIENT_ID");
    match method {
        AuthMethod::Auto => Ok(None),
        AuthMethod::ServicePrincipal => {
            let Some(secret) = env("AZURE_CLIENT_SECRET") else {
                return Ok(None);
            };
            let (Some(tenant), Some(client)) = (tenant, client) else {
                return Err(
                    "AZURE_CLIENT_SECRET is set but AZURE_TENANT_ID or AZURE_CLIENT_ID is not"
                        .into(),
                );
            };
            let options = ClientSecretCredentialOptions {
                client_options: client_options(setup),
            };
            ClientSecretCredential::new(&tenant, client, Secret::new(secret), Some(options))
                .map(|c| Some(c as Arc<dyn TokenCredential>))
                .map_err(|e| e.to_string())
        }
        AuthMethod::WorkloadIdentity => {
            if env("AZURE_FEDERATED_TOKEN_FILE").is_none() {
                return Ok(None);
            }
            let options = WorkloadIdentityCredentialOptions {
                credential_options: ClientAssertionCredentialOptions {
                    client_options: client_options(setup),
                },
                ..Default::default()
            };
            WorkloadIdentityCredential::new(Some(options))
                .map(|c| Some(c as Arc<dyn TokenCredential>))
                .map_err(|e| e.to_string())
        }
        AuthMethod::ManagedIdentity => {
            let options = ManagedIdentityCredentialOptions {
                user_assigned_id: client.map(UserAssignedId::ClientId),
                client_options: client_options(setup),
            };
            ManagedIdentityCredential::new(Some(options))
                .map(|c| Some(c as Arc<dyn TokenCredential>))
                .map_err(|e| e.to_string())
        }
        AuthMethod::AzureCli => {
            let options = AzureCliCredentialOptions {
                tenant_id: tenant,
                executor: Some(Arc::new(TimedExecutor {
                    timeout: AZ_CLI_TIMEOUT,
                })),
                ..Default::default()
            };
            AzureCliCredential::new(Some(options))
                .map(|c| Some(c as Arc<dyn TokenCredential>))
                .map_err(|e| e.to_string())
        }
    }
}

/// How long `az account get-access-token` may take. A CLI waiting for a prompt, a
/// broken Python or a hung proxy would otherwise hold the scan forever.
pub const AZ_CLI_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Runs the Azure CLI as azure_identity's own executor does, with a time limit. `az`
/// is a shell script that starts Python, so on timeout the whole process group goes.
#[derive(Debug)]
struct TimedExecutor {
    timeout: std::time::Duration,
}

#[async_trait::async_trait]
impl Executor for TimedExecutor {
    async fn run(&self, program: &OsStr, args: &[&OsStr]) -> std::io::Result<Output> {
        let mut cmd = tokio::process::Command::new(program);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        #[cfg(unix)]
        cmd.process_group(0);
        let child = cmd.spawn()?;
        let pid = child.id();
        match tokio::time::timeout(self.timeout, child.wait_with_output()).await {
            Ok(output) => output,
            Err(_) => {
                #[cfg(unix)]
                if let Some(pid) = pid {
                    let _ = std::process::Command::new("kill")
                        .args(["-KILL", "--", &format!("-{pid}")])
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status();
                }
                #[cfg(not(unix))]
                let _ = pid;
                Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!(
                        "the Azure CLI did not answer within {} s (try `az account get-access-token` yourself; run `az login` again, or pick another --auth)",
                        self.timeout.as_secs()
                    ),
                ))
            }
        }
    }
}

const CHAIN: [AuthMethod; 4] = [
    AuthMethod::ServicePrincipal,
    AuthMethod::WorkloadIdentity,
    AuthMethod::ManagedIdentity,
    AuthMethod::AzureCli,
];

/// Tries its credentials in order until one returns a token, then keeps using that one,
/// so a scan never mixes identities.
#[derive(Debug)]
pub struct ChainCredential {
    links: Vec<(AuthMethod, Arc<dyn TokenCredential>)>,
    chosen: Mutex<Option<usize>>,
    /// Why links could not even be built (e.g. half-set variables), for the final error.
    notes: Vec<String>,
}

impl ChainCredential {
    pub fn new(method: AuthMethod, setup: &Setup<'_>) -> Result<Self, String> {
        // Variables set for a service principal or workload identity say what the
        // operator meant: that credential alone is used, and its refusal is reported
        // rather than hidden behind a fallback to another identity.
        let methods: Vec<AuthMethod> = match method {
            AuthMethod::Auto if env("AZURE_CLIENT_SECRET").is_some() => {
                vec![AuthMethod::ServicePrincipal]
            }
            AuthMethod::Auto if env("AZURE_FEDERATED_TOKEN_FILE").is_some() => {
                vec![AuthMethod::WorkloadIdentity]
            }
            AuthMethod::Auto => CHAIN[2..].to_vec(),
            one => vec![one],
        };
        let mut links = Vec::new();
        let mut notes = Vec::new();
        for m in methods {
            match build(m, setup) {
                Ok(Some(c)) => links.push((m, c)),
                Ok(None) => notes.push(format!("{}: not configured", m.label())),
                Err(e) => notes.push(format!("{}: {e}", m.label())),
            }
        }
        if links.is_empty() {
            return Err(notes.join("; "));
        }
        Ok(ChainCredential {
            links,
            chosen: Mutex::new(None),
            notes,
        })
    }
}

#[async_trait::async_trait]
impl TokenCredential for ChainCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let mut chosen = self.chosen.lock().await;
        if let Some(i) = *chosen {
            return self.links[i].1.get_token(scopes, options).await;
        }
        let mut failures = self.notes.clone();
        for (i, (method, credential)) in self.links.iter().enumerate() {
            match credential.get_token(scopes, options.clone()).await {
                Ok(token) => {
                    *chosen = Some(i);
                    return Ok(token);
                }
                Err(e) => failures.push(format!("{}: {}", method.label(), first_line(&e))),
            }
        }
        Err(azure_core::Error::with_message(
            azure_core::error::ErrorKind::Credential,
            failures.join("; "),
        ))
    }
}

/// An azure_core error with its causes (the pipeline wraps the useful part), on one
/// line: azure_identity's messages carry a troubleshooting link and several lines.
pub fn first_line(e: &azure_core::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = next {
        let whole = err.to_string();
        let text: Vec<&str> = whole
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("To troubleshoot"))
            .collect();
        let text = text.join(" ");
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    parts.join(": ")
}
