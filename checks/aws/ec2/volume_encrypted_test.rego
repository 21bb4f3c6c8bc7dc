package vouch.aws.ec2.volume_encrypted_test

import data.vouch.aws.ec2.volume_encrypted as check
import rego.v1

run(encrypted) := denied if {
	denied := check.deny with input as {"resources": [{"id": "vol-1", "encrypted": encrypted}], "params": {}}
}

test_passes_when_the_volume_is_encrypted if {
	count(run(true)) == 0
}

test_fails_when_the_volume_is_not_encrypted if {
	run(false) == {{"id": "vol-1", "message": "the volume is not encrypted"}}
}
