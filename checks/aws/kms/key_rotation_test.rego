package vouch.aws.kms.key_rotation_test

import data.vouch.aws.kms.key_rotation as check
import rego.v1

run(rotation, state) := denied if {
	denied := check.deny with input as {"resources": [{"id": "key", "rotation_enabled": rotation, "key_state": state}], "params": {}}
}

test_passes_when_rotation_is_on if {
	count(run(true, "Enabled")) == 0
}

test_fails_when_an_enabled_key_does_not_rotate if {
	run(false, "Enabled") == {{"id": "key", "message": "automatic key rotation is off"}}
}

test_passes_when_rotation_does_not_apply_to_the_key if {
	count(run(null, "Enabled")) == 0
}

test_passes_when_the_key_is_disabled if {
	count(run(false, "Disabled")) == 0
}

test_passes_when_the_key_is_pending_deletion if {
	count(run(false, "PendingDeletion")) == 0
}
