# METADATA
# title: Internet-facing application load balancers are protected by AWS WAF
# description: >-
#   Judges only internet-facing application load balancers; internal ones and
#   network or gateway load balancers are never denied. Fails when such a load
#   balancer has no AWS WAF web ACL associated. Passes when it has one.
# related_resources:
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html
#     description: Associating a web ACL with an AWS resource
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-waf
#     description: Application Load Balancers and AWS WAF
# custom:
#   id: aws-wafv2-alb-web-acl
#   severity: high
#   provider: aws
#   service: wafv2
#   resource_type: aws_elbv2_load_balancer
#   requires: [lb_type, scheme, web_acl_arn]
#   rationale: >-
#     A web ACL filters common web exploits (injection, known bad inputs and
#     sources) and can rate-limit abusive clients before they reach the application;
#     policies promising protection of internet-facing applications rely on it.
#   remediation: >-
#     aws wafv2 associate-web-acl --web-acl-arn WEB-ACL-ARN --resource-arn
#     LOAD-BALANCER-ARN (create the web ACL first with aws wafv2 create-web-acl
#     --scope REGIONAL, for example with the AWS managed core rule set).
package vouch.aws.wafv2.alb_web_acl

import rego.v1

deny contains {"id": lb.id, "message": "the internet-facing application load balancer has no AWS WAF web ACL"} if {
	some lb in input.resources
	lb.lb_type == "application"
	lb.scheme == "internet-facing"
	lb.web_acl_arn == null
}
