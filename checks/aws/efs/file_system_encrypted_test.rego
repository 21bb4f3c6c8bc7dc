package vouch.aws.efs.file_system_encrypted_test

import data.vouch.aws.efs.file_system_encrypted as check
import rego.v1

run(encrypted) := denied if {
	denied := check.deny with input as {"resources": [{"id": "fs-1", "encrypted": encrypted}], "params": {}}
}

test_passes_when_the_file_system_is_encrypted if {
	count(run(true)) == 0
}

test_fails_when_the_file_system_is_not_encrypted if {
	run(false) == {{"id": "fs-1", "message": "the file system is not encrypted at rest"}}
}

test_fails_when_the_flag_is_null if {
	count(run(null)) == 1
}
