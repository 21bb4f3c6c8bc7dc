//! Collectors: read-only API calls that build an [`Inventory`](crate::inventory::Inventory).

pub mod aws;
pub mod progress;

pub use progress::{NoProgress, Progress};

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
    #[error("cannot list the account's regions ({0}); name them with --region")]
    Regions(String),
    #[error("{0}")]
    Other(String),
}
