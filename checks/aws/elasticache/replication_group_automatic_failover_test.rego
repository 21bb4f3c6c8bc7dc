package vouch.aws.elasticache.replication_group_automatic_failover_test

import data.vouch.aws.elasticache.replication_group_automatic_failover as check
import rego.v1

run(failover, multi_az) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "g", "automatic_failover": failover, "multi_az": multi_az}],
		"params": {},
	}
}

test_passes_with_automatic_failover_and_multi_az if {
	count(run("enabled", "enabled")) == 0
}

test_fails_without_automatic_failover if {
	run("disabled", "disabled") == {
		{"id": "g", "message": "automatic failover is disabled"},
		{"id": "g", "message": "Multi-AZ is disabled"},
	}
}

test_fails_with_failover_still_being_enabled if {
	run("enabling", "enabled") == {{"id": "g", "message": "automatic failover is enabling"}}
}

test_fails_when_a_state_is_null if {
	count(run("enabled", null)) == 1
}
