package vouch.aws.cognito.user_pool_mfa_test

import data.vouch.aws.cognito.user_pool_mfa as check
import rego.v1

run(mfa, allowed) := denied if {
	denied := check.deny with input as {"resources": [{"id": "pool", "mfa_configuration": mfa}], "params": {"allowed_mfa_configurations": allowed}}
}

test_passes_when_mfa_is_required if {
	count(run("ON", ["ON"])) == 0
}

test_fails_when_mfa_is_off if {
	run("OFF", ["ON"]) == {{"id": "pool", "message": "MFA is OFF for the user pool; allowed: ON"}}
}

test_fails_when_mfa_is_optional_by_default if {
	run("OPTIONAL", ["ON"]) == {{"id": "pool", "message": "MFA is OPTIONAL for the user pool; allowed: ON"}}
}

test_passes_when_a_pack_allows_optional_mfa if {
	count(run("OPTIONAL", ["ON", "OPTIONAL"])) == 0
}

test_fails_when_the_configuration_is_null if {
	count(run(null, ["ON"])) == 1
}
