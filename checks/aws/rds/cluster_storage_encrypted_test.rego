package vouch.aws.rds.cluster_storage_encrypted_test

import data.vouch.aws.rds.cluster_storage_encrypted as check
import rego.v1

run(encrypted) := denied if {
	denied := check.deny with input as {"resources": [{"id": "cluster", "storage_encrypted": encrypted}], "params": {}}
}

test_passes_when_storage_is_encrypted if {
	count(run(true)) == 0
}

test_fails_when_storage_is_not_encrypted if {
	run(false) == {{"id": "cluster", "message": "storage is not encrypted at rest"}}
}

test_fails_when_the_encryption_flag_is_null if {
	count(run(null)) == 1
}
