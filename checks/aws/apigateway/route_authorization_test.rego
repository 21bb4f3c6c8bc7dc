package vouch.aws.apigateway.route_authorization_test

import data.vouch.aws.apigateway.route_authorization as check
import rego.v1

route(key, auth) := {"route_key": key, "authorization_type": auth, "authorizer_id": null, "api_key_required": false}

run(protocol, routes) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "api", "protocol_type": protocol, "routes": routes}],
		"params": {"exempt_options": true},
	}
}

test_passes_for_http_routes_with_an_authorizer if {
	count(run("HTTP", [route("GET /items", "JWT"), route("POST /items", "AWS_IAM"), route("$default", "CUSTOM")])) == 0
}

test_fails_for_an_open_http_route if {
	run("HTTP", [route("GET /open", "NONE")]) == {{"id": "api", "message": "route GET /open requires no authentication (authorizationType NONE)"}}
	count(run("HTTP", [route("$default", "NONE")])) == 1
}

test_passes_for_an_open_cors_preflight_route if {
	count(run("HTTP", [route("OPTIONS /items", "NONE")])) == 0
}

test_judges_only_the_connect_route_of_a_websocket_api if {
	count(run("WEBSOCKET", [route("$connect", "AWS_IAM"), route("sendmessage", "NONE")])) == 0
	run("WEBSOCKET", [route("$connect", "NONE")]) == {{"id": "api", "message": "the $connect route requires no authentication (authorizationType NONE)"}}
}

test_fails_for_a_websocket_api_without_a_connect_route if {
	count(run("WEBSOCKET", [route("$default", "NONE")])) == 1
}
