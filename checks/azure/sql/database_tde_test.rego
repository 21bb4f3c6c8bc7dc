package vouch.azure.sql.database_tde_test

import data.vouch.azure.sql.database_tde as check
import rego.v1

run(state) := denied if {
	denied := check.deny with input as {"resources": [{"id": "db", "tde_state": state}], "params": {}}
}

test_passes_when_tde_is_enabled if {
	count(run("Enabled")) == 0
}

test_fails_when_tde_is_disabled if {
	run("Disabled") == {{"id": "db", "message": "transparent data encryption is Disabled"}}
}

test_fails_when_the_state_is_null if {
	run(null) == {{"id": "db", "message": "transparent data encryption is not reported"}}
}
