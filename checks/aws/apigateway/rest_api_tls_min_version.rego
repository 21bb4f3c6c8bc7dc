# METADATA
# title: REST APIs accept only TLS versions from the minimum on their default endpoint
# description: >-
#   Judges the default execute-api endpoint of each REST API, which clients can reach
#   unless the API disables it (disableExecuteApiEndpoint; the API is then reached
#   only through its custom domain names, which aws-apigateway-domain-tls-min-version
#   judges, and passes here). The endpoint accepts what the API's security policy
#   accepts: TLS_1_0 from TLS 1.0, TLS_1_2 and SecurityPolicy_TLS13_1_2_* and
#   SecurityPolicy_TLS12_*_EDGE from 1.2, SecurityPolicy_TLS13_1_3_* and
#   SecurityPolicy_TLS13_2025_EDGE from 1.3. When the API names no policy, AWS applies
#   its documented default: TLS_1_0 for regional and edge-optimized APIs (they fail a
#   1.2 minimum), TLS_1_2 for private APIs. A policy this check does not know fails.
#   HTTP and WebSocket APIs are not judged here: AWS enforces TLS_1_2 on all their
#   endpoints, with no setting to read or change.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html
#     description: Security policies for REST APIs in API Gateway
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html
#     description: Supported security policies, and the default of each endpoint type
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ciphers.html
#     description: HTTP APIs, TLS_1_2 on all endpoints
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-ciphers.html
#     description: WebSocket APIs, TLS_1_2 on all endpoints
# custom:
#   id: aws-apigateway-rest-api-tls-min-version
#   severity: medium
#   provider: aws
#   service: apigateway
#   resource_type: aws_apigateway_rest_api
#   requires: [endpoint_types, disable_execute_api_endpoint, security_policy]
#   rationale: >-
#     TLS 1.0 and 1.1 are deprecated (RFC 8996). A regional or edge-optimized REST API
#     left at its default accepts TLS 1.0 on its execute-api endpoint even when its
#     custom domain refuses it, so the endpoint is a way around the domain's policy.
#     PCI DSS v4.0 requirement 4.2.1 asks for strong cryptography on such endpoints.
#   remediation: >-
#     aws apigateway update-rest-api --rest-api-id API-ID --patch-operations
#     op=replace,path=/securityPolicy,value=SecurityPolicy_TLS13_1_2_2021_06
#     op=replace,path=/endpointAccessMode,value=STRICT (or disable the default
#     endpoint with path=/disableExecuteApiEndpoint,value=true and serve the API through
#     a custom domain with TLS_1_2).
#   params:
#     min_tls_version: "1.2"
package vouch.aws.apigateway.rest_api_tls_min_version

import data.vouch.lib.aws_apigateway as apigw
import rego.v1

effective(api) := api.security_policy if api.security_policy != null

effective(api) := apigw.default_policy(api.endpoint_types) if api.security_policy == null

deny contains {"id": api.id, "message": msg} if {
	some api in input.resources
	api.disable_execute_api_endpoint == false
	policy := effective(api)
	apigw.lowest(policy) < to_number(input.params.min_tls_version)
	msg := sprintf("the default execute-api endpoint accepts TLS below %s (security policy %s%s)", [input.params.min_tls_version, policy, how(api)])
}

deny contains {"id": api.id, "message": msg} if {
	some api in input.resources
	api.disable_execute_api_endpoint == false
	policy := effective(api)
	not apigw.lowest(policy)
	msg := sprintf("the security policy %v is not one this check knows, so the lowest TLS version of the default endpoint is unknown", [policy])
}

how(api) := "" if api.security_policy != null

how(api) := ", the default AWS applies when the API names none" if api.security_policy == null
