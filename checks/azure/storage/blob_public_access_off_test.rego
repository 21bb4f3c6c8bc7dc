package vouch.azure.storage.blob_public_access_off_test

import data.vouch.azure.storage.blob_public_access_off as check
import rego.v1

run(value) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "allow_blob_public_access": value}], "params": {}}
}

test_passes_when_public_access_is_disallowed if {
	count(run(false)) == 0
}

test_passes_when_the_setting_is_null_which_azure_documents_as_false if {
	count(run(null)) == 0
}

test_fails_when_public_access_is_allowed if {
	run(true) == {{"id": "a", "message": "anonymous public read access to blobs is allowed on the account"}}
}
