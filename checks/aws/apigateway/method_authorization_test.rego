package vouch.aws.apigateway.method_authorization_test

import data.vouch.aws.apigateway.method_authorization as check
import rego.v1

method(verb, auth, key) := {"path": "/items", "http_method": verb, "authorization_type": auth, "authorizer_id": null, "api_key_required": key}

run(methods, exempt) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "api", "methods": methods}],
		"params": {"exempt_options": exempt},
	}
}

test_passes_when_every_method_has_an_authorizer if {
	count(run([method("GET", "AWS_IAM", false), method("POST", "COGNITO_USER_POOLS", false), method("DELETE", "CUSTOM", false)], true)) == 0
}

test_fails_for_a_method_open_to_anyone if {
	run([method("GET", "NONE", false)], true) == {{"id": "api", "message": "GET /items requires no authentication (authorizationType NONE)"}}
}

test_fails_for_a_method_guarded_only_by_an_api_key if {
	run([method("GET", "NONE", true)], true) == {{"id": "api", "message": "GET /items requires no authentication (authorizationType NONE; an API key is required, which is no authentication)"}}
}

test_passes_for_an_open_cors_preflight_while_exempt if {
	count(run([method("OPTIONS", "NONE", false)], true)) == 0
}

test_fails_for_an_open_preflight_when_not_exempt if {
	count(run([method("OPTIONS", "NONE", false)], false)) == 1
}

test_passes_for_an_api_without_methods if {
	count(run([], true)) == 0
}
