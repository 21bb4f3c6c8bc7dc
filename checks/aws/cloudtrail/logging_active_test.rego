package vouch.aws.cloudtrail.logging_active_test

import data.vouch.aws.cloudtrail.logging_active as check
import rego.v1

run(logging) := denied if {
	denied := check.deny with input as {"resources": [{"id": "trail", "is_logging": logging}], "params": {}}
}

test_passes_when_the_trail_is_logging if {
	count(run(true)) == 0
}

test_fails_when_logging_was_stopped if {
	run(false) == {{"id": "trail", "message": "the trail is not logging"}}
}
