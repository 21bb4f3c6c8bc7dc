# METADATA
# title: Every HTTP API route and WebSocket connection requires the caller to authenticate
# description: >-
#   HTTP APIs: fails for each route whose authorizationType is NONE ($default
#   included); JWT, AWS_IAM and CUSTOM (a Lambda authorizer) pass. An API key is not
#   authentication. Routes whose key starts with OPTIONS (CORS preflight, sent by
#   browsers without credentials) are exempt while `exempt_options` is true (the
#   default). WebSocket APIs authorize only when the connection opens: the $connect
#   route is judged (NONE fails, and so does an API without a $connect route, whose
#   connections open unauthenticated), other routes run on the authorized connection
#   and are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html
#     description: Control and manage access to HTTP APIs in API Gateway
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html
#     description: Control access to WebSocket APIs (authorization on $connect)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html
#     description: Security Hub control APIGateway.8, API Gateway routes should specify an authorization type
# custom:
#   id: aws-apigatewayv2-route-authorization
#   severity: high
#   provider: aws
#   service: apigateway
#   resource_type: aws_apigatewayv2_api
#   requires: [protocol_type, routes]
#   rationale: >-
#     A route without an authorizer serves whoever calls it. AWS Foundational Security
#     Best Practices control APIGateway.8 asks every route to specify an authorization
#     type; OWASP API Security Top 10 (2023) API2, Broken Authentication.
#   remediation: >-
#     aws apigatewayv2 update-route --api-id API-ID --route-id ROUTE-ID
#     --authorization-type JWT --authorizer-id AUTHORIZER-ID (or AWS_IAM, or CUSTOM
#     with a Lambda authorizer); for a WebSocket API, on its $connect route.
#   params:
#     exempt_options: true
package vouch.aws.apigateway.route_authorization

import rego.v1

deny contains {"id": api.id, "message": msg} if {
	some api in input.resources
	api.protocol_type == "HTTP"
	some r in api.routes
	r.authorization_type == "NONE"
	not exempt(r)
	msg := sprintf("route %s requires no authentication (authorizationType NONE)", [r.route_key])
}

deny contains {"id": api.id, "message": "the $connect route requires no authentication (authorizationType NONE)"} if {
	some api in input.resources
	api.protocol_type == "WEBSOCKET"
	some r in api.routes
	r.route_key == "$connect"
	r.authorization_type == "NONE"
}

deny contains {"id": api.id, "message": "the WebSocket API has no $connect route, so connections open without authentication"} if {
	some api in input.resources
	api.protocol_type == "WEBSOCKET"
	not has_connect(api)
}

has_connect(api) if {
	some r in api.routes
	r.route_key == "$connect"
}

exempt(r) if {
	input.params.exempt_options == true
	startswith(r.route_key, "OPTIONS ")
}
