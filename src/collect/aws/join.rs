//! Facts that take two services to establish, drawn in one place once every service
//! has been collected, so no collector calls another service and a scan narrowed with
//! `--services` says what it could not join instead of guessing.
//!
//! Which Availability Zones an ECS service's subnets lie in (the service lists its
//! subnets, the VPCs of the EC2 listing map each subnet to its zone): a service
//! placed in subnets of one zone stops when that zone fails, however many tasks it
//! runs.
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
use super::{cloudfront, ec2, ecs, elbv2};
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

/// Sets [`FRONTED_BY_WAF`] on every load balancer in `all`.
pub fn cloudfront_waf_in_front(all: &mut Collected) {
    fill(&all.listings, &mut all.resources);
}

/// Sets the alarm chains on the account's CloudTrail resource (monitoring.rs).
pub fn alarms_on_trail_events(all: &mut Collected) {
    super::monitoring::fill(&all.listings, &mut all.resources);
}

/// Sets [`FRONTED_BY_WAF`] on the load balancers of a saved inventory that lack it
/// (one written before vouch drew this join), from what that inventory holds: without
/// CloudFront in it, the alternative is unknown, as for a scan that left CloudFront
/// out.
pub fn fill_missing(inventory: &mut Inventory) {
    fill(&inventory.listings, &mut inventory.resources);
    fill_zones(&inventory.listings, &mut inventory.resources);
    super::monitoring::fill(&inventory.listings, &mut inventory.resources);
}

/// The attribute set on every ECS service: the sorted Availability Zones of the
/// subnets its tasks are placed in (awsvpc networking). Unreadable when that is not
/// known: the service's subnets unread, the EC2 VPCs of its region not collected or
/// not all listed, one of its subnets in no listed VPC, or a service without awsvpc
/// subnets (its tasks run in the zones of its container instances, which vouch does
/// not read).
pub const SUBNET_ZONES: &str = "subnet_zones";

/// Sets [`SUBNET_ZONES`] on every ECS service in `all`.
pub fn ecs_service_zones(all: &mut Collected) {
    fill_zones(&all.listings, &mut all.resources);
}

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

    fn listing(error: Option<&str>) -> Listing {
        Listing {
            resource_type: cloudfront::DISTRIBUTION.into(),
            account: "1".into(),
            region: "global".into(),
            error: error.map(str::to_string),
            scope: None,
        }
    }

    fn joined(resources: Vec<Resource>, listings: Vec<Listing>) -> Vec<Observed<Value>> {
        let mut all = Collected {
            listings,
            resources,
        };
        cloudfront_waf_in_front(&mut all);
        all.resources
            .iter()
            .filter(|r| r.resource_type == elbv2::LOAD_BALANCER)
            .map(|r| r.attributes[FRONTED_BY_WAF].clone())
            .collect()
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
        Listing {
            resource_type: ec2::VPC.into(),
            account: "1".into(),
            region: region.into(),
            error: error.map(str::to_string),
            scope: None,
        }
    }

    fn service_zones(resources: Vec<Resource>, listings: Vec<Listing>) -> Vec<Observed<Value>> {
        let mut all = Collected {
            listings,
            resources,
        };
        ecs_service_zones(&mut all);
        all.resources
            .iter()
            .filter(|r| r.resource_type == ecs::SERVICE)
            .map(|r| r.attributes[SUBNET_ZONES].clone())
            .collect()
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

    fn lb_listing(error: Option<&str>) -> Listing {
        Listing {
            resource_type: elbv2::LOAD_BALANCER.into(),
            error: error.map(str::to_string),
            ..listing(None)
        }
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
        cloudfront_waf_in_front(&mut all);
        assert_eq!(
            attribute(&all, "a", FRONTED_BY_WAF_RULES),
            Observed::Value(json!({"E1": rules}))
        );
        // A fronting distribution whose rules were not read (no web_acl_rules here).
        let mut all = Collected {
            listings: vec![listing(None)],
            resources: vec![alb("a", Value::Null), dist("E2", "arn:acl", origin(DNS))],
        };
        cloudfront_waf_in_front(&mut all);
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
        cloudfront_waf_in_front(&mut all);
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
        cloudfront_waf_in_front(&mut all);
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
            cloudfront_waf_in_front(&mut all);
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
        cloudfront_waf_in_front(&mut all);
        assert!(
            attribute(&all, "E1", ORIGIN_WEB_ACLS)
                .unreadable_reason()
                .is_some_and(|r| r.contains("origin load balancer a"))
        );
    }
}
