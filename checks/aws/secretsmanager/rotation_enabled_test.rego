package vouch.aws.secretsmanager.rotation_enabled_test

import data.vouch.aws.secretsmanager.rotation_enabled as check
import rego.v1

defaults := {"max_rotation_days": 90}

run(enabled, days, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "secret", "rotation_enabled": enabled, "rotation_days": days}], "params": params}
}

test_passes_when_the_secret_rotates_every_30_days if {
	count(run(true, 30, defaults)) == 0
}

test_passes_when_rotation_follows_a_schedule_expression if {
	count(run(true, null, defaults)) == 0
}

test_fails_when_rotation_is_off if {
	run(false, null, defaults) == {{"id": "secret", "message": "automatic rotation is off"}}
}

test_fails_when_the_secret_rotates_less_often_than_the_limit if {
	run(true, 365, defaults) == {{"id": "secret", "message": "the secret rotates every 365 days, more than 90"}}
}

test_fails_when_a_pack_asks_for_faster_rotation if {
	count(run(true, 60, {"max_rotation_days": 30})) == 1
}
