# METADATA
# title: Internet-facing application load balancers are protected by AWS WAF
# description: >-
#   Judges only internet-facing application load balancers; internal ones and
#   network or gateway load balancers are never denied. Passes when such a load
#   balancer has an AWS WAF web ACL associated, or when an enabled CloudFront
#   distribution with a web ACL has the load balancer's DNS name as an origin
#   (`fronted_by_waf` lists them). Fails when neither holds. With `require_rules`
#   (false by default) a web ACL counts only when it acts on what it matches: with
#   `require_rule_groups` empty, one rule that blocks (or shows a CAPTCHA or
#   challenge) or one rule group not set to count only; with a list, one of the
#   managed rule groups it names (AWSManagedRulesCommonRuleSet or
#   AWS/AWSManagedRulesCommonRuleSet), not set to count only; the fronting
#   distribution's web ACL is judged the same way (`fronted_by_waf_rules`). When
#   CloudFront could not be read (not collected with --services, or its listing
#   failed) a load balancer without its own web ACL is an error; one with its own web
#   ACL still passes. An origin named by a custom domain that points at the load
#   balancer is not recognised (vouch does not resolve DNS), and traffic sent to the
#   load balancer directly, past CloudFront, is not filtered by the distribution's web
#   ACL: restrict the load balancer to CloudFront (the managed prefix list
#   com.amazonaws.global.cloudfront.origin-facing) for that to hold.
# related_resources:
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html
#     description: Associating a web ACL with an AWS resource
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-waf
#     description: Application Load Balancers and AWS WAF
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
#     description: Using AWS WAF with Amazon CloudFront
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
#     description: Baseline rule groups (core rule set, known bad inputs)
# custom:
#   id: aws-wafv2-alb-web-acl
#   severity: high
#   provider: aws
#   service: wafv2
#   resource_type: aws_elbv2_load_balancer
#   requires: [lb_type, scheme, web_acl_arn, fronted_by_waf]
#   requires_when: {require_rules: [web_acl_rules, fronted_by_waf_rules]}
#   rationale: >-
#     A web ACL filters common web exploits (injection, known bad inputs and
#     sources) and can rate-limit abusive clients before they reach the application,
#     but only through the rules it holds: an empty web ACL lets every request through.
#     AWS Foundational Security Best Practices control ELB.16 asks for a web ACL on
#     every application load balancer; policies promising protection of
#     internet-facing applications rely on it.
#   remediation: >-
#     Serve the load balancer through a CloudFront distribution with a web ACL, or
#     aws wafv2 associate-web-acl --web-acl-arn WEB-ACL-ARN --resource-arn
#     LOAD-BALANCER-ARN (create the web ACL first with aws wafv2 create-web-acl
#     --scope REGIONAL, for example with the AWS managed core rule set).
#   params:
#     require_rules: false
#     require_rule_groups: []
package vouch.aws.wafv2.alb_web_acl

import data.vouch.lib.aws_waf
import rego.v1

public(lb) if {
	lb.lb_type == "application"
	lb.scheme == "internet-facing"
}

deny contains {"id": lb.id, "message": "the internet-facing application load balancer has no AWS WAF web ACL, and no CloudFront distribution with one has it as an origin"} if {
	some lb in input.resources
	public(lb)
	lb.web_acl_arn == null
	not fronted(lb)
}

deny contains {"id": lb.id, "message": msg} if {
	some lb in input.resources
	public(lb)
	lb.web_acl_arn != null
	rules_required
	not acts(lb.web_acl_rules)
	not fronted(lb)
	msg := sprintf("the web ACL %s has %s, and no CloudFront distribution in front has a web ACL that does", [lb.web_acl_arn, aws_waf.lacking(input.params.require_rule_groups)])
}

rules_required if input.params.require_rules == true

# Without require_rules a web ACL counts by its association alone.
acts(_) if not rules_required

acts(rules) if {
	rules_required
	is_array(rules)
	aws_waf.guards(rules, input.params.require_rule_groups)
}

fronted(lb) if {
	is_array(lb.fronted_by_waf)
	some id in lb.fronted_by_waf
	acts(fronting_rules(lb, id))
}

fronting_rules(lb, id) := lb.fronted_by_waf_rules[id] if is_object(lb.fronted_by_waf_rules)

fronting_rules(lb, id) := null if not is_object(lb.fronted_by_waf_rules)
