package vouch.aws.dynamodb.table_deletion_protection_test

import data.vouch.aws.dynamodb.table_deletion_protection as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "t", "deletion_protection": on}], "params": {}}
}

test_passes_when_deletion_protection_is_on if {
	count(run(true)) == 0
}

test_fails_when_deletion_protection_is_off if {
	run(false) == {{"id": "t", "message": "deletion protection is off"}}
}

test_fails_when_the_flag_is_null if {
	count(run(null)) == 1
}
