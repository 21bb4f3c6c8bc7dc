//! Elastic Load Balancing v2: load balancers, their listeners with the TLS protocols
//! each listener's security policy allows, and the WAF web ACL guarding each ALB.

use std::collections::BTreeMap;

use aws_sdk_elasticloadbalancingv2::Client;
use serde::Serialize;

use super::error::{observe, reason};
use super::{AwsContext, Collected, per_region};
use crate::inventory::{Observed, Resource};

pub const LOAD_BALANCER: &str = "aws_elbv2_load_balancer";

#[derive(Serialize, Clone)]
pub struct Listener {
    pub port: Option<i32>,
    pub protocol: Option<String>,
    pub ssl_policy: Option<String>,
    pub ssl_protocols: Vec<String>,
    pub default_actions: Vec<Action>,
}

#[derive(Serialize, Clone)]
pub struct Action {
    #[serde(rename = "type")]
    pub action_type: String,
    pub redirect_protocol: Option<String>,
}

#[derive(Serialize)]
struct LbAttributes {
    lb_type: Observed<Option<String>>,
    scheme: Observed<Option<String>>,
    availability_zones: Observed<Vec<String>>,
    listeners: Observed<Vec<Listener>>,
    web_acl_arn: Observed<Option<String>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "elbv2", |region| async move {
        let config = ctx.regional(&region);
        let elb = Client::new(&config);
        let waf = aws_sdk_wafv2::Client::new(&config);
        let mut out = Collected::default();
        out.listed(
            ctx,
            LOAD_BALANCER,
            &region,
            load_balancers(ctx, &elb, &waf, &region).await,
        );
        out
    })
    .await
}

async fn load_balancers(
    ctx: &AwsContext,
    elb: &Client,
    waf: &aws_sdk_wafv2::Client,
    region: &str,
) -> Result<Vec<Resource>, String> {
    let listed = elb
        .describe_load_balancers()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("elasticloadbalancing:DescribeLoadBalancers", &e))?;
    let mut policies: BTreeMap<String, Observed<Vec<String>>> = BTreeMap::new();
    let mut resources = Vec::new();
    for lb in listed {
        let Some(arn) = lb.load_balancer_arn() else {
            continue;
        };
        let lb_type = lb.r#type().map(|t| t.as_str().to_string());
        let listeners = elb
            .describe_listeners()
            .load_balancer_arn(arn)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await;
        let listeners = match observe("elasticloadbalancing:DescribeListeners", listeners, &[]) {
            Observed::Value(list) => {
                let mut out = Vec::new();
                let mut failure = None;
                for l in list {
                    let ssl_protocols = match l.ssl_policy() {
                        Some(p) => {
                            if !policies.contains_key(p) {
                                policies.insert(p.to_string(), ssl_protocols(elb, p).await);
                            }
                            match &policies[p] {
                                Observed::Value(v) => v.clone(),
                                Observed::Absent => Vec::new(),
                                Observed::Unreadable(r) => {
                                    failure = Some(r.clone());
                                    Vec::new()
                                }
                            }
                        }
                        None => Vec::new(),
                    };
                    out.push(Listener {
                        port: l.port(),
                        protocol: l.protocol().map(|p| p.as_str().to_string()),
                        ssl_policy: l.ssl_policy().map(str::to_string),
                        ssl_protocols,
                        default_actions: l
                            .default_actions()
                            .iter()
                            .map(|a| Action {
                                action_type: a
                                    .r#type()
                                    .map(|t| t.as_str().to_string())
                                    .unwrap_or_default(),
                                redirect_protocol: a
                                    .redirect_config()
                                    .and_then(|r| r.protocol())
                                    .map(str::to_string),
                            })
                            .collect(),
                    });
                }
                match failure {
                    Some(r) => Observed::Unreadable(r),
                    None => Observed::Value(out),
                }
            }
            other => other.map(|_| Vec::new()),
        };
        let web_acl_arn = if lb_type.as_deref() == Some("application") {
            observe(
                "wafv2:GetWebACLForResource",
                waf.get_web_acl_for_resource()
                    .resource_arn(arn)
                    .send()
                    .await,
                &["WAFNonexistentItemException"],
            )
            .map(|w| w.web_acl().map(|acl| acl.arn().to_string()))
        } else {
            Observed::Value(None)
        };
        let web_acl_arn = match web_acl_arn {
            Observed::Absent => Observed::Value(None),
            other => other,
        };
        let attrs = LbAttributes {
            lb_type: Observed::Value(lb_type),
            scheme: Observed::Value(lb.scheme().map(|s| s.as_str().to_string())),
            availability_zones: Observed::Value(
                lb.availability_zones()
                    .iter()
                    .filter_map(|z| z.zone_name().map(str::to_string))
                    .collect(),
            ),
            listeners,
            web_acl_arn,
        };
        let name = lb.load_balancer_name().unwrap_or(arn).to_string();
        resources.push(ctx.resource(LOAD_BALANCER, arn.to_string(), name, region, &attrs));
    }
    Ok(resources)
}

async fn ssl_protocols(elb: &Client, policy: &str) -> Observed<Vec<String>> {
    observe(
        "elasticloadbalancing:DescribeSSLPolicies",
        elb.describe_ssl_policies().names(policy).send().await,
        &[],
    )
    .map(|out| {
        out.ssl_policies()
            .iter()
            .flat_map(|p| p.ssl_protocols().to_vec())
            .collect()
    })
}
