# METADATA
# title: Internet-facing application load balancers are protected by AWS WAF
# description: >-
#   Judges only internet-facing application load balancers; internal ones and
#   network or gateway load balancers are never denied. Passes when such a load
#   balancer has an AWS WAF web ACL associated, or when an enabled CloudFront
#   distribution with a web ACL has the load balancer's DNS name as an origin
#   (`fronted_by_waf` lists them). Fails when neither holds. When CloudFront could
#   not be read (not collected with --services, or its listing failed) a load
#   balancer without its own web ACL is an error; one with its own web ACL still
#   passes. An origin named by a custom domain that points at the load balancer is
#   not recognised (vouch does not resolve DNS), and traffic sent to the load
#   balancer directly, past CloudFront, is not filtered by the distribution's web
#   ACL: restrict the load balancer to CloudFront (the managed prefix list
#   com.amazonaws.global.cloudfront.origin-facing) for that to hold.
# related_resources:
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html
#     description: Associating a web ACL with an AWS resource
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-waf
#     description: Application Load Balancers and AWS WAF
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
#     description: Using AWS WAF with Amazon CloudFront
# custom:
#   id: aws-wafv2-alb-web-acl
#   severity: high
#   provider: aws
#   service: wafv2
#   resource_type: aws_elbv2_load_balancer
#   requires: [lb_type, scheme, web_acl_arn, fronted_by_waf]
#   rationale: >-
#     A web ACL filters common web exploits (injection, known bad inputs and
#     sources) and can rate-limit abusive clients before they reach the application;
#     policies promising protection of internet-facing applications rely on it.
#   remediation: >-
#     Serve the load balancer through a CloudFront distribution with a web ACL, or
#     aws wafv2 associate-web-acl --web-acl-arn WEB-ACL-ARN --resource-arn
#     LOAD-BALANCER-ARN (create the web ACL first with aws wafv2 create-web-acl
#     --scope REGIONAL, for example with the AWS managed core rule set).
package vouch.aws.wafv2.alb_web_acl

import rego.v1

deny contains {"id": lb.id, "message": "the internet-facing application load balancer has no AWS WAF web ACL, and no CloudFront distribution with one has it as an origin"} if {
	some lb in input.resources
	lb.lb_type == "application"
	lb.scheme == "internet-facing"
	lb.web_acl_arn == null
	not fronted(lb)
}

fronted(lb) if {
	is_array(lb.fronted_by_waf)
	count(lb.fronted_by_waf) > 0
}
