# METADATA
# title: CloudFront distributions are protected by AWS WAF
# description: >-
#   Fails when a distribution has no AWS WAF web ACL associated (an empty WebACLId).
#   Passes when it has one, AWS WAF Classic or AWS WAFv2; the rules of the web ACL
#   are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
#     description: Using AWS WAF with Amazon CloudFront
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6
#     description: Security Hub CloudFront.6
# custom:
#   id: aws-cloudfront-web-acl
#   severity: medium
#   provider: aws
#   service: cloudfront
#   resource_type: aws_cloudfront_distribution
#   requires: [web_acl_id]
#   rationale: >-
#     A web ACL at the edge filters common web exploits and abusive clients before
#     they reach the origin. AWS Foundational Security Best Practices control
#     CloudFront.6 ("CloudFront distributions should have WAF enabled") asks for one;
#     policies promising protection of internet-facing applications rely on it.
#   remediation: >-
#     Create a web ACL with aws wafv2 create-web-acl --scope CLOUDFRONT --region
#     us-east-1, then set WebACLId to its ARN (aws cloudfront get-distribution-config /
#     update-distribution).
package vouch.aws.cloudfront.web_acl

import rego.v1

deny contains {"id": d.id, "message": "the distribution has no AWS WAF web ACL"} if {
	some d in input.resources
	d.web_acl_id == null
}
