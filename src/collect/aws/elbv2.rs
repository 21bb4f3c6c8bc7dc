//! Elastic Load Balancing v2: load balancers, their listeners with the TLS protocols
//! each listener's security policy allows, the WAF web ACL guarding each ALB, and the
//! target groups with their targets' health and Availability Zones (the servers behind
//! the load balancer, which redundancy is judged by).

use std::collections::BTreeMap;

use aws_sdk_elasticloadbalancingv2::Client;
use aws_sdk_elasticloadbalancingv2::operation::describe_ssl_policies::DescribeSslPoliciesOutput;
use aws_sdk_elasticloadbalancingv2::operation::describe_target_health::DescribeTargetHealthOutput;
use aws_sdk_elasticloadbalancingv2::types::{TargetGroup, TargetHealthDescription};
use serde::Serialize;

use super::error::{observe, required};
use super::list::{items, listings_per_region};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_ELBV2_LOAD_BALANCER as LOAD_BALANCER;
pub use crate::registry::names::AWS_ELBV2_TARGET_GROUP as TARGET_GROUP;

#[derive(Serialize, Clone, Debug)]
pub struct Listener {
    pub port: Option<i32>,
    pub protocol: Option<String>,
    pub ssl_policy: Option<String>,
    pub ssl_protocols: Vec<String>,
    pub default_actions: Vec<Action>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Action {
    #[serde(rename = "type")]
    pub action_type: String,
    pub redirect_protocol: Option<String>,
}

/// The rules of an ALB's HTTP listener other than its default one: a rule that
/// forwards serves plain HTTP even when the default action redirects to HTTPS.
#[derive(Serialize, Clone, Debug)]
pub struct HttpRules {
    pub port: Option<i32>,
    pub rules: Vec<ListenerRule>,
}

#[derive(Serialize, Clone, Debug)]
pub struct ListenerRule {
    pub priority: Option<String>,
    pub actions: Vec<Action>,
}

#[derive(Serialize)]
struct LbAttributes {
    lb_type: Observed<Option<String>>,
    /// The name CloudFront names the load balancer by when it is an origin (the
    /// join in `join.rs` matches it).
    dns_name: Observed<String>,
    scheme: Observed<Option<String>>,
    availability_zones: Observed<Vec<String>>,
    listeners: Observed<Vec<Listener>>,
    http_rules: Observed<Vec<HttpRules>>,
    web_acl_arn: Observed<Option<String>>,
    /// The rules of that web ACL (null without one), which the WAF check reads when a
    /// clause asks the web ACL to act on attacks, not only to exist.
    web_acl_rules: Observed<Option<Vec<super::waf::WafRule>>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    listings_per_region(ctx, "elbv2", |region| async move {
        let config = ctx.regional(&region);
        let elb = Client::new(&config);
        let waf = aws_sdk_wafv2::Client::new(&config);
        let ec2 = aws_sdk_ec2::Client::new(&config);
        vec![
            (
                LOAD_BALANCER,
                load_balancers(ctx, &elb, &waf, &region).await,
            ),
            (TARGET_GROUP, target_groups(ctx, &elb, &ec2, &region).await),
        ]
    })
    .await
}

async fn load_balancers(
    ctx: &AwsContext,
    elb: &Client,
    waf: &aws_sdk_wafv2::Client,
    region: &str,
) -> Result<Found, String> {
    let listed = items!(
        "elasticloadbalancing:DescribeLoadBalancers",
        elb.describe_load_balancers()
    )?;
    let mut policies: BTreeMap<String, Observed<Vec<String>>> = BTreeMap::new();
    let mut found = Found::default();
    for lb in listed {
        let Some(arn) = lb.load_balancer_arn() else {
            found.without_id(
                "elasticloadbalancing:DescribeLoadBalancers",
                "LoadBalancerArn",
            );
            continue;
        };
        let lb_type = lb.r#type().map(|t| t.as_str().to_string());
        let listeners = items!(
            "elasticloadbalancing:DescribeListeners",
            elb.describe_listeners().load_balancer_arn(arn)
        );
        let (listeners, http_rules) = match Observed::of(listeners) {
            Observed::Value(list) => {
                for p in list.iter().filter_map(|l| l.ssl_policy()) {
                    if !policies.contains_key(p) {
                        policies.insert(p.to_string(), ssl_protocols(elb, p).await);
                    }
                }
                let http_rules = if lb_type.as_deref() == Some("application") {
                    http_rules(elb, &list).await
                } else {
                    Observed::Value(Vec::new())
                };
                (listeners_of(&list, &policies), http_rules)
            }
            other => (other.clone().map(|_| Vec::new()), other.map(|_| Vec::new())),
        };
        let (web_acl_arn, web_acl_rules) = if lb_type.as_deref() == Some("application") {
            super::waf::for_resource(waf, arn).await
        } else {
            (Observed::Value(None), Observed::Value(None))
        };
        let attrs = LbAttributes {
            lb_type: Observed::Value(lb_type),
            dns_name: required(
                "elasticloadbalancing:DescribeLoadBalancers",
                "DNSName",
                lb.dns_name().map(str::to_string),
            ),
            scheme: Observed::Value(lb.scheme().map(|s| s.as_str().to_string())),
            availability_zones: zones_of(&lb),
            listeners,
            http_rules,
            web_acl_arn,
            web_acl_rules,
        };
        let name = lb.load_balancer_name().unwrap_or(arn).to_string();
        found.push(ctx.resource(LOAD_BALANCER, arn.to_string(), name, region, &attrs));
    }
    Ok(found)
}

/// The zones a load balancer is in. A zone left unnamed would lower the count that
/// multi-AZ is judged by, so it makes the list unreadable.
pub fn zones_of(lb: &aws_sdk_elasticloadbalancingv2::types::LoadBalancer) -> Observed<Vec<String>> {
    required(
        "elasticloadbalancing:DescribeLoadBalancers",
        "ZoneName",
        lb.availability_zones()
            .iter()
            .map(|z| z.zone_name().map(str::to_string))
            .collect::<Option<Vec<_>>>(),
    )
}

/// A registered target as the redundancy check reads it.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Target {
    pub id: String,
    /// TargetHealth.State: `healthy`, `unhealthy`, `initial`, `draining`, `unused`,
    /// `unavailable`.
    pub state: String,
    /// None only for target types that are not zonal (`lambda`, `alb`).
    pub availability_zone: Option<String>,
}

#[derive(Serialize)]
struct TargetGroupAttributes {
    target_type: Observed<Option<String>>,
    load_balancer_arns: Observed<Vec<String>>,
    targets: Observed<Vec<Target>>,
}

const TARGET_HEALTH: &str = "elasticloadbalancing:DescribeTargetHealth";

async fn target_groups(
    ctx: &AwsContext,
    elb: &Client,
    ec2: &aws_sdk_ec2::Client,
    region: &str,
) -> Result<Found, String> {
    let listed = items!(
        "elasticloadbalancing:DescribeTargetGroups",
        elb.describe_target_groups()
    )?;
    let mut read = Vec::new();
    for tg in &listed {
        let Some(arn) = tg.target_group_arn() else {
            read.push(None);
            continue;
        };
        let health = observe(
            TARGET_HEALTH,
            elb.describe_target_health()
                .target_group_arn(arn)
                .send()
                .await,
            &[],
        );
        read.push(Some((arn, health)));
    }
    // Instance targets name no zone: it is the instance's, read in one pass for all groups.
    let instance_ids: std::collections::BTreeSet<String> = listed
        .iter()
        .zip(&read)
        .filter(|(tg, _)| is_instance_group(tg))
        .filter_map(|(_, r)| match r {
            Some((_, Observed::Value(h))) => Some(h),
            _ => None,
        })
        .flat_map(|h| h.target_health_descriptions())
        .filter_map(|d| d.target().and_then(|t| t.id()).map(str::to_string))
        .collect();
    let zones = instance_zones(ec2, instance_ids.into_iter().collect()).await;
    let mut found = Found::default();
    for (tg, r) in listed.iter().zip(read) {
        let Some((arn, health)) = r else {
            found.without_id(
                "elasticloadbalancing:DescribeTargetGroups",
                "TargetGroupArn",
            );
            continue;
        };
        let attrs = target_group_attributes(tg, health, &zones);
        let name = tg.target_group_name().unwrap_or(arn).to_string();
        found.push(ctx.resource(TARGET_GROUP, arn.to_string(), name, region, &attrs));
    }
    Ok(found)
}

/// A target group's attributes. AWS leaves LoadBalancerArns out for a group attached
/// to no load balancer, so its absence is the observation "none"; the targets are
/// unreadable when DescribeTargetHealth failed.
fn target_group_attributes(
    tg: &TargetGroup,
    health: Observed<DescribeTargetHealthOutput>,
    zones: &Observed<BTreeMap<String, String>>,
) -> TargetGroupAttributes {
    TargetGroupAttributes {
        target_type: Observed::Value(tg.target_type().map(|t| t.as_str().to_string())),
        load_balancer_arns: Observed::Value(tg.load_balancer_arns().to_vec()),
        targets: health.and_then(|h| targets_of(tg, h.target_health_descriptions(), zones)),
    }
}

fn is_instance_group(tg: &TargetGroup) -> bool {
    tg.target_type().map(|t| t.as_str()) == Some("instance")
}

/// The Availability Zone of each instance, from ec2:DescribeInstances filtered by id
/// (a filter, not InstanceIds: one id that no longer exists would fail the whole call).
async fn instance_zones(
    ec2: &aws_sdk_ec2::Client,
    ids: Vec<String>,
) -> Observed<BTreeMap<String, String>> {
    let mut zones = BTreeMap::new();
    for chunk in ids.chunks(100) {
        let filter = aws_sdk_ec2::types::Filter::builder()
            .name("instance-id")
            .set_values(Some(chunk.to_vec()))
            .build();
        let listed = items!(
            "ec2:DescribeInstances",
            ec2.describe_instances().filters(filter)
        );
        match Observed::of(listed) {
            Observed::Value(reservations) => {
                for i in reservations.iter().flat_map(|r| r.instances()) {
                    if let (Some(id), Some(zone)) = (
                        i.instance_id(),
                        i.placement().and_then(|p| p.availability_zone()),
                    ) {
                        zones.insert(id.to_string(), zone.to_string());
                    }
                }
            }
            other => return other.map(|_| BTreeMap::new()),
        }
    }
    Observed::Value(zones)
}

/// A target group's targets with their state and zone. AWS names no zone for instance
/// (and alb) targets: an instance's is looked up. An ip target's zone is in the answer,
/// or `all` for an address outside the VPC, which then counts as healthy but in no
/// zone. A target without its Id or State, or a zonal target whose zone is neither in
/// the answer nor found from its instance, makes the list unreadable: it could be the
/// healthy one in the second zone.
pub fn targets_of(
    tg: &TargetGroup,
    health: &[TargetHealthDescription],
    instance_zones: &Observed<BTreeMap<String, String>>,
) -> Observed<Vec<Target>> {
    let zonal = matches!(
        tg.target_type().map(|t| t.as_str()),
        Some("instance") | Some("ip")
    );
    let mut out = Vec::new();
    for d in health {
        let Some(id) = d.target().and_then(|t| t.id()) else {
            return Observed::unreadable(format!("{TARGET_HEALTH}: a target has no Target.Id"));
        };
        let Some(state) = d.target_health().and_then(|h| h.state()) else {
            return Observed::unreadable(format!(
                "{TARGET_HEALTH}: target {id} has no TargetHealth.State"
            ));
        };
        let given = d.target().and_then(|t| t.availability_zone());
        let availability_zone = match given {
            // An IP outside the VPC (or a Lambda) serves from every zone: no zone of its own.
            Some("all") => None,
            Some(z) => Some(z.to_string()),
            _ if is_instance_group(tg) => match instance_zones {
                Observed::Value(zones) => match zones.get(id) {
                    Some(z) => Some(z.clone()),
                    None => {
                        return Observed::unreadable(format!(
                            "ec2:DescribeInstances: the zone of target instance {id} was not found"
                        ));
                    }
                },
                Observed::Unreadable(r) => return Observed::Unreadable(r.clone()),
                Observed::Absent => {
                    return Observed::unreadable(format!(
                        "ec2:DescribeInstances: the zone of target instance {id} was not read"
                    ));
                }
            },
            _ if zonal => {
                return Observed::unreadable(format!(
                    "{TARGET_HEALTH}: target {id} has no Target.AvailabilityZone"
                ));
            }
            _ => None,
        };
        out.push(Target {
            id: id.to_string(),
            state: state.as_str().to_string(),
            availability_zone,
        });
    }
    Observed::Value(out)
}

/// Listener protocols that negotiate TLS, and so name a security policy.
const TLS_PROTOCOLS: [&str; 2] = ["HTTPS", "TLS"];

/// A load balancer's listeners, with the protocols of each one's security policy as
/// read into `policies`. A listener without its protocol, or a TLS listener whose
/// policy or protocol list is missing, makes them all unreadable: an empty list of
/// protocols would pass any minimum TLS version.
pub fn listeners_of(
    listeners: &[aws_sdk_elasticloadbalancingv2::types::Listener],
    policies: &BTreeMap<String, Observed<Vec<String>>>,
) -> Observed<Vec<Listener>> {
    const OP: &str = "elasticloadbalancing:DescribeListeners";
    let mut out = Vec::new();
    for l in listeners {
        let port = l.port().map_or("?".to_string(), |p| p.to_string());
        let Some(protocol) = l.protocol().map(|p| p.as_str().to_string()) else {
            return Observed::unreadable(format!(
                "{OP}: the listener on port {port} has no Protocol"
            ));
        };
        let ssl_protocols = match l.ssl_policy() {
            Some(p) => match policies.get(p) {
                Some(Observed::Value(v)) => v.clone(),
                Some(Observed::Unreadable(r)) => return Observed::Unreadable(r.clone()),
                Some(Observed::Absent) | None => {
                    return Observed::unreadable(format!(
                        "elasticloadbalancing:DescribeSSLPolicies: policy {p} was not read"
                    ));
                }
            },
            None if TLS_PROTOCOLS.contains(&protocol.as_str()) => {
                return Observed::unreadable(format!(
                    "{OP}: the {protocol} listener on port {port} has no SslPolicy"
                ));
            }
            None => Vec::new(),
        };
        let default_actions = match actions_of(l.default_actions()) {
            Some(a) => a,
            None => {
                return Observed::unreadable(format!(
                    "{OP}: a default action of the listener on port {port} has no Type"
                ));
            }
        };
        out.push(Listener {
            port: l.port(),
            protocol: Some(protocol),
            ssl_policy: l.ssl_policy().map(str::to_string),
            ssl_protocols,
            default_actions,
        });
    }
    Observed::Value(out)
}

/// Actions as the checks read them; None when one has no Type (it could be anything).
fn actions_of(actions: &[aws_sdk_elasticloadbalancingv2::types::Action]) -> Option<Vec<Action>> {
    actions
        .iter()
        .map(|a| {
            Some(Action {
                action_type: a.r#type()?.as_str().to_string(),
                redirect_protocol: a
                    .redirect_config()
                    .and_then(|r| r.protocol())
                    .map(str::to_string),
            })
        })
        .collect()
}

/// The non-default rules of each HTTP listener. A listener without its ARN, or a rule
/// action without its Type, makes them all unreadable: a forward left unread would
/// pass "HTTP only redirects".
async fn http_rules(
    elb: &Client,
    listeners: &[aws_sdk_elasticloadbalancingv2::types::Listener],
) -> Observed<Vec<HttpRules>> {
    const OP: &str = "elasticloadbalancing:DescribeRules";
    let mut out = Vec::new();
    for l in listeners
        .iter()
        .filter(|l| l.protocol().map(|p| p.as_str()) == Some("HTTP"))
    {
        let port = l.port().map_or("?".to_string(), |p| p.to_string());
        let Some(arn) = l.listener_arn() else {
            return Observed::unreadable(format!(
                "elasticloadbalancing:DescribeListeners: the HTTP listener on port {port} has no ListenerArn"
            ));
        };
        let listed = match observe(OP, elb.describe_rules().listener_arn(arn).send().await, &[]) {
            Observed::Value(out) => out,
            other => return other.map(|_| Vec::new()),
        };
        match rules_of(&port, listed.rules()) {
            Ok(rules) => out.push(HttpRules {
                port: l.port(),
                rules,
            }),
            Err(e) => return Observed::Unreadable(format!("{OP}: {e}")),
        }
    }
    Observed::Value(out)
}

/// A listener's rules other than the default one (whose actions DescribeListeners
/// already gave).
pub fn rules_of(
    port: &str,
    rules: &[aws_sdk_elasticloadbalancingv2::types::Rule],
) -> Result<Vec<ListenerRule>, String> {
    rules
        .iter()
        .filter(|r| r.is_default() != Some(true))
        .map(|r| {
            let actions = actions_of(r.actions()).ok_or_else(|| {
                format!(
                    "an action of rule {} of the listener on port {port} has no Type",
                    r.priority().unwrap_or("?")
                )
            })?;
            Ok(ListenerRule {
                priority: r.priority().map(str::to_string),
                actions,
            })
        })
        .collect()
}

async fn ssl_protocols(elb: &Client, policy: &str) -> Observed<Vec<String>> {
    observe(
        "elasticloadbalancing:DescribeSSLPolicies",
        elb.describe_ssl_policies().names(policy).send().await,
        &[],
    )
    .and_then(|out| ssl_protocols_of(policy, &out))
}

/// The protocols `policy` allows, from a DescribeSSLPolicies answer. A policy absent
/// from the answer, or one listing no protocols, is unreadable rather than "allows
/// nothing old".
pub fn ssl_protocols_of(policy: &str, out: &DescribeSslPoliciesOutput) -> Observed<Vec<String>> {
    const OP: &str = "elasticloadbalancing:DescribeSSLPolicies";
    let Some(p) = out.ssl_policies().iter().find(|p| p.name() == Some(policy)) else {
        return Observed::unreadable(format!("{OP}: the answer has no policy {policy}"));
    };
    if p.ssl_protocols().is_empty() {
        return Observed::unreadable(format!("{OP}: policy {policy} lists no SslProtocols"));
    }
    Observed::Value(p.ssl_protocols().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listener_rules_keep_their_actions_skip_the_default_and_refuse_an_untyped_action() {
        use aws_sdk_elasticloadbalancingv2::types::Rule;
        let forward = SdkAction::builder().r#type(ActionTypeEnum::Forward).build();
        let rules = [
            Rule::builder()
                .priority("default")
                .is_default(true)
                .actions(forward.clone())
                .build(),
            Rule::builder()
                .priority("10")
                .is_default(false)
                .actions(forward)
                .build(),
        ];
        let read = rules_of("80", &rules).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].priority.as_deref(), Some("10"));
        assert_eq!(read[0].actions[0].action_type, "forward");
        let untyped = [Rule::builder()
            .priority("5")
            .actions(SdkAction::builder().build())
            .build()];
        assert_eq!(
            rules_of("80", &untyped).unwrap_err(),
            "an action of rule 5 of the listener on port 80 has no Type"
        );
    }
    use aws_sdk_elasticloadbalancingv2::types::{
        Action as SdkAction, ActionTypeEnum, Listener as SdkListener, ProtocolEnum, SslPolicy,
    };

    fn listener(protocol: Option<ProtocolEnum>, policy: Option<&str>) -> SdkListener {
        let mut b = SdkListener::builder()
            .port(443)
            .default_actions(SdkAction::builder().r#type(ActionTypeEnum::Forward).build());
        if let Some(p) = protocol {
            b = b.protocol(p);
        }
        if let Some(p) = policy {
            b = b.ssl_policy(p);
        }
        b.build()
    }

    fn read(policy: &str, protocols: &[&str]) -> BTreeMap<String, Observed<Vec<String>>> {
        let v = protocols.iter().map(|p| p.to_string()).collect();
        BTreeMap::from([(policy.to_string(), Observed::Value(v))])
    }

    #[test]
    fn a_tls_listener_without_its_policy_or_protocol_is_unreadable_not_empty() {
        let none = BTreeMap::new();
        let got = listeners_of(&[listener(Some(ProtocolEnum::Https), None)], &none);
        assert_eq!(
            got.unreadable_reason(),
            Some(
                "elasticloadbalancing:DescribeListeners: the HTTPS listener on port 443 has no SslPolicy"
            )
        );
        let got = listeners_of(&[listener(None, None)], &none);
        assert_eq!(
            got.unreadable_reason(),
            Some(
                "elasticloadbalancing:DescribeListeners: the listener on port 443 has no Protocol"
            )
        );
        let got = listeners_of(&[listener(Some(ProtocolEnum::Tls), Some("p"))], &none);
        assert!(got.unreadable_reason().is_some(), "{got:?}");
        let plain = listeners_of(&[listener(Some(ProtocolEnum::Http), None)], &none);
        assert!(plain.value().is_some_and(|l| l[0].ssl_protocols.is_empty()));
        let ok = listeners_of(
            &[listener(Some(ProtocolEnum::Https), Some("p"))],
            &read("p", &["TLSv1.2"]),
        );
        assert_eq!(ok.value().unwrap()[0].ssl_protocols, vec!["TLSv1.2"]);
    }

    #[test]
    fn an_unnamed_zone_is_unreadable_not_one_zone_fewer() {
        use aws_sdk_elasticloadbalancingv2::types::{AvailabilityZone, LoadBalancer};
        let lb = LoadBalancer::builder()
            .availability_zones(AvailabilityZone::builder().zone_name("us-east-1a").build())
            .availability_zones(AvailabilityZone::builder().build())
            .build();
        assert_eq!(
            zones_of(&lb).unreadable_reason(),
            Some("elasticloadbalancing:DescribeLoadBalancers: the response has no ZoneName")
        );
    }

    #[test]
    fn a_policy_missing_from_the_answer_or_without_protocols_is_unreadable() {
        let empty = DescribeSslPoliciesOutput::builder().build();
        assert_eq!(
            ssl_protocols_of("p", &empty).unreadable_reason(),
            Some("elasticloadbalancing:DescribeSSLPolicies: the answer has no policy p")
        );
        let bare = DescribeSslPoliciesOutput::builder()
            .ssl_policies(SslPolicy::builder().name("p").build())
            .build();
        assert_eq!(
            ssl_protocols_of("p", &bare).unreadable_reason(),
            Some("elasticloadbalancing:DescribeSSLPolicies: policy p lists no SslProtocols")
        );
        let full = DescribeSslPoliciesOutput::builder()
            .ssl_policies(
                SslPolicy::builder()
                    .name("p")
                    .ssl_protocols("TLSv1")
                    .ssl_protocols("TLSv1.2")
                    .build(),
            )
            .build();
        assert_eq!(
            ssl_protocols_of("p", &full),
            Observed::Value(vec!["TLSv1".to_string(), "TLSv1.2".to_string()])
        );
    }

    mod target_groups {
        use super::*;
        use aws_sdk_elasticloadbalancingv2::types::{
            TargetDescription, TargetHealth, TargetHealthStateEnum, TargetTypeEnum,
        };

        fn group(kind: TargetTypeEnum) -> TargetGroup {
            TargetGroup::builder()
                .target_group_arn("tg")
                .target_type(kind)
                .load_balancer_arns("lb")
                .build()
        }

        fn health(
            id: Option<&str>,
            state: Option<TargetHealthStateEnum>,
            zone: Option<&str>,
        ) -> TargetHealthDescription {
            let mut t = TargetDescription::builder().set_id(id.map(str::to_string));
            if let Some(z) = zone {
                t = t.availability_zone(z);
            }
            let mut h = TargetHealth::builder();
            if let Some(s) = state {
                h = h.state(s);
            }
            TargetHealthDescription::builder()
                .target(t.build())
                .target_health(h.build())
                .build()
        }

        fn zones(pairs: &[(&str, &str)]) -> Observed<BTreeMap<String, String>> {
            Observed::Value(
                pairs
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
            )
        }

        #[test]
        fn a_group_keeps_its_type_and_load_balancers_and_failed_health_is_unreadable() {
            let out = DescribeTargetHealthOutput::builder()
                .target_health_descriptions(health(
                    Some("10.0.0.1"),
                    Some(TargetHealthStateEnum::Healthy),
                    Some("us-east-1a"),
                ))
                .build();
            let a = target_group_attributes(
                &group(TargetTypeEnum::Ip),
                Observed::Value(out),
                &zones(&[]),
            );
            assert_eq!(a.target_type, Observed::Value(Some("ip".to_string())));
            assert_eq!(
                a.load_balancer_arns,
                Observed::Value(vec!["lb".to_string()])
            );
            assert_eq!(
                a.targets.value().unwrap()[0].availability_zone.as_deref(),
                Some("us-east-1a")
            );
            let unattached = TargetGroup::builder().target_group_arn("tg").build();
            let denied = Observed::unreadable(
                "elasticloadbalancing:DescribeTargetHealth: AccessDenied: denied",
            );
            let a = target_group_attributes(&unattached, denied, &zones(&[]));
            assert_eq!(a.load_balancer_arns, Observed::Value(Vec::new()));
            assert_eq!(
                a.targets.unreadable_reason(),
                Some("elasticloadbalancing:DescribeTargetHealth: AccessDenied: denied")
            );
        }

        #[test]
        fn instance_targets_take_their_instance_zone() {
            let got = targets_of(
                &group(TargetTypeEnum::Instance),
                &[
                    health(Some("i-1"), Some(TargetHealthStateEnum::Healthy), None),
                    health(Some("i-2"), Some(TargetHealthStateEnum::Unhealthy), None),
                ],
                &zones(&[("i-1", "us-east-1a"), ("i-2", "us-east-1b")]),
            );
            assert_eq!(
                got,
                Observed::Value(vec![
                    Target {
                        id: "i-1".into(),
                        state: "healthy".into(),
                        availability_zone: Some("us-east-1a".into()),
                    },
                    Target {
                        id: "i-2".into(),
                        state: "unhealthy".into(),
                        availability_zone: Some("us-east-1b".into()),
                    },
                ])
            );
        }

        #[test]
        fn a_target_without_id_state_or_zone_is_unreadable() {
            let none = zones(&[]);
            let ip = group(TargetTypeEnum::Ip);
            let healthy = Some(TargetHealthStateEnum::Healthy);
            assert_eq!(
                targets_of(&ip, &[health(None, healthy.clone(), Some("a"))], &none)
                    .unreadable_reason(),
                Some("elasticloadbalancing:DescribeTargetHealth: a target has no Target.Id")
            );
            assert_eq!(
                targets_of(&ip, &[health(Some("10.0.0.1"), None, Some("a"))], &none)
                    .unreadable_reason(),
                Some(
                    "elasticloadbalancing:DescribeTargetHealth: target 10.0.0.1 has no TargetHealth.State"
                )
            );
            assert_eq!(
                targets_of(
                    &ip,
                    &[health(Some("10.0.0.1"), healthy.clone(), None)],
                    &none
                )
                .unreadable_reason(),
                Some(
                    "elasticloadbalancing:DescribeTargetHealth: target 10.0.0.1 has no Target.AvailabilityZone"
                )
            );
            assert_eq!(
                targets_of(
                    &group(TargetTypeEnum::Instance),
                    &[health(Some("i-9"), healthy.clone(), None)],
                    &none
                )
                .unreadable_reason(),
                Some("ec2:DescribeInstances: the zone of target instance i-9 was not found")
            );
            let unread = Observed::unreadable("ec2:DescribeInstances: denied");
            assert_eq!(
                targets_of(
                    &group(TargetTypeEnum::Instance),
                    &[health(Some("i-9"), healthy.clone(), None)],
                    &unread
                )
                .unreadable_reason(),
                Some("ec2:DescribeInstances: denied")
            );
            let lambda = targets_of(
                &group(TargetTypeEnum::Lambda),
                &[health(Some("arn:fn"), healthy, Some("all"))],
                &none,
            );
            assert_eq!(lambda.value().unwrap()[0].availability_zone, None);
            let outside = targets_of(
                &ip,
                &[health(
                    Some("192.168.0.1"),
                    Some(TargetHealthStateEnum::Healthy),
                    Some("all"),
                )],
                &none,
            );
            assert_eq!(outside.value().unwrap()[0].availability_zone, None);
        }
    }
}
