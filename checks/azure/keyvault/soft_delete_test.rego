package vouch.azure.keyvault.soft_delete_test

import data.vouch.azure.keyvault.soft_delete as check
import rego.v1

run(value) := denied if {
	denied := check.deny with input as {"resources": [{"id": "kv", "soft_delete_enabled": value}], "params": {}}
}

test_passes_when_soft_delete_is_enabled if {
	count(run(true)) == 0
}

test_fails_when_soft_delete_is_disabled if {
	run(false) == {{"id": "kv", "message": "soft delete is disabled: deleted keys, secrets and certificates cannot be recovered"}}
}

test_fails_when_soft_delete_is_not_reported if {
	run(null) == {{"id": "kv", "message": "the vault does not report soft delete as enabled"}}
}
