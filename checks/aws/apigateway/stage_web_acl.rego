# METADATA
# title: REST API stages are protected by an AWS WAF web ACL that acts on web attacks
# description: >-
#   Judges each stage of a regional or edge-optimized REST API (a private API, reached
#   only from VPCs, is not judged and passes, as internal load balancers are for
#   aws-wafv2-alb-web-acl). Fails when the stage has no web ACL associated. With
#   `require_rules` (false by default: an association is what Security Hub's
#   APIGateway.4 asks), it also fails when the web ACL holds no rule that acts on what
#   it matches: with `require_rule_groups` empty, at least one rule that blocks, or
#   shows a CAPTCHA or challenge, or one rule group not set to count only; with a list,
#   one of the managed rule groups it names (by name, e.g. AWSManagedRulesCommonRuleSet,
#   or VENDOR/NAME), not set to count only. Rules inside a rule group overridden to count one by one
#   (RuleActionOverrides) are not read. HTTP APIs cannot have a web ACL associated
#   (AWS WAF protects REST API stages only): they are not judged by this check; put
#   them behind a CloudFront distribution with a web ACL, which
#   aws-cloudfront-web-acl judges, to filter their traffic.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html
#     description: Use AWS WAF to protect your REST APIs in API Gateway
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
#     description: Baseline rule groups (core rule set, known bad inputs)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html
#     description: Security Hub control APIGateway.4, API Gateway should be associated with a WAF Web ACL
# custom:
#   id: aws-apigateway-stage-web-acl
#   severity: high
#   provider: aws
#   service: apigateway
#   resource_type: aws_apigateway_stage
#   requires: [endpoint_types, web_acl_arn]
#   requires_when: {require_rules: [web_acl_rules]}
#   rationale: >-
#     A web ACL filters common web exploits (injection, known bad inputs) before they
#     reach the API's integrations, but only through the rules it holds: an empty web
#     ACL, or one whose rules only count, lets every request through. AWS Foundational
#     Security Best Practices control APIGateway.4 asks for a web ACL on every REST API
#     stage.
#   remediation: >-
#     aws wafv2 associate-web-acl --web-acl-arn WEB-ACL-ARN --resource-arn
#     arn:aws:apigateway:REGION::/restapis/API-ID/stages/STAGE, with a regional web ACL
#     that uses the AWS managed rule group AWSManagedRulesCommonRuleSet (override action
#     none).
#   params:
#     require_rules: false
#     require_rule_groups: []
package vouch.aws.apigateway.stage_web_acl

import data.vouch.lib.aws_waf
import rego.v1

judged(s) if not "PRIVATE" in s.endpoint_types

deny contains {"id": s.id, "message": "the stage has no AWS WAF web ACL associated"} if {
	some s in input.resources
	judged(s)
	s.web_acl_arn == null
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	judged(s)
	s.web_acl_arn != null
	input.params.require_rules == true
	wanted := input.params.require_rule_groups
	not aws_waf.guards(rules(s), wanted)
	msg := sprintf("the web ACL %s has %s", [s.web_acl_arn, aws_waf.lacking(wanted)])
}

rules(s) := s.web_acl_rules if is_array(s.web_acl_rules)

rules(s) := [] if not is_array(s.web_acl_rules)
