package vouch.aws.logs.retention_test

import data.vouch.aws.logs.retention as check
import rego.v1

run(days, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "group", "retention_in_days": days}], "params": params}
}

defaults := {"min_retention_days": 365}

test_passes_when_events_are_kept_a_year if {
	count(run(365, defaults)) == 0
}

test_passes_when_events_never_expire if {
	count(run(null, defaults)) == 0
}

test_fails_when_events_are_kept_30_days if {
	run(30, defaults) == {{"id": "group", "message": "log events are kept 30 days, fewer than 365"}}
}

test_fails_when_events_are_kept_1_day if {
	run(1, defaults) == {{"id": "group", "message": "log events are kept 1 day, fewer than 365"}}
}

test_passes_when_a_pack_accepts_a_shorter_retention if {
	count(run(90, {"min_retention_days": 90})) == 0
}

test_fails_a_group_that_never_expires_when_a_period_must_be_set if {
	run(null, {"min_retention_days": 1, "allow_never_expire": false}) == {{"id": "group", "message": "the log group never expires its events: no retention period is set"}}
	count(run(null, {"min_retention_days": 1, "allow_never_expire": true})) == 0
	count(run(7, {"min_retention_days": 1, "allow_never_expire": false})) == 0
}
