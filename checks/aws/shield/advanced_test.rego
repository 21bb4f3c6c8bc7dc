package vouch.aws.shield.advanced_test

import data.vouch.aws.shield.advanced as check
import rego.v1

run(state) := denied if {
	denied := check.deny with input as {"resources": [{"id": "shield", "subscription_state": state}], "params": {}}
}

test_passes_with_an_active_subscription if {
	count(run("ACTIVE")) == 0
}

test_fails_without_an_active_subscription if {
	run("INACTIVE") == {{"id": "shield", "message": "the account has no active Shield Advanced subscription (state: INACTIVE)"}}
}

test_fails_when_the_state_is_null if {
	count(run(null)) == 1
}
