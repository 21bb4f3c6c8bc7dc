//! Azure collectors: typed reads of Azure Resource Manager and Microsoft Graph over the
//! official `azure_core` pipeline, with a credential chain of vouch's own.
//!
//! Every subscription the credential can see (or each named one) is read service by
//! service; a subscription or resource provider the credential may not read becomes a
//! failed listing, so only the checks that depend on it report `error`.

pub mod api;
pub mod backup;
pub mod cloud;
pub mod credential;
pub mod database;
pub mod entra;
pub mod http;
pub mod keyvault;
pub mod model;
pub mod network;
pub mod permissions;
pub mod pim;
pub mod sql;
pub mod storage;
pub mod subscription;

use std::sync::Arc;

use chrono::Utc;
use serde::Deserialize;

use super::{CollectError, Collected, Progress};
use crate::inventory::{INVENTORY_FORMAT, Inventory, Provider};
use api::{Api, ApiError, ApiSettings};
use cloud::Cloud;
use credential::{AuthMethod, ChainCredential};

pub use model::AzureResource;

/// The ARM api-version of the subscription list.
const SUBSCRIPTIONS_API: &str = "2022-12-01";

#[derive(Debug, Clone)]
pub struct AzureOptions {
    /// Subscription ids to scan; empty means every one the credential can see.
    pub subscriptions: Vec<String>,
    pub cloud: Cloud,
    pub auth: AuthMethod,
    /// ARM calls in flight at once (Graph has its own, smaller budget).
    pub concurrency: usize,
    /// Attempts per call, including the first.
    pub max_attempts: u32,
    /// Collectors to run, as the registry names them; empty means all.
    pub collectors: Vec<String>,
}

/// A subscription in scope.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: String,
    pub name: String,
}

impl Subscription {
    /// The subscription's ARM id, the scope of everything listed in it.
    pub fn scope(&self) -> String {
        format!("/subscriptions/{}", self.id)
    }

    /// The subscription's display name, or its id when it has none.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }

    /// Records the listing of a resource type across the whole subscription.
    pub fn record(
        &self,
        out: &mut Collected,
        resource_type: &str,
        outcome: Result<Vec<crate::inventory::Resource>, String>,
    ) {
        out.record_in(
            Some(self.scope()),
            resource_type,
            &self.id,
            crate::inventory::GLOBAL_REGION,
            outcome,
        );
    }

    /// A collection holding one subscription-wide resource (id: the subscription's
    /// scope), for the settings that exist once per subscription.
    pub fn one_resource(
        &self,
        resource_type: &str,
        name: String,
        attrs: &impl serde::Serialize,
    ) -> Collected {
        let id = self.scope();
        let resource = crate::inventory::Resource {
            attributes: crate::inventory::attributes_of(&id, attrs).unwrap_or_default(),
            name,
            id,
            resource_type: resource_type.to_string(),
            account: self.id.clone(),
            region: crate::inventory::GLOBAL_REGION.to_string(),
        };
        let mut out = Collected::default();
        out.record(
            resource_type,
            &self.id,
            crate::inventory::GLOBAL_REGION,
            Ok(vec![resource]),
        );
        out
    }
}

/// Everything a collector needs, built once per scan.
pub struct AzureContext {
    pub arm: Api,
    pub graph: Api,
    pub tenant: Option<String>,
    pub subscriptions: Vec<Subscription>,
    pub progress: Arc<dyn Progress>,
}

#[derive(Deserialize)]
struct SubscriptionEntry {
    #[serde(rename = "subscriptionId")]
    subscription_id: String,
    #[serde(rename = "displayName", default)]
    display_name: Option<String>,
    #[serde(rename = "tenantId", default)]
    tenant_id: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

impl AzureContext {
    /// Signs in and lists the subscriptions, which proves the credential works; a
    /// failure here stops the scan with its cause.
    pub async fn connect(
        opts: &AzureOptions,
        progress: Arc<dyn Progress>,
    ) -> Result<Self, CollectError> {
        let transport = http::transport().map_err(|e| CollectError::Config(e.to_string()))?;
        let credential: Arc<ChainCredential> = Arc::new(
            ChainCredential::new(
                opts.auth,
                &credential::Setup {
                    cloud: &opts.cloud,
                    transport: &transport,
                    max_attempts: opts.max_attempts.max(1),
                },
            )
            .map_err(CollectError::AzureNoCredentials)?,
        );
        let settings = ApiSettings {
            max_attempts: opts.max_attempts.max(1),
            concurrency: opts.concurrency,
            limits: api::Limits::default(),
        };
        let arm = Api::new(
            opts.cloud.arm_endpoint.clone(),
            opts.cloud.arm_scope(),
            credential.clone(),
            transport.clone(),
            &settings,
        );
        let graph = Api::new(
            opts.cloud.graph_endpoint.clone(),
            opts.cloud.graph_scope(),
            credential,
            transport,
            &ApiSettings {
                concurrency: 4,
                ..settings
            },
        );
        progress.stage("azure: listing subscriptions");
        let visible: Vec<SubscriptionEntry> = arm
            .list(
                "/subscriptions",
                Some(SUBSCRIPTIONS_API),
                "Microsoft.Resources/subscriptions/read",
            )
            .await
            .map_err(|e| connect_error(e, &opts.cloud))?;
        let tenant = std::env::var("AZURE_TENANT_ID")
            .ok()
            .filter(|t| !t.is_empty())
            .or_else(|| visible.iter().find_map(|s| s.tenant_id.clone()));
        let subscriptions: Vec<Subscription> = if opts.subscriptions.is_empty() {
            visible
                .iter()
                // A disabled subscription is read-only and mostly empty; warned and
                // deleted ones answer nothing useful.
                .filter(|s| {
                    s.state
                        .as_deref()
                        .is_none_or(|st| st == "Enabled" || st == "PastDue" || st == "Warned")
                })
                .map(|s| Subscription {
                    id: s.subscription_id.clone(),
                    name: s.display_name.clone().unwrap_or_default(),
                })
                .collect()
        } else {
            // A named subscription the credential cannot see is still scanned: its
            // calls fail, and its checks report `error` rather than vanishing.
            opts.subscriptions
                .iter()
                .map(|id| Subscription {
                    id: id.clone(),
                    name: visible
                        .iter()
                        .find(|s| s.subscription_id.eq_ignore_ascii_case(id))
                        .and_then(|s| s.display_name.clone())
                        .unwrap_or_default(),
                })
                .collect()
        };
        if subscriptions.is_empty() {
            return Err(CollectError::Other(
                "the credential can see no enabled subscription: grant it the Reader role on the subscriptions to scan (docs/permissions.md), or name one with --subscription".into(),
            ));
        }
        Ok(AzureContext {
            arm,
            graph,
            tenant,
            subscriptions,
            progress,
        })
    }
}

fn connect_error(e: ApiError, cloud: &Cloud) -> CollectError {
    let reason = e.reason();
    if reason.contains("certificate") {
        return CollectError::Other(format!(
            "cannot open a trusted TLS connection ({reason}). If a proxy or a private CA signs the endpoint's certificate, point {} at that CA's PEM file",
            http::CERT_FILE_ENV
        ));
    }
    match e {
        ApiError::Credential(reason) => CollectError::AzureBadCredentials(reason),
        ApiError::Unreachable(reason) => CollectError::Unreachable {
            endpoint: cloud.arm_endpoint.to_string(),
            reason,
        },
        other => CollectError::Other(format!("cannot list subscriptions: {other}")),
    }
}

type Job<'a> = std::pin::Pin<Box<dyn Future<Output = Collected> + Send + 'a>>;

/// The collectors that fill the attributes of `azure_subscription`.
const SUBSCRIPTION_PARTS: [&str; 3] = ["monitor", "defender", "sentinel"];

/// The collector named `name` for one subscription; `None` for the subscription's
/// parts and Entra ID, which are not per resource type.
fn job<'a>(name: &str, c: &'a AzureContext, sub: &'a Subscription) -> Option<Job<'a>> {
    Some(match name {
        "storage" => Box::pin(storage::collect(c, sub)),
        "sql" => Box::pin(sql::collect(c, sub)),
        "postgresql" => Box::pin(database::collect(c, sub, &database::POSTGRESQL)),
        "mysql" => Box::pin(database::collect(c, sub, &database::MYSQL)),
        "network" => Box::pin(network::collect(c, sub)),
        "keyvault" => Box::pin(keyvault::collect(c, sub)),
        "backup" => Box::pin(backup::collect(c, sub)),
        "pim" => Box::pin(pim::collect(c, sub)),
        _ => return None,
    })
}

/// Collects what the chosen collectors produce, subscription by subscription.
pub async fn collect(
    opts: &AzureOptions,
    progress: Arc<dyn Progress>,
) -> Result<Inventory, CollectError> {
    let names = super::chosen(crate::registry::of(Provider::Azure), &opts.collectors)?;
    let ctx = AzureContext::connect(opts, progress).await?;
    let wants = |name: &str| names.contains(name);
    let c = &ctx;
    let mut jobs: Vec<Job<'_>> = Vec::new();
    for sub in &ctx.subscriptions {
        jobs.extend(names.iter().filter_map(|name| job(name, c, sub)));
        // One read of the subscription's settings serves the three collectors that
        // fill its attributes.
        if SUBSCRIPTION_PARTS.iter().any(|p| wants(p)) {
            jobs.push(Box::pin(subscription::collect(
                c,
                sub,
                wants("monitor"),
                wants("defender"),
                wants("sentinel"),
            )));
        }
    }
    if wants("entra") {
        jobs.push(Box::pin(entra::collect(c)));
    }
    ctx.progress.add_work(jobs.len() as u64);
    let all = super::run_all(jobs, JOBS_AT_ONCE, Some(ctx.progress.as_ref()))
        .await
        .sorted();
    let mut regions: Vec<String> = all.resources.iter().map(|r| r.region.clone()).collect();
    regions.sort();
    regions.dedup();
    Ok(Inventory {
        format: INVENTORY_FORMAT.into(),
        provider: Provider::Azure,
        account: ctx
            .tenant
            .clone()
            .unwrap_or_else(|| ctx.subscriptions[0].id.clone()),
        regions,
        collected_at: Utc::now(),
        listings: all.listings,
        resources: all.resources,
    })
}

/// Lists the resources under `provider_path` in a subscription, telling the progress
/// that `what` is being read there.
pub async fn list_in<P: serde::de::DeserializeOwned>(
    ctx: &AzureContext,
    sub: &Subscription,
    what: &str,
    provider_path: &str,
    api_version: &str,
    operation: &str,
) -> Result<Vec<AzureResource<P>>, ApiError> {
    ctx.progress
        .stage(&format!("{what}: reading subscription {}", sub.id));
    ctx.arm
        .list(
            &format!("/subscriptions/{}{provider_path}", sub.id),
            Some(api_version),
            operation,
        )
        .await
}

/// Lists one resource type in a subscription and reads each resource's details with
/// `read`; a failed list is recorded so the type's checks report `error`.
pub async fn per_resource<'a, P, F, Fut>(
    ctx: &'a AzureContext,
    sub: &'a Subscription,
    provider_path: &str,
    api_version: &str,
    operation: &str,
    resource_type: &str,
    read: F,
) -> Collected
where
    P: serde::de::DeserializeOwned,
    F: Fn(AzureResource<P>) -> Fut,
    Fut: Future<Output = crate::inventory::Resource>,
{
    let listed = list_in(
        ctx,
        sub,
        resource_type,
        provider_path,
        api_version,
        operation,
    )
    .await;
    let outcome = match listed {
        Ok(items) => Ok(futures::future::join_all(items.into_iter().map(read)).await),
        Err(e) => Err(e.reason()),
    };
    let mut out = Collected::default();
    sub.record(&mut out, resource_type, outcome);
    out
}

/// (subscription, service) jobs in flight at once; each job's calls share the API's
/// own concurrency budget.
const JOBS_AT_ONCE: usize = 6;
