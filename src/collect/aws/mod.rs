//! AWS collectors over the official SDK, with its default credential chain, standard
//! retry and endpoint overrides (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`).

pub mod accessanalyzer;
pub mod acm;
pub mod apigateway;
pub mod autoscaling;
pub mod backup;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod cognito;
pub mod config;
pub mod datastores;
pub mod detection;
pub mod directconnect;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod efs;
pub mod eks;
pub mod elasticache;
pub mod elbv2;
pub mod env_values;
pub mod error;
pub mod filter_pattern;
pub mod http;
pub mod iam;
pub mod iam_certificates;
pub mod iam_identity;
pub mod join;
pub mod kinesis;
pub mod kms;
pub mod lambda;
pub mod launch_templates;
pub mod list;
pub mod logs;
pub mod monitoring;
pub mod opensearch;
pub mod organizations;
pub mod permissions;
pub mod rds;
pub mod redshift;
#[cfg(test)]
pub(crate) mod replay;
pub mod s3;
pub mod secretsmanager;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod waf;

use std::sync::Arc;
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use chrono::Utc;

use super::{CollectError, Progress};
use crate::inventory::{INVENTORY_FORMAT, Inventory, Provider, Resource, attributes_of};

#[derive(Debug, Clone)]
pub struct AwsOptions {
    /// Regions to scan; empty means every region enabled for the account.
    pub regions: Vec<String>,
    pub profile: Option<String>,
    /// Overrides `AWS_ENDPOINT_URL` for every service.
    pub endpoint_url: Option<String>,
    /// Calls in flight at once per collector.
    pub concurrency: usize,
    /// Attempts per call, including the first (the SDK's standard retry).
    pub max_attempts: u32,
    /// Collectors to run, as the registry names them (`s3`, ...); empty means all.
    pub collectors: Vec<String>,
}

impl Default for AwsOptions {
    fn default() -> Self {
        AwsOptions {
            regions: Vec::new(),
            profile: None,
            endpoint_url: None,
            concurrency: 16,
            max_attempts: 4,
            collectors: Vec::new(),
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
        .map(crate::redact::redact_userinfo)
        .unwrap_or_else(|| "the AWS API".into())
}

/// Points an SDK config loader at the account and endpoint of the scan (`--profile`,
/// `--endpoint-url`, `[aws]`), so every call of one run, the Security Hub import too,
/// goes where the reads went.
fn with_scan_target(
    mut loader: aws_config::ConfigLoader,
    opts: &AwsOptions,
) -> aws_config::ConfigLoader {
    if let Some(profile) = &opts.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    loader
}

/// The region for account-wide calls when neither the environment nor the profile
/// names one: the first scanned region, else us-east-1.
fn with_home_region(config: SdkConfig, opts: &AwsOptions) -> SdkConfig {
    if config.region().is_some() {
        return config;
    }
    let region = opts
        .regions
        .first()
        .cloned()
        .unwrap_or_else(|| HOME_REGION.into());
    config.into_builder().region(Region::new(region)).build()
}

/// The SDK configuration of one run: the scan's account and endpoint, its home
/// region, and the retry and time bounds, shared by the collectors and the Security Hub
/// import so both behave alike under throttling and go to the same account.
pub async fn sdk_config(opts: &AwsOptions) -> Result<SdkConfig, CollectError> {
    let loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http::http_client())
        .retry_config(retry_config(opts.max_attempts))
        .timeout_config(timeout_config()?);
    Ok(with_home_region(
        with_scan_target(loader, opts).load().await,
        opts,
    ))
}

impl AwsContext {
    /// Loads configuration and credentials and proves they work (STS
    /// GetCallerIdentity); failures here stop the scan with a clear cause.
    pub async fn connect(
        opts: &AwsOptions,
        progress: Arc<dyn Progress>,
    ) -> Result<Self, CollectError> {
        let config = sdk_config(opts).await?;
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
}

/// Standard retry (exponential backoff with full jitter, the SDK's retry quota per
/// service and region), not adaptive: adaptive retry's client-side rate limiter, once
/// one call of a service is throttled, makes every later call of that service wait for
/// a token refilled at a rate measured over the scan's first burst (0.5 per second at
/// the floor, 10 tokens for a throttled retry). On the demo account with 10 % of
/// requests throttled that made the scan 8 to 11 times slower; standard retry makes only the
/// throttled call wait (docs/retries.md has the figures).
fn retry_config(max_attempts: u32) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(max_attempts.max(1))
        .with_initial_backoff(INITIAL_BACKOFF)
        .with_max_backoff(MAX_BACKOFF)
}

/// The longest first wait before a retry (the wait doubles per attempt; each is a
/// random fraction of that). Half the SDK's 1 s: with the default 4 attempts a call
/// still waits up to 3.5 s in all for a throttled API.
const INITIAL_BACKOFF: Duration = Duration::from_millis(500);

/// Bounds one wait when `--max-attempts` is raised: the SDK's 20 s would let a call of
/// 8 attempts wait more than a minute.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Overrides the attempt timeout, in milliseconds. Not a flag: the default suits every
/// real account; the fault-injection tests shorten it so a hung connection costs them
/// seconds.
const ATTEMPT_TIMEOUT_ENV: &str = "VOUCH_AWS_ATTEMPT_TIMEOUT_MS";

const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

fn timeout_config() -> Result<TimeoutConfig, CollectError> {
    let attempt = match std::env::var(ATTEMPT_TIMEOUT_ENV) {
        Err(_) => ATTEMPT_TIMEOUT,
        Ok(v) => match v.trim().parse::<u64>() {
            Ok(ms) if ms > 0 => Duration::from_millis(ms),
            _ => {
                return Err(CollectError::Config(format!(
                    "{ATTEMPT_TIMEOUT_ENV}={v:?} is not a positive number of milliseconds; unset it or give e.g. 5000"
                )));
            }
        },
    };
    Ok(TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(attempt)
        .operation_timeout(Duration::from_secs(120))
        .build())
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

/// Collects what the chosen collectors produce into one inventory.
pub async fn collect(
    opts: &AwsOptions,
    progress: Arc<dyn Progress>,
) -> Result<Inventory, CollectError> {
    let registry = crate::registry::of(Provider::Aws);
    let names = super::chosen(registry, &opts.collectors)?;
    let ctx = AwsContext::connect(opts, progress).await?;
    let mut inventory = Inventory {
        format: INVENTORY_FORMAT.into(),
        provider: Provider::Aws,
        account: ctx.account.clone(),
        regions: ctx.regions.clone(),
        collected_at: Utc::now(),
        listings: Vec::new(),
        resources: Vec::new(),
    };
    // Each collector runs once, several at a time; each one bounds its own regions and
    // calls in turn.
    let jobs: Vec<Job<'_>> = names.iter().filter_map(|name| job(name, &ctx)).collect();
    let mut all = super::run_all(jobs, SERVICES_AT_ONCE, None).await;
    join::draw_all(&mut all);
    if !opts.regions.is_empty() {
        let unscanned = unscanned_regions(&ctx, enabled_regions(&ctx.config).await);
        if let Some(why) = unscanned.listings.iter().find_map(|l| l.error.clone()) {
            cognito::none_found_where_scanned(&mut all.resources, &why);
        }
        all.merge(unscanned);
    }
    if names.contains(datastores::SERVICE) {
        datastores::add(&ctx, &mut all);
    }
    let all = all.sorted();
    inventory.listings = all.listings;
    inventory.resources = all.resources;
    Ok(inventory)
}

type Job<'a> = std::pin::Pin<Box<dyn Future<Output = Collected> + Send + 'a>>;

/// The collector the registry names `name`; `None` for the data-store summary, which
/// is drawn from the others after collection.
fn job<'a>(name: &str, c: &'a AwsContext) -> Option<Job<'a>> {
    Some(match name {
        "s3" => Box::pin(s3::collect(c)),
        "iam" => Box::pin(iam::collect(c)),
        "ec2" => Box::pin(ec2::collect(c)),
        "rds" => Box::pin(rds::collect(c)),
        "cloudtrail" => Box::pin(cloudtrail::collect(c)),
        "kms" => Box::pin(kms::collect(c)),
        "backup" => Box::pin(backup::collect(c)),
        "guardduty" => Box::pin(detection::collect_guardduty(c)),
        "inspector" => Box::pin(detection::collect_inspector(c)),
        "securityhub" => Box::pin(detection::collect_securityhub(c)),
        "shield" => Box::pin(detection::collect_shield(c)),
        "cognito" => Box::pin(cognito::collect(c)),
        "efs" => Box::pin(efs::collect(c)),
        "eks" => Box::pin(eks::collect(c)),
        "dynamodb" => Box::pin(dynamodb::collect(c)),
        "elasticache" => Box::pin(elasticache::collect(c)),
        "opensearch" => Box::pin(opensearch::collect(c)),
        "redshift" => Box::pin(redshift::collect(c)),
        "config" => Box::pin(config::collect(c)),
        "secretsmanager" => Box::pin(secretsmanager::collect(c)),
        "elbv2" => Box::pin(elbv2::collect(c)),
        "autoscaling" => Box::pin(autoscaling::collect(c)),
        "ecs" => Box::pin(ecs::collect(c)),
        "directconnect" => Box::pin(directconnect::collect(c)),
        "logs" => Box::pin(logs::collect(c)),
        "cloudwatch" => Box::pin(cloudwatch::collect(c)),
        "sns" => Box::pin(sns::collect(c)),
        "sqs" => Box::pin(sqs::collect(c)),
        "ecr" => Box::pin(ecr::collect(c)),
        "kinesis" => Box::pin(kinesis::collect(c)),
        "lambda" => Box::pin(lambda::collect(c)),
        "ssm" => Box::pin(ssm::collect(c)),
        "apigateway" => Box::pin(apigateway::collect(c)),
        "accessanalyzer" => Box::pin(accessanalyzer::collect(c)),
        "acm" => Box::pin(acm::collect(c)),
        "cloudfront" => Box::pin(cloudfront::collect(c)),
        "organizations" => Box::pin(organizations::collect(c)),
        _ => return None,
    })
}

/// The type of the listings that stand for "everything in a region": a failed one says
/// the region's resources are unknown. Only checks over every type (data residency)
/// match it, so a scan narrowed with `--region` cannot pass "resources exist only in
/// the allowed regions" on the regions it did not look at.
pub const REGION_CONTENTS: &str = "aws_resources";

/// A failed [`REGION_CONTENTS`] listing, for the whole account, naming the enabled
/// regions the scan leaves out (or saying the regions could not be listed). One
/// listing, so a scan of two regions out of twenty gets one `error`, not eighteen.
pub fn unscanned_regions(
    ctx: &AwsContext,
    enabled: Result<Vec<String>, CollectError>,
) -> Collected {
    let mut out = Collected::default();
    let error = match enabled {
        Ok(regions) => {
            let left_out: Vec<&str> = regions
                .iter()
                .filter(|r| !ctx.regions.contains(r))
                .map(String::as_str)
                .collect();
            if left_out.is_empty() {
                return out;
            }
            format!(
                "the scan was limited with --region and left out {} of the account's enabled regions ({}), so what they hold is unknown",
                left_out.len(),
                left_out.join(", ")
            )
        }
        Err(e) => {
            let why = match e {
                CollectError::Regions(r) => r,
                other => other.to_string(),
            };
            format!(
                "the account's regions could not be listed, so what lies outside the scanned regions is unknown ({why})"
            )
        }
    };
    out.listed(
        ctx,
        REGION_CONTENTS,
        crate::inventory::GLOBAL_REGION,
        Err(error),
    );
    out
}

pub use super::Collected;

impl Collected {
    /// Records the outcome of listing one resource type in one region.
    pub fn listed(
        &mut self,
        ctx: &AwsContext,
        resource_type: &str,
        region: &str,
        outcome: Result<Vec<Resource>, String>,
    ) {
        self.record(resource_type, &ctx.account, region, outcome);
    }

    /// Each failed listing of `resource_type`, as "region: reason": what an account-wide
    /// summary built from those listings could not see.
    pub fn listing_errors(&self, resource_type: &str) -> Vec<String> {
        self.listings
            .iter()
            .filter(|l| l.resource_type == resource_type)
            .filter_map(|l| l.error.as_ref().map(|e| format!("{}: {e}", l.region)))
            .collect()
    }

    /// A region's (or the account's) settings resource, such as "GuardDuty in
    /// us-east-1", which gives promises about a region a resource to pass or fail.
    pub fn settings<T: serde::Serialize>(
        ctx: &AwsContext,
        resource_type: &str,
        service: &str,
        region: &str,
        label: &str,
        attrs: &T,
    ) -> Collected {
        let settings = ctx.settings_resource(resource_type, service, region, label, attrs);
        let mut out = Collected::default();
        out.listed(ctx, resource_type, region, Ok(vec![settings]));
        out
    }
}

/// What one listing found: its resources, and the items that came without the id vouch
/// names a resource by. Such an item cannot be judged, and dropping it quietly would
/// let the listing pass as complete, so each one makes the listing an error.
#[derive(Debug, Default)]
pub struct Found {
    pub resources: Vec<Resource>,
    /// (operation, field) of every item left out, in the order met.
    without_id: Vec<(String, String)>,
}

impl Found {
    pub fn push(&mut self, resource: Resource) {
        self.resources.push(resource);
    }

    /// Records an item of `operation`'s answer that lacks `field`, its identifier.
    pub fn without_id(&mut self, operation: &str, field: &str) {
        self.without_id
            .push((operation.to_string(), field.to_string()));
    }

    /// Why the listing is incomplete, if it is: how many items had no id, per field.
    pub fn error(&self) -> Option<String> {
        if self.without_id.is_empty() {
            return None;
        }
        let mut counts: std::collections::BTreeMap<&(String, String), usize> = Default::default();
        for what in &self.without_id {
            *counts.entry(what).or_default() += 1;
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|((op, field), n)| {
                let items = if *n == 1 { "item has" } else { "items have" };
                format!("{op}: {n} {items} no {field}")
            })
            .collect();
        Some(format!("{}; such items cannot be judged", parts.join("; ")))
    }
}

impl Collected {
    /// Records a listing that may have found items without an id: the resources it
    /// could name are kept and judged, and the listing carries the error for the rest.
    pub fn found(
        &mut self,
        ctx: &AwsContext,
        resource_type: &str,
        region: &str,
        outcome: Result<Found, String>,
    ) {
        match outcome {
            Err(e) => self.listed(ctx, resource_type, region, Err(e)),
            Ok(found) => {
                let error = found.error();
                self.record_partial(
                    None,
                    resource_type,
                    &ctx.account,
                    region,
                    found.resources,
                    error,
                );
            }
        }
    }
}

/// Runs a regional collector in every scanned region, a few regions at a time.
pub async fn per_region<'a, F, Fut>(ctx: &'a AwsContext, service: &str, f: F) -> Collected
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Collected> + 'a,
{
    ctx.progress
        .stage(&format!("{service}: reading {} regions", ctx.regions.len()));
    ctx.progress.add_work(ctx.regions.len() as u64);
    super::run_all(
        ctx.regions.clone().into_iter().map(f),
        REGIONS_AT_ONCE,
        Some(ctx.progress.as_ref()),
    )
    .await
}

/// Services collected at once.
const SERVICES_AT_ONCE: usize = 4;

/// Regions read at once by one service; each region's calls are bounded again by
/// `concurrency`, so the product stays polite to the API.
const REGIONS_AT_ONCE: usize = 4;

impl AwsContext {
    /// A resource in this account from a typed attribute struct.
    pub fn resource<T: serde::Serialize>(
        &self,
        resource_type: &str,
        id: String,
        name: String,
        region: &str,
        attrs: &T,
    ) -> Resource {
        Resource {
            attributes: attributes_of(&id, attrs).unwrap_or_default(),
            id,
            resource_type: resource_type.to_string(),
            name,
            account: self.account.clone(),
            region: region.to_string(),
        }
    }

    /// The settings resource of a region (or the account), such as "GuardDuty in
    /// us-east-1", which gives promises about a region a resource to pass or fail.
    pub fn settings_resource<T: serde::Serialize>(
        &self,
        resource_type: &str,
        service: &str,
        region: &str,
        label: &str,
        attrs: &T,
    ) -> Resource {
        let id = self.arn(service, region, "settings");
        let name = format!("{label} in {region}");
        self.resource(resource_type, id, name, region, attrs)
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
    pub fn arn(&self, service: &str, region: &str, resource: &str) -> String {
        let region_part = if region == crate::inventory::GLOBAL_REGION {
            ""
        } else {
            region
        };
        format!(
            "arn:{}:{service}:{region_part}:{}:{resource}",
            s3::partition_of(self.home_region()),
            self.account
        )
    }

    pub fn home_region(&self) -> &str {
        self.config
            .region()
            .map(|r| r.as_ref())
            .unwrap_or(HOME_REGION)
    }
}

/// RFC 3339 text of an SDK timestamp, the form checks parse with `time.parse_rfc3339_ns`.
pub fn rfc3339(t: &aws_smithy_types::DateTime) -> Option<String> {
    t.fmt(aws_smithy_types::date_time::Format::DateTime).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry names each collector; each name has one here (the data-store
    /// summary is drawn after collection), so none is silently never run.
    #[test]
    fn every_collector_the_registry_names_runs() {
        let ctx = context(&["us-east-1"]);
        for name in crate::registry::of(Provider::Aws).collector_names() {
            assert_eq!(
                job(name, &ctx).is_some(),
                name != datastores::SERVICE,
                "collector {name}"
            );
        }
    }

    #[test]
    fn items_without_an_id_make_the_listing_an_error_counted_per_field() {
        let mut found = Found::default();
        assert_eq!(found.error(), None);
        found.without_id("ec2:DescribeVolumes", "VolumeId");
        found.without_id("ec2:DescribeVolumes", "VolumeId");
        found.without_id("kms:ListKeys", "KeyId");
        assert_eq!(
            found.error().as_deref(),
            Some(
                "ec2:DescribeVolumes: 2 items have no VolumeId; kms:ListKeys: 1 item has no KeyId; such items cannot be judged"
            )
        );
    }

    /// A listing of `kind` in account 1, failed with `error` if given.
    pub(crate) fn listing(
        kind: &str,
        region: &str,
        error: Option<&str>,
    ) -> crate::inventory::Listing {
        crate::inventory::Listing {
            resource_type: kind.into(),
            account: "1".into(),
            region: region.into(),
            error: error.map(str::to_string),
            scope: None,
        }
    }

    /// A resource from a JSON object of attributes; `{"unreadable": REASON}` makes one
    /// unreadable.
    pub(crate) fn json_resource(
        kind: &str,
        id: &str,
        name: &str,
        region: &str,
        attrs: serde_json::Value,
    ) -> Resource {
        let serde_json::Value::Object(map) = attrs else {
            panic!("attributes must be an object")
        };
        Resource {
            id: id.into(),
            resource_type: kind.into(),
            name: name.into(),
            account: "1".into(),
            region: region.into(),
            attributes: map
                .into_iter()
                .map(|(k, v)| {
                    let o = match v.get("unreadable") {
                        Some(serde_json::Value::String(e)) => {
                            crate::inventory::Observed::Unreadable(e.clone())
                        }
                        _ => crate::inventory::Observed::Value(v),
                    };
                    (k, o)
                })
                .collect(),
        }
    }

    pub(crate) fn context(regions: &[&str]) -> AwsContext {
        AwsContext {
            config: SdkConfig::builder()
                .region(Region::new("us-east-1"))
                .behavior_version(BehaviorVersion::latest())
                .build(),
            account: "111122223333".into(),
            regions: regions.iter().map(|r| r.to_string()).collect(),
            concurrency: 1,
            path_style: true,
            progress: Arc::new(crate::collect::NoProgress),
        }
    }

    #[test]
    fn every_enabled_region_left_out_of_the_scan_is_an_unread_listing() {
        let ctx = context(&["us-east-1", "eu-west-1"]);
        let enabled = ["eu-west-1", "us-east-1", "us-west-2"]
            .map(String::from)
            .to_vec();
        let out = unscanned_regions(&ctx, Ok(enabled.clone()));
        assert_eq!(out.listings.len(), 1);
        assert_eq!(out.listings[0].resource_type, REGION_CONTENTS);
        assert_eq!(out.listings[0].region, "global");
        assert_eq!(
            out.listings[0].error.as_deref(),
            Some(
                "the scan was limited with --region and left out 1 of the account's enabled regions (us-west-2), so what they hold is unknown"
            )
        );
        let all = context(&["eu-west-1", "us-east-1", "us-west-2"]);
        assert!(unscanned_regions(&all, Ok(enabled)).listings.is_empty());
        let failed = unscanned_regions(
            &ctx,
            Err(CollectError::Regions(
                "ec2:DescribeRegions: AccessDenied".into(),
            )),
        );
        assert_eq!(failed.listings[0].region, "global");
        assert!(
            failed.listings[0]
                .error
                .as_deref()
                .is_some_and(|e| e.contains("AccessDenied"))
        );
    }

    #[test]
    fn a_listing_with_nameless_items_keeps_the_rest_and_carries_the_error() {
        let ctx = context(&["us-east-1"]);
        let mut found = Found::default();
        found.push(ctx.resource("t", "arn:1".into(), "one".into(), "us-east-1", &()));
        found.without_id("logs:DescribeLogGroups", "logGroupName");
        let mut out = Collected::default();
        out.found(&ctx, "t", "us-east-1", Ok(found));
        assert_eq!(out.resources.len(), 1);
        assert_eq!(
            out.listings[0].error.as_deref(),
            Some("logs:DescribeLogGroups: 1 item has no logGroupName; such items cannot be judged")
        );
    }
}
