//! RDS: DB instances, Aurora clusters and manual snapshots, with the TLS parameters of
//! their parameter groups and whether AWS Backup protects them.

use std::collections::BTreeMap;

use aws_sdk_rds::Client;
use aws_sdk_rds::operation::describe_db_cluster_snapshot_attributes::DescribeDbClusterSnapshotAttributesOutput;
use aws_sdk_rds::operation::describe_db_snapshot_attributes::DescribeDbSnapshotAttributesOutput;
use serde::Serialize;

use super::error::{observe, required};
use super::list::items;
use super::{AwsContext, Collected, Found, per_region};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_RDS_DB_CLUSTER as CLUSTER;
pub use crate::registry::names::AWS_RDS_DB_INSTANCE as INSTANCE;
pub use crate::registry::names::AWS_RDS_SNAPSHOT as SNAPSHOT;

/// Parameters that decide whether an engine refuses unencrypted connections:
/// PostgreSQL's and MySQL's, DocumentDB's `tls` and Neptune's `neptune_enforce_ssl`
/// (DocumentDB and Neptune clusters are listed by DescribeDBClusters with engine
/// "docdb" and "neptune").
const TLS_PARAMETERS: [&str; 4] = [
    "rds.force_ssl",
    "require_secure_transport",
    "tls",
    "neptune_enforce_ssl",
];

/// Parameters that set the oldest TLS version an engine accepts.
const MIN_TLS_PARAMETERS: [&str; 5] = [
    "ssl_min_protocol_version",
    "tls_version",
    "rds.tls10",
    "rds.tls11",
    "tls",
];

/// The Neptune engine version from which Neptune accepts only HTTPS with TLS 1.2 or
/// newer, whatever the cluster parameter group says: "Beginning with engine version
/// 1.0.4.0, Amazon Neptune only allows Secure Sockets Layer (SSL) connections through
/// HTTPS to any instance or cluster endpoint. Neptune requires at least TLS version
/// 1.2" (Neptune User Guide, "Encrypting connections to your Amazon Neptune database
/// with SSL/HTTPS", security-ssl.html).
const NEPTUNE_TLS_ONLY_FROM: [u32; 4] = [1, 0, 4, 0];

/// Whether a Neptune engine version such as "1.3.2.1" is one from which Neptune
/// accepts only TLS 1.2 or newer; None when the version is not four numbers.
pub fn neptune_tls_only(version: Option<&str>) -> Option<bool> {
    let numbers: Vec<u32> = version?
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let numbers: [u32; 4] = numbers.try_into().ok()?;
    Some(numbers >= NEPTUNE_TLS_ONLY_FROM)
}

/// Whether the engine refuses unencrypted connections by itself: only Neptune from
/// 1.0.4.0 does; every other engine leaves it to a parameter. A Neptune version that
/// is not four numbers is unreadable.
fn engine_requires_tls(engine: Option<&str>, version: Option<&str>) -> Observed<bool> {
    match engine {
        Some("neptune") => match neptune_tls_only(version) {
            Some(only) => Observed::Value(only),
            None => Observed::unreadable(format!(
                "rds:DescribeDBClusters: the Neptune engine version {:?} is not four numbers",
                version.unwrap_or("(not reported)")
            )),
        },
        _ => Observed::Value(false),
    }
}

/// The oldest TLS version a DocumentDB cluster accepts, from its `tls` parameter, as
/// the DocumentDB API reference (API_Parameter) defines the values: "enabled" accepts
/// TLS 1.0 through 1.3, "tls1.2+" 1.2 and later, "tls1.3+" 1.3 and later. "disabled"
/// accepts no TLS connection at all, so the answer is "none". "fips-140-3" states
/// FIPS requirements but no TLS version, so it is unreadable.
fn docdb_min_tls(operation: &str, group: &str, value: &str) -> Observed<String> {
    match value {
        "enabled" => Observed::Value("1.0".into()),
        "tls1.2+" => Observed::Value("1.2".into()),
        "tls1.3+" => Observed::Value("1.3".into()),
        "disabled" => Observed::Value("none".into()),
        "fips-140-3" => Observed::unreadable(format!(
            "{operation}: tls of parameter group {group} is \"fips-140-3\", for which DocumentDB states no TLS version"
        )),
        other => Observed::unreadable(format!(
            "{operation}: tls of parameter group {group} is {other:?}, not a value DocumentDB documents"
        )),
    }
}

/// The oldest TLS version an engine accepts whatever its parameter group says, where an
/// AWS document states it: (engine, major version, lowest minor version, oldest TLS).
///
/// - RDS for MySQL 8.0 and 8.4: "SSL/TLS support for MySQL DB instances on Amazon RDS"
///   (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.SSLSupport.html)
///   lists TLS 1.0 and 1.1 as not supported, TLS 1.2 and 1.3 as supported. For 8.0 the
///   row is kept to 8.0.28 and later, the release from which MySQL itself dropped TLS
///   1.0 and 1.1 (MySQL 8.0 Reference Manual, "Encrypted Connection TLS Protocols and
///   Ciphers"), so an older minor version is not assumed to follow the current page.
///
/// Not in the table, so a group without a value stays unreadable: RDS for MySQL 5.7
/// (TLS 1.0 to 1.2 supported, no default stated), MariaDB, Aurora MySQL, and RDS and
/// Aurora PostgreSQL (the RDS page lists TLS 1.1 to 1.3 as supported and states no
/// default of ssl_min_protocol_version).
const ENGINE_MIN_TLS: &[(&str, &str, u32, &str)] =
    &[("mysql", "8.4", 0, "1.2"), ("mysql", "8.0", 28, "1.2")];

/// The engine's own floor from `ENGINE_MIN_TLS`, for an engine version such as
/// "8.0.35"; None when the table does not cover it.
pub fn engine_min_tls(engine: &str, version: Option<&str>) -> Option<&'static str> {
    let mut parts = version?.split('.');
    let major = format!("{}.{}", parts.next()?, parts.next()?);
    let minor: u32 = parts.next()?.parse().ok()?;
    ENGINE_MIN_TLS
        .iter()
        .find(|(e, m, lowest, _)| *e == engine && *m == major && minor >= *lowest)
        .map(|(_, _, _, tls)| *tls)
}

/// SQL Server engine versions after which RDS turns TLS 1.0 and 1.1 off by default:
/// "For minor engine versions after 16.00.4120.1, 15.00.4365.2, 14.00.3465.1,
/// 13.00.6435.1, the following security protocols are disabled by default: rds.tls10,
/// rds.tls11 [...] For earlier engine versions, Amazon RDS enables these security
/// protocols by default." (RDS User Guide, "Upgrades of the Microsoft SQL Server DB
/// engine", USER_UpgradeDBInstance.SQLServer).
const SQLSERVER_TLS_OFF_AFTER: [[u32; 4]; 4] = [
    [16, 0, 4120, 1],
    [15, 0, 4365, 2],
    [14, 0, 3465, 1],
    [13, 0, 6435, 1],
];

/// Whether `rds.tls10`/`rds.tls11` left at "default" mean the protocol is on, for a
/// SQL Server engine version such as "15.00.4375.4.v1"; None for a major version the
/// document does not name, or the threshold version itself ("after" and "earlier"
/// leave it open).
pub fn sqlserver_default_tls_enabled(version: Option<&str>) -> Option<bool> {
    let numbers: Vec<u32> = version?
        .split('.')
        .take(4)
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let numbers: [u32; 4] = numbers.try_into().ok()?;
    let threshold = SQLSERVER_TLS_OFF_AFTER
        .iter()
        .find(|t| t[0] == numbers[0])?;
    match numbers.cmp(threshold) {
        std::cmp::Ordering::Greater => Some(false),
        std::cmp::Ordering::Less => Some(true),
        std::cmp::Ordering::Equal => None,
    }
}

/// The oldest TLS version a SQL Server instance accepts, from `rds.tls10` and
/// `rds.tls11` ("default", "enabled" or "disabled"). RDS cannot turn TLS 1.2 off ("You
/// can't disable TLS 1.2, because Amazon RDS uses it internally": "Configuring security
/// protocols and ciphers", SQLServer.Ciphers), so with both off the oldest is 1.2.
/// "default" is the Windows setting; it is read as on or off only where
/// `sqlserver_default_tls_enabled` says so from the engine version.
fn sqlserver_min_tls(
    operation: &str,
    group: &str,
    version: Option<&str>,
    listed: &GroupParameters,
) -> Observed<String> {
    let enabled = |parameter: &str| -> Result<bool, String> {
        match listed.get(parameter) {
            Some(Some(v)) if v == "enabled" => Ok(true),
            Some(Some(v)) if v == "disabled" => Ok(false),
            Some(Some(v)) if v == "default" => sqlserver_default_tls_enabled(version).ok_or_else(|| {
                format!(
                    "{operation}: parameter group {group} leaves {parameter} at \"default\" (the Windows setting), which no AWS document states for engine version {}",
                    version.unwrap_or("(not reported)")
                )
            }),
            Some(Some(v)) => Err(format!(
                "{operation}: {parameter} of parameter group {group} is {v:?}, not default, enabled or disabled"
            )),
            Some(None) => Err(format!(
                "{operation}: parameter group {group} lists {parameter} without a value"
            )),
            None => Err(format!(
                "{operation}: parameter group {group} does not list {parameter}"
            )),
        }
    };
    match (enabled("rds.tls10"), enabled("rds.tls11")) {
        (Ok(true), _) => Observed::Value("1.0".into()),
        (Ok(false), Ok(true)) => Observed::Value("1.1".into()),
        (Ok(false), Ok(false)) => Observed::Value("1.2".into()),
        (Err(r), _) | (_, Err(r)) => Observed::Unreadable(r),
    }
}

/// A parameter group's TLS-related parameters as listed: a value, or None when the
/// group lists the parameter without one.
type GroupParameters = BTreeMap<String, Option<String>>;

#[derive(Serialize)]
struct InstanceAttributes {
    engine: Observed<Option<String>>,
    storage_encrypted: Observed<bool>,
    kms_key_id: Observed<Option<String>>,
    backup_retention_period: Observed<i32>,
    publicly_accessible: Observed<bool>,
    multi_az: Observed<bool>,
    deletion_protection: Observed<bool>,
    auto_minor_version_upgrade: Observed<bool>,
    cluster_id: Observed<Option<String>>,
    /// Absent for a cluster member: the cluster's master user is its own, judged there.
    master_username: Observed<String>,
    /// Identifiers of this instance's read replicas. RDS always lists the element (empty
    /// for none), so one left out is unreadable, not "no replica".
    read_replicas: Observed<Vec<String>>,
    /// The instance this one replicates, when it is a read replica (RDS leaves the
    /// field out otherwise, so absence is a real "not a replica").
    replica_source: Observed<Option<String>>,
    tls_parameters: Observed<BTreeMap<String, String>>,
    min_tls_version: Observed<String>,
    tags: Observed<BTreeMap<String, String>>,
}

#[derive(Serialize)]
struct ClusterAttributes {
    engine: Observed<Option<String>>,
    /// Whether the engine itself refuses connections without TLS, whatever the
    /// parameter group says: Neptune from 1.0.4.0 (`NEPTUNE_TLS_ONLY_FROM`).
    engine_requires_tls: Observed<bool>,
    storage_encrypted: Observed<bool>,
    kms_key_id: Observed<Option<String>>,
    backup_retention_period: Observed<i32>,
    deletion_protection: Observed<bool>,
    multi_az: Observed<bool>,
    availability_zones: Observed<Vec<String>>,
    master_username: Observed<String>,
    tls_parameters: Observed<BTreeMap<String, String>>,
    min_tls_version: Observed<String>,
    tags: Observed<BTreeMap<String, String>>,
}

#[derive(Serialize)]
struct SnapshotAttributes {
    kind: Observed<String>,
    encrypted: Observed<bool>,
    restore_principals: Observed<Vec<String>>,
}

/// Tags as a map, from the `TagList` RDS returns with each resource.
fn tag_map(tags: &[aws_sdk_rds::types::Tag]) -> BTreeMap<String, String> {
    super::list::tag_map(tags.iter().map(|t| (t.key(), t.value())))
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "rds", |region| async move {
        let config = ctx.regional(&region);
        let rds = Client::new(&config);
        let mut out = Collected::default();
        let mut groups: BTreeMap<String, Observed<GroupParameters>> = BTreeMap::new();

        let instances = items!("rds:DescribeDBInstances", rds.describe_db_instances());
        let instances = match instances {
            Err(e) => Err(e),
            Ok(list) => {
                let mut resources = Found::default();
                for db in list {
                    let (Some(id), Some(arn)) = (db.db_instance_identifier(), db.db_instance_arn())
                    else {
                        resources.without_id(
                            "rds:DescribeDBInstances",
                            "DBInstanceIdentifier or DBInstanceArn",
                        );
                        continue;
                    };
                    let group = db
                        .db_parameter_groups()
                        .first()
                        .and_then(|g| g.db_parameter_group_name())
                        .map(str::to_string);
                    let listed = match &group {
                        Some(g) => {
                            if !groups.contains_key(g) {
                                let values = instance_group_parameters(&rds, g).await;
                                groups.insert(g.clone(), values);
                            }
                            groups[g].clone()
                        }
                        None => Observed::Unreadable(
                            "rds:DescribeDBInstances: the instance has no parameter group".into(),
                        ),
                    };
                    // A cluster member has no setting of its own: its cluster's parameter
                    // group holds it, and the cluster check judges it there.
                    let min_tls_version = match db.db_cluster_identifier() {
                        Some(_) => Observed::Absent,
                        None => min_tls_version_of(
                            "rds:DescribeDBParameters",
                            db.engine(),
                            db.engine_version(),
                            group.as_deref().unwrap_or_default(),
                            &listed,
                        ),
                    };
                    let tls_parameters = listed.map(|m| force_tls_of(&m));
                    let op = "rds:DescribeDBInstances";
                    let attrs = InstanceAttributes {
                        engine: Observed::Value(db.engine().map(str::to_string)),
                        storage_encrypted: required(op, "StorageEncrypted", db.storage_encrypted()),
                        kms_key_id: Observed::Value(db.kms_key_id().map(str::to_string)),
                        backup_retention_period: required(
                            op,
                            "BackupRetentionPeriod",
                            db.backup_retention_period(),
                        ),
                        publicly_accessible: required(
                            op,
                            "PubliclyAccessible",
                            db.publicly_accessible(),
                        ),
                        multi_az: required(op, "MultiAZ", db.multi_az()),
                        deletion_protection: required(
                            op,
                            "DeletionProtection",
                            db.deletion_protection(),
                        ),
                        auto_minor_version_upgrade: required(
                            op,
                            "AutoMinorVersionUpgrade",
                            db.auto_minor_version_upgrade(),
                        ),
                        cluster_id: Observed::Value(db.db_cluster_identifier().map(str::to_string)),
                        master_username: match db.db_cluster_identifier() {
                            Some(_) => Observed::Absent,
                            None => required(
                                op,
                                "MasterUsername",
                                db.master_username().map(str::to_string),
                            ),
                        },
                        read_replicas: replicas_of(&db),
                        replica_source: Observed::Value(
                            db.read_replica_source_db_instance_identifier()
                                .map(str::to_string),
                        ),
                        tls_parameters,
                        min_tls_version,
                        tags: Observed::Value(tag_map(db.tag_list())),
                    };
                    resources.push(ctx.resource(
                        INSTANCE,
                        arn.to_string(),
                        id.to_string(),
                        &region,
                        &attrs,
                    ));
                }
                Ok(resources)
            }
        };
        out.found(ctx, INSTANCE, &region, instances);

        let clusters = items!("rds:DescribeDBClusters", rds.describe_db_clusters());
        let clusters = match clusters {
            Err(e) => Err(e),
            Ok(list) => {
                let mut resources = Found::default();
                for c in list {
                    let (Some(id), Some(arn)) = (c.db_cluster_identifier(), c.db_cluster_arn())
                    else {
                        resources.without_id(
                            "rds:DescribeDBClusters",
                            "DBClusterIdentifier or DBClusterArn",
                        );
                        continue;
                    };
                    let listed = match c.db_cluster_parameter_group() {
                        Some(g) => cluster_group_parameters(&rds, g).await,
                        None => Observed::Unreadable(
                            "rds:DescribeDBClusters: the cluster has no parameter group".into(),
                        ),
                    };
                    let min_tls_version = min_tls_version_of(
                        "rds:DescribeDBClusterParameters",
                        c.engine(),
                        c.engine_version(),
                        c.db_cluster_parameter_group().unwrap_or_default(),
                        &listed,
                    );
                    let tls_parameters = listed.map(|m| force_tls_of(&m));
                    let op = "rds:DescribeDBClusters";
                    let attrs = ClusterAttributes {
                        engine: Observed::Value(c.engine().map(str::to_string)),
                        engine_requires_tls: engine_requires_tls(c.engine(), c.engine_version()),
                        storage_encrypted: required(op, "StorageEncrypted", c.storage_encrypted()),
                        kms_key_id: Observed::Value(c.kms_key_id().map(str::to_string)),
                        backup_retention_period: required(
                            op,
                            "BackupRetentionPeriod",
                            c.backup_retention_period(),
                        ),
                        deletion_protection: required(
                            op,
                            "DeletionProtection",
                            c.deletion_protection(),
                        ),
                        multi_az: required(op, "MultiAZ", c.multi_az()),
                        availability_zones: Observed::Value(c.availability_zones().to_vec()),
                        master_username: required(
                            op,
                            "MasterUsername",
                            c.master_username().map(str::to_string),
                        ),
                        tls_parameters,
                        min_tls_version,
                        tags: Observed::Value(tag_map(c.tag_list())),
                    };
                    resources.push(ctx.resource(
                        CLUSTER,
                        arn.to_string(),
                        id.to_string(),
                        &region,
                        &attrs,
                    ));
                }
                Ok(resources)
            }
        };
        out.found(ctx, CLUSTER, &region, clusters);
        let snapshots = snapshots(ctx, &rds, &region).await;
        out.found(ctx, SNAPSHOT, &region, snapshots);
        out
    })
    .await
}

async fn snapshots(ctx: &AwsContext, rds: &Client, region: &str) -> Result<Found, String> {
    let mut found = Found::default();
    // (identifier, ARN, of a cluster, encrypted) of every manual snapshot.
    let mut listed = Vec::new();
    let instance_snaps = items!(
        "rds:DescribeDBSnapshots",
        rds.describe_db_snapshots().snapshot_type("manual")
    )?;
    for s in &instance_snaps {
        let encrypted = required("rds:DescribeDBSnapshots", "Encrypted", s.encrypted());
        match (s.db_snapshot_identifier(), s.db_snapshot_arn()) {
            (Some(id), Some(arn)) => listed.push((id, arn, false, encrypted)),
            _ => found.without_id(
                "rds:DescribeDBSnapshots",
                "DBSnapshotIdentifier or DBSnapshotArn",
            ),
        }
    }
    let cluster_snaps = items!(
        "rds:DescribeDBClusterSnapshots",
        rds.describe_db_cluster_snapshots().snapshot_type("manual")
    )?;
    for s in &cluster_snaps {
        let op = "rds:DescribeDBClusterSnapshots";
        let encrypted = required(op, "StorageEncrypted", s.storage_encrypted());
        match (
            s.db_cluster_snapshot_identifier(),
            s.db_cluster_snapshot_arn(),
        ) {
            (Some(id), Some(arn)) => listed.push((id, arn, true, encrypted)),
            _ => found.without_id(op, "DBClusterSnapshotIdentifier or DBClusterSnapshotArn"),
        }
    }
    for (id, arn, cluster, encrypted) in listed {
        let restore_principals = if cluster {
            observe(
                "rds:DescribeDBClusterSnapshotAttributes",
                rds.describe_db_cluster_snapshot_attributes()
                    .db_cluster_snapshot_identifier(id)
                    .send()
                    .await,
                &[],
            )
            .and_then(|out| cluster_restore_of(&out))
        } else {
            observe(
                "rds:DescribeDBSnapshotAttributes",
                rds.describe_db_snapshot_attributes()
                    .db_snapshot_identifier(id)
                    .send()
                    .await,
                &[],
            )
            .and_then(|out| instance_restore_of(&out))
        };
        let attrs = SnapshotAttributes {
            kind: Observed::Value(if cluster { "cluster" } else { "instance" }.into()),
            encrypted,
            restore_principals,
        };
        found.push(ctx.resource(SNAPSHOT, arn.to_string(), id.to_string(), region, &attrs));
    }
    Ok(found)
}

/// Who may restore a snapshot: the values of its `restore` attribute, which AWS always
/// returns (empty for a private snapshot). A result or attribute left out is unreadable,
/// never "shared with no one".
fn restore_principals<'a>(
    operation: &str,
    result: Option<impl Iterator<Item = (Option<&'a str>, &'a [String])>>,
) -> Observed<Vec<String>> {
    let Some(attributes) = result else {
        return Observed::unreadable(format!(
            "{operation}: the response has no attributes result"
        ));
    };
    let mut restore = None;
    for (name, values) in attributes {
        if name == Some("restore") {
            restore
                .get_or_insert_with(Vec::new)
                .extend(values.iter().cloned());
        }
    }
    super::error::required(operation, "restore attribute", restore)
}

pub fn instance_restore_of(out: &DescribeDbSnapshotAttributesOutput) -> Observed<Vec<String>> {
    restore_principals(
        "rds:DescribeDBSnapshotAttributes",
        out.db_snapshot_attributes_result().map(|r| {
            r.db_snapshot_attributes()
                .iter()
                .map(|a| (a.attribute_name(), a.attribute_values()))
        }),
    )
}

pub fn cluster_restore_of(
    out: &DescribeDbClusterSnapshotAttributesOutput,
) -> Observed<Vec<String>> {
    restore_principals(
        "rds:DescribeDBClusterSnapshotAttributes",
        out.db_cluster_snapshot_attributes_result().map(|r| {
            r.db_cluster_snapshot_attributes()
                .iter()
                .map(|a| (a.attribute_name(), a.attribute_values()))
        }),
    )
}

fn pick_tls<'a>(
    params: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> GroupParameters {
    params
        .filter_map(|(name, value)| {
            let name = name?;
            (TLS_PARAMETERS.contains(&name) || MIN_TLS_PARAMETERS.contains(&name))
                .then(|| (name.to_string(), value.map(str::to_string)))
        })
        .collect()
}

/// The parameters that force TLS, as the TLS-required checks read them ("" when
/// listed without a value).
fn force_tls_of(listed: &GroupParameters) -> BTreeMap<String, String> {
    listed
        .iter()
        .filter(|(name, _)| TLS_PARAMETERS.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone().unwrap_or_default()))
        .collect()
}

/// The oldest TLS version the engine accepts ("1.0" to "1.3"), from the parameter its
/// engine documents: `ssl_min_protocol_version` (PostgreSQL, Aurora PostgreSQL), the
/// lowest of `tls_version`'s list (MySQL, MariaDB, Aurora MySQL), or `rds.tls10` and
/// `rds.tls11` (SQL Server, see `sqlserver_min_tls`). A group that does not list the
/// parameter, or lists it without a value (left at the engine default, which
/// DescribeDBParameters may answer with Source engine-default and no ParameterValue),
/// falls back to `ENGINE_MIN_TLS`, where an AWS document states what the engine
/// version accepts; elsewhere it is unreadable, as is an engine without such a
/// parameter (Oracle, Db2) and a value that is not TLS versions: none of them says what
/// the database accepts.
pub fn min_tls_version_of(
    operation: &str,
    engine: Option<&str>,
    engine_version: Option<&str>,
    group: &str,
    listed: &Observed<GroupParameters>,
) -> Observed<String> {
    if engine == Some("neptune") {
        return match neptune_tls_only(engine_version) {
            Some(true) => Observed::Value("1.2".into()),
            Some(false) => Observed::Unreadable(format!(
                "Neptune engine {} predates 1.0.4.0, and AWS states the oldest TLS version it accepts only from 1.0.4.0 on",
                engine_version.unwrap_or_default()
            )),
            None => Observed::unreadable(format!(
                "{operation}: the Neptune engine version {:?} is not four numbers",
                engine_version.unwrap_or("(not reported)")
            )),
        };
    }
    let parameter = match engine {
        Some("postgres" | "aurora-postgresql") => "ssl_min_protocol_version",
        Some("docdb") => "tls",
        Some("mysql" | "mariadb" | "aurora-mysql" | "aurora") => "tls_version",
        Some("sqlserver-ee" | "sqlserver-se" | "sqlserver-ex" | "sqlserver-web") => "rds.tls10",
        Some(other) => {
            return Observed::Unreadable(format!(
                "the {other} engine has no minimum TLS version parameter that vouch reads"
            ));
        }
        None => return Observed::unreadable(format!("{operation}: the engine is not reported")),
    };
    let listed = match listed {
        Observed::Value(m) => m,
        Observed::Absent => {
            return Observed::unreadable(format!("{operation}: parameter group {group} not found"));
        }
        Observed::Unreadable(r) => return Observed::Unreadable(r.clone()),
    };
    if parameter == "rds.tls10" {
        return sqlserver_min_tls(operation, group, engine_version, listed);
    }
    if parameter == "tls" {
        return match listed.get(parameter) {
            Some(Some(v)) => docdb_min_tls(operation, group, v),
            Some(None) => Observed::Unreadable(format!(
                "{operation}: parameter group {group} lists tls without a value"
            )),
            None => Observed::Unreadable(format!(
                "{operation}: parameter group {group} does not list tls"
            )),
        };
    }
    let floor = engine.and_then(|e| engine_min_tls(e, engine_version));
    let value = match (listed.get(parameter), floor) {
        (Some(Some(v)), _) => v,
        (_, Some(floor)) => return Observed::Value(floor.to_string()),
        (Some(None), None) => {
            return Observed::Unreadable(format!(
                "{operation}: parameter group {group} lists {parameter} without a value"
            ));
        }
        (None, None) => {
            return Observed::Unreadable(format!(
                "{operation}: parameter group {group} does not list {parameter}, so its engine default is not known"
            ));
        }
    };
    let versions: Option<Vec<&str>> = value
        .split(',')
        .map(|v| match v.trim() {
            "TLSv1" | "TLSv1.0" => Some("1.0"),
            "TLSv1.1" => Some("1.1"),
            "TLSv1.2" => Some("1.2"),
            "TLSv1.3" => Some("1.3"),
            _ => None,
        })
        .collect();
    match versions.and_then(|v| v.into_iter().min()) {
        Some(min) => Observed::Value(min.to_string()),
        None => Observed::Unreadable(format!(
            "{operation}: {parameter} of parameter group {group} is {value:?}, not a list of TLS versions"
        )),
    }
}

async fn instance_group_parameters(rds: &Client, group: &str) -> Observed<GroupParameters> {
    let params = items!(
        "rds:DescribeDBParameters",
        rds.describe_db_parameters().db_parameter_group_name(group)
    );
    Observed::of(params).map(|ps| group_parameters_of(&ps))
}

/// The TLS parameters of a DescribeDB(Cluster)Parameters answer. A parameter left at
/// its engine default may come with Source engine-default and no ParameterValue: it is
/// kept as listed without a value, never as an empty setting.
pub fn group_parameters_of(params: &[aws_sdk_rds::types::Parameter]) -> GroupParameters {
    pick_tls(
        params
            .iter()
            .map(|p| (p.parameter_name(), p.parameter_value())),
    )
}

async fn cluster_group_parameters(rds: &Client, group: &str) -> Observed<GroupParameters> {
    let params = items!(
        "rds:DescribeDBClusterParameters",
        rds.describe_db_cluster_parameters()
            .db_cluster_parameter_group_name(group)
    );
    Observed::of(params).map(|ps| group_parameters_of(&ps))
}

/// The instance's read replicas, from the list RDS always returns (empty for none).
pub fn replicas_of(db: &aws_sdk_rds::types::DbInstance) -> Observed<Vec<String>> {
    required(
        "rds:DescribeDBInstances",
        "ReadReplicaDBInstanceIdentifiers",
        db.read_replica_db_instance_identifiers.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replica_list_left_out_is_unreadable_and_an_empty_one_is_none() {
        use aws_sdk_rds::types::DbInstance;
        let none = DbInstance::builder().build();
        assert_eq!(
            replicas_of(&none).unreadable_reason(),
            Some("rds:DescribeDBInstances: the response has no ReadReplicaDBInstanceIdentifiers")
        );
        let empty = DbInstance::builder()
            .set_read_replica_db_instance_identifiers(Some(vec![]))
            .build();
        assert_eq!(replicas_of(&empty), Observed::Value(vec![]));
        let one = DbInstance::builder()
            .read_replica_db_instance_identifiers("db-replica")
            .build();
        assert_eq!(
            replicas_of(&one),
            Observed::Value(vec!["db-replica".to_string()])
        );
    }

    #[test]
    fn the_minimum_tls_version_comes_from_the_engines_parameter_or_is_unreadable() {
        let op = "rds:DescribeDBParameters";
        let group = |pairs: &[(&str, Option<&str>)]| {
            Observed::Value(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
                    .collect::<GroupParameters>(),
            )
        };
        let pg = group(&[
            ("rds.force_ssl", Some("1")),
            ("ssl_min_protocol_version", Some("TLSv1")),
        ]);
        assert_eq!(
            min_tls_version_of(op, Some("postgres"), Some("16.3"), "g", &pg),
            Observed::Value("1.0".into())
        );
        let my = group(&[("tls_version", Some("TLSv1.3, TLSv1.2"))]);
        assert_eq!(
            min_tls_version_of(
                op,
                Some("aurora-mysql"),
                Some("8.0.mysql_aurora.3.08.0"),
                "g",
                &my
            ),
            Observed::Value("1.2".into())
        );
        assert_eq!(
            min_tls_version_of(op, Some("mysql"), Some("5.7.44"), "g", &pg).unreadable_reason(),
            Some(
                "rds:DescribeDBParameters: parameter group g does not list tls_version, so its engine default is not known"
            )
        );
        let unset = group(&[("ssl_min_protocol_version", None)]);
        assert!(
            min_tls_version_of(op, Some("postgres"), Some("16.3"), "g", &unset)
                .unreadable_reason()
                .is_some()
        );
        let odd = group(&[("ssl_min_protocol_version", Some("SSLv3"))]);
        assert!(
            min_tls_version_of(op, Some("postgres"), Some("16.3"), "g", &odd)
                .unreadable_reason()
                .is_some()
        );
        assert_eq!(
            min_tls_version_of(
                op,
                Some("oracle-ee"),
                Some("19.0.0.0.ru-2024-01.rur-2024-01.r1"),
                "g",
                &pg
            )
            .unreadable_reason(),
            Some("the oracle-ee engine has no minimum TLS version parameter that vouch reads")
        );
        assert!(
            min_tls_version_of(op, None, None, "g", &pg)
                .unreadable_reason()
                .is_some()
        );
    }

    #[test]
    fn documentdb_and_neptune_read_their_own_tls_rules() {
        let op = "rds:DescribeDBClusterParameters";
        let tls = |v: Option<&str>| {
            Observed::Value(GroupParameters::from([(
                "tls".to_string(),
                v.map(str::to_string),
            )]))
        };
        let docdb = |v| min_tls_version_of(op, Some("docdb"), Some("5.0.0"), "g", &tls(v));
        assert_eq!(docdb(Some("enabled")), Observed::Value("1.0".into()));
        assert_eq!(docdb(Some("tls1.2+")), Observed::Value("1.2".into()));
        assert_eq!(docdb(Some("tls1.3+")), Observed::Value("1.3".into()));
        assert_eq!(docdb(Some("disabled")), Observed::Value("none".into()));
        for unknown in [Some("fips-140-3"), Some("on"), None] {
            assert!(docdb(unknown).unreadable_reason().is_some(), "{unknown:?}");
        }
        let empty = Observed::Value(GroupParameters::new());
        assert!(
            min_tls_version_of(op, Some("docdb"), Some("5.0.0"), "g", &empty)
                .unreadable_reason()
                .is_some_and(|r| r.contains("does not list tls"))
        );
        let neptune = |v| min_tls_version_of(op, Some("neptune"), v, "g", &empty);
        assert_eq!(neptune(Some("1.3.2.1")), Observed::Value("1.2".into()));
        assert_eq!(neptune(Some("1.0.4.0")), Observed::Value("1.2".into()));
        assert!(
            neptune(Some("1.0.3.0"))
                .unreadable_reason()
                .is_some_and(|r| r.contains("predates 1.0.4.0"))
        );
        assert!(neptune(Some("1.3")).unreadable_reason().is_some());
        assert!(neptune(None).unreadable_reason().is_some());
        assert_eq!(neptune_tls_only(Some("1.10.0.0")), Some(true));
        assert_eq!(neptune_tls_only(Some("1.0.3.9")), Some(false));
        assert_eq!(neptune_tls_only(Some("one")), None);
        assert_eq!(
            engine_requires_tls(Some("neptune"), Some("1.2.0.0")),
            Observed::Value(true)
        );
        assert_eq!(
            engine_requires_tls(Some("neptune"), Some("1.0.2.2")),
            Observed::Value(false)
        );
        assert!(
            engine_requires_tls(Some("neptune"), None)
                .unreadable_reason()
                .is_some()
        );
        assert_eq!(
            engine_requires_tls(Some("docdb"), Some("5.0.0")),
            Observed::Value(false)
        );
    }

    #[test]
    fn the_engine_table_covers_only_versions_an_aws_document_names() {
        assert_eq!(engine_min_tls("mysql", Some("8.4.3")), Some("1.2"));
        assert_eq!(engine_min_tls("mysql", Some("8.0.35")), Some("1.2"));
        assert_eq!(engine_min_tls("mysql", Some("8.0.28")), Some("1.2"));
        assert_eq!(engine_min_tls("mysql", Some("8.0.27")), None);
        assert_eq!(engine_min_tls("mysql", Some("5.7.44")), None);
        assert_eq!(engine_min_tls("mariadb", Some("10.11.6")), None);
        assert_eq!(engine_min_tls("postgres", Some("16.3")), None);
        assert_eq!(
            engine_min_tls("aurora-mysql", Some("8.0.mysql_aurora.3.08.0")),
            None
        );
        assert_eq!(engine_min_tls("mysql", None), None);
        assert_eq!(engine_min_tls("mysql", Some("8")), None);
    }

    #[test]
    fn an_engine_default_without_a_value_is_read_from_the_table_or_is_unreadable() {
        use aws_sdk_rds::types::Parameter;
        // DescribeDBParameters for a parameter left at its engine default.
        let answer = [Parameter::builder()
            .parameter_name("tls_version")
            .source("engine-default")
            .build()];
        let listed = Observed::Value(group_parameters_of(&answer));
        let op = "rds:DescribeDBParameters";
        assert_eq!(
            min_tls_version_of(
                op,
                Some("mysql"),
                Some("8.0.39"),
                "default.mysql8.0",
                &listed
            ),
            Observed::Value("1.2".into())
        );
        assert_eq!(
            min_tls_version_of(
                op,
                Some("mysql"),
                Some("5.7.44"),
                "default.mysql5.7",
                &listed
            )
            .unreadable_reason(),
            Some(
                "rds:DescribeDBParameters: parameter group default.mysql5.7 lists tls_version without a value"
            )
        );
        // A value that is set wins over the table.
        let set = [Parameter::builder()
            .parameter_name("tls_version")
            .parameter_value("TLSv1.3")
            .source("user")
            .build()];
        assert_eq!(
            min_tls_version_of(
                op,
                Some("mysql"),
                Some("8.0.39"),
                "g",
                &Observed::Value(group_parameters_of(&set))
            ),
            Observed::Value("1.3".into())
        );
        // PostgreSQL: no AWS document states the default, so it stays unreadable.
        let pg = [Parameter::builder()
            .parameter_name("ssl_min_protocol_version")
            .source("engine-default")
            .build()];
        assert!(
            min_tls_version_of(
                op,
                Some("postgres"),
                Some("16.3"),
                "g",
                &Observed::Value(group_parameters_of(&pg))
            )
            .unreadable_reason()
            .is_some()
        );
    }

    #[test]
    fn sql_server_reads_tls10_and_tls11_and_their_default_only_where_aws_states_it() {
        use aws_sdk_rds::types::Parameter;
        let group = |tls10: &str, tls11: &str| {
            let answer = [
                Parameter::builder()
                    .parameter_name("rds.tls10")
                    .parameter_value(tls10)
                    .build(),
                Parameter::builder()
                    .parameter_name("rds.tls11")
                    .parameter_value(tls11)
                    .build(),
            ];
            Observed::Value(group_parameters_of(&answer))
        };
        let op = "rds:DescribeDBParameters";
        let se = Some("sqlserver-se");
        let min =
            |v: Option<&str>, g: &Observed<GroupParameters>| min_tls_version_of(op, se, v, "g", g);
        let new = Some("15.00.4415.2.v1");
        let old = Some("15.00.4322.2.v1");
        assert_eq!(
            min(new, &group("disabled", "disabled")),
            Observed::Value("1.2".into())
        );
        assert_eq!(
            min(new, &group("disabled", "enabled")),
            Observed::Value("1.1".into())
        );
        assert_eq!(
            min(new, &group("enabled", "disabled")),
            Observed::Value("1.0".into())
        );
        // After the versions the upgrade page names, "default" is off; before, on.
        assert_eq!(
            min(new, &group("default", "default")),
            Observed::Value("1.2".into())
        );
        assert_eq!(
            min(old, &group("default", "default")),
            Observed::Value("1.0".into())
        );
        assert_eq!(
            min(old, &group("disabled", "default")),
            Observed::Value("1.1".into())
        );
        // The threshold itself, and a major version the page does not name: unreadable.
        assert!(
            min(Some("15.00.4365.2.v1"), &group("default", "disabled"))
                .unreadable_reason()
                .is_some()
        );
        assert_eq!(
            min(Some("12.00.6449.1.v1"), &group("default", "disabled")).unreadable_reason(),
            Some(
                "rds:DescribeDBParameters: parameter group g leaves rds.tls10 at \"default\" (the Windows setting), which no AWS document states for engine version 12.00.6449.1.v1"
            )
        );
        // TLS 1.0 on decides, whatever TLS 1.1 says.
        assert_eq!(
            min(Some("12.00.6449.1.v1"), &group("enabled", "default")),
            Observed::Value("1.0".into())
        );
        let missing = Observed::Value(GroupParameters::new());
        assert_eq!(
            min(new, &missing).unreadable_reason(),
            Some("rds:DescribeDBParameters: parameter group g does not list rds.tls10")
        );
        assert!(
            min(new, &group("odd", "disabled"))
                .unreadable_reason()
                .is_some()
        );
        assert_eq!(
            sqlserver_default_tls_enabled(Some("16.00.4125.3.v1")),
            Some(false)
        );
        assert_eq!(
            sqlserver_default_tls_enabled(Some("13.00.6300.2.v1")),
            Some(true)
        );
        assert_eq!(sqlserver_default_tls_enabled(None), None);
    }

    use aws_sdk_rds::types::{
        DbClusterSnapshotAttribute, DbClusterSnapshotAttributesResult, DbSnapshotAttribute,
        DbSnapshotAttributesResult,
    };

    #[test]
    fn snapshot_attributes_left_out_are_unreadable_not_unshared() {
        let none = DescribeDbSnapshotAttributesOutput::builder().build();
        assert_eq!(
            instance_restore_of(&none).unreadable_reason(),
            Some("rds:DescribeDBSnapshotAttributes: the response has no attributes result")
        );
        let no_restore = DescribeDbSnapshotAttributesOutput::builder()
            .db_snapshot_attributes_result(DbSnapshotAttributesResult::builder().build())
            .build();
        assert_eq!(
            instance_restore_of(&no_restore).unreadable_reason(),
            Some("rds:DescribeDBSnapshotAttributes: the response has no restore attribute")
        );
        let public = DescribeDbSnapshotAttributesOutput::builder()
            .db_snapshot_attributes_result(
                DbSnapshotAttributesResult::builder()
                    .db_snapshot_attributes(
                        DbSnapshotAttribute::builder()
                            .attribute_name("restore")
                            .attribute_values("all")
                            .build(),
                    )
                    .build(),
            )
            .build();
        assert_eq!(
            instance_restore_of(&public),
            Observed::Value(vec!["all".to_string()])
        );

        let none = DescribeDbClusterSnapshotAttributesOutput::builder().build();
        assert!(cluster_restore_of(&none).unreadable_reason().is_some());
        let private = DescribeDbClusterSnapshotAttributesOutput::builder()
            .db_cluster_snapshot_attributes_result(
                DbClusterSnapshotAttributesResult::builder()
                    .db_cluster_snapshot_attributes(
                        DbClusterSnapshotAttribute::builder()
                            .attribute_name("restore")
                            .build(),
                    )
                    .build(),
            )
            .build();
        assert_eq!(cluster_restore_of(&private), Observed::Value(vec![]));
    }
}
