package vouch.aws.rds.instance_backup_retention_test

import data.vouch.aws.rds.instance_backup_retention as check
import rego.v1

run(days, cluster, params) := denied if {
	db := {"id": "db", "backup_retention_period": days, "cluster_id": cluster}
	denied := check.deny with input as {"resources": [db], "params": params}
}

defaults := {"min_retention_days": 7}

test_passes_when_backups_are_kept_for_the_minimum if {
	count(run(7, null, defaults)) == 0
}

test_passes_when_backups_are_kept_longer if {
	count(run(35, null, defaults)) == 0
}

test_fails_when_automated_backups_are_disabled if {
	run(0, null, defaults) == {{"id": "db", "message": "automated backups are disabled (retention period 0 days)"}}
}

test_fails_when_backups_are_kept_fewer_days_than_the_minimum if {
	run(3, null, defaults) == {{"id": "db", "message": "automated backups are kept 3 days, fewer than 7"}}
}

test_fails_when_a_pack_asks_for_a_longer_retention if {
	count(run(7, null, {"min_retention_days": 30})) == 1
}

test_fails_when_the_retention_period_is_null if {
	run(null, null, defaults) == {{"id": "db", "message": "the instance reports no backup retention period"}}
}

test_passes_for_a_cluster_member_whose_backups_the_cluster_manages if {
	count(run(1, "aurora-1", defaults)) == 0
}
