package vouch.aws.rds.instance_auto_minor_upgrade_test

import data.vouch.aws.rds.instance_auto_minor_upgrade as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "db", "auto_minor_version_upgrade": on}], "params": {}}
}

test_passes_when_minor_upgrades_are_automatic if {
	count(run(true)) == 0
}

test_fails_when_minor_upgrades_are_not_automatic if {
	run(false) == {{"id": "db", "message": "automatic minor version upgrades are off"}}
}
