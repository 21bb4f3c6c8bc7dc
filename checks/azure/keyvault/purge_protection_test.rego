package vouch.azure.keyvault.purge_protection_test

import data.vouch.azure.keyvault.purge_protection as check
import rego.v1

run(value) := denied if {
	denied := check.deny with input as {"resources": [{"id": "kv", "purge_protection_enabled": value}], "params": {}}
}

test_passes_when_purge_protection_is_enabled if {
	count(run(true)) == 0
}

test_fails_when_purge_protection_is_disabled if {
	run(false) == {{"id": "kv", "message": "purge protection is disabled: deleted keys and secrets can be erased before their retention period ends"}}
}

test_fails_when_purge_protection_was_never_turned_on if {
	run(null) == {{"id": "kv", "message": "purge protection has never been turned on: deleted keys and secrets can be erased before their retention period ends"}}
}
