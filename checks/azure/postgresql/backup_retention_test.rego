package vouch.azure.postgresql.backup_retention_test

import data.vouch.azure.postgresql.backup_retention as check
import rego.v1

defaults := {"min_retention_days": 7}

run(days, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "backup_retention_days": days}], "params": params}
}

test_passes_when_backups_are_kept_for_the_minimum if {
	count(run(7, defaults)) == 0
}

test_passes_when_backups_are_kept_longer if {
	count(run(35, defaults)) == 0
}

test_fails_when_backups_are_kept_fewer_days_than_the_minimum if {
	run(1, defaults) == {{"id": "srv", "message": "backups are kept 1 day, fewer than 7"}}
}

test_fails_when_a_pack_asks_for_a_longer_retention if {
	run(7, {"min_retention_days": 30}) == {{"id": "srv", "message": "backups are kept 7 days, fewer than 30"}}
}

test_fails_when_the_retention_period_is_null if {
	run(null, defaults) == {{"id": "srv", "message": "the server reports no backup retention period"}}
}
