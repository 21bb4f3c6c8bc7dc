//! CloudFront cases the emulated demo account cannot show, through the whole pipeline
//! from a saved inventory. moto 5.2.5 lists every distribution with
//! `CloudFrontDefaultCertificate=true`, even one given an ACM certificate, so a
//! distribution on a custom certificate with TLSv1.2_2021 cannot pass there; and it
//! lists an S3 origin without its `S3OriginConfig`, so S3 origins cannot be judged
//! there. These values stand in for what AWS answers.

mod common;

use common::status_of;
use serde_json::{Value, json};

fn obs(v: Value) -> Value {
    json!({"state": "observed", "value": v})
}

fn unreadable(reason: &str) -> Value {
    json!({"state": "unreadable", "reason": reason})
}

fn resource(id: &str, rtype: &str, region: &str, attrs: Value) -> Value {
    json!({"id": id, "type": rtype, "name": id, "account": "111122223333", "region": region, "attributes": attrs})
}

fn distribution(id: &str, cert: Value, origins: Value, viewer: &str) -> Value {
    let behaviors =
        json!([{"path_pattern": null, "target_origin_id": "o", "viewer_protocol_policy": viewer}]);
    resource(
        id,
        "aws_cloudfront_distribution",
        "global",
        json!({
            "domain_name": obs(json!(format!("{id}.cloudfront.net"))),
            "enabled": obs(json!(true)),
            "web_acl_id": obs(Value::Null),
            "behaviors": obs(behaviors),
            "viewer_certificate": cert,
            "origins": obs(origins.clone()),
            "origin_protocols": obs(origins),
            "logging": obs(json!({"enabled": false, "bucket": null})),
        }),
    )
}

fn alb(id: &str, acl: Value, fronted: Value) -> Value {
    resource(
        id,
        "aws_elbv2_load_balancer",
        "us-east-1",
        json!({
            "lb_type": obs(json!("application")),
            "scheme": obs(json!("internet-facing")),
            "web_acl_arn": obs(acl),
            "dns_name": obs(json!(format!("{id}.us-east-1.elb.amazonaws.com"))),
            "fronted_by_waf": fronted,
        }),
    )
}

fn inventory() -> Value {
    let acm = |policy: &str| {
        obs(
            json!({"default_certificate": false, "source": "acm", "minimum_protocol_version": policy}),
        )
    };
    let s3 = json!([{"id": "s", "domain_name": "b.s3.amazonaws.com", "kind": "s3", "protocol_policy": null}]);
    let custom = json!([{"id": "o", "domain_name": "app.example.com", "kind": "custom", "protocol_policy": "https-only"}]);
    let resources = vec![
        distribution(
            "cf-tls12",
            acm("TLSv1.2_2021"),
            custom.clone(),
            "https-only",
        ),
        distribution(
            "cf-tls11",
            acm("TLSv1.1_2016"),
            custom.clone(),
            "https-only",
        ),
        distribution(
            "cf-cert-unread",
            unreadable("cloudfront:ListDistributions: the ViewerCertificate names no certificate"),
            custom,
            "https-only",
        ),
        distribution(
            "cf-s3-https",
            acm("TLSv1.2_2021"),
            s3.clone(),
            "redirect-to-https",
        ),
        distribution("cf-s3-open", acm("TLSv1.2_2021"), s3, "allow-all"),
        alb(
            "alb-own-acl-cloudfront-unknown",
            json!("arn:aws:wafv2:us-east-1:111122223333:regional/webacl/a/1"),
            obs(Value::Null),
        ),
        alb(
            "alb-bare-cloudfront-unknown",
            Value::Null,
            unreadable(
                "the CloudFront distributions could not all be listed (cloudfront:ListDistributions: AccessDenied), so whether one with a web ACL fronts the load balancer is unknown",
            ),
        ),
        alb("alb-fronted", Value::Null, obs(json!(["E1"]))),
        alb("alb-not-fronted", Value::Null, obs(json!([]))),
    ];
    json!({"format": "vouch-inventory/1", "provider": "aws", "account": "111122223333", "regions": ["us-east-1"],
        "collected_at": chrono::Utc::now().to_rfc3339(),
        "listings": [
            {"resource_type": "aws_cloudfront_distribution", "account": "111122223333", "region": "global"},
            {"resource_type": "aws_elbv2_load_balancer", "account": "111122223333", "region": "us-east-1"}
        ],
        "resources": resources})
}

#[test]
fn cloudfront_cases_moto_cannot_show_pass_fail_and_error_through_the_pipeline() {
    let report = common::check_inventory_json(&inventory(), &[]);
    let tls = "aws-cloudfront-viewer-tls-min-version";
    assert_eq!(status_of(&report, tls, "cf-tls12"), "pass");
    assert_eq!(status_of(&report, tls, "cf-tls11"), "fail");
    assert_eq!(status_of(&report, tls, "cf-cert-unread"), "error");
    let origin = "aws-cloudfront-origin-https";
    assert_eq!(status_of(&report, origin, "cf-s3-https"), "pass");
    assert_eq!(status_of(&report, origin, "cf-s3-open"), "fail");
    let waf = "aws-wafv2-alb-web-acl";
    assert_eq!(
        status_of(&report, waf, "alb-own-acl-cloudfront-unknown"),
        "pass",
        "its own web ACL is enough whatever CloudFront holds"
    );
    assert_eq!(
        status_of(&report, waf, "alb-bare-cloudfront-unknown"),
        "error"
    );
    assert_eq!(status_of(&report, waf, "alb-fronted"), "pass");
    assert_eq!(status_of(&report, waf, "alb-not-fronted"), "fail");
}
