package vouch.aws.directconnect.connection_encrypted_test

import data.vouch.aws.directconnect.connection_encrypted as check
import rego.v1

run(state, mode, status) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "dxcon-1", "state": state, "encryption_mode": mode, "port_encryption_status": status}],
		"params": {},
	}
}

test_passes_with_macsec_must_encrypt if {
	count(run("available", "must_encrypt", "Encryption Up")) == 0
}

# With must_encrypt, a link whose MACsec session is down drops traffic instead of
# sending it in clear text.
test_passes_with_must_encrypt_while_the_session_is_down if {
	count(run("available", "must_encrypt", "Encryption Down")) == 0
}

test_fails_without_macsec if {
	run("available", null, null) == {{"id": "dxcon-1", "message": "the connection is not MACsec-encrypted (encryption mode none, port encryption none): its traffic crosses the link in clear text unless a VPN runs over it"}}
}

test_fails_when_encryption_may_fall_back_or_is_off if {
	count(run("available", "should_encrypt", "Encryption Up")) == 1
	count(run("down", "no_encrypt", null)) == 1
}

test_a_deleted_connection_is_not_judged if {
	count(run("deleted", null, null)) == 0
}
