//! ElastiCache: Valkey / Redis OSS replication groups and the cache clusters that
//! belong to none (Memcached, single-node Redis OSS): encryption at rest and in
//! transit, authentication, failover across zones and snapshot retention.

use aws_sdk_elasticache::Client;
use aws_sdk_elasticache::types::{CacheCluster, ReplicationGroup, StorageEncryptionType};
use serde::Serialize;

use super::error::required;
use super::list::{items, listings_per_region};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_ELASTICACHE_CLUSTER as CLUSTER;
pub use crate::registry::names::AWS_ELASTICACHE_REPLICATION_GROUP as REPLICATION_GROUP;

const GROUPS: &str = "elasticache:DescribeReplicationGroups";
const CLUSTERS: &str = "elasticache:DescribeCacheClusters";

#[derive(Serialize)]
struct GroupAttributes {
    engine: Observed<Option<String>>,
    at_rest_encrypted: Observed<bool>,
    storage_encryption_type: Observed<Option<String>>,
    kms_key_id: Observed<Option<String>>,
    transit_encryption_enabled: Observed<bool>,
    /// `preferred` (plain connections still accepted) or `required`; null for groups
    /// that never went through the migration the mode exists for.
    transit_encryption_mode: Observed<Option<String>>,
    auth_token_enabled: Observed<bool>,
    user_group_ids: Observed<Vec<String>>,
    automatic_failover: Observed<String>,
    multi_az: Observed<String>,
    snapshot_retention_limit: Observed<i32>,
    member_clusters: Observed<usize>,
}

#[derive(Serialize)]
struct ClusterAttributes {
    engine: Observed<Option<String>>,
    /// Null for a Memcached cluster whose answer leaves the flag out (see below).
    at_rest_encryption_enabled: Observed<Option<bool>>,
    transit_encryption_enabled: Observed<bool>,
    transit_encryption_mode: Observed<Option<String>>,
    auth_token_enabled: Observed<bool>,
    snapshot_retention_limit: Observed<Option<i32>>,
    num_cache_nodes: Observed<i32>,
}

/// Whether the group's data at rest is encrypted. The API reference says
/// `AtRestEncryptionEnabled` can be false while encryption is on, and that
/// `StorageEncryptionType` (`none`, `sse-elasticache`, `sse-kms`) is the effective
/// state: it decides when present; without it the flag does; without both the state
/// is unreadable, not "unencrypted". A type vouch does not know is unreadable too.
fn at_rest_of(g: &ReplicationGroup) -> Observed<bool> {
    match g.storage_encryption_type() {
        Some(StorageEncryptionType::None) => Observed::Value(false),
        Some(StorageEncryptionType::SseElasticache | StorageEncryptionType::SseKms) => {
            Observed::Value(true)
        }
        Some(other) => Observed::unreadable(format!(
            "{GROUPS}: StorageEncryptionType is {:?}, not one of none, sse-elasticache, sse-kms",
            other.as_str()
        )),
        None => required(
            GROUPS,
            "AtRestEncryptionEnabled or StorageEncryptionType",
            g.at_rest_encryption_enabled(),
        ),
    }
}

/// The flags below are documented with a default (`false`) for what was not asked
/// for at creation, and AWS returns them for every group; a flag left out of an
/// answer is unreadable, not that default.
fn group_attributes(g: &ReplicationGroup) -> GroupAttributes {
    GroupAttributes {
        engine: Observed::Value(g.engine().map(str::to_string)),
        at_rest_encrypted: at_rest_of(g),
        storage_encryption_type: Observed::Value(
            g.storage_encryption_type().map(|t| t.as_str().to_string()),
        ),
        kms_key_id: Observed::Value(g.kms_key_id().map(str::to_string)),
        transit_encryption_enabled: required(
            GROUPS,
            "TransitEncryptionEnabled",
            g.transit_encryption_enabled(),
        ),
        transit_encryption_mode: Observed::Value(
            g.transit_encryption_mode().map(|m| m.as_str().to_string()),
        ),
        auth_token_enabled: required(GROUPS, "AuthTokenEnabled", g.auth_token_enabled()),
        user_group_ids: Observed::Value(g.user_group_ids().to_vec()),
        automatic_failover: required(
            GROUPS,
            "AutomaticFailover",
            g.automatic_failover().map(|a| a.as_str().to_string()),
        ),
        multi_az: required(
            GROUPS,
            "MultiAZ",
            g.multi_az().map(|m| m.as_str().to_string()),
        ),
        snapshot_retention_limit: required(
            GROUPS,
            "SnapshotRetentionLimit",
            g.snapshot_retention_limit(),
        ),
        member_clusters: Observed::Value(g.member_clusters().len()),
    }
}

/// A cluster outside any replication group. Memcached keeps its data only in memory
/// and has no snapshots: its `SnapshotRetentionLimit`, and an `AtRestEncryptionEnabled`
/// left out of the answer (moto 5.2.5 never returns it for a cache cluster), decide
/// nothing and are null. For any other engine a missing flag is unreadable.
fn cluster_attributes(c: &CacheCluster) -> ClusterAttributes {
    let at_rest = match (c.engine(), c.at_rest_encryption_enabled()) {
        (_, Some(on)) => Observed::Value(Some(on)),
        (Some("memcached"), None) => Observed::Value(None),
        (_, None) => Observed::unreadable(format!(
            "{CLUSTERS}: the response has no AtRestEncryptionEnabled"
        )),
    };
    ClusterAttributes {
        engine: Observed::Value(c.engine().map(str::to_string)),
        at_rest_encryption_enabled: at_rest,
        transit_encryption_enabled: required(
            CLUSTERS,
            "TransitEncryptionEnabled",
            c.transit_encryption_enabled(),
        ),
        transit_encryption_mode: Observed::Value(
            c.transit_encryption_mode().map(|m| m.as_str().to_string()),
        ),
        auth_token_enabled: required(CLUSTERS, "AuthTokenEnabled", c.auth_token_enabled()),
        snapshot_retention_limit: Observed::Value(c.snapshot_retention_limit()),
        num_cache_nodes: required(CLUSTERS, "NumCacheNodes", c.num_cache_nodes()),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    listings_per_region(ctx, "elasticache", |region| async move {
        let ec = Client::new(&ctx.regional(&region));
        vec![
            (REPLICATION_GROUP, groups(ctx, &ec, &region).await),
            (CLUSTER, clusters(ctx, &ec, &region).await),
        ]
    })
    .await
}

async fn groups(ctx: &AwsContext, ec: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(GROUPS, ec.describe_replication_groups())?;
    Ok(Found::each(&listed, GROUPS, "ReplicationGroupId", |g| {
        let id = g.replication_group_id().filter(|i| !i.is_empty())?;
        let arn = g.arn().map_or_else(
            || ctx.arn("elasticache", region, &format!("replicationgroup:{id}")),
            str::to_string,
        );
        Some(ctx.resource(
            REPLICATION_GROUP,
            arn,
            id.to_string(),
            region,
            &group_attributes(g),
        ))
    }))
}

async fn clusters(ctx: &AwsContext, ec: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(
        CLUSTERS,
        ec.describe_cache_clusters()
            .show_cache_clusters_not_in_replication_groups(true)
    )?;
    let mut found = Found::default();
    // A member of a replication group is judged through its group.
    for c in listed.iter().filter(|c| c.replication_group_id().is_none()) {
        let Some(id) = c.cache_cluster_id().filter(|i| !i.is_empty()) else {
            found.without_id(CLUSTERS, "CacheClusterId");
            continue;
        };
        let arn = c.arn().map_or_else(
            || ctx.arn("elasticache", region, &format!("cluster:{id}")),
            str::to_string,
        );
        found.push(ctx.resource(CLUSTER, arn, id.to_string(), region, &cluster_attributes(c)));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_elasticache::types::{AutomaticFailoverStatus, MultiAzStatus};

    fn group() -> aws_sdk_elasticache::types::builders::ReplicationGroupBuilder {
        ReplicationGroup::builder()
            .replication_group_id("g")
            .transit_encryption_enabled(true)
            .auth_token_enabled(false)
            .automatic_failover(AutomaticFailoverStatus::Enabled)
            .multi_az(MultiAzStatus::Enabled)
            .snapshot_retention_limit(7)
    }

    #[test]
    fn the_storage_encryption_type_decides_at_rest_over_the_flag() {
        let effective = group()
            .at_rest_encryption_enabled(false)
            .storage_encryption_type(StorageEncryptionType::SseElasticache)
            .build();
        assert_eq!(at_rest_of(&effective), Observed::Value(true));
        let none = group()
            .at_rest_encryption_enabled(true)
            .storage_encryption_type(StorageEncryptionType::None)
            .build();
        assert_eq!(at_rest_of(&none), Observed::Value(false));
        let flag_only = group().at_rest_encryption_enabled(true).build();
        assert_eq!(at_rest_of(&flag_only), Observed::Value(true));
        assert_eq!(
            at_rest_of(&group().build()).unreadable_reason(),
            Some(
                "elasticache:DescribeReplicationGroups: the response has no AtRestEncryptionEnabled or StorageEncryptionType"
            )
        );
    }

    #[test]
    fn missing_flags_are_unreadable_not_their_documented_default() {
        let g = ReplicationGroup::builder()
            .replication_group_id("g")
            .build();
        let a = group_attributes(&g);
        for (what, o) in [
            ("TransitEncryptionEnabled", &a.transit_encryption_enabled),
            ("AuthTokenEnabled", &a.auth_token_enabled),
        ] {
            assert_eq!(
                o.unreadable_reason(),
                Some(format!("{GROUPS}: the response has no {what}").as_str())
            );
        }
        assert!(a.automatic_failover.unreadable_reason().is_some());
        assert!(a.multi_az.unreadable_reason().is_some());
        assert!(a.snapshot_retention_limit.unreadable_reason().is_some());
        let ok = group_attributes(&group().build());
        assert_eq!(ok.automatic_failover, Observed::Value("enabled".into()));
        assert_eq!(ok.multi_az, Observed::Value("enabled".into()));
        assert_eq!(ok.transit_encryption_mode, Observed::Value(None));
    }

    #[test]
    fn a_memcached_cluster_has_no_snapshot_retention_and_keeps_its_flags() {
        let c = CacheCluster::builder()
            .cache_cluster_id("m")
            .engine("memcached")
            .at_rest_encryption_enabled(false)
            .transit_encryption_enabled(true)
            .auth_token_enabled(false)
            .num_cache_nodes(2)
            .build();
        let a = cluster_attributes(&c);
        assert_eq!(a.snapshot_retention_limit, Observed::Value(None));
        assert_eq!(a.at_rest_encryption_enabled, Observed::Value(Some(false)));
        let memcached = CacheCluster::builder()
            .cache_cluster_id("m")
            .engine("memcached")
            .build();
        let bare = cluster_attributes(&memcached);
        assert!(
            bare.transit_encryption_enabled
                .unreadable_reason()
                .is_some()
        );
        assert_eq!(bare.at_rest_encryption_enabled, Observed::Value(None));
        let redis = CacheCluster::builder()
            .cache_cluster_id("r")
            .engine("redis")
            .build();
        assert_eq!(
            cluster_attributes(&redis)
                .at_rest_encryption_enabled
                .unreadable_reason(),
            Some("elasticache:DescribeCacheClusters: the response has no AtRestEncryptionEnabled")
        );
    }
}
