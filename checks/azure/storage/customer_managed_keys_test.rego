package vouch.azure.storage.customer_managed_keys_test

import data.vouch.azure.storage.customer_managed_keys as check
import rego.v1

run(enc) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "encryption": enc}], "params": {}}
}

enc(source) := {"key_source": source, "blob_enabled": true, "file_enabled": true, "require_infrastructure_encryption": null, "key_vault_uri": null}

test_passes_with_a_key_vault_key if {
	count(run(object.union(enc("Microsoft.Keyvault"), {"key_vault_uri": "https://v.vault.azure.net"}))) == 0
}

test_fails_with_microsoft_managed_keys if {
	run(enc("Microsoft.Storage")) == {{"id": "a", "message": "data is encrypted with key source Microsoft.Storage, not a customer-managed key (Microsoft.Keyvault)"}}
}

test_fails_when_the_key_source_is_not_reported if {
	run(enc(null)) == {{"id": "a", "message": "the account reports no key source, so no customer-managed key is shown"}}
}

test_fails_when_the_encryption_settings_are_null if {
	count(run(null)) == 1
}
