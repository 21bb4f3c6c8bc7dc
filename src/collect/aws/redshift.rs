//! Redshift provisioned clusters: encryption, public accessibility, automated
//! snapshots, audit logging, and whether the parameter group makes clients use TLS.

use std::collections::BTreeMap;

use aws_sdk_redshift::Client;
use aws_sdk_redshift::types::{Cluster, Parameter};
use futures::StreamExt;
use serde::Serialize;

use super::error::{observe, required};
use super::list::found_per_region;
use super::list::items;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_REDSHIFT_CLUSTER as CLUSTER;

const CLUSTERS: &str = "redshift:DescribeClusters";
const PARAMETERS: &str = "redshift:DescribeClusterParameters";
const LOGGING: &str = "redshift:DescribeLoggingStatus";

#[derive(Serialize)]
struct ClusterAttributes {
    encrypted: Observed<bool>,
    kms_key_id: Observed<Option<String>>,
    publicly_accessible: Observed<bool>,
    automated_snapshot_retention_days: Observed<i32>,
    parameter_group: Observed<String>,
    /// The parameter group's `require_ssl`: whether the cluster refuses connections
    /// without TLS.
    require_ssl: Observed<bool>,
    logging_enabled: Observed<bool>,
}

/// `Encrypted`, `PubliclyAccessible` and `AutomatedSnapshotRetentionPeriod` are
/// returned for every cluster; one left out is unreadable, not the `false` / 0 the
/// SDK's `Option` would otherwise be read as.
fn cluster_attributes(
    c: &Cluster,
    require_ssl: Observed<bool>,
    logging_enabled: Observed<bool>,
) -> ClusterAttributes {
    ClusterAttributes {
        encrypted: required(CLUSTERS, "Encrypted", c.encrypted()),
        kms_key_id: Observed::Value(c.kms_key_id().map(str::to_string)),
        publicly_accessible: required(CLUSTERS, "PubliclyAccessible", c.publicly_accessible()),
        automated_snapshot_retention_days: required(
            CLUSTERS,
            "AutomatedSnapshotRetentionPeriod",
            c.automated_snapshot_retention_period(),
        ),
        parameter_group: parameter_group_of(c),
        require_ssl,
        logging_enabled,
    }
}

/// The cluster's parameter group. A cluster has exactly one; none in the answer is
/// unreadable.
fn parameter_group_of(c: &Cluster) -> Observed<String> {
    required(
        CLUSTERS,
        "ClusterParameterGroups[].ParameterGroupName",
        c.cluster_parameter_groups()
            .first()
            .and_then(|g| g.parameter_group_name())
            .map(str::to_string),
    )
}

/// `require_ssl` among a parameter group's parameters. Every group, the default ones
/// included, lists it with its value; a group whose answer lacks it, or whose value is
/// not `true` / `false`, is unreadable.
pub fn require_ssl_of(parameters: &[Parameter]) -> Observed<bool> {
    let Some(p) = parameters
        .iter()
        .find(|p| p.parameter_name() == Some("require_ssl"))
    else {
        return Observed::unreadable(format!(
            "{PARAMETERS}: the parameter group lists no require_ssl"
        ));
    };
    match p.parameter_value().map(str::to_ascii_lowercase).as_deref() {
        Some("true") => Observed::Value(true),
        Some("false") => Observed::Value(false),
        other => Observed::unreadable(format!(
            "{PARAMETERS}: require_ssl is {other:?}, not true or false"
        )),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "redshift", CLUSTER, |region| async move {
        clusters(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn require_ssl_in(rs: &Client, group: &str) -> Observed<bool> {
    let params: Result<Vec<Parameter>, _> = items!(
        PARAMETERS,
        rs.describe_cluster_parameters().parameter_group_name(group)
    );
    Observed::of(params).and_then(|p| require_ssl_of(&p))
}

async fn clusters(ctx: &AwsContext, rs: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(CLUSTERS, rs.describe_clusters())?;
    // Clusters share parameter groups: each group is read once.
    let groups: std::collections::BTreeSet<String> = listed
        .iter()
        .filter_map(|c| parameter_group_of(c).value().cloned())
        .collect();
    let ssl: BTreeMap<String, Observed<bool>> = futures::stream::iter(groups)
        .map(|g| async move {
            let v = require_ssl_in(rs, &g).await;
            (g, v)
        })
        .buffer_unordered(ctx.concurrency)
        .collect()
        .await;
    let mut found = Found::default();
    let mut named = Vec::new();
    for c in listed {
        match c.cluster_identifier().filter(|i| !i.is_empty()) {
            Some(id) => named.push((id.to_string(), c)),
            None => found.without_id(CLUSTERS, "ClusterIdentifier"),
        }
    }
    let read: Vec<_> = futures::stream::iter(named)
        .map(|(id, c)| async move {
            let logging = observe(
                LOGGING,
                rs.describe_logging_status()
                    .cluster_identifier(&id)
                    .send()
                    .await,
                &[],
            )
            .and_then(|l| required(LOGGING, "LoggingEnabled", l.logging_enabled()));
            (id, c, logging)
        })
        .buffered(ctx.concurrency)
        .collect()
        .await;
    for (id, c, logging) in read {
        let require_ssl = parameter_group_of(&c).and_then(|g| {
            ssl.get(&g)
                .cloned()
                .unwrap_or_else(|| Observed::unreadable(format!("{PARAMETERS}: {g} was not read")))
        });
        let arn = ctx.arn("redshift", region, &format!("cluster:{id}"));
        found.push(ctx.resource(
            CLUSTER,
            arn,
            id,
            region,
            &cluster_attributes(&c, require_ssl, logging),
        ));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_redshift::types::ClusterParameterGroupStatus;

    fn param(name: &str, value: Option<&str>) -> Parameter {
        Parameter::builder()
            .parameter_name(name)
            .set_parameter_value(value.map(str::to_string))
            .build()
    }

    #[test]
    fn require_ssl_is_read_from_the_parameters_and_unreadable_when_missing() {
        assert_eq!(
            require_ssl_of(&[
                param("datestyle", Some("ISO")),
                param("require_ssl", Some("true"))
            ]),
            Observed::Value(true)
        );
        assert_eq!(
            require_ssl_of(&[param("require_ssl", Some("FALSE"))]),
            Observed::Value(false)
        );
        assert_eq!(
            require_ssl_of(&[param("datestyle", Some("ISO"))]).unreadable_reason(),
            Some("redshift:DescribeClusterParameters: the parameter group lists no require_ssl")
        );
        assert!(
            require_ssl_of(&[param("require_ssl", None)])
                .unreadable_reason()
                .is_some()
        );
    }

    #[test]
    fn missing_cluster_flags_are_unreadable_not_false() {
        let bare = Cluster::builder().cluster_identifier("c").build();
        let a = cluster_attributes(&bare, Observed::Value(true), Observed::Value(false));
        assert_eq!(
            a.encrypted.unreadable_reason(),
            Some("redshift:DescribeClusters: the response has no Encrypted")
        );
        assert!(a.publicly_accessible.unreadable_reason().is_some());
        assert!(
            a.automated_snapshot_retention_days
                .unreadable_reason()
                .is_some()
        );
        assert!(a.parameter_group.unreadable_reason().is_some());
        let full = Cluster::builder()
            .cluster_identifier("c")
            .encrypted(true)
            .publicly_accessible(false)
            .automated_snapshot_retention_period(7)
            .cluster_parameter_groups(
                ClusterParameterGroupStatus::builder()
                    .parameter_group_name("default.redshift-2.0")
                    .build(),
            )
            .build();
        let b = cluster_attributes(&full, Observed::Value(true), Observed::Value(true));
        assert_eq!(b.encrypted, Observed::Value(true));
        assert_eq!(
            b.parameter_group,
            Observed::Value("default.redshift-2.0".into())
        );
    }
}
