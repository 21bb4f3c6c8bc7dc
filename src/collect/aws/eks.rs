//! EKS clusters: whether Kubernetes secrets are encrypted with a KMS key, who can reach
//! the API server endpoint, and which control-plane logs reach CloudWatch. Nothing
//! inside the cluster (workloads, RBAC) is read: that is the Kubernetes API's, not AWS's.

use aws_sdk_eks::Client;
use aws_sdk_eks::types::Cluster;
use serde::Serialize;

use super::error::{observe, required};
use super::list::{describe_each, found_per_region, items};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_EKS_CLUSTER as CLUSTER;

const LIST: &str = "eks:ListClusters";
const DESCRIBE: &str = "eks:DescribeCluster";

#[derive(Serialize, Debug, PartialEq)]
struct ClusterAttributes {
    /// The KMS key envelope-encrypting Kubernetes secrets; null when secrets are
    /// encrypted only by the default EBS-level encryption of etcd.
    secrets_kms_key: Observed<Option<String>>,
    endpoint_public_access: Observed<bool>,
    endpoint_private_access: Observed<bool>,
    /// The CIDR blocks allowed to reach a public endpoint (`0.0.0.0/0` by default).
    public_access_cidrs: Observed<Vec<String>>,
    /// The control-plane log types turned on: `api`, `audit`, `authenticator`,
    /// `controllerManager`, `scheduler`.
    enabled_log_types: Observed<Vec<String>>,
    version: Observed<String>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "eks", CLUSTER, |region| async move {
        clusters(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn clusters(ctx: &AwsContext, eks: &Client, region: &str) -> Result<Found, String> {
    let names: Vec<String> = items!(LIST, eks.list_clusters())?;
    let found = describe_each(
        ctx,
        names,
        (LIST, "clusters", |n: &String| {
            Some(n.as_str()).filter(|n| !n.is_empty())
        }),
        |(name, _)| async move {
            let answer = observe(
                DESCRIBE,
                eks.describe_cluster().name(&name).send().await,
                &[],
            )
            .and_then(|a| required(DESCRIBE, "cluster", a.cluster));
            // A cluster that cannot be described is still a cluster, named by the ARN
            // its name spells.
            let arn = answer
                .value()
                .and_then(|c| c.arn())
                .map(str::to_string)
                .unwrap_or_else(|| ctx.arn("eks", region, &format!("cluster/{name}")));
            Some(ctx.resource(CLUSTER, arn, name, region, &attributes_of(answer)))
        },
    )
    .await;
    Ok(found)
}

/// What DescribeCluster says of a cluster. EKS returns `resourcesVpcConfig` and
/// `logging` for every cluster, so a missing one is unreadable. The SDK reads an
/// omitted `endpointPublicAccess` or `endpointPrivateAccess` as false (the model's
/// default); EKS refuses a cluster with both off, so both false means the answer left
/// them out, and both are unreadable.
fn attributes_of(answer: Observed<Cluster>) -> ClusterAttributes {
    let vpc = answer.clone().and_then(|c| {
        required(DESCRIBE, "resourcesVpcConfig", c.resources_vpc_config)
            .and_then(|v| {
                if v.endpoint_public_access() || v.endpoint_private_access() {
                    Observed::Value(v)
                } else {
                    Observed::unreadable(format!(
                        "{DESCRIBE}: the response has neither endpointPublicAccess nor endpointPrivateAccess true, which EKS does not allow: they were left out"
                    ))
                }
            })
    });
    ClusterAttributes {
        secrets_kms_key: answer.clone().map(|c| {
            c.encryption_config()
                .iter()
                .find(|e| e.resources().iter().any(|r| r == "secrets"))
                .and_then(|e| e.provider())
                .and_then(|p| p.key_arn())
                .map(str::to_string)
        }),
        endpoint_public_access: vpc.clone().map(|v| v.endpoint_public_access()),
        endpoint_private_access: vpc.clone().map(|v| v.endpoint_private_access()),
        public_access_cidrs: vpc.map(|v| v.public_access_cidrs().to_vec()),
        enabled_log_types: answer.clone().and_then(|c| {
            required(DESCRIBE, "logging", c.logging()).map(|l| {
                let mut types: Vec<String> = l
                    .cluster_logging()
                    .iter()
                    .filter(|s| s.enabled() == Some(true))
                    .flat_map(|s| s.types().iter().map(|t| t.as_str().to_string()))
                    .collect();
                types.sort();
                types.dedup();
                types
            })
        }),
        version: answer
            .and_then(|c| required(DESCRIBE, "version", c.version().map(str::to_string))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN: &str = "arn:aws:eks:us-east-1:111122223333:cluster/";

    /// The whole collector against recorded answers: a private cluster with encrypted
    /// secrets and every log type, a public one with neither, one whose answer leaves
    /// out its endpoint flags and logging (unreadable, not "private" or "no logs"), and
    /// a listing that fails.
    #[tokio::test]
    async fn recorded_answers_become_resources_and_missing_settings_are_unreadable() {
        let ctx = super::super::replay::context(|op, _| {
            let cluster = |name: &str, rest: &str| {
                (
                    200,
                    format!(
                        r#"{{"cluster": {{"name": "{name}", "arn": "{ARN}{name}", "version": "1.31"{rest}}}}}"#
                    ),
                )
            };
            match op {
                "GET /clusters" => (200, r#"{"clusters": ["locked", "open", "bare"]}"#.into()),
                "GET /clusters/locked" => cluster(
                    "locked",
                    r#", "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true, "publicAccessCidrs": []},
                    "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:us-east-1:111122223333:key/k"}}],
                    "logging": {"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": true}]}"#,
                ),
                "GET /clusters/open" => cluster(
                    "open",
                    r#", "resourcesVpcConfig": {"endpointPublicAccess": true, "endpointPrivateAccess": false, "publicAccessCidrs": ["0.0.0.0/0"]},
                    "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}, {"types": ["api", "scheduler"], "enabled": false}]}"#,
                ),
                "GET /clusters/bare" => cluster("bare", r#", "resourcesVpcConfig": {}"#),
                other => panic!("unexpected call {other}"),
            }
        });
        let out = collect(&ctx).await;
        assert_eq!(out.listings.len(), 1);
        assert_eq!(out.listings[0].error, None);
        let by_name = |n: &str| super::super::replay::named(&out, n);
        let locked = by_name("locked");
        assert_eq!(locked.id, format!("{ARN}locked"));
        assert_eq!(
            locked.attributes["secrets_kms_key"],
            Observed::Value("arn:aws:kms:us-east-1:111122223333:key/k".into())
        );
        assert_eq!(
            locked.attributes["endpoint_public_access"],
            Observed::Value(false.into())
        );
        assert_eq!(
            locked.attributes["enabled_log_types"]
                .value()
                .and_then(|v| v.as_array())
                .map(Vec::len),
            Some(5)
        );
        let open = by_name("open");
        assert_eq!(
            open.attributes["secrets_kms_key"],
            Observed::Value(serde_json::Value::Null)
        );
        assert_eq!(
            open.attributes["public_access_cidrs"],
            Observed::Value(serde_json::json!(["0.0.0.0/0"]))
        );
        assert_eq!(
            open.attributes["enabled_log_types"],
            Observed::Value(serde_json::json!(["audit"]))
        );
        let bare = by_name("bare");
        super::super::replay::assert_unreadable(
            bare,
            &["endpoint_public_access", "enabled_log_types"],
            DESCRIBE,
        );

        let out = collect(&super::super::replay::failing()).await;
        super::super::replay::assert_listing_failed(&out, LIST);
    }
}
