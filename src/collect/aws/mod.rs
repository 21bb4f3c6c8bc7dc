//! AWS collectors over the official SDK, with its default credential chain, adaptive
//! retry and endpoint overrides (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`).

pub mod error;
pub mod http;
pub mod permissions;
pub mod s3;

use std::sync::Arc;
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use chrono::Utc;

use super::{CollectError, Progress};
use crate::inventory::{INVENTORY_FORMAT, Inventory, Provider};

#[derive(Debug, Clone)]
pub struct AwsOptions {
    /// Regions to scan; empty means every region enabled for the account.
    pub regions: Vec<String>,
    pub profile: Option<String>,
    /// Overrides `AWS_ENDPOINT_URL` for every service.
    pub endpoint_url: Option<String>,
    /// Calls in flight at once per collector.
    pub concurrency: usize,
    /// Attempts per call, including the first (the SDK's adaptive retry).
    pub max_attempts: u32,
    /// Services to collect (`s3`, ...); empty means all vouch knows.
    pub services: Vec<String>,
}

impl Default for AwsOptions {
    fn default() -> Self {
        AwsOptions {
            regions: Vec::new(),
            profile: None,
            endpoint_url: None,
            concurrency: 16,
            max_attempts: 4,
            services: Vec::new(),
        }
    }
}

/// Everything a service collector needs, built once per scan.
pub struct AwsContext {
    pub config: SdkConfig,
    pub account: String,
    pub regions: Vec<String>,
    pub concurrency: usize,
    /// S3 clients use path-style addressing when an endpoint is overridden: emulators
    /// and private endpoints serve buckets by path, not by host name.
    pub path_style: bool,
    pub progress: Arc<dyn Progress>,
}

/// Region used for account-wide calls when none is configured.
const HOME_REGION: &str = "us-east-1";

fn endpoint_shown(config: &SdkConfig) -> String {
    config
        .endpoint_url()
        .map(str::to_string)
        .unwrap_or_else(|| "the AWS API".into())
}

impl AwsContext {
    /// Loads configuration and credentials and proves they work (STS
    /// GetCallerIdentity); failures here stop the scan with a clear cause.
    pub async fn connect(
        opts: &AwsOptions,
        progress: Arc<dyn Progress>,
    ) -> Result<Self, CollectError> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .http_client(http::http_client())
            .retry_config(RetryConfig::adaptive().with_max_attempts(opts.max_attempts.max(1)))
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .operation_attempt_timeout(Duration::from_secs(30))
                    .operation_timeout(Duration::from_secs(120))
                    .build(),
            );
        if let Some(profile) = &opts.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &opts.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let mut config = loader.load().await;
        if config.region().is_none() {
            let region = opts
                .regions
                .first()
                .cloned()
                .unwrap_or_else(|| HOME_REGION.into());
            config = config.into_builder().region(Region::new(region)).build();
        }
        progress.stage("checking credentials");
        let provider = config.credentials_provider().ok_or_else(|| {
            CollectError::NoCredentials("no credential provider is configured".into())
        })?;
        provider.provide_credentials().await.map_err(|e| {
            use aws_credential_types::provider::error::CredentialsError;
            CollectError::NoCredentials(match e {
                CredentialsError::CredentialsNotLoaded(_) => "none of the sources is configured (environment, profile, SSO, web identity, ECS, instance metadata)".into(),
                CredentialsError::ProviderTimedOut(_) => "the credential provider timed out".into(),
                other => error::root_cause(&other),
            })
        })?;

        let sts = aws_sdk_sts::Client::new(&config);
        let identity = sts.get_caller_identity().send().await.map_err(|e| {
            let reason = error::reason("sts:GetCallerIdentity", &e);
            if error::is_unreachable(&e) {
                CollectError::Unreachable {
                    endpoint: endpoint_shown(&config),
                    reason,
                }
            } else if aws_smithy_types::error::metadata::ProvideErrorMetadata::code(&e)
                .is_some_and(|c| error::BAD_CREDENTIAL_CODES.contains(&c))
            {
                CollectError::BadCredentials(reason)
            } else {
                CollectError::Other(reason)
            }
        })?;
        let account = identity.account().map(str::to_string).ok_or_else(|| {
            CollectError::Other("sts:GetCallerIdentity returned no account id".into())
        })?;

        let regions = if opts.regions.is_empty() {
            progress.stage("listing enabled regions");
            enabled_regions(&config).await?
        } else {
            opts.regions.clone()
        };
        let path_style =
            config.endpoint_url().is_some() || std::env::var_os("AWS_ENDPOINT_URL_S3").is_some();
        Ok(AwsContext {
            config,
            account,
            regions,
            concurrency: opts.concurrency.max(1),
            path_style,
            progress,
        })
    }

    /// The shared configuration pinned to one region.
    pub fn regional(&self, region: &str) -> SdkConfig {
        self.config
            .clone()
            .into_builder()
            .region(Region::new(region.to_string()))
            .build()
    }

    pub fn scans_region(&self, region: &str) -> bool {
        self.regions.iter().any(|r| r == region)
    }
}

async fn enabled_regions(config: &SdkConfig) -> Result<Vec<String>, CollectError> {
    let ec2 = aws_sdk_ec2::Client::new(config);
    let out = ec2
        .describe_regions()
        .all_regions(false)
        .send()
        .await
        .map_err(|e| CollectError::Regions(error::reason("ec2:DescribeRegions", &e)))?;
    let mut regions: Vec<String> = out
        .regions()
        .iter()
        .filter(|r| r.opt_in_status() != Some("not-opted-in"))
        .filter_map(|r| r.region_name().map(str::to_string))
        .collect();
    regions.sort();
    if regions.is_empty() {
        return Err(CollectError::Regions(
            "ec2:DescribeRegions returned no regions".into(),
        ));
    }
    Ok(regions)
}

/// Collects everything the selected services need into one inventory.
pub async fn collect(
    opts: &AwsOptions,
    progress: Arc<dyn Progress>,
) -> Result<Inventory, CollectError> {
    let ctx = AwsContext::connect(opts, progress).await?;
    let wants = |svc: &str| opts.services.is_empty() || opts.services.iter().any(|s| s == svc);
    let mut inventory = Inventory {
        format: INVENTORY_FORMAT.into(),
        provider: Provider::Aws,
        account: ctx.account.clone(),
        regions: ctx.regions.clone(),
        collected_at: Utc::now(),
        listings: Vec::new(),
        resources: Vec::new(),
    };
    if wants("s3") {
        let part = s3::collect(&ctx).await;
        inventory.listings.extend(part.listings);
        inventory.resources.extend(part.resources);
    }
    inventory
        .resources
        .sort_by(|a, b| (&a.resource_type, &a.id).cmp(&(&b.resource_type, &b.id)));
    Ok(inventory)
}

/// What one service collector returns.
#[derive(Debug, Default)]
pub struct Collected {
    pub listings: Vec<crate::inventory::Listing>,
    pub resources: Vec<crate::inventory::Resource>,
}

/// Service names vouch can collect on AWS, for `--services` validation.
pub const SERVICES: [&str; 1] = ["s3"];
