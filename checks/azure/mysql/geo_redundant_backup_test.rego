package vouch.azure.mysql.geo_redundant_backup_test

import data.vouch.azure.mysql.geo_redundant_backup as check
import rego.v1

run(value) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "geo_redundant_backup": value}], "params": {}}
}

test_passes_when_geo_redundant_backup_is_enabled if {
	count(run("Enabled")) == 0
}

test_fails_when_geo_redundant_backup_is_disabled if {
	run("Disabled") == {{"id": "srv", "message": "geo-redundant backup is Disabled: backups are kept only in the server's own region"}}
}

test_fails_when_the_setting_is_null if {
	run(null) == {{"id": "srv", "message": "the server reports no geo-redundant backup setting"}}
}
