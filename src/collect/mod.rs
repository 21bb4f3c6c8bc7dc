//! Collectors: read-only API calls that build an [`Inventory`](crate::inventory::Inventory).

pub mod aws;
pub mod azure;
pub mod progress;

pub use progress::{NoProgress, Progress};

use crate::inventory::{Listing, Resource};

/// What one collector returns: the listings it attempted and the resources it read.
#[derive(Debug, Default)]
pub struct Collected {
    pub listings: Vec<Listing>,
    pub resources: Vec<Resource>,
}

impl Collected {
    /// Records the outcome of listing one resource type in one account (or
    /// subscription) and region; a failed listing makes the type's checks `error`.
    pub fn record(
        &mut self,
        resource_type: &str,
        account: &str,
        region: &str,
        outcome: Result<Vec<Resource>, String>,
    ) {
        self.record_in(None, resource_type, account, region, outcome);
    }

    /// As [`Collected::record`], naming the provider id of the scope that was listed.
    pub fn record_in(
        &mut self,
        scope: Option<String>,
        resource_type: &str,
        account: &str,
        region: &str,
        outcome: Result<Vec<Resource>, String>,
    ) {
        let (resources, error) = match outcome {
            Ok(resources) => (resources, None),
            Err(reason) => (Vec::new(), Some(reason)),
        };
        self.record_partial(scope, resource_type, account, region, resources, error);
    }

    /// Records a listing that found `resources` and may still be incomplete: with an
    /// `error`, the resources are judged and the type's checks also report the error
    /// for what the listing could not name.
    pub fn record_partial(
        &mut self,
        scope: Option<String>,
        resource_type: &str,
        account: &str,
        region: &str,
        resources: Vec<Resource>,
        error: Option<String>,
    ) {
        self.resources.extend(resources);
        self.listings.push(Listing {
            resource_type: resource_type.to_string(),
            account: account.to_string(),
            region: region.to_string(),
            error,
            scope,
        });
    }

    pub fn merge(&mut self, other: Collected) {
        self.listings.extend(other.listings);
        self.resources.extend(other.resources);
    }

    /// Sorted, so that concurrency never makes two scans of the same account differ.
    pub fn sorted(mut self) -> Collected {
        self.resources
            .sort_by(|a, b| (&a.resource_type, &a.id).cmp(&(&b.resource_type, &b.id)));
        self.listings.sort_by(|a, b| {
            (&a.resource_type, &a.account, &a.region).cmp(&(
                &b.resource_type,
                &b.account,
                &b.region,
            ))
        });
        self
    }
}

/// The collectors to run: those named (the registry's names, as a scan's checks need
/// them), or every one the registry knows when none is named.
pub fn chosen(
    registry: &crate::registry::Registry,
    named: &[String],
) -> Result<std::collections::BTreeSet<String>, CollectError> {
    let known = registry.collector_names();
    if named.is_empty() {
        return Ok(known.into_iter().map(str::to_string).collect());
    }
    match named.iter().find(|n| !known.contains(n.as_str())) {
        Some(unknown) => Err(CollectError::Config(format!(
            "{unknown:?} is not a collector vouch has ({})",
            known.into_iter().collect::<Vec<_>>().join(", ")
        ))),
        None => Ok(named.iter().cloned().collect()),
    }
}

/// Runs collectors `at_once` at a time and merges what they return; with `progress`,
/// each finished collector counts as one unit of work.
pub async fn run_all<F>(
    jobs: impl IntoIterator<Item = F>,
    at_once: usize,
    progress: Option<&dyn Progress>,
) -> Collected
where
    F: Future<Output = Collected>,
{
    use futures::StreamExt;
    let mut parts = futures::stream::iter(jobs).buffer_unordered(at_once);
    let mut all = Collected::default();
    while let Some(part) = parts.next().await {
        if let Some(p) = progress {
            p.done_work(1);
        }
        all.merge(part);
    }
    all
}

/// Why a scan could not run at all (as opposed to a value that could not be read,
/// which becomes an `error` result and lets the scan go on).
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error(
        "no usable AWS credentials: {0}. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or log in with `aws sso login`"
    )]
    NoCredentials(String),
    #[error(
        "AWS rejected the credentials ({0}). Check that the keys are current and belong to the account you mean to scan"
    )]
    BadCredentials(String),
    #[error(
        "cannot reach {endpoint}: {reason}. Is the endpoint up (for the demo: `localstack/up.sh`), and is AWS_ENDPOINT_URL right?"
    )]
    Unreachable { endpoint: String, reason: String },
    #[error(
        "no usable Azure credential ({0}). Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_FEDERATED_TOKEN_FILE), run `az login`, or run on a host with a managed identity"
    )]
    AzureNoCredentials(String),
    #[error(
        "Azure refused the sign-in ({0}). Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, the `az login` account, or choose a method with --auth"
    )]
    AzureBadCredentials(String),
    #[error("cannot list the account's regions ({0}); name them with --region")]
    Regions(String),
    #[error("{0}")]
    Other(String),
    /// The scan's own settings are wrong (a certificate file, an endpoint URL).
    #[error("{0}")]
    Config(String),
}
