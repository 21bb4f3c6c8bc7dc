package vouch.aws.kinesis.stream_retention_test

import data.vouch.aws.kinesis.stream_retention as check
import rego.v1

run(hours) := denied if {
	denied := check.deny with input as {"resources": [{"id": "s", "retention_period_hours": hours}], "params": {"min_hours": 168}}
}

test_passes_at_or_above_the_minimum if {
	count(run(168)) == 0
	count(run(8760)) == 0
}

test_fails_below_the_minimum if {
	run(24) == {{"id": "s", "message": "the stream keeps records for 24 hours, fewer than 168"}}
}
