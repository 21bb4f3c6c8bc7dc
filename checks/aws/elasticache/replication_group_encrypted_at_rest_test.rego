package vouch.aws.elasticache.replication_group_encrypted_at_rest_test

import data.vouch.aws.elasticache.replication_group_encrypted_at_rest as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "g", "at_rest_encrypted": on}], "params": {}}
}

test_passes_when_the_group_is_encrypted_at_rest if {
	count(run(true)) == 0
}

test_fails_when_the_group_is_not_encrypted_at_rest if {
	run(false) == {{"id": "g", "message": "the replication group is not encrypted at rest"}}
}

test_fails_when_the_state_is_null if {
	count(run(null)) == 1
}
