package vouch.azure.postgresql.secure_transport_test

import data.vouch.azure.postgresql.secure_transport as check
import rego.v1

run(value) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "require_secure_transport": value}], "params": {}}
}

test_passes_when_secure_transport_is_required if {
	count(run("on")) == 0
}

test_passes_whatever_the_case_of_on if {
	count(run("ON")) == 0
}

test_fails_when_secure_transport_is_off if {
	run("off") == {{"id": "srv", "message": "require_secure_transport is off: the server accepts connections that are not encrypted with TLS"}}
}

test_fails_when_the_parameter_is_null if {
	run(null) == {{"id": "srv", "message": "the server reports no require_secure_transport setting"}}
}
