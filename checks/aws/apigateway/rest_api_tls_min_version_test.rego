package vouch.aws.apigateway.rest_api_tls_min_version_test

import data.vouch.aws.apigateway.rest_api_tls_min_version as check
import rego.v1

run(types, disabled, policy) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "api", "endpoint_types": types, "disable_execute_api_endpoint": disabled, "security_policy": policy}],
		"params": {"min_tls_version": "1.2"},
	}
}

test_passes_for_a_policy_from_tls12 if {
	count(run(["REGIONAL"], false, "TLS_1_2")) == 0
	count(run(["REGIONAL"], false, "SecurityPolicy_TLS13_1_2_2021_06")) == 0
	count(run(["REGIONAL"], false, "SecurityPolicy_TLS13_1_3_2025_09")) == 0
	count(run(["EDGE"], false, "SecurityPolicy_TLS12_2018_EDGE")) == 0
	count(run(["EDGE"], false, "SecurityPolicy_TLS13_2025_EDGE")) == 0
}

test_fails_for_tls_1_0 if {
	run(["REGIONAL"], false, "TLS_1_0") == {{"id": "api", "message": "the default execute-api endpoint accepts TLS below 1.2 (security policy TLS_1_0)"}}
}

test_fails_for_a_regional_api_left_at_the_default if {
	run(["REGIONAL"], false, null) == {{"id": "api", "message": "the default execute-api endpoint accepts TLS below 1.2 (security policy TLS_1_0, the default AWS applies when the API names none)"}}
	count(run(["EDGE"], false, null)) == 1
}

test_passes_for_a_private_api_left_at_the_default if {
	count(run(["PRIVATE"], false, null)) == 0
}

test_passes_when_the_default_endpoint_is_disabled if {
	count(run(["REGIONAL"], true, "TLS_1_0")) == 0
	count(run(["EDGE"], true, null)) == 0
}

test_fails_for_a_policy_it_does_not_know if {
	count(run(["REGIONAL"], false, "SecurityPolicy_Future")) == 1
}
