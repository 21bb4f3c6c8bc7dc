# METADATA
# title: CloudFront distributions are protected by AWS WAF
# description: >-
#   Passes when the distribution has an AWS WAF web ACL associated (a non-empty
#   WebACLId, AWS WAF Classic or WAFv2), or, as the alternative, when every origin it
#   forwards to is a scanned application load balancer with a web ACL of its own
#   (`origin_web_acls`): every request the distribution passes on then meets a web
#   ACL. Fails otherwise; an origin that is not a scanned load balancer (S3, a custom
#   host, a load balancer named by a custom domain) leaves the alternative unmet. With
#   `require_rules` (false by default) a web ACL counts only when it acts on what it
#   matches: with `require_rule_groups` empty, one rule that blocks (or shows a
#   CAPTCHA or challenge) or one rule group not set to count only; with a list, one of
#   the managed rule groups it names, not set to count only (the rules of an AWS WAF
#   Classic web ACL are not read: error).
# related_resources:
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
#     description: Using AWS WAF with Amazon CloudFront
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6
#     description: Security Hub CloudFront.6
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
#     description: Baseline rule groups (core rule set, known bad inputs)
# custom:
#   id: aws-cloudfront-web-acl
#   severity: medium
#   provider: aws
#   service: cloudfront
#   resource_type: aws_cloudfront_distribution
#   requires: [web_acl_id, origin_web_acls]
#   requires_when: {require_rules: [web_acl_rules]}
#   rationale: >-
#     A web ACL at the edge filters common web exploits and abusive clients before
#     they reach the origin, but only through the rules it holds. AWS Foundational
#     Security Best Practices control CloudFront.6 ("CloudFront distributions should
#     have WAF enabled") asks for one; policies promising protection of
#     internet-facing applications rely on it.
#   remediation: >-
#     Create a web ACL with aws wafv2 create-web-acl --scope CLOUDFRONT --region
#     us-east-1 (for example with the AWS managed core rule set), then set WebACLId to
#     its ARN (aws cloudfront get-distribution-config / update-distribution).
#   params:
#     require_rules: false
#     require_rule_groups: []
package vouch.aws.cloudfront.web_acl

import data.vouch.lib.aws_waf
import rego.v1

rules_required if input.params.require_rules == true

acts(_) if not rules_required

acts(rules) if {
	rules_required
	is_array(rules)
	aws_waf.guards(rules, input.params.require_rule_groups)
}

# Every origin is a load balancer whose own web ACL acts.
origins_guarded(d) if {
	is_array(d.origin_web_acls)
	count(d.origin_web_acls) > 0
	every o in d.origin_web_acls {
		o.load_balancer != null
		o.web_acl_rules != null
		acts(o.web_acl_rules)
	}
}

deny contains {"id": d.id, "message": "the distribution has no AWS WAF web ACL, and not every origin is a load balancer with one"} if {
	some d in input.resources
	d.web_acl_id == null
	not origins_guarded(d)
}

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	d.web_acl_id != null
	rules_required
	not acts(d.web_acl_rules)
	not origins_guarded(d)
	msg := sprintf("the web ACL %s has %s, and not every origin is a load balancer whose web ACL does", [d.web_acl_id, aws_waf.lacking(input.params.require_rule_groups)])
}
