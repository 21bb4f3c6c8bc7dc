package vouch.azure.storage.encryption_at_rest_test

import data.vouch.azure.storage.encryption_at_rest as check
import rego.v1

id := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a"

run(encryption) := denied if {
	denied := check.deny with input as {"resources": [{"id": id, "encryption": encryption}], "params": {}}
}

enc(blob, file) := {"key_source": "Microsoft.Storage", "blob_enabled": blob, "file_enabled": file, "require_infrastructure_encryption": null, "key_vault_uri": null}

test_passes_when_blob_and_file_encryption_are_enabled if {
	count(run(enc(true, true))) == 0
}

test_fails_when_blob_encryption_is_disabled if {
	run(enc(false, true)) == {{"id": id, "message": "blob encryption at rest is disabled"}}
}

test_fails_when_file_encryption_is_not_reported if {
	run(enc(true, null)) == {{"id": id, "message": "file encryption at rest is not reported as enabled"}}
}

test_fails_for_each_service_not_reported if {
	count(run(enc(null, null))) == 2
}

test_fails_when_the_encryption_settings_are_null if {
	run(null) == {{"id": id, "message": "the account reports no encryption settings"}}
}
