package vouch.azure.storage.https_only_test

import data.vouch.azure.storage.https_only as check
import rego.v1

run(value) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "https_only": value}], "params": {}}
}

test_passes_when_secure_transfer_is_required if {
	count(run(true)) == 0
}

test_fails_when_http_is_accepted if {
	run(false) == {{"id": "a", "message": "secure transfer is not required: the account accepts plain HTTP requests"}}
}

test_fails_when_the_setting_is_null if {
	run(null) == {{"id": "a", "message": "the account does not report whether secure transfer is required"}}
}
