package vouch.aws.ec2.snapshot_encrypted_test

import data.vouch.aws.ec2.snapshot_encrypted as check
import rego.v1

run(encrypted) := denied if {
	denied := check.deny with input as {"resources": [{"id": "snap-1", "encrypted": encrypted}], "params": {}}
}

test_passes_when_the_snapshot_is_encrypted if {
	count(run(true)) == 0
}

test_fails_when_the_snapshot_is_not_encrypted if {
	run(false) == {{"id": "snap-1", "message": "the snapshot is not encrypted"}}
}
