package vouch.aws.rds.cluster_deletion_protection_test

import data.vouch.aws.rds.cluster_deletion_protection as check
import rego.v1

run(protected) := denied if {
	denied := check.deny with input as {"resources": [{"id": "cluster", "deletion_protection": protected}], "params": {}}
}

test_passes_when_deletion_protection_is_on if {
	count(run(true)) == 0
}

test_fails_when_deletion_protection_is_off if {
	run(false) == {{"id": "cluster", "message": "deletion protection is off"}}
}
