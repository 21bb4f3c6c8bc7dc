package vouch.azure.storage.infrastructure_encryption_test

import data.vouch.azure.storage.infrastructure_encryption as check
import rego.v1

run(enc) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "encryption": enc}], "params": {}}
}

enc(infra) := {"key_source": "Microsoft.Storage", "blob_enabled": true, "file_enabled": true, "require_infrastructure_encryption": infra, "key_vault_uri": null}

test_passes_when_infrastructure_encryption_is_required if {
	count(run(enc(true))) == 0
}

test_fails_when_infrastructure_encryption_is_off if {
	run(enc(false)) == {{"id": "a", "message": "infrastructure (double) encryption is disabled"}}
}

test_fails_when_infrastructure_encryption_is_not_reported if {
	run(enc(null)) == {{"id": "a", "message": "infrastructure (double) encryption is not enabled (not reported)"}}
}

test_fails_when_the_encryption_settings_are_null if {
	count(run(null)) == 1
}
