# METADATA
# title: Every REST API method requires the caller to authenticate
# description: >-
#   Fails for each method of a REST API whose authorizationType is NONE: anyone who
#   can reach the endpoint may call it. AWS_IAM (SigV4-signed requests), CUSTOM (a
#   Lambda authorizer) and COGNITO_USER_POOLS pass. An API key (apiKeyRequired) alone
#   does not pass: API Gateway documents keys as identifiers for usage plans, not as
#   authentication, and they travel in clear headers shared among clients. OPTIONS
#   methods, which answer CORS preflight requests that browsers send without
#   credentials, are exempt while `exempt_options` is true (the default). A resource
#   policy that limits callers by network (source IP, VPC endpoint) is not
#   authentication and is not read.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
#     description: Control and manage access to REST APIs in API Gateway
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
#     description: Usage plans and API keys ("don't use API keys for authentication or authorization")
# custom:
#   id: aws-apigateway-method-authorization
#   severity: high
#   provider: aws
#   service: apigateway
#   resource_type: aws_apigateway_rest_api
#   requires: [methods]
#   rationale: >-
#     A method without an authorizer serves whoever calls it, so "data can be requested
#     only by authenticated users" cannot hold for what it returns. OWASP API Security
#     Top 10 (2023) API2, Broken Authentication; AWS Foundational Security Best
#     Practices control APIGateway.8 asks the same of HTTP and WebSocket routes.
#   remediation: >-
#     aws apigateway update-method --rest-api-id API-ID --resource-id RESOURCE-ID
#     --http-method VERB --patch-operations op=replace,path=/authorizationType,value=AWS_IAM
#     (or COGNITO_USER_POOLS / CUSTOM with path=/authorizerId), then deploy the API.
#   params:
#     exempt_options: true
package vouch.aws.apigateway.method_authorization

import rego.v1

deny contains {"id": api.id, "message": msg} if {
	some api in input.resources
	some m in api.methods
	m.authorization_type == "NONE"
	not exempt(m)
	msg := sprintf("%s %s requires no authentication (authorizationType NONE%s)", [m.http_method, m.path, key(m)])
}

exempt(m) if {
	input.params.exempt_options == true
	m.http_method == "OPTIONS"
}

key(m) := "; an API key is required, which is no authentication" if m.api_key_required == true

key(m) := "" if m.api_key_required != true
