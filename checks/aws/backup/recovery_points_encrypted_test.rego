package vouch.aws.backup.recovery_points_encrypted_test

import data.vouch.aws.backup.recovery_points_encrypted as check
import rego.v1

run(points) := denied if {
	denied := check.deny with input as {"resources": [{"id": "vault", "recovery_points": points}], "params": {}}
}

point(arn, encrypted) := {"arn": arn, "resource_type": "EBS", "status": "COMPLETED", "encrypted": encrypted, "encryption_key_arn": null}

test_passes_when_every_recovery_point_is_encrypted if {
	count(run([point("rp-1", true), point("rp-2", true)])) == 0
}

test_passes_when_the_vault_holds_no_recovery_point if {
	count(run([])) == 0
}

test_fails_when_a_recovery_point_is_not_encrypted if {
	run([point("rp-1", true), point("rp-2", false)]) == {{"id": "vault", "message": "1 recovery point(s) are not encrypted: rp-2"}}
}

# An unread point is null; the collector keeps it only next to an unencrypted one
# (otherwise the vault's recovery_points is unreadable and the vault an error).
test_fails_on_the_unencrypted_point_when_another_is_unread if {
	run([point("rp-1", null), point("rp-2", false)]) == {{"id": "vault", "message": "1 recovery point(s) are not encrypted: rp-2"}}
}
