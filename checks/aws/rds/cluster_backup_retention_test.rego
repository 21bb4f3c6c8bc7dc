package vouch.aws.rds.cluster_backup_retention_test

import data.vouch.aws.rds.cluster_backup_retention as check
import rego.v1

run(days, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "cluster", "backup_retention_period": days}], "params": params}
}

defaults := {"min_retention_days": 7}

test_passes_when_backups_are_kept_for_the_minimum if {
	count(run(7, defaults)) == 0
}

test_fails_with_the_one_day_default if {
	run(1, defaults) == {{"id": "cluster", "message": "automated backups are kept 1 day, fewer than 7"}}
}

test_fails_when_automated_backups_are_disabled if {
	run(0, defaults) == {{"id": "cluster", "message": "automated backups are disabled (retention period 0 days)"}}
}

test_fails_when_a_pack_asks_for_a_longer_retention if {
	count(run(14, {"min_retention_days": 35})) == 1
}

test_fails_when_the_retention_period_is_null if {
	count(run(null, defaults)) == 1
}
