package vouch.aws.dynamodb.table_pitr_test

import data.vouch.aws.dynamodb.table_pitr as check
import rego.v1

run(status) := denied if {
	denied := check.deny with input as {"resources": [{"id": "t", "point_in_time_recovery": status}], "params": {}}
}

test_passes_when_point_in_time_recovery_is_enabled if {
	count(run("ENABLED")) == 0
}

test_fails_when_point_in_time_recovery_is_disabled if {
	run("DISABLED") == {{"id": "t", "message": "point-in-time recovery is DISABLED"}}
}

test_fails_when_the_status_is_null if {
	count(run(null)) == 1
}
