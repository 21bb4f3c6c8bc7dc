# METADATA
# title: API Gateway custom domain names accept only TLS versions from the minimum
# description: >-
#   Judges the security policy of every custom domain name (REST, HTTP and WebSocket,
#   regional, edge-optimized and private; each endpoint configuration of a v2 domain
#   name) against `min_tls_version` (1.2 by default). TLS_1_0 accepts TLS 1.0 and
#   fails; TLS_1_2, SecurityPolicy_TLS13_1_2_*, SecurityPolicy_TLS12_*_EDGE start at 1.2;
#   SecurityPolicy_TLS13_1_3_* and SecurityPolicy_TLS13_2025_EDGE at 1.3. A policy this
#   check does not know fails. A domain name whose answer has no security policy is an
#   error (AWS returns one for every domain name).
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
#     description: Choose a security policy for your custom domain in API Gateway
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html
#     description: Supported security policies
# custom:
#   id: aws-apigateway-domain-tls-min-version
#   severity: medium
#   provider: aws
#   service: apigateway
#   resource_type: aws_apigateway_domain_name
#   requires: [security_policies]
#   rationale: >-
#     TLS 1.0 and 1.1 are deprecated (RFC 8996); the custom domain's security policy
#     decides what clients of the API may negotiate. PCI DSS v4.0 requirement 4.2.1 and
#     policies promising strong encryption in transit ask for TLS 1.2 or newer.
#   remediation: >-
#     aws apigateway update-domain-name --domain-name NAME --patch-operations
#     op=replace,path=/securityPolicy,value=TLS_1_2 (or an enhanced
#     SecurityPolicy_TLS13_* policy); for an HTTP or WebSocket domain,
#     aws apigatewayv2 update-domain-name with SecurityPolicy=TLS_1_2.
#   params:
#     min_tls_version: "1.2"
package vouch.aws.apigateway.domain_tls_min_version

import data.vouch.lib.aws_apigateway as apigw
import rego.v1

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	some policy in d.security_policies
	apigw.lowest(policy) < to_number(input.params.min_tls_version)
	msg := sprintf("the security policy %s accepts TLS below %s", [policy, input.params.min_tls_version])
}

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	some policy in d.security_policies
	not apigw.lowest(policy)
	msg := sprintf("the security policy %v is not one this check knows, so its lowest TLS version is unknown", [policy])
}
