//! EC2 and VPC: security groups, network ACLs, VPCs with their flow logs and subnets, EBS
//! default encryption, volumes, the account's own snapshots and machine images, its
//! instances (with the owner of the image each started from) and Site-to-Site VPN
//! connections.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_ec2::Client;
use aws_sdk_ec2::types::{
    Filter, Image, Instance, IpPermission, NetworkAcl, NetworkAclEntry, NetworkInterface,
    SecurityGroup, SnapshotAttributeName, Subnet, VpnConnection,
};
use serde::Serialize;

use super::error::{observe, reason, required};
use super::launch_templates;
use super::list::describe_each;
use super::list::{items, listings_per_region};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_EC2_IMAGE as IMAGE;
pub use crate::registry::names::AWS_EC2_INSTANCE as INSTANCE;
pub use crate::registry::names::AWS_EC2_NETWORK_ACL as NETWORK_ACL;
pub use crate::registry::names::AWS_EC2_REGION_SETTINGS as REGION_SETTINGS;
pub use crate::registry::names::AWS_EC2_SECURITY_GROUP as SECURITY_GROUP;
pub use crate::registry::names::AWS_EC2_SNAPSHOT as SNAPSHOT;
pub use crate::registry::names::AWS_EC2_VOLUME as VOLUME;
pub use crate::registry::names::AWS_EC2_VPC as VPC;
pub use crate::registry::names::AWS_EC2_VPN_CONNECTION as VPN_CONNECTION;

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
    super::list::tag_map(tags.iter().map(|t| (t.key(), t.value())))
}

#[derive(Serialize)]
struct GroupAttributes {
    group_id: Observed<String>,
    group_name: Observed<String>,
    vpc_id: Observed<Option<String>>,
    is_default: Observed<bool>,
    ingress: Observed<Vec<Rule>>,
    egress: Observed<Vec<Rule>>,
    /// Whether a network interface in the region uses the group: rules of a group
    /// nothing uses admit nobody, which clauses about exposure take into account.
    in_use: Observed<bool>,
    tags: Observed<BTreeMap<String, String>>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct FlowLog {
    pub id: Option<String>,
    pub status: String,
    /// ALL, ACCEPT or REJECT: which packets the log records. CIS 4.7 asks at least
    /// for the rejected ones, so an ACCEPT-only log does not count.
    pub traffic_type: String,
    pub destination: Option<String>,
}

#[derive(Serialize)]
struct VpcAttributes {
    is_default: Observed<bool>,
    cidr_block: Observed<Option<String>>,
    flow_logs: Observed<Vec<FlowLog>>,
    /// The VPC's subnets and the Availability Zone of each (subnet id -> zone name):
    /// what says which zones a service placed in given subnets runs in (join.rs).
    subnet_zones: Observed<BTreeMap<String, String>>,
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

/// Flow logs by the resource they watch, each resource's list as one observation.
/// A flow log without its ResourceId could be any VPC's: dropping it would fail a VPC
/// that has one, so the whole map is unreadable. One without FlowLogStatus or
/// TrafficType (both documented as always returned) makes only its resource's list
/// unreadable: it could be the log that records rejected traffic, or the only active
/// one.
pub fn flow_logs_by_resource(
    logs: &[aws_sdk_ec2::types::FlowLog],
) -> Observed<BTreeMap<String, Observed<Vec<FlowLog>>>> {
    const OP: &str = "ec2:DescribeFlowLogs";
    let mut by_resource: BTreeMap<String, Observed<Vec<FlowLog>>> = BTreeMap::new();
    for l in logs {
        let Some(rid) = l.resource_id() else {
            return Observed::unreadable(format!("{OP}: a flow log has no ResourceId"));
        };
        let id = l.flow_log_id().map(str::to_string);
        let read = match (l.flow_log_status(), l.traffic_type()) {
            (Some(status), Some(traffic_type)) => Ok(FlowLog {
                id,
                status: status.to_string(),
                traffic_type: traffic_type.as_str().to_string(),
                destination: l.log_destination().map(str::to_string),
            }),
            _ => Err(format!(
                "{OP}: {} of {rid} has no FlowLogStatus or TrafficType",
                id.as_deref().unwrap_or("a flow log")
            )),
        };
        let entry = by_resource
            .entry(rid.to_string())
            .or_insert_with(|| Observed::Value(Vec::new()));
        match (read, entry) {
            (Ok(log), Observed::Value(list)) => list.push(log),
            (Err(reason), entry @ Observed::Value(_)) => *entry = Observed::Unreadable(reason),
            _ => {}
        }
    }
    Observed::Value(by_resource)
}

/// A security group's attributes. Its name decides whether it is the VPC's default
/// group, so a group without GroupName has `group_name` and `is_default` unreadable.
fn group_attributes(g: &SecurityGroup, in_use: &Observed<BTreeSet<String>>) -> GroupAttributes {
    const OP: &str = "ec2:DescribeSecurityGroups";
    let name = required(OP, "GroupName", g.group_name().map(str::to_string));
    GroupAttributes {
        in_use: in_use
            .clone()
            .map(|ids| g.group_id().is_some_and(|id| ids.contains(id))),
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
    listings_per_region(ctx, "ec2", |region| async move {
        let ec2 = Client::new(&ctx.regional(&region));
        let settings = RegionAttributes {
            ebs_encryption_by_default: observe(
                "ec2:GetEbsEncryptionByDefault",
                ec2.get_ebs_encryption_by_default().send().await,
                &[],
            )
            .map(|o| o.ebs_encryption_by_default())
            .and_then_required("ec2:GetEbsEncryptionByDefault", "EbsEncryptionByDefault"),
        };
        let settings =
            ctx.settings_resource(REGION_SETTINGS, "ec2", &region, "EC2 settings", &settings);
        vec![
            (SECURITY_GROUP, security_groups(ctx, &ec2, &region).await),
            (VPC, vpcs(ctx, &ec2, &region).await),
            (REGION_SETTINGS, Ok(Found::from(vec![settings]))),
            (VOLUME, volumes(ctx, &ec2, &region).await),
            (SNAPSHOT, snapshots(ctx, &ec2, &region).await),
            (INSTANCE, instances(ctx, &ec2, &region).await),
            (IMAGE, images(ctx, &ec2, &region).await),
            (VPN_CONNECTION, vpn_connections(ctx, &ec2, &region).await),
            (NETWORK_ACL, network_acls(ctx, &ec2, &region).await),
            (
                launch_templates::LAUNCH_TEMPLATE,
                launch_templates::list(ctx, &ec2, &region).await,
            ),
        ]
    })
    .await
}

/// The security groups that some network interface of the region uses (instances,
/// load balancers, databases, Lambda functions in a VPC: each holds its groups through
/// an interface). An interface listed without its group ids makes the set unreadable.
pub fn groups_in_use(interfaces: &[NetworkInterface]) -> Observed<BTreeSet<String>> {
    const OP: &str = "ec2:DescribeNetworkInterfaces";
    let mut ids = BTreeSet::new();
    for ni in interfaces {
        for g in ni.groups() {
            match g.group_id() {
                Some(id) => {
                    ids.insert(id.to_string());
                }
                None => {
                    return Observed::Unreadable(format!(
                        "{OP}: a group of an interface has no GroupId"
                    ));
                }
            }
        }
    }
    Observed::Value(ids)
}

/// Subnet id -> Availability Zone, per VPC. A subnet without its id, VPC or zone
/// makes the whole map unreadable: it could be the one a service is placed in, and
/// which VPC's map it belongs to is unknown.
pub fn subnet_zones_by_vpc(
    subnets: &[Subnet],
) -> Observed<BTreeMap<String, Observed<BTreeMap<String, String>>>> {
    let mut by_vpc: BTreeMap<String, Observed<BTreeMap<String, String>>> = BTreeMap::new();
    for s in subnets {
        let (Some(id), Some(vpc), Some(zone)) = (s.subnet_id(), s.vpc_id(), s.availability_zone())
        else {
            return Observed::unreadable(
                "ec2:DescribeSubnets: a subnet has no SubnetId, VpcId or AvailabilityZone",
            );
        };
        if let Observed::Value(m) = by_vpc
            .entry(vpc.to_string())
            .or_insert_with(|| Observed::Value(BTreeMap::new()))
        {
            m.insert(id.to_string(), zone.to_string());
        }
    }
    Observed::Value(by_vpc)
}

async fn security_groups(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let in_use = Observed::of(items!(
        "ec2:DescribeNetworkInterfaces",
        ec2.describe_network_interfaces()
    ))
    .and_then(|interfaces| groups_in_use(&interfaces));
    let groups = items!("ec2:DescribeSecurityGroups", ec2.describe_security_groups())?;
    Ok(Found::each(
        &groups,
        "ec2:DescribeSecurityGroups",
        "GroupId",
        |g| {
            let id = g.group_id()?;
            let attrs = group_attributes(g, &in_use);
            let arn = ctx.arn("ec2", region, &format!("security-group/{id}"));
            let name = match g.group_name() {
                Some(name) => format!("{id} ({name})"),
                None => id.to_string(),
            };
            Some(ctx.resource(SECURITY_GROUP, arn, name, region, &attrs))
        },
    ))
}

async fn vpcs(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let vpcs = items!("ec2:DescribeVpcs", ec2.describe_vpcs())?;
    let logs = items!("ec2:DescribeFlowLogs", ec2.describe_flow_logs());
    let logs = Observed::of(logs).and_then(|logs| flow_logs_by_resource(&logs));
    let subnets = items!("ec2:DescribeSubnets", ec2.describe_subnets());
    let subnets = Observed::of(subnets).and_then(|subnets| subnet_zones_by_vpc(&subnets));
    Ok(Found::each(&vpcs, "ec2:DescribeVpcs", "VpcId", |v| {
        let id = v.vpc_id()?;
        let attrs = VpcAttributes {
            is_default: required("ec2:DescribeVpcs", "IsDefault", v.is_default()),
            cidr_block: Observed::Value(v.cidr_block().map(str::to_string)),
            flow_logs: logs.clone().and_then(|m| {
                m.get(id)
                    .cloned()
                    .unwrap_or_else(|| Observed::Value(Vec::new()))
            }),
            subnet_zones: subnets.clone().and_then(|m| {
                m.get(id)
                    .cloned()
                    .unwrap_or_else(|| Observed::Value(BTreeMap::new()))
            }),
            tags: Observed::Value(tag_map(v.tags())),
        };
        let arn = ctx.arn("ec2", region, &format!("vpc/{id}"));
        Some(ctx.resource(VPC, arn, id.to_string(), region, &attrs))
    }))
}

async fn volumes(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let vols = items!("ec2:DescribeVolumes", ec2.describe_volumes())?;
    Ok(Found::each(&vols, "ec2:DescribeVolumes", "VolumeId", |v| {
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
    }))
}

async fn snapshots(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let snaps = items!(
        "ec2:DescribeSnapshots",
        ec2.describe_snapshots().owner_ids("self").filters(
            Filter::builder()
                .name("status")
                .values("completed")
                .values("pending")
                .build(),
        )
    )?;
    let found = describe_each(
        ctx,
        snaps,
        ("ec2:DescribeSnapshots", "SnapshotId", |s| s.snapshot_id()),
        |(id, s)| async move {
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
            let name = display_name(&id, s.tags());
            Some(ctx.resource(SNAPSHOT, arn, name, region, &attrs))
        },
    )
    .await;
    Ok(found)
}

#[derive(Serialize)]
struct InstanceAttributes {
    state: Observed<String>,
    http_tokens: Observed<String>,
    http_endpoint: Observed<String>,
    iam_instance_profile: Observed<String>,
    public_ip: Observed<Option<String>>,
    image_id: Observed<String>,
    /// Who owns the image the instance started from (ec2:DescribeImages): unreadable
    /// when the image no longer exists or is not visible to the account, since who
    /// made it is then unknown.
    image_owner: Observed<ImageOwner>,
    /// The key pair the instance was launched with; null when none was.
    key_name: Observed<Option<String>>,
    /// "windows" for Windows instances, null for Linux/UNIX ones (as EC2 reports it).
    platform: Observed<Option<String>>,
    tags: Observed<BTreeMap<String, String>>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ImageOwner {
    /// The owner's account id.
    pub id: String,
    /// `amazon` or `aws-marketplace` for images AWS publishes, null otherwise.
    pub alias: Option<String>,
}

/// An instance's attributes. AWS leaves `IamInstanceProfile` out of the answer when no
/// profile is attached: its absence is the observation "no profile", not a gap; a
/// profile listed without its Arn is unreadable. `MetadataOptions` is returned for
/// every instance (HttpTokens and HttpEndpoint included, defaults or not), so its
/// absence, or that of either field, is unreadable rather than the launch defaults.
fn instance_attributes(
    i: &Instance,
    owners: &BTreeMap<String, Observed<ImageOwner>>,
) -> InstanceAttributes {
    const OP: &str = "ec2:DescribeInstances";
    let metadata = required(OP, "MetadataOptions", i.metadata_options());
    InstanceAttributes {
        state: required(
            OP,
            "State.Name",
            i.state()
                .and_then(|s| s.name())
                .map(|n| n.as_str().to_string()),
        ),
        http_tokens: metadata
            .clone()
            .map(|m| m.http_tokens().map(|t| t.as_str().to_string()))
            .and_then_required(OP, "MetadataOptions.HttpTokens"),
        http_endpoint: metadata
            .map(|m| m.http_endpoint().map(|t| t.as_str().to_string()))
            .and_then_required(OP, "MetadataOptions.HttpEndpoint"),
        iam_instance_profile: match i.iam_instance_profile() {
            None => Observed::Absent,
            Some(p) => required(OP, "IamInstanceProfile.Arn", p.arn().map(str::to_string)),
        },
        public_ip: Observed::Value(i.public_ip_address().map(str::to_string)),
        image_id: required(OP, "ImageId", i.image_id().map(str::to_string)),
        image_owner: match i.image_id() {
            None => Observed::unreadable(format!("{OP}: the response has no ImageId")),
            Some(id) => owners.get(id).cloned().unwrap_or_else(|| {
                Observed::unreadable(format!(
                    "ec2:DescribeImages: image {id} was not returned: it no longer exists or is not visible to the account, so who made it is unknown"
                ))
            }),
        },
        key_name: Observed::Value(i.key_name().map(str::to_string)),
        platform: Observed::Value(i.platform().map(|p| p.as_str().to_ascii_lowercase())),
        tags: Observed::Value(tag_map(i.tags())),
    }
}

/// The owner of each image in `images`, by image id. An image returned without its
/// OwnerId has an unreadable owner (it is not thereby the account's or anyone's).
pub fn image_owners(images: &[Image]) -> BTreeMap<String, Observed<ImageOwner>> {
    images
        .iter()
        .filter_map(|img| {
            let id = img.image_id()?;
            let owner = required(
                "ec2:DescribeImages",
                "OwnerId",
                img.owner_id().map(|o| ImageOwner {
                    id: o.to_string(),
                    alias: img.image_owner_alias().map(str::to_string),
                }),
            );
            Some((id.to_string(), owner))
        })
        .collect()
}

/// DescribeImages takes this many values in one filter.
const IMAGE_IDS_PER_CALL: usize = 100;

/// The owners of the images `ids`, read with an `image-id` filter (which, unlike
/// ImageIds, does not fail the whole call for one image that is gone), deprecated and
/// disabled images included. A failed call makes the owners of its images unreadable.
async fn owners_of(ec2: &Client, ids: &[String]) -> BTreeMap<String, Observed<ImageOwner>> {
    let mut out = BTreeMap::new();
    for chunk in ids.chunks(IMAGE_IDS_PER_CALL) {
        let read = items!(
            "ec2:DescribeImages",
            ec2.describe_images()
                .filters(
                    Filter::builder()
                        .name("image-id")
                        .set_values(Some(chunk.to_vec()))
                        .build(),
                )
                .include_deprecated(true)
                .include_disabled(true)
        );
        match read {
            Ok(images) => out.extend(image_owners(&images)),
            Err(why) => {
                out.extend(
                    chunk
                        .iter()
                        .map(|id| (id.clone(), Observed::Unreadable(why.clone()))),
                );
            }
        }
    }
    out
}

/// A resource's `Name` tag when it has one, else its id: what the console shows.
fn display_name(id: &str, tags: &[aws_sdk_ec2::types::Tag]) -> String {
    tags.iter()
        .find(|t| t.key() == Some("Name"))
        .and_then(|t| t.value())
        .filter(|v| !v.is_empty())
        .map_or_else(|| id.to_string(), str::to_string)
}

async fn instances(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let reservations = items!("ec2:DescribeInstances", ec2.describe_instances())?;
    // AWS keeps listing a terminated instance for about an hour: it runs nothing,
    // holds no credentials and can no longer be changed, so it is not judged.
    let live: Vec<&Instance> = reservations
        .iter()
        .flat_map(|r| r.instances())
        .filter(|i| i.state().and_then(|s| s.name()).map(|n| n.as_str()) != Some("terminated"))
        .collect();
    let image_ids: Vec<String> = live
        .iter()
        .filter_map(|i| i.image_id().map(str::to_string))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let owners = owners_of(ec2, &image_ids).await;
    Ok(Found::each(
        live,
        "ec2:DescribeInstances",
        "InstanceId",
        |i| {
            let id = i.instance_id()?;
            let attrs = instance_attributes(i, &owners);
            let arn = ctx.arn("ec2", region, &format!("instance/{id}"));
            Some(ctx.resource(INSTANCE, arn, display_name(id, i.tags()), region, &attrs))
        },
    ))
}

#[derive(Serialize)]
struct ImageAttributes {
    /// Whether anyone may launch the image (a launch permission for group `all`).
    public: Observed<bool>,
    state: Observed<Option<String>>,
    tags: Observed<BTreeMap<String, String>>,
}

/// An image's attributes. DescribeImages documents `Public` for every image; one left
/// out is unreadable, not the `false` that would pass it.
fn image_attributes(img: &Image) -> ImageAttributes {
    ImageAttributes {
        public: required("ec2:DescribeImages", "Public", img.public()),
        state: Observed::Value(img.state().map(|s| s.as_str().to_string())),
        tags: Observed::Value(tag_map(img.tags())),
    }
}

/// The machine images the account owns (any image it can launch that someone else
/// owns is that owner's to share or not).
async fn images(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(
        "ec2:DescribeImages",
        ec2.describe_images()
            .owners("self")
            .include_deprecated(true)
            .include_disabled(true)
    )?;
    Ok(Found::each(
        &listed,
        "ec2:DescribeImages",
        "ImageId",
        |img| {
            let id = img.image_id()?;
            // An image's name is unique among the account's images of a region.
            let name = img
                .name()
                .filter(|n| !n.is_empty())
                .unwrap_or(id)
                .to_string();
            let arn = ctx.arn("ec2", region, &format!("image/{id}"));
            Some(ctx.resource(IMAGE, arn, name, region, &image_attributes(img)))
        },
    ))
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Tunnel {
    pub outside_ip: Option<String>,
    /// UP or DOWN, as the tunnel's telemetry reports it.
    pub status: String,
}

#[derive(Serialize)]
struct VpnAttributes {
    state: Observed<String>,
    /// The IPsec tunnels (VgwTelemetry): unreadable when the answer leaves them out
    /// or gives one without its status.
    tunnels: Observed<Vec<Tunnel>>,
    vpn_gateway_id: Observed<Option<String>>,
    transit_gateway_id: Observed<Option<String>>,
    tags: Observed<BTreeMap<String, String>>,
}

/// A Site-to-Site VPN connection's attributes. AWS returns the telemetry of both
/// tunnels with every connection, so its absence (or a tunnel without Status) is
/// unreadable rather than "no tunnel up".
fn vpn_attributes(v: &VpnConnection) -> VpnAttributes {
    const OP: &str = "ec2:DescribeVpnConnections";
    let tunnels = match &v.vgw_telemetry {
        None => Observed::unreadable(format!("{OP}: the response has no VgwTelemetry")),
        Some(t) => t
            .iter()
            .map(|t| {
                t.status().map(|s| Tunnel {
                    outside_ip: t.outside_ip_address().map(str::to_string),
                    status: s.as_str().to_string(),
                })
            })
            .collect::<Option<Vec<_>>>()
            .map_or_else(
                || Observed::unreadable(format!("{OP}: a tunnel's telemetry has no Status")),
                Observed::Value,
            ),
    };
    VpnAttributes {
        state: required(OP, "State", v.state().map(|s| s.as_str().to_string())),
        tunnels,
        vpn_gateway_id: Observed::Value(v.vpn_gateway_id().map(str::to_string)),
        transit_gateway_id: Observed::Value(v.transit_gateway_id().map(str::to_string)),
        tags: Observed::Value(tag_map(v.tags())),
    }
}

async fn vpn_connections(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let out = ec2
        .describe_vpn_connections()
        .send()
        .await
        .map_err(|e| reason("ec2:DescribeVpnConnections", &e))?;
    Ok(Found::each(
        out.vpn_connections(),
        "ec2:DescribeVpnConnections",
        "VpnConnectionId",
        |v| {
            let id = v.vpn_connection_id()?;
            let arn = ctx.arn("ec2", region, &format!("vpn-connection/{id}"));
            Some(ctx.resource(
                VPN_CONNECTION,
                arn,
                display_name(id, v.tags()),
                region,
                &vpn_attributes(v),
            ))
        },
    ))
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct AclEntry {
    pub rule_number: i32,
    pub egress: bool,
    pub action: String,
    pub protocol: String,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
}

#[derive(Serialize)]
struct AclAttributes {
    is_default: Observed<bool>,
    vpc_id: Observed<Option<String>>,
    entries: Observed<Vec<AclEntry>>,
    tags: Observed<BTreeMap<String, String>>,
}

/// The entries of a network ACL. Rules are evaluated in rule-number order, so an entry
/// missing its number, direction, action or protocol, one with neither CIDR, or a TCP
/// or UDP entry without its PortRange (which AWS requires for them) makes them all
/// unreadable: guessed, it could open or close a port AWS did not say.
pub fn acl_entries(entries: &[NetworkAclEntry]) -> Observed<Vec<AclEntry>> {
    const OP: &str = "ec2:DescribeNetworkAcls";
    let mut out = Vec::new();
    for e in entries {
        let (Some(rule_number), Some(egress), Some(action), Some(protocol)) =
            (e.rule_number(), e.egress(), e.rule_action(), e.protocol())
        else {
            return Observed::unreadable(format!(
                "{OP}: an entry has no RuleNumber, Egress, RuleAction or Protocol"
            ));
        };
        if e.cidr_block().is_none() && e.ipv6_cidr_block().is_none() {
            return Observed::unreadable(format!(
                "{OP}: entry {rule_number} has neither CidrBlock nor Ipv6CidrBlock"
            ));
        }
        let ports = e.port_range().map(|r| (r.from(), r.to()));
        let (from_port, to_port) = match ports {
            Some((Some(from), Some(to))) => (Some(from), Some(to)),
            None if !PORT_PROTOCOLS.contains(&protocol) => (None, None),
            _ => {
                return Observed::unreadable(format!(
                    "{OP}: entry {rule_number} (protocol {protocol}) has no complete PortRange"
                ));
            }
        };
        out.push(AclEntry {
            rule_number,
            egress,
            action: action.as_str().to_string(),
            protocol: protocol.to_string(),
            cidr_block: e.cidr_block().map(str::to_string),
            ipv6_cidr_block: e.ipv6_cidr_block().map(str::to_string),
            from_port,
            to_port,
        });
    }
    Observed::Value(out)
}

fn acl_attributes(a: &NetworkAcl) -> AclAttributes {
    AclAttributes {
        is_default: required("ec2:DescribeNetworkAcls", "IsDefault", a.is_default()),
        vpc_id: Observed::Value(a.vpc_id().map(str::to_string)),
        entries: acl_entries(a.entries()),
        tags: Observed::Value(tag_map(a.tags())),
    }
}

async fn network_acls(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let acls = items!("ec2:DescribeNetworkAcls", ec2.describe_network_acls())?;
    Ok(Found::each(
        &acls,
        "ec2:DescribeNetworkAcls",
        "NetworkAclId",
        |a| {
            let id = a.network_acl_id()?;
            let arn = ctx.arn("ec2", region, &format!("network-acl/{id}"));
            Some(ctx.resource(
                NETWORK_ACL,
                arn,
                display_name(id, a.tags()),
                region,
                &acl_attributes(a),
            ))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_in_use_when_an_interface_holds_it_and_a_nameless_holder_is_unreadable() {
        use aws_sdk_ec2::types::GroupIdentifier;
        let eni = |ids: &[Option<&str>]| {
            let mut b = NetworkInterface::builder();
            for id in ids {
                b = b.groups(
                    GroupIdentifier::builder()
                        .set_group_id(id.map(str::to_string))
                        .build(),
                );
            }
            b.build()
        };
        let used = groups_in_use(&[
            eni(&[Some("sg-1")]),
            eni(&[Some("sg-2"), Some("sg-1")]),
            eni(&[]),
        ]);
        assert_eq!(
            used,
            Observed::Value(["sg-1", "sg-2"].iter().map(|s| s.to_string()).collect())
        );
        let group = |id: &str| SecurityGroup::builder().group_id(id).group_name(id).build();
        assert_eq!(
            group_attributes(&group("sg-2"), &used).in_use,
            Observed::Value(true)
        );
        assert_eq!(
            group_attributes(&group("sg-3"), &used).in_use,
            Observed::Value(false)
        );
        let unreadable = groups_in_use(&[eni(&[None])]);
        assert_eq!(
            unreadable.unreadable_reason(),
            Some("ec2:DescribeNetworkInterfaces: a group of an interface has no GroupId")
        );
        assert!(
            group_attributes(&group("sg-2"), &unreadable)
                .in_use
                .unreadable_reason()
                .is_some()
        );
    }
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
        use aws_sdk_ec2::types::{FlowLog as Log, TrafficType};
        let lost = Log::builder().flow_log_id("fl-1").build();
        assert_eq!(
            flow_logs_by_resource(&[lost]).unreadable_reason(),
            Some("ec2:DescribeFlowLogs: a flow log has no ResourceId")
        );
        let kept = Log::builder()
            .flow_log_id("fl-1")
            .resource_id("vpc-1")
            .flow_log_status("ACTIVE")
            .traffic_type(TrafficType::Accept)
            .build();
        let read = flow_logs_by_resource(&[kept]);
        let logs = read.value().unwrap()["vpc-1"].value().unwrap();
        assert_eq!(logs[0].traffic_type, "ACCEPT");
    }

    #[test]
    fn a_flow_log_without_its_traffic_type_makes_only_its_vpc_unreadable() {
        use aws_sdk_ec2::types::{FlowLog as Log, TrafficType};
        let vague = Log::builder()
            .flow_log_id("fl-1")
            .resource_id("vpc-1")
            .flow_log_status("ACTIVE")
            .build();
        let other = Log::builder()
            .flow_log_id("fl-2")
            .resource_id("vpc-2")
            .flow_log_status("ACTIVE")
            .traffic_type(TrafficType::Reject)
            .build();
        let read = flow_logs_by_resource(&[vague, other]);
        let map = read.value().unwrap();
        assert_eq!(
            map["vpc-1"].unreadable_reason(),
            Some("ec2:DescribeFlowLogs: fl-1 of vpc-1 has no FlowLogStatus or TrafficType")
        );
        assert_eq!(map["vpc-2"].value().unwrap()[0].traffic_type, "REJECT");
    }

    #[test]
    fn an_instance_without_a_profile_has_none_and_without_metadata_options_is_unreadable() {
        use aws_sdk_ec2::types::{
            HttpTokensState, IamInstanceProfile, InstanceMetadataEndpointState,
            InstanceMetadataOptionsResponse,
        };
        let bare = Instance::builder().instance_id("i-1").build();
        let attrs = instance_attributes(&bare, &BTreeMap::new());
        assert_eq!(attrs.iam_instance_profile, Observed::Absent);
        assert_eq!(
            attrs.http_tokens.unreadable_reason(),
            Some("ec2:DescribeInstances: the response has no MetadataOptions")
        );
        assert!(attrs.http_endpoint.unreadable_reason().is_some());
        let no_tokens = Instance::builder()
            .metadata_options(
                InstanceMetadataOptionsResponse::builder()
                    .http_endpoint(InstanceMetadataEndpointState::Enabled)
                    .build(),
            )
            .iam_instance_profile(IamInstanceProfile::builder().id("AIP1").build())
            .build();
        let attrs = instance_attributes(&no_tokens, &BTreeMap::new());
        assert_eq!(
            attrs.http_tokens.unreadable_reason(),
            Some("ec2:DescribeInstances: the response has no MetadataOptions.HttpTokens")
        );
        assert_eq!(attrs.http_endpoint, Observed::Value("enabled".into()));
        assert_eq!(
            attrs.iam_instance_profile.unreadable_reason(),
            Some("ec2:DescribeInstances: the response has no IamInstanceProfile.Arn")
        );
        let full = Instance::builder()
            .metadata_options(
                InstanceMetadataOptionsResponse::builder()
                    .http_tokens(HttpTokensState::Required)
                    .http_endpoint(InstanceMetadataEndpointState::Enabled)
                    .build(),
            )
            .iam_instance_profile(
                IamInstanceProfile::builder()
                    .arn("arn:aws:iam::1:instance-profile/p")
                    .build(),
            )
            .build();
        let attrs = instance_attributes(&full, &BTreeMap::new());
        assert_eq!(attrs.http_tokens, Observed::Value("required".into()));
        assert_eq!(
            attrs.iam_instance_profile,
            Observed::Value("arn:aws:iam::1:instance-profile/p".into())
        );
    }

    #[test]
    fn an_acl_entry_missing_what_decides_it_is_unreadable_not_guessed() {
        use aws_sdk_ec2::types::{PortRange, RuleAction};
        let entry = |protocol: &str, ports: Option<(i32, i32)>| {
            NetworkAclEntry::builder()
                .rule_number(100)
                .egress(false)
                .rule_action(RuleAction::Allow)
                .protocol(protocol)
                .cidr_block("0.0.0.0/0")
                .set_port_range(ports.map(|(f, t)| PortRange::builder().from(f).to(t).build()))
                .build()
        };
        let read = acl_entries(&[entry("-1", None), entry("6", Some((22, 22)))]);
        let read = read.value().unwrap();
        assert_eq!(read[0].action, "allow");
        assert_eq!((read[1].from_port, read[1].to_port), (Some(22), Some(22)));
        assert_eq!(
            acl_entries(&[entry("6", None)]).unreadable_reason(),
            Some("ec2:DescribeNetworkAcls: entry 100 (protocol 6) has no complete PortRange")
        );
        let no_action = NetworkAclEntry::builder()
            .rule_number(1)
            .egress(false)
            .protocol("-1")
            .cidr_block("0.0.0.0/0")
            .build();
        assert!(acl_entries(&[no_action]).unreadable_reason().is_some());
        let no_cidr = NetworkAclEntry::builder()
            .rule_number(1)
            .egress(false)
            .rule_action(RuleAction::Deny)
            .protocol("-1")
            .build();
        assert!(acl_entries(&[no_cidr]).unreadable_reason().is_some());
        let acl = NetworkAcl::builder().network_acl_id("acl-1").build();
        assert!(
            acl_attributes(&acl)
                .is_default
                .unreadable_reason()
                .is_some()
        );
    }

    #[test]
    fn a_group_without_its_name_is_not_called_non_default() {
        let g = SecurityGroup::builder().group_id("sg-1").build();
        let attrs = group_attributes(&g, &Observed::Value(BTreeSet::new()));
        assert_eq!(
            attrs.is_default.unreadable_reason(),
            Some("ec2:DescribeSecurityGroups: the response has no GroupName")
        );
        let named = SecurityGroup::builder()
            .group_id("sg-1")
            .group_name("default")
            .build();
        assert_eq!(
            group_attributes(&named, &Observed::Value(BTreeSet::new())).is_default,
            Observed::Value(true)
        );
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

    #[test]
    fn an_instance_image_that_was_not_returned_has_an_unreadable_owner() {
        let img = Image::builder()
            .image_id("ami-own")
            .owner_id("111122223333")
            .build();
        let aws = Image::builder()
            .image_id("ami-aws")
            .owner_id("137112412989")
            .image_owner_alias("amazon")
            .build();
        let nameless = Image::builder().image_id("ami-anon").build();
        let owners = image_owners(&[img, aws, nameless]);
        let on = |image: Option<&str>| {
            instance_attributes(
                &Instance::builder()
                    .set_image_id(image.map(str::to_string))
                    .key_name("ops")
                    .build(),
                &owners,
            )
        };
        let own = on(Some("ami-own"));
        assert_eq!(
            own.image_owner,
            Observed::Value(ImageOwner {
                id: "111122223333".into(),
                alias: None
            })
        );
        assert_eq!(own.key_name, Observed::Value(Some("ops".into())));
        assert_eq!(own.platform, Observed::Value(None));
        assert_eq!(
            on(Some("ami-aws"))
                .image_owner
                .value()
                .unwrap()
                .alias
                .as_deref(),
            Some("amazon")
        );
        assert_eq!(
            on(Some("ami-anon")).image_owner.unreadable_reason(),
            Some("ec2:DescribeImages: the response has no OwnerId")
        );
        assert!(
            on(Some("ami-gone"))
                .image_owner
                .unreadable_reason()
                .is_some_and(|r| r.contains("ami-gone was not returned"))
        );
        let none = on(None);
        assert!(none.image_id.unreadable_reason().is_some());
        assert!(none.image_owner.unreadable_reason().is_some());
        let windows = instance_attributes(
            &Instance::builder()
                .platform(aws_sdk_ec2::types::PlatformValues::Windows)
                .instance_id("i-win")
                .build(),
            &owners,
        );
        assert_eq!(windows.platform, Observed::Value(Some("windows".into())));
        assert_eq!(windows.key_name, Observed::Value(None));
    }

    #[test]
    fn an_image_without_its_public_flag_is_unreadable_not_private() {
        let bare = image_attributes(&Image::builder().image_id("ami-1").build());
        assert_eq!(
            bare.public.unreadable_reason(),
            Some("ec2:DescribeImages: the response has no Public")
        );
        let public = image_attributes(&Image::builder().image_id("ami-1").public(true).build());
        assert_eq!(public.public, Observed::Value(true));
    }

    #[test]
    fn vpn_tunnels_are_read_from_telemetry_and_missing_telemetry_is_unreadable() {
        use aws_sdk_ec2::types::{TelemetryStatus, VgwTelemetry, VpnState};
        let bare = vpn_attributes(
            &VpnConnection::builder()
                .vpn_connection_id("vpn-1")
                .state(VpnState::Available)
                .build(),
        );
        assert_eq!(bare.state, Observed::Value("available".into()));
        assert_eq!(
            bare.tunnels.unreadable_reason(),
            Some("ec2:DescribeVpnConnections: the response has no VgwTelemetry")
        );
        let up = VgwTelemetry::builder()
            .outside_ip_address("203.0.113.1")
            .status(TelemetryStatus::Up)
            .build();
        let read = vpn_attributes(
            &VpnConnection::builder()
                .vgw_telemetry(up.clone())
                .vgw_telemetry(
                    VgwTelemetry::builder()
                        .status(TelemetryStatus::Down)
                        .build(),
                )
                .build(),
        );
        assert!(read.state.unreadable_reason().is_some());
        let tunnels = read.tunnels.value().unwrap();
        assert_eq!(tunnels[0].status, "UP");
        assert_eq!(tunnels[1].status, "DOWN");
        let vague = vpn_attributes(
            &VpnConnection::builder()
                .vgw_telemetry(up)
                .vgw_telemetry(VgwTelemetry::builder().build())
                .build(),
        );
        assert!(vague.tunnels.unreadable_reason().is_some());
    }

    #[test]
    fn subnets_map_to_their_zone_per_vpc_and_a_zoneless_one_is_unreadable() {
        let subnet = |id: &str, vpc: &str, zone: Option<&str>| {
            Subnet::builder()
                .subnet_id(id)
                .vpc_id(vpc)
                .set_availability_zone(zone.map(str::to_string))
                .build()
        };
        let read = subnet_zones_by_vpc(&[
            subnet("subnet-a", "vpc-1", Some("us-east-1a")),
            subnet("subnet-b", "vpc-1", Some("us-east-1b")),
            subnet("subnet-c", "vpc-2", Some("us-east-1a")),
        ]);
        let map = read.value().unwrap();
        assert_eq!(map["vpc-1"].value().unwrap()["subnet-b"], "us-east-1b");
        assert_eq!(map["vpc-2"].value().unwrap().len(), 1);
        assert!(
            subnet_zones_by_vpc(&[subnet("subnet-a", "vpc-1", None)])
                .unreadable_reason()
                .is_some()
        );
    }
}
