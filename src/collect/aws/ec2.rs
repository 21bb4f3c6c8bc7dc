//! EC2 and VPC: security groups, VPCs with their flow logs, EBS default encryption,
//! volumes and the account's own snapshots.

use std::collections::BTreeMap;

use aws_sdk_ec2::Client;
use aws_sdk_ec2::types::{Filter, IpPermission, SecurityGroup, SnapshotAttributeName};
use futures::stream::{self, StreamExt};
use serde::Serialize;

use super::error::{observe, reason, required};
use super::{AwsContext, Collected, Found, per_region};
use crate::inventory::Observed;

pub const SECURITY_GROUP: &str = "aws_ec2_security_group";
pub const VPC: &str = "aws_ec2_vpc";
pub const REGION_SETTINGS: &str = "aws_ec2_region_settings";
pub const VOLUME: &str = "aws_ec2_volume";
pub const SNAPSHOT: &str = "aws_ec2_snapshot";

#[derive(Serialize, Clone)]
pub struct Rule {
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub ipv4_ranges: Vec<String>,
    pub ipv6_ranges: Vec<String>,
    pub source_groups: Vec<String>,
    /// Managed prefix lists the rule admits (their ids): sources outside the group as
    /// much as a CIDR is.
    pub prefix_lists: Vec<String>,
}

/// Tags as a map, from the `Tags` list EC2 returns with each resource.
fn tag_map(tags: &[aws_sdk_ec2::types::Tag]) -> BTreeMap<String, String> {
    tags.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

#[derive(Serialize)]
struct GroupAttributes {
    group_id: Observed<String>,
    group_name: Observed<String>,
    vpc_id: Observed<Option<String>>,
    is_default: Observed<bool>,
    ingress: Observed<Vec<Rule>>,
    egress: Observed<Vec<Rule>>,
    tags: Observed<BTreeMap<String, String>>,
}

#[derive(Serialize, Clone)]
pub struct FlowLog {
    pub id: Option<String>,
    pub status: Option<String>,
    pub traffic_type: Option<String>,
    pub destination: Option<String>,
}

#[derive(Serialize)]
struct VpcAttributes {
    is_default: Observed<bool>,
    cidr_block: Observed<Option<String>>,
    flow_logs: Observed<Vec<FlowLog>>,
    tags: Observed<BTreeMap<String, String>>,
}

#[derive(Serialize)]
struct RegionAttributes {
    ebs_encryption_by_default: Observed<bool>,
}

#[derive(Serialize)]
struct VolumeAttributes {
    encrypted: Observed<bool>,
    kms_key_id: Observed<Option<String>>,
    state: Observed<Option<String>>,
    attachments: Observed<Vec<String>>,
    tags: Observed<BTreeMap<String, String>>,
}

#[derive(Serialize)]
struct SnapshotAttributes {
    encrypted: Observed<bool>,
    public: Observed<bool>,
    restore_accounts: Observed<Vec<String>>,
    tags: Observed<BTreeMap<String, String>>,
}

/// Protocols whose rules carry a port range, by name or number.
const PORT_PROTOCOLS: [&str; 4] = ["tcp", "udp", "6", "17"];

/// The rules of one direction of a security group. A rule without its protocol, a
/// TCP or UDP rule without its port range, or a source range without its CIDR makes
/// them all unreadable: read as "all traffic", "no port" or "no source", each would
/// decide a verdict on something AWS did not say.
pub fn rules_of(operation: &str, perms: &[IpPermission]) -> Observed<Vec<Rule>> {
    let mut rules = Vec::new();
    for p in perms {
        let Some(protocol) = p.ip_protocol() else {
            return Observed::unreadable(format!("{operation}: a rule has no IpProtocol"));
        };
        if PORT_PROTOCOLS.contains(&protocol) && (p.from_port().is_none() || p.to_port().is_none())
        {
            return Observed::unreadable(format!(
                "{operation}: a {protocol} rule has no FromPort or ToPort"
            ));
        }
        // Each source must carry its id: one dropped would narrow what the rule admits.
        let sources = |what: &str, ids: Vec<Option<&str>>| -> Result<Vec<String>, String> {
            ids.into_iter()
                .map(|id| {
                    id.map(str::to_string)
                        .ok_or_else(|| format!("{operation}: a {protocol} rule has {what}"))
                })
                .collect()
        };
        let read = (
            sources(
                "an IPv4 range without CidrIp",
                p.ip_ranges().iter().map(|r| r.cidr_ip()).collect(),
            ),
            sources(
                "an IPv6 range without CidrIpv6",
                p.ipv6_ranges().iter().map(|r| r.cidr_ipv6()).collect(),
            ),
            sources(
                "a source group without GroupId or GroupName",
                p.user_id_group_pairs()
                    .iter()
                    .map(|g| g.group_id().or(g.group_name()))
                    .collect(),
            ),
            sources(
                "a prefix list without PrefixListId",
                p.prefix_list_ids()
                    .iter()
                    .map(|l| l.prefix_list_id())
                    .collect(),
            ),
        );
        let (ipv4_ranges, ipv6_ranges, source_groups, prefix_lists) = match read {
            (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
            (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => {
                return Observed::Unreadable(e);
            }
        };
        rules.push(Rule {
            protocol: protocol.to_string(),
            from_port: p.from_port(),
            to_port: p.to_port(),
            ipv4_ranges,
            ipv6_ranges,
            source_groups,
            prefix_lists,
        });
    }
    Observed::Value(rules)
}

/// Flow logs by the resource they watch. A flow log without its ResourceId could be any
/// VPC's: dropping it would fail a VPC that has one, so the whole map is unreadable.
pub fn flow_logs_by_resource(
    logs: &[aws_sdk_ec2::types::FlowLog],
) -> Observed<BTreeMap<String, Vec<FlowLog>>> {
    let mut by_resource: BTreeMap<String, Vec<FlowLog>> = BTreeMap::new();
    for l in logs {
        let Some(rid) = l.resource_id() else {
            return Observed::unreadable("ec2:DescribeFlowLogs: a flow log has no ResourceId");
        };
        by_resource
            .entry(rid.to_string())
            .or_default()
            .push(FlowLog {
                id: l.flow_log_id().map(str::to_string),
                status: l.flow_log_status().map(str::to_string),
                traffic_type: l.traffic_type().map(|t| t.as_str().to_string()),
                destination: l.log_destination().map(str::to_string),
            });
    }
    Observed::Value(by_resource)
}

/// A security group's attributes. Its name decides whether it is the VPC's default
/// group, so a group without GroupName has `group_name` and `is_default` unreadable.
fn group_attributes(g: &SecurityGroup) -> GroupAttributes {
    const OP: &str = "ec2:DescribeSecurityGroups";
    let name = required(OP, "GroupName", g.group_name().map(str::to_string));
    GroupAttributes {
        group_id: required(OP, "GroupId", g.group_id().map(str::to_string)),
        is_default: name.clone().map(|n| n == "default"),
        group_name: name,
        vpc_id: Observed::Value(g.vpc_id().map(str::to_string)),
        ingress: rules_of(OP, g.ip_permissions()),
        egress: rules_of(OP, g.ip_permissions_egress()),
        tags: Observed::Value(tag_map(g.tags())),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "ec2", |region| async move {
        let ec2 = Client::new(&ctx.regional(&region));
        let mut out = Collected::default();
        out.found(
            ctx,
            SECURITY_GROUP,
            &region,
            security_groups(ctx, &ec2, &region).await,
        );
        out.found(ctx, VPC, &region, vpcs(ctx, &ec2, &region).await);
        let settings = RegionAttributes {
            ebs_encryption_by_default: observe(
                "ec2:GetEbsEncryptionByDefault",
                ec2.get_ebs_encryption_by_default().send().await,
                &[],
            )
            .map(|o| o.ebs_encryption_by_default())
            .and_then_required("ec2:GetEbsEncryptionByDefault", "EbsEncryptionByDefault"),
        };
        out.settings(
            ctx,
            REGION_SETTINGS,
            "ec2",
            &region,
            "EC2 settings",
            &settings,
        );
        out.found(ctx, VOLUME, &region, volumes(ctx, &ec2, &region).await);
        out.found(ctx, SNAPSHOT, &region, snapshots(ctx, &ec2, &region).await);
        out
    })
    .await
}

async fn security_groups(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let groups = ec2
        .describe_security_groups()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("ec2:DescribeSecurityGroups", &e))?;
    let mut found = Found::default();
    for g in &groups {
        let Some(id) = g.group_id() else {
            found.without_id("ec2:DescribeSecurityGroups", "GroupId");
            continue;
        };
        let attrs = group_attributes(g);
        let arn = ctx.arn("ec2", region, &format!("security-group/{id}"));
        let name = match g.group_name() {
            Some(name) => format!("{id} ({name})"),
            None => id.to_string(),
        };
        found.push(ctx.resource(SECURITY_GROUP, arn, name, region, &attrs));
    }
    Ok(found)
}

async fn vpcs(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let vpcs = ec2
        .describe_vpcs()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("ec2:DescribeVpcs", &e))?;
    let logs = ec2
        .describe_flow_logs()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await;
    let logs = match observe("ec2:DescribeFlowLogs", logs, &[]) {
        Observed::Value(logs) => flow_logs_by_resource(&logs),
        other => other.map(|_| BTreeMap::new()),
    };
    let mut found = Found::default();
    for v in &vpcs {
        let Some(id) = v.vpc_id() else {
            found.without_id("ec2:DescribeVpcs", "VpcId");
            continue;
        };
        let attrs = VpcAttributes {
            is_default: required("ec2:DescribeVpcs", "IsDefault", v.is_default()),
            cidr_block: Observed::Value(v.cidr_block().map(str::to_string)),
            flow_logs: logs.clone().map(|m| m.get(id).cloned().unwrap_or_default()),
            tags: Observed::Value(tag_map(v.tags())),
        };
        let arn = ctx.arn("ec2", region, &format!("vpc/{id}"));
        found.push(ctx.resource(VPC, arn, id.to_string(), region, &attrs));
    }
    Ok(found)
}

async fn volumes(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let vols = ec2
        .describe_volumes()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("ec2:DescribeVolumes", &e))?;
    let mut found = Found::default();
    for v in &vols {
        let Some(id) = v.volume_id() else {
            found.without_id("ec2:DescribeVolumes", "VolumeId");
            continue;
        };
        let attrs = VolumeAttributes {
            encrypted: required("ec2:DescribeVolumes", "Encrypted", v.encrypted()),
            kms_key_id: Observed::Value(v.kms_key_id().map(str::to_string)),
            state: Observed::Value(v.state().map(|s| s.as_str().to_string())),
            attachments: Observed::Value(
                v.attachments()
                    .iter()
                    .filter_map(|a| a.instance_id().map(str::to_string))
                    .collect(),
            ),
            tags: Observed::Value(tag_map(v.tags())),
        };
        let arn = ctx.arn("ec2", region, &format!("volume/{id}"));
        found.push(ctx.resource(VOLUME, arn, id.to_string(), region, &attrs));
    }
    Ok(found)
}

async fn snapshots(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let snaps = ec2
        .describe_snapshots()
        .owner_ids("self")
        .filters(
            Filter::builder()
                .name("status")
                .values("completed")
                .values("pending")
                .build(),
        )
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("ec2:DescribeSnapshots", &e))?;
    let mut found = Found::default();
    let with_ids: Vec<_> = snaps
        .into_iter()
        .filter(|s| {
            if s.snapshot_id().is_none() {
                found.without_id("ec2:DescribeSnapshots", "SnapshotId");
            }
            s.snapshot_id().is_some()
        })
        .collect();
    let resources = stream::iter(with_ids)
        .map(|s| async move {
            let id = s.snapshot_id()?.to_string();
            let perms = observe(
                "ec2:DescribeSnapshotAttribute",
                ec2.describe_snapshot_attribute()
                    .snapshot_id(&id)
                    .attribute(SnapshotAttributeName::CreateVolumePermission)
                    .send()
                    .await,
                &[],
            );
            let public = perms.clone().map(|p| {
                p.create_volume_permissions()
                    .iter()
                    .any(|c| c.group().map(|g| g.as_str()) == Some("all"))
            });
            let restore_accounts = perms.map(|p| {
                p.create_volume_permissions()
                    .iter()
                    .filter_map(|c| c.user_id().map(str::to_string))
                    .collect()
            });
            let attrs = SnapshotAttributes {
                encrypted: required("ec2:DescribeSnapshots", "Encrypted", s.encrypted()),
                public,
                restore_accounts,
                tags: Observed::Value(tag_map(s.tags())),
            };
            let arn = ctx.arn("ec2", region, &format!("snapshot/{id}"));
            Some(ctx.resource(SNAPSHOT, arn, id, region, &attrs))
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<Vec<_>>()
        .await;
    for r in resources.into_iter().flatten() {
        found.push(r);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ec2::types::IpRange;

    fn open(protocol: Option<&str>, ports: Option<(i32, i32)>) -> IpPermission {
        let mut b = IpPermission::builder()
            .set_ip_protocol(protocol.map(str::to_string))
            .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build());
        if let Some((from, to)) = ports {
            b = b.from_port(from).to_port(to);
        }
        b.build()
    }

    #[test]
    fn a_rule_without_protocol_ports_or_cidr_is_unreadable_not_guessed() {
        let op = "ec2:DescribeSecurityGroups";
        assert_eq!(
            rules_of(op, &[open(None, Some((22, 22)))]).unreadable_reason(),
            Some("ec2:DescribeSecurityGroups: a rule has no IpProtocol")
        );
        assert_eq!(
            rules_of(op, &[open(Some("tcp"), None)]).unreadable_reason(),
            Some("ec2:DescribeSecurityGroups: a tcp rule has no FromPort or ToPort")
        );
        let no_cidr = IpPermission::builder()
            .ip_protocol("-1")
            .ip_ranges(IpRange::builder().build())
            .build();
        assert!(rules_of(op, &[no_cidr]).unreadable_reason().is_some());
        let all = rules_of(
            op,
            &[open(Some("-1"), None), open(Some("tcp"), Some((22, 22)))],
        );
        let all = all.value().unwrap();
        assert_eq!(all[0].protocol, "-1");
        assert_eq!((all[1].from_port, all[1].to_port), (Some(22), Some(22)));
    }

    #[test]
    fn a_flow_log_without_its_resource_is_unreadable_not_dropped() {
        let lost = aws_sdk_ec2::types::FlowLog::builder()
            .flow_log_id("fl-1")
            .build();
        assert_eq!(
            flow_logs_by_resource(&[lost]).unreadable_reason(),
            Some("ec2:DescribeFlowLogs: a flow log has no ResourceId")
        );
        let kept = aws_sdk_ec2::types::FlowLog::builder()
            .flow_log_id("fl-1")
            .resource_id("vpc-1")
            .build();
        assert_eq!(
            flow_logs_by_resource(&[kept]).value().unwrap()["vpc-1"].len(),
            1
        );
    }

    #[test]
    fn a_group_without_its_name_is_not_called_non_default() {
        let g = SecurityGroup::builder().group_id("sg-1").build();
        let attrs = group_attributes(&g);
        assert_eq!(
            attrs.is_default.unreadable_reason(),
            Some("ec2:DescribeSecurityGroups: the response has no GroupName")
        );
        let named = SecurityGroup::builder()
            .group_id("sg-1")
            .group_name("default")
            .build();
        assert_eq!(group_attributes(&named).is_default, Observed::Value(true));
    }

    #[test]
    fn rule_sources_keep_groups_and_prefix_lists_and_a_nameless_one_is_unreadable() {
        use aws_sdk_ec2::types::{PrefixListId, UserIdGroupPair};
        let op = "ec2:DescribeSecurityGroups";
        let rule = IpPermission::builder()
            .ip_protocol("-1")
            .user_id_group_pairs(UserIdGroupPair::builder().group_id("sg-1").build())
            .prefix_list_ids(PrefixListId::builder().prefix_list_id("pl-1").build())
            .build();
        let read = rules_of(op, &[rule]);
        let read = read.value().unwrap();
        assert_eq!(read[0].source_groups, vec!["sg-1"]);
        assert_eq!(read[0].prefix_lists, vec!["pl-1"]);
        let nameless = IpPermission::builder()
            .ip_protocol("-1")
            .user_id_group_pairs(UserIdGroupPair::builder().build())
            .build();
        assert!(rules_of(op, &[nameless]).unreadable_reason().is_some());
        let no_id = IpPermission::builder()
            .ip_protocol("-1")
            .prefix_list_ids(PrefixListId::builder().build())
            .build();
        assert!(rules_of(op, &[no_id]).unreadable_reason().is_some());
    }
}
