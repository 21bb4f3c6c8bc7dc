//! Facts that take two services to establish, drawn in one place once every service
//! has been collected, so no collector calls another service and a scan narrowed with
//! `--services` says what it could not join instead of guessing.
//!
//! Which Availability Zones an ECS service's subnets lie in (the service lists its
//! subnets, the VPCs of the EC2 listing map each subnet to its zone): a service
//! placed in subnets of one zone stops when that zone fails, however many tasks it
//! runs.
//!
//! The exposure, access logging and tamper protection of each trail's log bucket, from
//! the S3 collector's reading of the bucket (by name, in the trail's account).
//!
//! Which EC2 instances Systems Manager manages (the registrations the SSM collector
//! reads per region, matched by instance id): a key pair is not the only way onto
//! such an instance. And which RDS databases AWS Backup backs up (the resources it
//! protects in the region, matched by ARN), and who manages the KMS key of each
//! Backup vault (the managers the KMS collector lists per region, AWS-managed keys
//! included).
//!
//! The alarm chains on CloudTrail events (trail, log group, metric filter, alarm, SNS
//! topic) are drawn in monitoring.rs, from here.
//!
//! And, drawn both ways: which CloudFront distributions with a WAF web
//! ACL have a load balancer as an origin (a web ACL on the distribution in front
//! filters what reaches the load balancer through CloudFront, the alternative to a web
//! ACL of its own), and which load balancers with a web ACL of their own a distribution
//! forwards to (every request the distribution passes on then meets that web ACL, the
//! alternative to one on the distribution). Policies promising "internet-facing
//! applications are protected by a WAF" accept either. The rules of the web ACLs go
//! with them, for clauses that ask the web ACL to act on attacks.
//!
//! Matching is by the load balancer's DNS name as the origin's domain name. vouch
//! does not resolve DNS: an origin named by a custom domain that points at the load
//! balancer is not recognised, and the load balancer is then judged on its own web
//! ACL alone.

use serde_json::Value;

use std::collections::{BTreeMap, BTreeSet};

use super::Collected;
use super::{backup, cloudfront, cloudtrail, ec2, ecs, elbv2, kms, rds, s3, ssm};
use crate::inventory::{Inventory, Listing, Observed, Resource};

/// The attribute set on every load balancer: the ids of the enabled CloudFront
/// distributions with a web ACL that have it as an origin. Unreadable when that is
/// unknown (CloudFront not collected, its listing failed, a distribution's origins or
/// web ACL unread) and the load balancer has no web ACL of its own while internet
/// facing, so its WAF verdict rests on it; null when unknown and the verdict does
/// not rest on it (the load balancer has its own web ACL, is internal, or is not an
/// application load balancer).
pub const FRONTED_BY_WAF: &str = "fronted_by_waf";

/// The attribute set beside [`FRONTED_BY_WAF`]: `{distribution id: web ACL rules}` of
/// the distributions it lists, as `web_acl_rules` holds them. Unreadable when a
/// distribution that may front it has rules that were not read (an AWS WAF Classic web
/// ACL, a failed wafv2:GetWebACL) and the load balancer is an internet-facing ALB.
pub const FRONTED_BY_WAF_RULES: &str = "fronted_by_waf_rules";

/// The attribute set on every distribution: one entry per origin,
/// `{domain_name, load_balancer, web_acl_rules}`, `load_balancer` naming the scanned
/// load balancer whose DNS name the origin is (null for any other origin) and
/// `web_acl_rules` that load balancer's web ACL rules (null when it has no web ACL).
/// Unreadable when the load balancers are unknown (ELBv2 not collected, a listing
/// failed, an origin load balancer's web ACL unread) and the distribution has no web
/// ACL of its own; null when unknown and it has one.
pub const ORIGIN_WEB_ACLS: &str = "origin_web_acls";

struct Distribution {
    id: String,
    enabled: Option<bool>,
    web_acl: Observed<bool>,
    web_acl_rules: Observed<Value>,
    /// Lower-cased origin domain names.
    origins: Observed<Vec<String>>,
}

/// Draws every join over a fresh scan's resources.
pub fn draw_all(all: &mut Collected) {
    draw(&all.listings, &mut all.resources);
}

/// Draws the joins a saved inventory lacks (one written before vouch drew them) from
/// what that inventory holds, and keeps those it has: without the other service in
/// it, the joined fact is unknown, as for a scan that left that service out.
pub fn fill_missing(inventory: &mut Inventory) {
    draw(&inventory.listings, &mut inventory.resources);
}

fn draw(listings: &[Listing], resources: &mut [Resource]) {
    fill(listings, resources);
    fill_zones(listings, resources);
    fill_log_buckets(listings, resources);
    fill_from_region(resources, &SSM_MANAGED);
    fill_from_region(resources, &BACKUP);
    fill_from_region(resources, &KMS_KEYS);
    super::monitoring::fill(listings, resources);
}

/// The attribute set on every ECS service: the sorted Availability Zones of the
/// subnets its tasks are placed in (awsvpc networking). Unreadable when that is not
/// known: the service's subnets unread, the EC2 VPCs of its region not collected or
/// not all listed, one of its subnets in no listed VPC, or a service without awsvpc
/// subnets (its tasks run in the zones of its container instances, which vouch does
/// not read).
pub const SUBNET_ZONES: &str = "subnet_zones";

/// Per (account, region): subnet id -> zone, or why the region's subnets are unknown.
type ZoneMaps = BTreeMap<(String, String), Result<BTreeMap<String, String>, String>>;

fn zone_maps(listings: &[Listing], resources: &[Resource]) -> ZoneMaps {
    let mut maps: ZoneMaps = BTreeMap::new();
    for l in listings.iter().filter(|l| l.resource_type == ec2::VPC) {
        let entry = maps
            .entry((l.account.clone(), l.region.clone()))
            .or_insert_with(|| Ok(BTreeMap::new()));
        if let Some(e) = &l.error {
            *entry = Err(format!(
                "the VPCs of the region could not all be listed ({e}), so the zones of the service's subnets are unknown"
            ));
        }
    }
    for r in resources.iter().filter(|r| r.resource_type == ec2::VPC) {
        let Some(Ok(map)) = maps.get_mut(&(r.account.clone(), r.region.clone())) else {
            continue;
        };
        let zones = match r.attributes.get(SUBNET_ZONES) {
            Some(Observed::Value(Value::Object(m))) => m
                .iter()
                .map(|(k, v)| v.as_str().map(|z| (k.clone(), z.to_string())))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| format!("{}: a subnet's zone is not a name", r.name)),
            Some(Observed::Unreadable(e)) => Err(e.clone()),
            _ => Err(format!("{}: its subnets were not collected", r.name)),
        };
        let key = (r.account.clone(), r.region.clone());
        match zones {
            Ok(z) => map.extend(z),
            Err(e) => {
                maps.insert(
                    key,
                    Err(format!(
                        "the subnets of the region could not be read ({e}), so the zones of the service's subnets are unknown"
                    )),
                );
            }
        }
    }
    maps
}

fn zones_of(service: &Resource, maps: &ZoneMaps) -> Observed<Value> {
    let subnets: Vec<String> = match service.attributes.get("subnets") {
        Some(Observed::Value(Value::Array(items))) => {
            match items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
            {
                Some(s) => s,
                None => return Observed::unreadable("subnets: a subnet id is not a string"),
            }
        }
        Some(Observed::Unreadable(e)) => return Observed::Unreadable(format!("subnets: {e}")),
        _ => return Observed::unreadable("the service's subnets were not collected"),
    };
    if subnets.is_empty() {
        return Observed::unreadable(
            "the service has no awsvpc subnets: its tasks run in the zones of its container instances, which vouch does not read",
        );
    }
    let map = match maps.get(&(service.account.clone(), service.region.clone())) {
        None => {
            return Observed::unreadable(
                "EC2 VPCs were not collected in this region (see --services), so the zones of the service's subnets are unknown",
            );
        }
        Some(Err(e)) => return Observed::Unreadable(e.clone()),
        Some(Ok(m)) => m,
    };
    let mut zones = BTreeSet::new();
    for s in &subnets {
        match map.get(s) {
            Some(z) => {
                zones.insert(z.clone());
            }
            None => {
                return Observed::unreadable(format!(
                    "subnet {s} is in none of the VPCs listed in the region, so its zone is unknown"
                ));
            }
        }
    }
    Observed::Value(Value::from(zones.into_iter().collect::<Vec<_>>()))
}

fn fill_zones(listings: &[Listing], resources: &mut [Resource]) {
    let wanted =
        |r: &Resource| r.resource_type == ecs::SERVICE && !r.attributes.contains_key(SUBNET_ZONES);
    if !resources.iter().any(wanted) {
        return;
    }
    let maps = zone_maps(listings, resources);
    let zones: Vec<Option<Observed<Value>>> = resources
        .iter()
        .map(|r| wanted(r).then(|| zones_of(r, &maps)))
        .collect();
    for (r, z) in resources.iter_mut().zip(zones) {
        if let Some(z) = z {
            r.attributes.insert(SUBNET_ZONES.into(), z);
        }
    }
}

/// The attribute set on every EC2 instance: the Systems Manager agent's ping status
/// ("Online", "ConnectionLost", "Inactive") when Systems Manager manages the instance,
/// null when it does not. A managed instance can be reached by Session Manager, a
/// shell opened with IAM credentials and no key. Unreadable when the region's
/// registrations are unknown: Systems Manager not collected there (see --services), or
/// its `managed_instances` unread.
pub const SSM_PING_STATUS: &str = "ssm_ping_status";

/// The attribute set on every RDS instance and cluster: `{protected, last_backup_time}`,
/// whether AWS Backup holds a recovery point for it and when it last made one.
/// Unreadable when the region's protected resources are unknown: AWS Backup not
/// collected there (see --services), or its `protected_resources` unread.
pub const BACKUP_PROTECTED: &str = "backup_protected";

/// The attributes set on every trail from its log bucket as the S3 collector read it:
/// `{public_access_block, policy}` (the exposure), the bucket's access logging, and
/// `{object_lock, versioning}` (what keeps delivered logs from being deleted or
/// overwritten, Statlas STL-34 "protected against tampering"), each apart so one
/// unread setting leaves the others their evidence. Absent (null) for a trail without
/// a bucket and for one whose bucket is gone (CloudTrail's latest delivery failed with
/// NoSuchBucket). Unreadable when the bucket is unknown: S3 not collected (see
/// --services) or its buckets not all listed, the bucket not the account's (a central
/// log archive's, which this scan does not read), or its setting unread.
pub const LOG_BUCKET: &str = "log_bucket";
pub const LOG_BUCKET_ACCESS_LOGGING: &str = "log_bucket_access_logging";
pub const LOG_BUCKET_TAMPER_PROTECTION: &str = "log_bucket_tamper_protection";

fn fill_log_buckets(listings: &[Listing], resources: &mut [Resource]) {
    const JOINED: [&str; 3] = [
        LOG_BUCKET,
        LOG_BUCKET_ACCESS_LOGGING,
        LOG_BUCKET_TAMPER_PROTECTION,
    ];
    let wanted = |r: &Resource| {
        r.resource_type == cloudtrail::TRAIL
            && JOINED.iter().any(|a| !r.attributes.contains_key(*a))
    };
    if !resources.iter().any(wanted) {
        return;
    }
    let listed: Vec<&Listing> = listings
        .iter()
        .filter(|l| l.resource_type == s3::BUCKET)
        .collect();
    let unlisted = if listed.is_empty() {
        Some("S3 was not collected in this scan (see --services), so the trail's log bucket is unknown".to_string())
    } else {
        listed.iter().find_map(|l| l.error.as_deref()).map(|e| {
            format!("the account's buckets could not all be listed ({e}), so the trail's log bucket is unknown")
        })
    };
    let buckets: BTreeMap<(&str, &str), &Resource> = resources
        .iter()
        .filter(|r| r.resource_type == s3::BUCKET)
        .map(|r| ((r.account.as_str(), r.name.as_str()), r))
        .collect();
    let joined: Vec<Option<[Observed<Value>; 3]>> = resources
        .iter()
        .map(|r| wanted(r).then(|| log_bucket_of(r, &buckets, unlisted.as_deref())))
        .collect();
    for (r, values) in resources.iter_mut().zip(joined) {
        // A saved inventory keeps each attribute its scan joined.
        for (name, value) in JOINED.into_iter().zip(values.into_iter().flatten()) {
            r.attributes.entry(name.into()).or_insert(value);
        }
    }
}

/// The trail's three log-bucket attributes, in the order of [`LOG_BUCKET`],
/// [`LOG_BUCKET_ACCESS_LOGGING`] and [`LOG_BUCKET_TAMPER_PROTECTION`].
fn log_bucket_of(
    trail: &Resource,
    buckets: &BTreeMap<(&str, &str), &Resource>,
    unlisted: Option<&str>,
) -> [Observed<Value>; 3] {
    let all = |o: Observed<Value>| [o.clone(), o.clone(), o];
    let name = match trail.attributes.get("s3_bucket_name") {
        Some(Observed::Value(Value::String(n))) => n,
        Some(Observed::Unreadable(e)) => return all(Observed::Unreadable(e.clone())),
        // A trail that delivers to no bucket has none to judge.
        Some(Observed::Value(Value::Null) | Observed::Absent) => return all(Observed::Absent),
        _ => {
            return all(Observed::unreadable(
                "the trail's s3_bucket_name was not collected, so its log bucket is unknown",
            ));
        }
    };
    if let Some(bucket) = buckets.get(&(trail.account.as_str(), name.as_str())) {
        let setting = |k: &str| match bucket.attributes.get(k) {
            Some(Observed::Value(v)) => Ok(v.clone()),
            Some(Observed::Absent) => Ok(Value::Null),
            Some(Observed::Unreadable(e)) => Err(e.clone()),
            None => Err(format!("the {k} of bucket {name} was not collected")),
        };
        let both = |a: &str, b: &str| {
            Observed::of(setting(a).and_then(|x| {
                setting(b).map(|y| {
                    let mut m = serde_json::Map::new();
                    m.insert(a.to_string(), x);
                    m.insert(b.to_string(), y);
                    Value::Object(m)
                })
            }))
        };
        return [
            both("public_access_block", "policy"),
            Observed::of(setting("logging")),
            both("object_lock", "versioning"),
        ];
    }
    if let Some(why) = unlisted {
        return all(Observed::unreadable(why));
    }
    let gone = matches!(
        trail.attributes.get("latest_delivery_error"),
        Some(Observed::Value(Value::String(e))) if e.contains("NoSuchBucket")
    );
    if gone {
        return all(Observed::Absent);
    }
    all(Observed::unreadable(format!(
        "{name} is not one of the account's buckets: it is another account's (a central log archive's), whose settings this scan does not read, or it was deleted and CloudTrail has not yet failed to deliver to it"
    )))
}

/// A fact one service keeps per region (in its `_region_settings` record) about
/// resources of another, set on each of them in the same account and region.
struct RegionJoin {
    targets: &'static [&'static str],
    attribute: &'static str,
    record_type: &'static str,
    record_attribute: &'static str,
    /// Why the fact is unknown in a region without the record.
    not_collected: &'static str,
    /// The attribute of one target, from the record's map.
    of: fn(&Resource, &serde_json::Map<String, Value>) -> Observed<Value>,
}

const SSM_MANAGED: RegionJoin = RegionJoin {
    targets: &[ec2::INSTANCE],
    attribute: SSM_PING_STATUS,
    record_type: ssm::REGION_SETTINGS,
    record_attribute: ssm::MANAGED_INSTANCES,
    not_collected: "Systems Manager was not collected in this region (see --services), so whether it manages the instance is unknown",
    of: ping_status_of,
};

const BACKUP: RegionJoin = RegionJoin {
    targets: &[rds::INSTANCE, rds::CLUSTER],
    attribute: BACKUP_PROTECTED,
    record_type: backup::REGION_SETTINGS,
    record_attribute: backup::PROTECTED_RESOURCES,
    not_collected: "AWS Backup was not collected in this region (see --services), so whether it backs the database up is unknown",
    of: protection_of,
};

/// The attribute set on every AWS Backup vault: `CUSTOMER` or `AWS`, who manages the
/// KMS key that encrypts it (the ARN alone does not say), null for a vault without a
/// key. Unreadable when that is unknown: KMS not collected in the region (see
/// --services) or its keys not listed, the key not among them (another account's key,
/// which vouch does not read), or DescribeKey not saying.
pub const ENCRYPTION_KEY_MANAGER: &str = "encryption_key_manager";

const KMS_KEYS: RegionJoin = RegionJoin {
    targets: &[backup::VAULT],
    attribute: ENCRYPTION_KEY_MANAGER,
    record_type: kms::REGION_SETTINGS,
    record_attribute: kms::KEY_MANAGERS,
    not_collected: "KMS was not collected in this region (see --services), so whose key encrypts the vault is unknown",
    of: key_manager_of,
};

fn fill_from_region(resources: &mut [Resource], join: &RegionJoin) {
    let wanted = |r: &Resource| {
        join.targets.contains(&r.resource_type.as_str())
            && !r.attributes.contains_key(join.attribute)
    };
    if !resources.iter().any(wanted) {
        return;
    }
    let records: BTreeMap<(&str, &str), &Observed<Value>> = resources
        .iter()
        .filter(|r| r.resource_type == join.record_type)
        .filter_map(|r| {
            let record = r.attributes.get(join.record_attribute)?;
            Some(((r.account.as_str(), r.region.as_str()), record))
        })
        .collect();
    let joined: Vec<Option<Observed<Value>>> = resources
        .iter()
        .map(|r| {
            wanted(r).then(
                || match records.get(&(r.account.as_str(), r.region.as_str())) {
                    Some(Observed::Value(Value::Object(m))) => (join.of)(r, m),
                    Some(Observed::Unreadable(e)) => Observed::Unreadable(e.clone()),
                    Some(_) => Observed::unreadable(format!(
                        "{} of the region's {} is not a map",
                        join.record_attribute, join.record_type
                    )),
                    None => Observed::unreadable(join.not_collected),
                },
            )
        })
        .collect();
    for (r, value) in resources.iter_mut().zip(joined) {
        if let Some(value) = value {
            r.attributes.insert(join.attribute.into(), value);
        }
    }
}

/// The instance's registration, by the instance id its ARN ends with.
fn ping_status_of(
    instance: &Resource,
    managed: &serde_json::Map<String, Value>,
) -> Observed<Value> {
    let id = instance.id.rsplit('/').next().unwrap_or(&instance.id);
    match managed.get(id) {
        None => Observed::Value(Value::Null),
        Some(status @ Value::String(_)) => Observed::Value(status.clone()),
        Some(_) => Observed::unreadable(format!(
            "managed_instances: the ping status of {id} is not a string"
        )),
    }
}

/// Who manages the vault's key, by the key ARN among the region's keys.
fn key_manager_of(vault: &Resource, managers: &serde_json::Map<String, Value>) -> Observed<Value> {
    let key = match vault.attributes.get("encryption_key_arn") {
        Some(Observed::Value(Value::String(k))) => k,
        Some(Observed::Value(Value::Null)) => return Observed::Value(Value::Null),
        Some(Observed::Unreadable(e)) => return Observed::Unreadable(e.clone()),
        _ => return Observed::unreadable("the vault's encryption_key_arn was not read"),
    };
    match managers.get(key) {
        Some(manager @ Value::String(_)) => Observed::Value(manager.clone()),
        Some(_) => Observed::unreadable(format!(
            "kms:DescribeKey did not say who manages {key} (see the aws_kms_key resource)"
        )),
        None => match key.split(':').nth(4) {
            Some(owner) if owner != vault.account => Observed::unreadable(format!(
                "{key} belongs to account {owner}, whose keys this scan does not read, so whose key it is is unknown"
            )),
            _ => Observed::unreadable(format!(
                "{key} is not among the keys kms:ListKeys returned in the region, so whose key it is is unknown"
            )),
        },
    }
}

/// Whether the database's ARN is among the protected resources, and its last backup.
fn protection_of(db: &Resource, protected: &serde_json::Map<String, Value>) -> Observed<Value> {
    match protected.get(&db.id) {
        None => Observed::Value(serde_json::json!({"protected": false, "last_backup_time": null})),
        Some(time @ (Value::Null | Value::String(_))) => {
            Observed::Value(serde_json::json!({"protected": true, "last_backup_time": time}))
        }
        Some(_) => Observed::unreadable(format!(
            "protected_resources: the last backup time of {} is not a time",
            db.id
        )),
    }
}

fn fill(all_listings: &[Listing], resources: &mut [Resource]) {
    fill_origins(all_listings, resources);
    let listings: Vec<&Listing> = all_listings
        .iter()
        .filter(|l| l.resource_type == cloudfront::DISTRIBUTION)
        .collect();
    let known: Result<Vec<Distribution>, String> = if listings.is_empty() {
        Err("CloudFront was not collected in this scan (see --services), so whether a distribution with a web ACL fronts the load balancer is unknown".into())
    } else if let Some(e) = listings.iter().find_map(|l| l.error.as_deref()) {
        Err(format!(
            "the CloudFront distributions could not all be listed ({e}), so whether one with a web ACL fronts the load balancer is unknown"
        ))
    } else {
        Ok(resources
            .iter()
            .filter(|r| r.resource_type == cloudfront::DISTRIBUTION)
            .map(distribution)
            .collect())
    };
    let fronting: Vec<Option<(Observed<Value>, Observed<Value>)>> = resources
        .iter()
        .map(|r| (r.resource_type == elbv2::LOAD_BALANCER).then(|| fronting_of(r, &known)))
        .collect();
    for (r, f) in resources.iter_mut().zip(fronting) {
        if let Some((ids, rules)) = f {
            // A saved inventory keeps what its scan joined.
            r.attributes.entry(FRONTED_BY_WAF.into()).or_insert(ids);
            r.attributes
                .entry(FRONTED_BY_WAF_RULES.into())
                .or_insert(rules);
        }
    }
}

/// What one load balancer tells a distribution that forwards to it.
struct Balancer {
    name: String,
    /// The web ACL's rules, null without a web ACL.
    rules: Observed<Value>,
}

fn balancer(lb: &Resource) -> Balancer {
    let rules = match lb.attributes.get("web_acl_arn") {
        Some(Observed::Value(Value::Null)) | Some(Observed::Absent) => Observed::Value(Value::Null),
        Some(Observed::Value(_)) => match lb.attributes.get("web_acl_rules") {
            Some(Observed::Value(v)) => Observed::Value(v.clone()),
            Some(Observed::Unreadable(e)) => Observed::Unreadable(format!("web_acl_rules: {e}")),
            _ => Observed::unreadable("the rules of its web ACL were not collected"),
        },
        Some(Observed::Unreadable(e)) => Observed::Unreadable(format!("web_acl_arn: {e}")),
        None => Observed::unreadable("its web ACL was not collected"),
    };
    Balancer {
        name: lb.name.clone(),
        rules,
    }
}

/// Sets [`ORIGIN_WEB_ACLS`] on every distribution that lacks it.
fn fill_origins(listings: &[Listing], resources: &mut [Resource]) {
    let lb_listings: Vec<&Listing> = listings
        .iter()
        .filter(|l| l.resource_type == elbv2::LOAD_BALANCER)
        .collect();
    let known: Result<std::collections::BTreeMap<String, Balancer>, String> = if lb_listings
        .is_empty()
    {
        Err("ELBv2 was not collected in this scan (see --services), so whether an origin is a load balancer with a web ACL is unknown".into())
    } else if let Some(e) = lb_listings.iter().find_map(|l| l.error.as_deref()) {
        Err(format!(
            "the load balancers could not all be listed ({e}), so whether an origin is one with a web ACL is unknown"
        ))
    } else {
        Ok(resources
            .iter()
            .filter(|r| r.resource_type == elbv2::LOAD_BALANCER)
            .filter_map(|r| Some((host(text(r, "dns_name")?), balancer(r))))
            .collect())
    };
    let joined: Vec<Option<Observed<Value>>> = resources
        .iter()
        .map(|r| {
            (r.resource_type == cloudfront::DISTRIBUTION
                && !r.attributes.contains_key(ORIGIN_WEB_ACLS))
            .then(|| origins_of(r, &known))
        })
        .collect();
    for (r, j) in resources.iter_mut().zip(joined) {
        if let Some(j) = j {
            r.attributes.insert(ORIGIN_WEB_ACLS.into(), j);
        }
    }
}

fn origins_of(
    d: &Resource,
    known: &Result<std::collections::BTreeMap<String, Balancer>, String>,
) -> Observed<Value> {
    let own_acl = matches!(
        d.attributes.get("web_acl_id"),
        Some(Observed::Value(Value::String(s))) if !s.is_empty()
    );
    let unknown = |why: String| {
        if own_acl {
            Observed::Value(Value::Null)
        } else {
            Observed::Unreadable(why)
        }
    };
    let origins = match distribution(d).origins {
        Observed::Value(o) => o,
        Observed::Unreadable(e) => return unknown(e),
        Observed::Absent => return unknown("origins: not collected".into()),
    };
    let balancers = match known {
        Ok(b) => b,
        Err(e) => return unknown(e.clone()),
    };
    let mut out = Vec::new();
    for o in origins {
        let entry = match balancers.get(&o) {
            None => {
                serde_json::json!({"domain_name": o, "load_balancer": null, "web_acl_rules": null})
            }
            Some(b) => match &b.rules {
                Observed::Value(rules) => serde_json::json!({
                    "domain_name": o, "load_balancer": b.name, "web_acl_rules": rules}),
                Observed::Unreadable(e) => {
                    return unknown(format!("origin load balancer {}: {e}", b.name));
                }
                Observed::Absent => {
                    return unknown(format!("origin load balancer {}: web ACL unknown", b.name));
                }
            },
        };
        out.push(entry);
    }
    Observed::Value(Value::Array(out))
}

fn distribution(r: &Resource) -> Distribution {
    let attr = |name: &str| -> Observed<&Value> {
        match r.attributes.get(name) {
            Some(Observed::Value(v)) => Observed::Value(v),
            Some(Observed::Absent) => Observed::Absent,
            Some(Observed::Unreadable(e)) => Observed::Unreadable(e.clone()),
            None => Observed::unreadable(format!("{name} was not collected")),
        }
    };
    let web_acl = match attr("web_acl_id") {
        Observed::Value(v) => Observed::Value(v.as_str().is_some_and(|s| !s.is_empty())),
        Observed::Absent => Observed::Value(false),
        Observed::Unreadable(e) => Observed::Unreadable(format!("web_acl_id: {e}")),
    };
    let web_acl_rules = match attr("web_acl_rules") {
        Observed::Value(v) => Observed::Value(v.clone()),
        Observed::Absent => Observed::Value(Value::Null),
        Observed::Unreadable(e) => Observed::Unreadable(format!("web_acl_rules: {e}")),
    };
    let origins = match attr("origins") {
        Observed::Value(Value::Array(items)) => items
            .iter()
            .map(|o| o.get("domain_name").and_then(Value::as_str).map(host))
            .collect::<Option<Vec<_>>>()
            .map_or_else(
                || Observed::unreadable("origins: an origin has no domain_name"),
                Observed::Value,
            ),
        Observed::Value(_) | Observed::Absent => Observed::unreadable("origins: not a list"),
        Observed::Unreadable(e) => Observed::Unreadable(format!("origins: {e}")),
    };
    Distribution {
        // The resource id is the ARN, `arn:aws:cloudfront::ACCOUNT:distribution/ID`.
        id: r.id.rsplit('/').next().unwrap_or(&r.id).to_string(),
        enabled: match attr("enabled") {
            Observed::Value(v) => v.as_bool(),
            _ => None,
        },
        web_acl,
        web_acl_rules,
        origins,
    }
}

/// A host name as compared: lower case, without a trailing dot or the `dualstack.`
/// prefix an ALB's name can be given.
fn host(name: &str) -> String {
    let h = name.trim_end_matches('.').to_ascii_lowercase();
    h.strip_prefix("dualstack.")
        .map(str::to_string)
        .unwrap_or(h)
}

fn text<'a>(r: &'a Resource, name: &str) -> Option<&'a str> {
    r.attributes
        .get(name)
        .and_then(|v| v.value())
        .and_then(Value::as_str)
}

/// Whether the load balancer's WAF verdict rests on what fronts it: an internet-facing
/// ALB known to have no web ACL of its own.
fn needs_fronting(lb: &Resource) -> bool {
    is_public_alb(lb)
        && matches!(
            lb.attributes.get("web_acl_arn"),
            Some(Observed::Value(Value::Null)) | Some(Observed::Absent)
        )
}

fn fronting_of(
    lb: &Resource,
    known: &Result<Vec<Distribution>, String>,
) -> (Observed<Value>, Observed<Value>) {
    let ids = fronting_ids(lb, known);
    let rules = match (&ids, known) {
        (Observed::Value(Value::Array(ids)), Ok(dists)) => {
            let mut map = serde_json::Map::new();
            let mut unread = Vec::new();
            for d in dists
                .iter()
                .filter(|d| ids.iter().any(|i| i.as_str() == Some(d.id.as_str())))
            {
                match &d.web_acl_rules {
                    Observed::Value(v) => {
                        map.insert(d.id.clone(), v.clone());
                    }
                    Observed::Unreadable(e) => unread.push(format!("{}: {e}", d.id)),
                    Observed::Absent => unread.push(format!("{}: web_acl_rules absent", d.id)),
                }
            }
            if unread.is_empty() {
                Observed::Value(Value::Object(map))
            } else if is_public_alb(lb) {
                Observed::Unreadable(format!(
                    "the web ACL rules of a distribution that fronts the load balancer were not read ({})",
                    unread.join("; ")
                ))
            } else {
                Observed::Value(Value::Null)
            }
        }
        (Observed::Unreadable(e), _) => Observed::Unreadable(e.clone()),
        _ => Observed::Value(Value::Null),
    };
    (ids, rules)
}

/// An internet-facing application load balancer: the only kind the WAF check judges.
fn is_public_alb(lb: &Resource) -> bool {
    text(lb, "lb_type") == Some("application") && text(lb, "scheme") == Some("internet-facing")
}

fn fronting_ids(lb: &Resource, known: &Result<Vec<Distribution>, String>) -> Observed<Value> {
    let unknown = |why: String| {
        if needs_fronting(lb) {
            Observed::Unreadable(why)
        } else {
            Observed::Value(Value::Null)
        }
    };
    let dns = match lb.attributes.get("dns_name") {
        Some(Observed::Value(Value::String(d))) => host(d),
        Some(Observed::Unreadable(e)) => return unknown(format!("dns_name: {e}")),
        _ => return unknown("the load balancer's dns_name was not collected".into()),
    };
    let dists = match known {
        Ok(d) => d,
        Err(e) => return unknown(e.clone()),
    };
    let mut sure: Vec<&str> = Vec::new();
    let mut unsure: Vec<String> = Vec::new();
    for d in dists {
        let fronts = match &d.origins {
            Observed::Value(o) => Some(o.contains(&dns)),
            _ => None,
        };
        if fronts == Some(false) {
            continue;
        }
        let guards = match (&d.web_acl, d.enabled) {
            (Observed::Value(false), _) | (_, Some(false)) => continue,
            (Observed::Value(true), Some(true)) => true,
            (Observed::Unreadable(e), _) => {
                unsure.push(format!("{}: {e}", d.id));
                continue;
            }
            _ => {
                unsure.push(format!("{}: whether it is enabled was not read", d.id));
                continue;
            }
        };
        match (fronts, guards, &d.origins) {
            (Some(true), true, _) => sure.push(&d.id),
            (_, _, Observed::Unreadable(e)) => unsure.push(format!("{}: {e}", d.id)),
            _ => {}
        }
    }
    if !sure.is_empty() {
        sure.sort_unstable();
        return Observed::Value(Value::from(sure));
    }
    if !unsure.is_empty() {
        return unknown(format!(
            "whether a CloudFront distribution with a web ACL fronts the load balancer is unknown ({})",
            unsure.join("; ")
        ));
    }
    Observed::Value(Value::Array(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DNS: &str = "web-123.us-east-1.elb.amazonaws.com";

    fn resource(kind: &str, name: &str, attrs: Value) -> Resource {
        let id = format!("arn:aws:x::1:thing/{name}");
        super::super::tests::json_resource(kind, &id, name, "us-east-1", attrs)
    }

    fn alb(name: &str, acl: Value) -> Resource {
        resource(
            elbv2::LOAD_BALANCER,
            name,
            json!({"lb_type": "application", "scheme": "internet-facing", "web_acl_arn": acl, "dns_name": DNS}),
        )
    }

    fn dist(id: &str, acl: &str, origin: Value) -> Resource {
        resource(
            cloudfront::DISTRIBUTION,
            id,
            json!({"enabled": true, "web_acl_id": acl, "origins": origin}),
        )
    }

    use super::super::tests::listing as listing_of;

    fn listing(error: Option<&str>) -> Listing {
        listing_of(cloudfront::DISTRIBUTION, "global", error)
    }

    /// The name and `attribute` of each resource of `kind`, in order, once every join
    /// is drawn.
    fn named_after_joins(
        resources: Vec<Resource>,
        listings: Vec<Listing>,
        kind: &str,
        attribute: &str,
    ) -> Vec<(String, Observed<Value>)> {
        let mut all = Collected {
            listings,
            resources,
        };
        draw_all(&mut all);
        all.resources
            .into_iter()
            .filter(|r| r.resource_type == kind)
            .map(|r| {
                let value = r.attributes[attribute].clone();
                (r.name, value)
            })
            .collect()
    }

    fn joined_of(
        resources: Vec<Resource>,
        listings: Vec<Listing>,
        kind: &str,
        attribute: &str,
    ) -> Vec<Observed<Value>> {
        named_after_joins(resources, listings, kind, attribute)
            .into_iter()
            .map(|(_, v)| v)
            .collect()
    }

    fn joined(resources: Vec<Resource>, listings: Vec<Listing>) -> Vec<Observed<Value>> {
        joined_of(resources, listings, elbv2::LOAD_BALANCER, FRONTED_BY_WAF)
    }

    fn origin(domain: &str) -> Value {
        json!([{"id": "o", "domain_name": domain, "kind": "custom", "protocol_policy": "https-only"}])
    }

    #[test]
    fn a_distribution_with_a_web_acl_and_the_alb_as_origin_fronts_it() {
        let got = joined(
            vec![
                alb("a", Value::Null),
                dist(
                    "E2",
                    "arn:acl",
                    origin("DualStack.WEB-123.us-east-1.elb.amazonaws.com."),
                ),
                dist("E1", "arn:acl", origin(DNS)),
                dist("E3", "", origin(DNS)),
                dist("E4", "arn:acl", origin("other.example.com")),
            ],
            vec![listing(None)],
        );
        assert_eq!(got, vec![Observed::Value(json!(["E1", "E2"]))]);
        let none = joined(
            vec![alb("a", Value::Null), dist("E3", "", origin(DNS))],
            vec![listing(None)],
        );
        assert_eq!(none, vec![Observed::Value(json!([]))]);
    }

    #[test]
    fn unknown_cloudfront_is_unreadable_only_where_the_verdict_rests_on_it() {
        let lbs = || {
            vec![
                alb("bare", Value::Null),
                alb("own", json!("arn:aws:wafv2:regional/webacl/x")),
                resource(
                    elbv2::LOAD_BALANCER,
                    "internal",
                    json!({"lb_type": "application", "scheme": "internal", "web_acl_arn": null, "dns_name": DNS}),
                ),
            ]
        };
        let not_collected = joined(lbs(), vec![]);
        assert!(
            not_collected[0]
                .unreadable_reason()
                .is_some_and(|r| r.contains("not collected"))
        );
        assert_eq!(not_collected[1], Observed::Value(Value::Null));
        assert_eq!(not_collected[2], Observed::Value(Value::Null));
        let failed = joined(
            lbs(),
            vec![listing(Some("cloudfront:ListDistributions: AccessDenied"))],
        );
        assert!(
            failed[0]
                .unreadable_reason()
                .is_some_and(|r| r.contains("AccessDenied"))
        );
        assert_eq!(failed[1], Observed::Value(Value::Null));
    }

    #[test]
    fn an_unread_distribution_leaves_it_unknown_unless_another_one_surely_fronts() {
        let unread = dist("E9", "arn:acl", json!({"unreadable": "origins unread"}));
        let got = joined(
            vec![alb("a", Value::Null), unread.clone()],
            vec![listing(None)],
        );
        assert!(got[0].unreadable_reason().is_some_and(|r| r.contains("E9")));
        let got = joined(
            vec![
                alb("a", Value::Null),
                unread,
                dist("E1", "arn:acl", origin(DNS)),
            ],
            vec![listing(None)],
        );
        assert_eq!(got, vec![Observed::Value(json!(["E1"]))]);
        // A distribution without a web ACL cannot front with a WAF, origins read or not.
        let no_acl = dist("E8", "", json!({"unreadable": "origins unread"}));
        let got = joined(vec![alb("a", Value::Null), no_acl], vec![listing(None)]);
        assert_eq!(got, vec![Observed::Value(json!([]))]);
        let disabled = resource(
            cloudfront::DISTRIBUTION,
            "E7",
            json!({"enabled": false, "web_acl_id": "arn:acl", "origins": origin(DNS)}),
        );
        let got = joined(vec![alb("a", Value::Null), disabled], vec![listing(None)]);
        assert_eq!(got, vec![Observed::Value(json!([]))]);
    }

    fn vpc_listing(region: &str, error: Option<&str>) -> Listing {
        listing_of(ec2::VPC, region, error)
    }

    fn service_zones(resources: Vec<Resource>, listings: Vec<Listing>) -> Vec<Observed<Value>> {
        joined_of(resources, listings, ecs::SERVICE, SUBNET_ZONES)
    }

    #[test]
    fn an_ecs_service_gets_the_zones_of_its_subnets_or_why_they_are_unknown() {
        let vpc = resource(
            ec2::VPC,
            "vpc-1",
            json!({"subnet_zones": {"subnet-a": "us-east-1a", "subnet-b": "us-east-1b", "subnet-c": "us-east-1a"}}),
        );
        let svc = |name: &str, subnets: Value| {
            resource(ecs::SERVICE, name, json!({ "subnets": subnets }))
        };
        let got = service_zones(
            vec![
                vpc.clone(),
                svc("two", json!(["subnet-a", "subnet-b"])),
                svc("one", json!(["subnet-a", "subnet-c"])),
                svc("bridge", json!([])),
                svc("lost", json!(["subnet-z"])),
                svc("unread", json!({"unreadable": "ecs: AccessDenied"})),
            ],
            vec![vpc_listing("us-east-1", None)],
        );
        assert_eq!(got[0], Observed::Value(json!(["us-east-1a", "us-east-1b"])));
        assert_eq!(got[1], Observed::Value(json!(["us-east-1a"])));
        assert!(
            got[2]
                .unreadable_reason()
                .is_some_and(|r| r.contains("awsvpc"))
        );
        assert!(
            got[3]
                .unreadable_reason()
                .is_some_and(|r| r.contains("subnet-z"))
        );
        assert!(
            got[4]
                .unreadable_reason()
                .is_some_and(|r| r.contains("AccessDenied"))
        );
        let no_ec2 = service_zones(vec![svc("two", json!(["subnet-a"]))], vec![]);
        assert!(
            no_ec2[0]
                .unreadable_reason()
                .is_some_and(|r| r.contains("not collected"))
        );
        let failed = service_zones(
            vec![vpc.clone(), svc("two", json!(["subnet-a"]))],
            vec![vpc_listing(
                "us-east-1",
                Some("ec2:DescribeVpcs: AccessDenied"),
            )],
        );
        assert!(
            failed[0]
                .unreadable_reason()
                .is_some_and(|r| r.contains("AccessDenied"))
        );
        let unread_subnets = resource(
            ec2::VPC,
            "vpc-2",
            json!({"subnet_zones": {"unreadable": "ec2:DescribeSubnets: throttled"}}),
        );
        let got = service_zones(
            vec![vpc, unread_subnets, svc("two", json!(["subnet-a"]))],
            vec![vpc_listing("us-east-1", None)],
        );
        assert!(
            got[0]
                .unreadable_reason()
                .is_some_and(|r| r.contains("throttled"))
        );
    }

    #[test]
    fn a_saved_inventory_without_the_join_gets_it_and_one_with_it_keeps_its_own() {
        let mut bare = alb("old", Value::Null);
        let mut kept = alb("new", Value::Null);
        kept.attributes
            .insert(FRONTED_BY_WAF.into(), Observed::Value(json!(["E1"])));
        let mut inventory: Inventory = serde_json::from_value(json!({
            "format": crate::inventory::INVENTORY_FORMAT, "provider": "aws", "account": "1",
            "regions": ["us-east-1"], "collected_at": "2026-01-01T00:00:00Z",
            "listings": [], "resources": []}))
        .unwrap();
        bare.attributes.remove(FRONTED_BY_WAF);
        inventory.resources = vec![bare, kept];
        fill_missing(&mut inventory);
        assert!(
            inventory.resources[0].attributes[FRONTED_BY_WAF]
                .unreadable_reason()
                .is_some_and(|r| r.contains("not collected"))
        );
        assert_eq!(
            inventory.resources[1].attributes[FRONTED_BY_WAF],
            Observed::Value(json!(["E1"]))
        );
    }

    /// A `_region_settings` record of `service` in `region` holding `attribute`.
    fn region_record(
        kind: &str,
        service: &str,
        region: &str,
        attribute: &str,
        v: Value,
    ) -> Resource {
        let arn = format!("arn:aws:{service}:{region}:1:settings");
        let attrs = Value::Object([(attribute.to_string(), v)].into_iter().collect());
        super::super::tests::json_resource(kind, &arn, service, region, attrs)
    }

    /// `attribute` of each resource of `kind`, by name, once every join is drawn.
    fn drawn(
        resources: Vec<Resource>,
        kind: &str,
        attribute: &str,
    ) -> BTreeMap<String, Observed<Value>> {
        named_after_joins(resources, vec![], kind, attribute)
            .into_iter()
            .collect()
    }

    #[test]
    fn an_instance_gets_its_region_s_ssm_registration_or_why_it_is_unknown() {
        let instance = |id: &str, region: &str| {
            let arn = format!("arn:aws:ec2:{region}:1:instance/{id}");
            super::super::tests::json_resource(ec2::INSTANCE, &arn, id, region, json!({}))
        };
        let managed = |region: &str, v: Value| {
            region_record(
                ssm::REGION_SETTINGS,
                "ssm",
                region,
                ssm::MANAGED_INSTANCES,
                v,
            )
        };
        let mut kept = instance("i-kept", "us-east-1");
        kept.attributes.insert(
            SSM_PING_STATUS.into(),
            Observed::unreadable("ssm:DescribeInstanceInformation: AccessDenied"),
        );
        let status = drawn(
            vec![
                managed("us-east-1", json!({"i-on": "Online", "i-odd": 3})),
                managed(
                    "eu-west-1",
                    json!({"unreadable": "ssm:DescribeInstanceInformation: throttled"}),
                ),
                instance("i-on", "us-east-1"),
                instance("i-off", "us-east-1"),
                instance("i-odd", "us-east-1"),
                instance("i-eu", "eu-west-1"),
                instance("i-far", "ap-south-1"),
                kept,
            ],
            ec2::INSTANCE,
            SSM_PING_STATUS,
        );
        assert_eq!(status["i-on"], Observed::Value(json!("Online")));
        assert_eq!(status["i-off"], Observed::Value(Value::Null));
        let reason = |id: &str| status[id].unreadable_reason().unwrap_or_default();
        assert!(reason("i-odd").contains("i-odd"));
        assert_eq!(reason("i-eu"), "ssm:DescribeInstanceInformation: throttled");
        assert!(reason("i-far").contains("not collected"));
        // A saved inventory keeps what its scan joined.
        assert_eq!(
            reason("i-kept"),
            "ssm:DescribeInstanceInformation: AccessDenied"
        );
    }

    #[test]
    fn a_database_learns_from_its_region_s_backup_record_whether_it_is_protected() {
        let db = |kind: &str, arn: &str, region: &str| {
            let name = arn.rsplit(':').next().unwrap_or(arn);
            super::super::tests::json_resource(kind, arn, name, region, json!({}))
        };
        let protected = |region: &str, v: Value| {
            region_record(
                backup::REGION_SETTINGS,
                "backup",
                region,
                backup::PROTECTED_RESOURCES,
                v,
            )
        };
        let mut got = drawn(
            vec![
                protected(
                    "us-east-1",
                    json!({"arn:aws:rds:us-east-1:1:db:kept": "2026-11-30T02:00:00Z", "arn:aws:rds:us-east-1:1:cluster:c": null}),
                ),
                protected(
                    "eu-west-1",
                    json!({"unreadable": "backup:ListProtectedResources: 404"}),
                ),
                db(
                    rds::INSTANCE,
                    "arn:aws:rds:us-east-1:1:db:kept",
                    "us-east-1",
                ),
                db(
                    rds::INSTANCE,
                    "arn:aws:rds:us-east-1:1:db:bare",
                    "us-east-1",
                ),
                db(rds::INSTANCE, "arn:aws:rds:eu-west-1:1:db:eu", "eu-west-1"),
                db(
                    rds::INSTANCE,
                    "arn:aws:rds:ap-south-1:1:db:far",
                    "ap-south-1",
                ),
            ],
            rds::INSTANCE,
            BACKUP_PROTECTED,
        );
        got.extend(drawn(
            vec![
                protected(
                    "us-east-1",
                    json!({"arn:aws:rds:us-east-1:1:cluster:c": null}),
                ),
                db(
                    rds::CLUSTER,
                    "arn:aws:rds:us-east-1:1:cluster:c",
                    "us-east-1",
                ),
            ],
            rds::CLUSTER,
            BACKUP_PROTECTED,
        ));
        let protection = |protected: bool, time: Value| {
            Observed::Value(json!({"protected": protected, "last_backup_time": time}))
        };
        assert_eq!(got["kept"], protection(true, json!("2026-11-30T02:00:00Z")));
        assert_eq!(got["c"], protection(true, Value::Null));
        assert_eq!(got["bare"], protection(false, Value::Null));
        assert_eq!(
            got["eu"].unreadable_reason(),
            Some("backup:ListProtectedResources: 404")
        );
        assert!(
            got["far"]
                .unreadable_reason()
                .is_some_and(|r| r.contains("AWS Backup was not collected"))
        );
    }

    #[test]
    fn a_vault_learns_who_manages_its_key_from_the_region_s_kms_record() {
        let key = |id: &str| format!("arn:aws:kms:us-east-1:1:key/{id}");
        let vault = |name: &str, region: &str, key: Value| {
            let arn = format!("arn:aws:backup:{region}:1:backup-vault:{name}");
            super::super::tests::json_resource(
                backup::VAULT,
                &arn,
                name,
                region,
                json!({ "encryption_key_arn": key }),
            )
        };
        let managers = json!({ key("own"): "CUSTOMER", key("aws"): "AWS", key("odd"): null });
        let manager = drawn(
            vec![
                region_record(
                    kms::REGION_SETTINGS,
                    "kms",
                    "us-east-1",
                    kms::KEY_MANAGERS,
                    managers,
                ),
                vault("own", "us-east-1", json!(key("own"))),
                vault("aws", "us-east-1", json!(key("aws"))),
                vault("odd", "us-east-1", json!(key("odd"))),
                vault("gone", "us-east-1", json!(key("gone"))),
                vault(
                    "central",
                    "us-east-1",
                    json!("arn:aws:kms:us-east-1:999:key/c"),
                ),
                vault("keyless", "us-east-1", Value::Null),
                vault("far", "ap-south-1", json!("arn:aws:kms:ap-south-1:1:key/f")),
            ],
            backup::VAULT,
            ENCRYPTION_KEY_MANAGER,
        );
        assert_eq!(manager["own"], Observed::Value(json!("CUSTOMER")));
        assert_eq!(manager["aws"], Observed::Value(json!("AWS")));
        assert_eq!(manager["keyless"], Observed::Value(Value::Null));
        for (name, why) in [
            ("odd", "did not say"),
            ("gone", "not among the keys"),
            ("central", "account 999"),
            ("far", "KMS was not collected"),
        ] {
            assert!(
                manager[name]
                    .unreadable_reason()
                    .is_some_and(|r| r.contains(why)),
                "{name}: {:?}",
                manager[name]
            );
        }
    }

    #[test]
    fn a_trail_gets_its_log_bucket_s_settings_from_the_s3_reading_or_why_not() {
        let json_resource = super::super::tests::json_resource;
        let trail = |name: &str, attrs: Value| {
            let arn = format!("arn:aws:cloudtrail:us-east-1:1:trail/{name}");
            json_resource(cloudtrail::TRAIL, &arn, name, "us-east-1", attrs)
        };
        let bucket = |name: &str, attrs: Value| {
            let arn = format!("arn:aws:s3:::{name}");
            json_resource(s3::BUCKET, &arn, name, "us-east-1", attrs)
        };
        let versioning = json!({"status": "Enabled", "mfa_delete": null});
        let s3_listing = |error: Option<&str>| listing_of(s3::BUCKET, "global", error);
        let resources = || {
            vec![
                bucket(
                    "logs",
                    json!({"public_access_block": {"block_public_acls": true}, "policy": null,
                           "logging": {"target_bucket": "access", "target_prefix": "ct/"},
                           "object_lock": null, "versioning": versioning}),
                ),
                bucket(
                    "denied",
                    json!({"public_access_block": {"unreadable": "s3:GetPublicAccessBlock: AccessDenied"},
                           "policy": null, "logging": null, "object_lock": null, "versioning": versioning}),
                ),
                trail("main", json!({"s3_bucket_name": "logs"})),
                trail("denied", json!({"s3_bucket_name": "denied"})),
                trail(
                    "gone",
                    json!({"s3_bucket_name": "old", "latest_delivery_error": "NoSuchBucket"}),
                ),
                trail(
                    "central",
                    json!({"s3_bucket_name": "org-archive", "latest_delivery_error": null}),
                ),
                trail("none", json!({"s3_bucket_name": null})),
                trail("unnamed", json!({})),
                trail(
                    "saved",
                    json!({"s3_bucket_name": "logs", "log_bucket_access_logging": null}),
                ),
            ]
        };
        let joined = |listings: Vec<Listing>| {
            let mut all = Collected {
                listings,
                resources: resources(),
            };
            draw_all(&mut all);
            all.resources
                .into_iter()
                .filter(|r| r.resource_type == cloudtrail::TRAIL)
                .map(|r| {
                    let get = |k: &str| r.attributes[k].clone();
                    (
                        r.name.clone(),
                        [
                            get(LOG_BUCKET),
                            get(LOG_BUCKET_ACCESS_LOGGING),
                            get(LOG_BUCKET_TAMPER_PROTECTION),
                        ],
                    )
                })
                .collect::<BTreeMap<_, _>>()
        };
        let got = joined(vec![s3_listing(None)]);
        assert_eq!(
            got["main"],
            [
                Observed::Value(
                    json!({"public_access_block": {"block_public_acls": true}, "policy": null})
                ),
                Observed::Value(json!({"target_bucket": "access", "target_prefix": "ct/"})),
                Observed::Value(json!({"object_lock": null, "versioning": versioning})),
            ]
        );
        // A saved inventory keeps what its scan joined and gets what it lacks.
        assert_eq!(got["saved"][1], Observed::Value(Value::Null));
        assert_eq!(got["saved"][0], got["main"][0]);
        // One unread setting leaves the others their evidence.
        assert_eq!(
            got["denied"][0].unreadable_reason(),
            Some("s3:GetPublicAccessBlock: AccessDenied")
        );
        assert_eq!(got["denied"][1], Observed::Value(Value::Null));
        assert!(got["denied"][2].value().is_some());
        assert_eq!(
            got["gone"],
            [Observed::Absent, Observed::Absent, Observed::Absent]
        );
        assert_eq!(
            got["none"],
            [Observed::Absent, Observed::Absent, Observed::Absent]
        );
        // A bucket name never read is not "no bucket", which would fail the trail.
        assert!(got["unnamed"].iter().all(|o| {
            o.unreadable_reason()
                .is_some_and(|r| r.contains("not collected"))
        }));
        assert!(got["central"].iter().all(|o| {
            o.unreadable_reason()
                .is_some_and(|r| r.contains("another account"))
        }));
        // Without S3, or with its buckets not all listed, no bucket can be found.
        for (listings, why) in [
            (vec![], "S3 was not collected"),
            (
                vec![s3_listing(Some("s3:ListBuckets: throttled"))],
                "throttled",
            ),
        ] {
            let got = joined(listings);
            assert!(
                got["central"][0]
                    .unreadable_reason()
                    .is_some_and(|r| r.contains(why)),
                "{why}: {:?}",
                got["central"]
            );
        }
    }

    fn lb_listing(error: Option<&str>) -> Listing {
        listing_of(elbv2::LOAD_BALANCER, "global", error)
    }

    fn attribute(all: &Collected, name: &str, attr: &str) -> Observed<Value> {
        all.resources
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.attributes[attr].clone())
            .unwrap()
    }

    #[test]
    fn the_rules_of_fronting_web_acls_go_with_the_load_balancer() {
        let rules = json!([{"name": "common", "kind": "managed_rule_group", "group": "AWS/AWSManagedRulesCommonRuleSet", "action": "none"}]);
        let mut read = dist("E1", "arn:acl", origin(DNS));
        read.attributes
            .insert("web_acl_rules".into(), Observed::Value(rules.clone()));
        let mut all = Collected {
            listings: vec![listing(None)],
            resources: vec![alb("a", Value::Null), read],
        };
        draw_all(&mut all);
        assert_eq!(
            attribute(&all, "a", FRONTED_BY_WAF_RULES),
            Observed::Value(json!({"E1": rules}))
        );
        // A fronting distribution whose rules were not read (no web_acl_rules here).
        let mut all = Collected {
            listings: vec![listing(None)],
            resources: vec![alb("a", Value::Null), dist("E2", "arn:acl", origin(DNS))],
        };
        draw_all(&mut all);
        assert!(
            attribute(&all, "a", FRONTED_BY_WAF_RULES)
                .unreadable_reason()
                .is_some_and(|r| r.contains("E2"))
        );
    }

    #[test]
    fn a_distribution_learns_which_origins_are_load_balancers_with_a_web_acl() {
        let rules = json!([{"name": "r", "kind": "rule", "group": null, "action": "block"}]);
        let mut guarded = alb("a", json!("arn:aws:wafv2:regional/webacl/x"));
        guarded
            .attributes
            .insert("web_acl_rules".into(), Observed::Value(rules.clone()));
        let two = json!([
            {"id": "o1", "domain_name": DNS, "kind": "custom"},
            {"id": "o2", "domain_name": "static.example.com", "kind": "custom"}
        ]);
        let mut all = Collected {
            listings: vec![listing(None), lb_listing(None)],
            resources: vec![guarded, dist("E1", "", two)],
        };
        draw_all(&mut all);
        assert_eq!(
            attribute(&all, "E1", ORIGIN_WEB_ACLS),
            Observed::Value(json!([
                {"domain_name": DNS, "load_balancer": "a", "web_acl_rules": rules},
                {"domain_name": "static.example.com", "load_balancer": null, "web_acl_rules": null}
            ]))
        );
        let mut all = Collected {
            listings: vec![listing(None), lb_listing(None)],
            resources: vec![alb("a", Value::Null), dist("E1", "", origin(DNS))],
        };
        draw_all(&mut all);
        assert_eq!(
            attribute(&all, "E1", ORIGIN_WEB_ACLS),
            Observed::Value(
                json!([{"domain_name": DNS, "load_balancer": "a", "web_acl_rules": null}])
            )
        );
    }

    #[test]
    fn unknown_load_balancers_leave_origins_unknown_only_for_a_distribution_without_a_web_acl() {
        let run = |acl: &str, listings: Vec<Listing>| {
            let mut all = Collected {
                listings,
                resources: vec![dist("E1", acl, origin(DNS))],
            };
            draw_all(&mut all);
            attribute(&all, "E1", ORIGIN_WEB_ACLS)
        };
        assert!(
            run("", vec![listing(None)])
                .unreadable_reason()
                .is_some_and(|r| r.contains("ELBv2 was not collected"))
        );
        assert_eq!(
            run("arn:acl", vec![listing(None)]),
            Observed::Value(Value::Null)
        );
        assert!(
            run("", vec![listing(None), lb_listing(Some("AccessDenied"))])
                .unreadable_reason()
                .is_some_and(|r| r.contains("AccessDenied"))
        );
        // An origin load balancer whose web ACL was not read.
        let mut unread = alb("a", json!({"unreadable": "denied"}));
        unread.attributes.remove("web_acl_rules");
        let mut all = Collected {
            listings: vec![listing(None), lb_listing(None)],
            resources: vec![unread, dist("E1", "", origin(DNS))],
        };
        draw_all(&mut all);
        assert!(
            attribute(&all, "E1", ORIGIN_WEB_ACLS)
                .unreadable_reason()
                .is_some_and(|r| r.contains("origin load balancer a"))
        );
    }
}
