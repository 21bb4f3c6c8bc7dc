//! CloudFront distributions: how viewers and origins are reached (protocol policies,
//! the viewer certificate and its security policy), the WAF web ACL in front, and
//! standard (legacy) access logging.
//!
//! CloudFront is global: it is read once, from the home region, like IAM.
//!
//! The SDK fills a required field the answer left out with a default (an empty
//! string, `false`, the enum value `no value was set`), so "missing" shows here as
//! that default: an empty id, domain name or origin list and an unknown enum value
//! are unreadable. Two defaults cannot be told from real values: `Enabled` (false)
//! and `WebACLId` (empty means "no web ACL"); both can only make a verdict fail,
//! never pass.

use aws_sdk_cloudfront::Client;
use aws_sdk_cloudfront::operation::get_distribution_config::GetDistributionConfigOutput;
use aws_sdk_cloudfront::types::{
    DistributionSummary, MinimumProtocolVersion, OriginProtocolPolicy, Origins, ViewerCertificate,
    ViewerProtocolPolicy,
};
use futures::StreamExt;
use serde::Serialize;

use super::error::{observe, reason};
use super::waf::{self, WafRule};
use super::{AwsContext, Collected, Found};
use crate::inventory::{GLOBAL_REGION, Observed};

pub use crate::registry::names::AWS_CLOUDFRONT_DISTRIBUTION as DISTRIBUTION;

const LIST: &str = "cloudfront:ListDistributions";
const GET_CONFIG: &str = "cloudfront:GetDistributionConfig";

/// One cache behavior: the default one has no path pattern.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Behavior {
    pub path_pattern: Option<String>,
    pub target_origin_id: String,
    pub viewer_protocol_policy: String,
}

/// The certificate viewers are served and the security policy that goes with it.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Certificate {
    /// The `*.cloudfront.net` certificate: CloudFront then applies the TLSv1 policy
    /// whatever `minimum_protocol_version` says.
    pub default_certificate: bool,
    /// `cloudfront`, `acm` or `iam`.
    pub source: String,
    pub minimum_protocol_version: Option<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Origin {
    pub id: String,
    pub domain_name: String,
    /// `s3`, `custom` or `vpc`.
    pub kind: String,
    /// For a custom origin: `http-only`, `https-only` or `match-viewer`.
    pub protocol_policy: Option<String>,
    /// For a custom origin, the protocols CloudFront may use over HTTPS to it
    /// (OriginSslProtocols); null when the answer lists none.
    pub ssl_protocols: Option<Vec<String>>,
}

/// What CloudFront may negotiate with one custom origin it reaches over HTTPS.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct OriginTls {
    pub id: String,
    pub domain_name: String,
    pub ssl_protocols: Vec<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Logging {
    pub enabled: bool,
    pub bucket: Option<String>,
}

#[derive(Serialize)]
pub struct DistributionAttributes {
    pub domain_name: Observed<String>,
    pub enabled: Observed<bool>,
    pub web_acl_id: Observed<Option<String>>,
    /// The rules of that web ACL (null without one), read with wafv2:GetWebACL; an
    /// AWS WAF Classic web ACL's are unreadable (vouch reads WAFv2 only).
    pub web_acl_rules: Observed<Option<Vec<WafRule>>>,
    pub behaviors: Observed<Vec<Behavior>>,
    pub viewer_certificate: Observed<Certificate>,
    pub origins: Observed<Vec<Origin>>,
    /// The origins again, for judging how CloudFront reaches them: unreadable when one
    /// is a VPC origin, whose protocol policy lives in the VPC origin resource
    /// (cloudfront:GetVpcOrigin, not read), while `origins` still names it.
    pub origin_protocols: Observed<Vec<Origin>>,
    /// The custom origins CloudFront may reach over HTTPS (all but http-only), with
    /// their protocols: unreadable when one lists none, or for a VPC origin.
    pub origin_ssl_protocols: Observed<Vec<OriginTls>>,
    pub logging: Observed<Logging>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    ctx.progress.stage("cloudfront: listing distributions");
    let cf = Client::new(&ctx.regional(ctx.home_region()));
    // Web ACLs of scope CLOUDFRONT live in us-east-1 whatever the scan's home region.
    let wafv2 = aws_sdk_wafv2::Client::new(&ctx.regional(CLOUDFRONT_WAF_REGION));
    let mut out = Collected::default();
    out.found(
        ctx,
        DISTRIBUTION,
        GLOBAL_REGION,
        distributions(ctx, &cf, &wafv2).await,
    );
    out
}

const CLOUDFRONT_WAF_REGION: &str = "us-east-1";
const GET_WEB_ACL: &str = "wafv2:GetWebACL";

/// The name and id of a WAFv2 web ACL from its ARN
/// (`arn:aws:wafv2:us-east-1:ACCOUNT:global/webacl/NAME/ID`); None for anything else,
/// such as the bare id of an AWS WAF Classic web ACL.
pub fn web_acl_name_id(arn: &str) -> Option<(&str, &str)> {
    if !arn.starts_with("arn:") || !arn.contains(":wafv2:") {
        return None;
    }
    let mut parts = arn.rsplitn(4, '/');
    let id = parts.next()?;
    let name = parts.next()?;
    (parts.next()? == "webacl" && !id.is_empty() && !name.is_empty()).then_some((name, id))
}

async fn web_acl_rules(
    wafv2: &aws_sdk_wafv2::Client,
    web_acl_id: Option<&str>,
) -> Observed<Option<Vec<WafRule>>> {
    let Some(arn) = web_acl_id else {
        return Observed::Value(None);
    };
    let Some((name, id)) = web_acl_name_id(arn) else {
        return Observed::unreadable(format!(
            "the web ACL {arn} is not a WAFv2 ARN (an AWS WAF Classic web ACL?); vouch reads the rules of WAFv2 web ACLs only"
        ));
    };
    match observe(
        GET_WEB_ACL,
        wafv2
            .get_web_acl()
            .name(name)
            .id(id)
            .scope(aws_sdk_wafv2::types::Scope::Cloudfront)
            .send()
            .await,
        &[],
    ) {
        Observed::Value(out) => match out.web_acl() {
            Some(acl) => waf::rules_of(GET_WEB_ACL, acl).map(Some),
            None => Observed::unreadable(format!("{GET_WEB_ACL}: the response has no WebACL")),
        },
        other => other.map(|_| None),
    }
}

async fn distributions(
    ctx: &AwsContext,
    cf: &Client,
    wafv2: &aws_sdk_wafv2::Client,
) -> Result<Found, String> {
    let listed: Vec<DistributionSummary> = cf
        .list_distributions()
        .into_paginator()
        .items()
        .send()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|e| reason(LIST, &e))?;
    let mut found = Found::default();
    let named: Vec<DistributionSummary> = listed
        .into_iter()
        .filter(|d| {
            let ok = !d.id().is_empty();
            if !ok {
                found.without_id(LIST, "Id");
            }
            ok
        })
        .collect();
    let read: Vec<_> = futures::stream::iter(named)
        .map(|d| async move {
            let logging = match observe(
                GET_CONFIG,
                cf.get_distribution_config().id(d.id()).send().await,
                &[],
            ) {
                Observed::Value(out) => logging_of(&out),
                other => other.map(|_| Logging {
                    enabled: false,
                    bucket: None,
                }),
            };
            let arn = if d.arn().is_empty() {
                ctx.arn(
                    "cloudfront",
                    GLOBAL_REGION,
                    &format!("distribution/{}", d.id()),
                )
            } else {
                d.arn().to_string()
            };
            let rules = web_acl_rules(wafv2, web_acl_of(d.web_acl_id()).as_deref()).await;
            let attrs = distribution_attributes(&d, logging, rules);
            ctx.resource(DISTRIBUTION, arn, name_of(&d), GLOBAL_REGION, &attrs)
        })
        .buffered(ctx.concurrency)
        .collect()
        .await;
    for r in read {
        found.push(r);
    }
    Ok(found)
}

/// What people call a distribution: its first alternate domain name, else its
/// comment (the console's "description"), else its id.
pub fn name_of(d: &DistributionSummary) -> String {
    let alias = d.aliases().and_then(|a| a.items().first());
    match alias {
        Some(a) if !a.is_empty() => a.clone(),
        _ if !d.comment().is_empty() => d.comment().to_string(),
        _ => d.id().to_string(),
    }
}

/// Everything the listing says of one distribution, with its logging read apart.
pub fn distribution_attributes(
    d: &DistributionSummary,
    logging: Observed<Logging>,
    web_acl_rules: Observed<Option<Vec<WafRule>>>,
) -> DistributionAttributes {
    let origins = origins_of(d.origins());
    let origin_protocols = origins.clone().and_then(|o| {
        match o.iter().find(|o| o.kind == "vpc") {
            Some(v) => Observed::unreadable(format!(
                "origin {} is a VPC origin, whose protocol policy vouch does not read (cloudfront:GetVpcOrigin)",
                v.id
            )),
            None => Observed::Value(o),
        }
    });
    DistributionAttributes {
        domain_name: non_empty("DomainName", d.domain_name()),
        enabled: Observed::Value(d.enabled()),
        web_acl_id: Observed::Value(web_acl_of(d.web_acl_id())),
        web_acl_rules,
        behaviors: behaviors_of(d),
        viewer_certificate: certificate_of(d.viewer_certificate()),
        origins,
        origin_ssl_protocols: origin_protocols.clone().and_then(|o| origin_tls_of(&o)),
        origin_protocols,
        logging,
    }
}

fn non_empty(field: &str, v: &str) -> Observed<String> {
    if v.is_empty() {
        Observed::unreadable(format!("{LIST}: the response has no {field}"))
    } else {
        Observed::Value(v.to_string())
    }
}

/// CloudFront documents an empty `WebACLId` as "no web ACL".
pub fn web_acl_of(id: &str) -> Option<String> {
    (!id.is_empty()).then(|| id.to_string())
}

/// A protocol policy the SDK does not know (its stand-in for a missing one
/// included) could allow anything: unreadable.
fn viewer_policy(p: &ViewerProtocolPolicy, which: &str) -> Result<String, String> {
    if ViewerProtocolPolicy::values().contains(&p.as_str()) {
        Ok(p.as_str().to_string())
    } else {
        Err(format!(
            "{LIST}: the {which} has no known ViewerProtocolPolicy ({:?})",
            p.as_str()
        ))
    }
}

/// The default cache behavior and every other one. A distribution always has a
/// default behavior; one missing, or a behavior whose policy is unknown, makes them
/// all unreadable, since one unread behavior could serve plain HTTP.
pub fn behaviors_of(d: &DistributionSummary) -> Observed<Vec<Behavior>> {
    let Some(default) = d.default_cache_behavior() else {
        return Observed::unreadable(format!("{LIST}: the response has no DefaultCacheBehavior"));
    };
    let mut out = Vec::new();
    match viewer_policy(default.viewer_protocol_policy(), "default cache behavior") {
        Ok(p) => out.push(Behavior {
            path_pattern: None,
            target_origin_id: default.target_origin_id().to_string(),
            viewer_protocol_policy: p,
        }),
        Err(e) => return Observed::Unreadable(e),
    }
    for b in d.cache_behaviors().map(|c| c.items()).unwrap_or_default() {
        let which = format!("cache behavior {:?}", b.path_pattern());
        match viewer_policy(b.viewer_protocol_policy(), &which) {
            Ok(p) => out.push(Behavior {
                path_pattern: Some(b.path_pattern().to_string()),
                target_origin_id: b.target_origin_id().to_string(),
                viewer_protocol_policy: p,
            }),
            Err(e) => return Observed::Unreadable(e),
        }
    }
    Observed::Value(out)
}

/// The viewer certificate. One naming no certificate, or both the default one and a
/// custom one (AWS takes exactly one), is unreadable; so is a custom certificate
/// without its security policy, which is what decides the TLS versions.
pub fn certificate_of(vc: Option<&ViewerCertificate>) -> Observed<Certificate> {
    let Some(vc) = vc else {
        return Observed::unreadable(format!("{LIST}: the response has no ViewerCertificate"));
    };
    let default = vc.cloud_front_default_certificate() == Some(true);
    let acm = vc.acm_certificate_arn().is_some_and(|a| !a.is_empty());
    let iam = vc.iam_certificate_id().is_some_and(|a| !a.is_empty());
    let source = match (default, acm, iam) {
        (true, false, false) => "cloudfront",
        (false, true, false) => "acm",
        (false, false, true) => "iam",
        (false, false, false) => {
            return Observed::unreadable(format!(
                "{LIST}: the ViewerCertificate names no certificate"
            ));
        }
        _ => {
            return Observed::unreadable(format!(
                "{LIST}: the ViewerCertificate names more than one certificate (CloudFrontDefaultCertificate, ACMCertificateArn, IAMCertificateId), so which one viewers get is unknown"
            ));
        }
    };
    let version = vc
        .minimum_protocol_version()
        .map(|v| v.as_str().to_string());
    if let Some(v) = &version
        && !MinimumProtocolVersion::values().contains(&v.as_str())
    {
        return Observed::unreadable(format!(
            "{LIST}: the ViewerCertificate has an unknown MinimumProtocolVersion ({v:?})"
        ));
    }
    if !default && version.is_none() {
        return Observed::unreadable(format!(
            "{LIST}: the ViewerCertificate of a custom certificate has no MinimumProtocolVersion"
        ));
    }
    Observed::Value(Certificate {
        default_certificate: default,
        source: source.into(),
        minimum_protocol_version: version,
    })
}

/// The origins, each with its kind and, for a custom origin, how CloudFront reaches
/// it. A distribution has at least one origin; none listed, or an origin without its
/// name, kind or protocol policy, makes them all unreadable.
pub fn origins_of(origins: Option<&Origins>) -> Observed<Vec<Origin>> {
    let items = origins.map(|o| o.items()).unwrap_or_default();
    if items.is_empty() {
        return Observed::unreadable(format!("{LIST}: the response lists no Origins"));
    }
    let mut out = Vec::new();
    for o in items {
        if o.id().is_empty() || o.domain_name().is_empty() {
            return Observed::unreadable(format!("{LIST}: an origin has no Id or DomainName"));
        }
        let mut ssl = None;
        let (kind, protocol_policy) = if o.s3_origin_config().is_some() {
            ("s3", None)
        } else if let Some(c) = o.custom_origin_config() {
            let p = c.origin_protocol_policy().as_str();
            if !OriginProtocolPolicy::values().contains(&p) {
                return Observed::unreadable(format!(
                    "{LIST}: origin {} has no known OriginProtocolPolicy ({p:?})",
                    o.id()
                ));
            }
            ssl = c
                .origin_ssl_protocols()
                .map(|p| {
                    p.items()
                        .iter()
                        .map(|x| x.as_str().to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty());
            ("custom", Some(p.to_string()))
        } else if o.vpc_origin_config().is_some() {
            ("vpc", None)
        } else {
            return Observed::unreadable(format!(
                "{LIST}: origin {} has none of S3OriginConfig, CustomOriginConfig, VpcOriginConfig",
                o.id()
            ));
        };
        out.push(Origin {
            id: o.id().to_string(),
            domain_name: o.domain_name().to_string(),
            kind: kind.into(),
            protocol_policy,
            ssl_protocols: ssl,
        });
    }
    Observed::Value(out)
}

/// The custom origins reached over HTTPS with the protocols each allows. AWS
/// documents OriginSslProtocols as required in a custom origin; one without it could
/// allow anything.
pub fn origin_tls_of(origins: &[Origin]) -> Observed<Vec<OriginTls>> {
    let mut out = Vec::new();
    for o in origins {
        if o.kind != "custom" || o.protocol_policy.as_deref() == Some("http-only") {
            continue;
        }
        let Some(p) = &o.ssl_protocols else {
            return Observed::unreadable(format!(
                "{LIST}: origin {} has no OriginSslProtocols",
                o.id
            ));
        };
        out.push(OriginTls {
            id: o.id.clone(),
            domain_name: o.domain_name.clone(),
            ssl_protocols: p.clone(),
        });
    }
    Observed::Value(out)
}

/// Standard (legacy) logging to S3, which only the distribution's configuration
/// carries. Logging delivered through CloudWatch Logs (standard logging v2) is not
/// read here.
pub fn logging_of(out: &GetDistributionConfigOutput) -> Observed<Logging> {
    let Some(l) = out.distribution_config().and_then(|c| c.logging()) else {
        return Observed::unreadable(format!("{GET_CONFIG}: the response has no Logging"));
    };
    Observed::Value(Logging {
        enabled: l.enabled(),
        bucket: (!l.bucket().is_empty()).then(|| l.bucket().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cloudfront::types::{
        CacheBehavior, CacheBehaviors, CustomOriginConfig, DefaultCacheBehavior,
        DistributionConfig, HttpVersion, LoggingConfig, Origin as SdkOrigin, OriginSslProtocols,
        PriceClass, S3OriginConfig, SslProtocol,
    };

    fn summary(
        default: Option<DefaultCacheBehavior>,
        behaviors: Vec<CacheBehavior>,
        origins: Option<Origins>,
    ) -> DistributionSummary {
        let mut b = DistributionSummary::builder()
            .id("E1")
            .arn("arn:aws:cloudfront::1:distribution/E1")
            .status("Deployed")
            .last_modified_time(aws_smithy_types::DateTime::from_secs(0))
            .domain_name("d1.cloudfront.net")
            .comment("")
            .price_class(PriceClass::PriceClassAll)
            .enabled(true)
            .web_acl_id("")
            .http_version(HttpVersion::Http2)
            .is_ipv6_enabled(true)
            .staging(false)
            .set_default_cache_behavior(default)
            .set_origins(origins);
        if !behaviors.is_empty() {
            let mut cb = CacheBehaviors::builder().quantity(behaviors.len() as i32);
            for x in behaviors {
                cb = cb.items(x);
            }
            b = b.cache_behaviors(cb.build().unwrap());
        }
        b.build().unwrap()
    }

    fn default_behavior(p: &str) -> DefaultCacheBehavior {
        DefaultCacheBehavior::builder()
            .target_origin_id("o1")
            .viewer_protocol_policy(ViewerProtocolPolicy::from(p))
            .build()
            .unwrap()
    }

    fn behavior(path: &str, p: &str) -> CacheBehavior {
        CacheBehavior::builder()
            .path_pattern(path)
            .target_origin_id("o1")
            .viewer_protocol_policy(ViewerProtocolPolicy::from(p))
            .build()
            .unwrap()
    }

    #[test]
    fn behaviors_keep_every_policy_and_refuse_a_missing_or_unknown_one() {
        let d = summary(
            Some(default_behavior("redirect-to-https")),
            vec![behavior("/img/*", "allow-all")],
            None,
        );
        let got = behaviors_of(&d).value().cloned().unwrap();
        assert_eq!(got[0].path_pattern, None);
        assert_eq!(got[0].viewer_protocol_policy, "redirect-to-https");
        assert_eq!(got[1].path_pattern.as_deref(), Some("/img/*"));
        assert_eq!(got[1].viewer_protocol_policy, "allow-all");
        assert_eq!(
            behaviors_of(&summary(None, vec![], None)).unreadable_reason(),
            Some("cloudfront:ListDistributions: the response has no DefaultCacheBehavior")
        );
        // What the SDK puts in place of a policy the answer left out.
        let missing = summary(
            Some(default_behavior("https-only")),
            vec![behavior("/a", "no value was set")],
            None,
        );
        assert!(
            behaviors_of(&missing)
                .unreadable_reason()
                .is_some_and(|r| r.contains("\"/a\""))
        );
    }

    #[test]
    fn the_certificate_is_unreadable_when_absent_ambiguous_or_without_its_policy() {
        assert!(certificate_of(None).unreadable_reason().is_some());
        let empty = ViewerCertificate::builder().build();
        assert_eq!(
            certificate_of(Some(&empty)).unreadable_reason(),
            Some("cloudfront:ListDistributions: the ViewerCertificate names no certificate")
        );
        let default = ViewerCertificate::builder()
            .cloud_front_default_certificate(true)
            .minimum_protocol_version(MinimumProtocolVersion::TlSv1)
            .build();
        assert_eq!(
            certificate_of(Some(&default)),
            Observed::Value(Certificate {
                default_certificate: true,
                source: "cloudfront".into(),
                minimum_protocol_version: Some("TLSv1".into()),
            })
        );
        // moto 5.2.5 answers this way for a distribution given an ACM certificate.
        let both = ViewerCertificate::builder()
            .cloud_front_default_certificate(true)
            .acm_certificate_arn("arn:aws:acm:us-east-1:1:certificate/x")
            .minimum_protocol_version(MinimumProtocolVersion::TlSv122021)
            .build();
        assert!(
            certificate_of(Some(&both))
                .unreadable_reason()
                .is_some_and(|r| r.contains("more than one certificate"))
        );
        let acm_no_policy = ViewerCertificate::builder()
            .cloud_front_default_certificate(false)
            .acm_certificate_arn("arn:aws:acm:us-east-1:1:certificate/x")
            .build();
        assert!(
            certificate_of(Some(&acm_no_policy))
                .unreadable_reason()
                .is_some()
        );
        let acm = ViewerCertificate::builder()
            .cloud_front_default_certificate(false)
            .acm_certificate_arn("arn:aws:acm:us-east-1:1:certificate/x")
            .minimum_protocol_version(MinimumProtocolVersion::TlSv122021)
            .build();
        assert_eq!(
            certificate_of(Some(&acm))
                .value()
                .map(|c| (c.source.as_str(), c.minimum_protocol_version.as_deref())),
            Some(("acm", Some("TLSv1.2_2021")))
        );
    }

    fn origin(id: &str, domain: &str, custom: Option<&str>, s3: bool) -> SdkOrigin {
        let mut b = SdkOrigin::builder().id(id).domain_name(domain);
        if let Some(p) = custom {
            b = b.custom_origin_config(
                CustomOriginConfig::builder()
                    .http_port(80)
                    .https_port(443)
                    .origin_protocol_policy(OriginProtocolPolicy::from(p))
                    .origin_ssl_protocols(
                        OriginSslProtocols::builder()
                            .quantity(1)
                            .items(SslProtocol::TlSv12)
                            .build()
                            .unwrap(),
                    )
                    .build()
                    .unwrap(),
            );
        }
        if s3 {
            b = b.s3_origin_config(S3OriginConfig::builder().origin_access_identity("").build());
        }
        b.build().unwrap()
    }

    fn origins(items: Vec<SdkOrigin>) -> Origins {
        let mut b = Origins::builder().quantity(items.len() as i32);
        for o in items {
            b = b.items(o);
        }
        b.build().unwrap()
    }

    #[test]
    fn origins_carry_their_kind_and_policy_and_an_unclassified_one_is_unreadable() {
        let got = origins_of(Some(&origins(vec![
            origin(
                "alb",
                "a.us-east-1.elb.amazonaws.com",
                Some("https-only"),
                false,
            ),
            origin("s3", "b.s3.amazonaws.com", None, true),
        ])));
        assert_eq!(
            got.value().cloned().unwrap(),
            vec![
                Origin {
                    id: "alb".into(),
                    domain_name: "a.us-east-1.elb.amazonaws.com".into(),
                    kind: "custom".into(),
                    protocol_policy: Some("https-only".into()),
                    ssl_protocols: Some(vec!["TLSv1.2".into()]),
                },
                Origin {
                    id: "s3".into(),
                    domain_name: "b.s3.amazonaws.com".into(),
                    kind: "s3".into(),
                    protocol_policy: None,
                    ssl_protocols: None,
                },
            ]
        );
        assert_eq!(
            origins_of(None).unreadable_reason(),
            Some("cloudfront:ListDistributions: the response lists no Origins")
        );
        // moto 5.2.5 lists an S3 origin without its S3OriginConfig.
        let bare = origins_of(Some(&origins(vec![origin(
            "s3",
            "b.s3.amazonaws.com",
            None,
            false,
        )])));
        assert!(
            bare.unreadable_reason()
                .is_some_and(|r| r.contains("origin s3 has none"))
        );
        let unknown = origins_of(Some(&origins(vec![origin(
            "x",
            "x.example.com",
            Some("no value was set"),
            false,
        )])));
        assert!(unknown.unreadable_reason().is_some());
        let nameless = origins_of(Some(&origins(vec![origin(
            "x",
            "",
            Some("https-only"),
            false,
        )])));
        assert!(nameless.unreadable_reason().is_some());
    }

    #[test]
    fn origin_tls_lists_custom_https_origins_and_one_without_protocols_is_unreadable() {
        let custom = |id: &str, policy: &str, ssl: Option<Vec<&str>>| Origin {
            id: id.into(),
            domain_name: format!("{id}.example.com"),
            kind: "custom".into(),
            protocol_policy: Some(policy.into()),
            ssl_protocols: ssl.map(|v| v.into_iter().map(String::from).collect()),
        };
        let got = origin_tls_of(&[
            custom("a", "https-only", Some(vec!["TLSv1", "TLSv1.2"])),
            custom("plain", "http-only", None),
        ]);
        assert_eq!(
            got,
            Observed::Value(vec![OriginTls {
                id: "a".into(),
                domain_name: "a.example.com".into(),
                ssl_protocols: vec!["TLSv1".into(), "TLSv1.2".into()],
            }])
        );
        assert_eq!(
            origin_tls_of(&[custom("m", "match-viewer", None)]).unreadable_reason(),
            Some("cloudfront:ListDistributions: origin m has no OriginSslProtocols")
        );
    }

    #[test]
    fn an_empty_web_acl_id_means_none_and_a_missing_logging_block_is_unreadable() {
        assert_eq!(web_acl_of(""), None);
        assert_eq!(
            web_acl_of("arn:aws:wafv2:x").as_deref(),
            Some("arn:aws:wafv2:x")
        );
        let d = summary(Some(default_behavior("https-only")), vec![], None);
        let attrs = distribution_attributes(&d, Observed::Absent, Observed::Value(None));
        assert_eq!(attrs.web_acl_id, Observed::Value(None));
        assert_eq!(
            web_acl_name_id("arn:aws:wafv2:us-east-1:1:global/webacl/edge/a1b2"),
            Some(("edge", "a1b2"))
        );
        assert_eq!(
            web_acl_name_id("473e64fd-f30b-4765-81a0-62ad96dd167a"),
            None
        );
        assert_eq!(
            web_acl_name_id("arn:aws:wafv2:us-east-1:1:global/ipset/x/y"),
            None
        );
        assert_eq!(name_of(&d), "E1", "no alias and no comment: the id");
        assert_eq!(
            attrs.domain_name,
            Observed::Value("d1.cloudfront.net".into())
        );

        let none = GetDistributionConfigOutput::builder().build();
        assert_eq!(
            logging_of(&none).unreadable_reason(),
            Some("cloudfront:GetDistributionConfig: the response has no Logging")
        );
        let config = |logging: Option<LoggingConfig>| {
            GetDistributionConfigOutput::builder()
                .distribution_config(
                    DistributionConfig::builder()
                        .caller_reference("r")
                        .comment("")
                        .enabled(true)
                        .set_logging(logging)
                        .build()
                        .unwrap(),
                )
                .build()
        };
        assert!(logging_of(&config(None)).unreadable_reason().is_some());
        let on = LoggingConfig::builder()
            .enabled(true)
            .include_cookies(false)
            .bucket("logs.s3.amazonaws.com")
            .prefix("cf/")
            .build();
        assert_eq!(
            logging_of(&config(Some(on))),
            Observed::Value(Logging {
                enabled: true,
                bucket: Some("logs.s3.amazonaws.com".into()),
            })
        );
    }
}
