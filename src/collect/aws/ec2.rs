//! EC2 and VPC: security groups, VPCs with their flow logs, EBS default encryption,
//! volumes and the account's own snapshots.

use std::collections::BTreeMap;

use aws_sdk_ec2::Client;
use aws_sdk_ec2::types::{Filter, IpPermission, SnapshotAttributeName};
use futures::stream::{self, StreamExt};
use serde::Serialize;

use super::error::{observe, reason, required};
use super::{AwsContext, Collected, per_region};
use crate::inventory::{Observed, Resource};

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

fn rules(perms: &[IpPermission]) -> Vec<Rule> {
    perms
        .iter()
        .map(|p| Rule {
            protocol: p.ip_protocol().unwrap_or("-1").to_string(),
            from_port: p.from_port(),
            to_port: p.to_port(),
            ipv4_ranges: p
                .ip_ranges()
                .iter()
                .filter_map(|r| r.cidr_ip().map(str::to_string))
                .collect(),
            ipv6_ranges: p
                .ipv6_ranges()
                .iter()
                .filter_map(|r| r.cidr_ipv6().map(str::to_string))
                .collect(),
            source_groups: p
                .user_id_group_pairs()
                .iter()
                .filter_map(|g| g.group_id().map(str::to_string))
                .collect(),
        })
        .collect()
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "ec2", |region| async move {
        let ec2 = Client::new(&ctx.regional(&region));
        let mut out = Collected::default();
        out.listed(
            ctx,
            SECURITY_GROUP,
            &region,
            security_groups(ctx, &ec2, &region).await,
        );
        out.listed(ctx, VPC, &region, vpcs(ctx, &ec2, &region).await);
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
        out.listed(ctx, VOLUME, &region, volumes(ctx, &ec2, &region).await);
        out.listed(ctx, SNAPSHOT, &region, snapshots(ctx, &ec2, &region).await);
        out
    })
    .await
}

async fn security_groups(
    ctx: &AwsContext,
    ec2: &Client,
    region: &str,
) -> Result<Vec<Resource>, String> {
    let groups = ec2
        .describe_security_groups()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("ec2:DescribeSecurityGroups", &e))?;
    Ok(groups
        .iter()
        .filter_map(|g| {
            let id = g.group_id()?;
            let name = g.group_name().unwrap_or_default();
            let attrs = GroupAttributes {
                group_name: Observed::Value(name.to_string()),
                vpc_id: Observed::Value(g.vpc_id().map(str::to_string)),
                is_default: Observed::Value(name == "default"),
                ingress: Observed::Value(rules(g.ip_permissions())),
                egress: Observed::Value(rules(g.ip_permissions_egress())),
                tags: Observed::Value(tag_map(g.tags())),
            };
            let arn = ctx.arn("ec2", region, &format!("security-group/{id}"));
            Some(ctx.resource(
                SECURITY_GROUP,
                arn,
                format!("{id} ({name})"),
                region,
                &attrs,
            ))
        })
        .collect())
}

async fn vpcs(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Vec<Resource>, String> {
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
    let logs = observe("ec2:DescribeFlowLogs", logs, &[]).map(|logs| {
        let mut by_resource: BTreeMap<String, Vec<FlowLog>> = BTreeMap::new();
        for l in logs {
            if let Some(rid) = l.resource_id() {
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
        }
        by_resource
    });
    Ok(vpcs
        .iter()
        .filter_map(|v| {
            let id = v.vpc_id()?;
            let attrs = VpcAttributes {
                is_default: Observed::Value(v.is_default().unwrap_or(false)),
                cidr_block: Observed::Value(v.cidr_block().map(str::to_string)),
                flow_logs: logs.clone().map(|m| m.get(id).cloned().unwrap_or_default()),
                tags: Observed::Value(tag_map(v.tags())),
            };
            let arn = ctx.arn("ec2", region, &format!("vpc/{id}"));
            Some(ctx.resource(VPC, arn, id.to_string(), region, &attrs))
        })
        .collect())
}

async fn volumes(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Vec<Resource>, String> {
    let vols = ec2
        .describe_volumes()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("ec2:DescribeVolumes", &e))?;
    Ok(vols
        .iter()
        .filter_map(|v| {
            let id = v.volume_id()?;
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
            Some(ctx.resource(VOLUME, arn, id.to_string(), region, &attrs))
        })
        .collect())
}

async fn snapshots(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Vec<Resource>, String> {
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
    let resources = stream::iter(snaps)
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
    Ok(resources.into_iter().flatten().collect())
}
