package vouch.aws.elasticache.replication_group_encrypted_in_transit_test

import data.vouch.aws.elasticache.replication_group_encrypted_in_transit as check
import rego.v1

run(on, mode) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "g", "transit_encryption_enabled": on, "transit_encryption_mode": mode}],
		"params": {},
	}
}

test_passes_when_tls_is_required if {
	count(run(true, "required")) == 0
}

test_passes_when_tls_is_on_without_a_migration_mode if {
	count(run(true, null)) == 0
}

test_fails_when_plain_connections_are_still_preferred if {
	run(true, "preferred") == {{"id": "g", "message": "in-transit encryption is in preferred mode: plain connections are still accepted"}}
}

test_fails_when_in_transit_encryption_is_off if {
	run(false, null) == {{"id": "g", "message": "in-transit encryption is off"}}
}

test_fails_when_the_flag_is_null if {
	count(run(null, null)) == 1
}
