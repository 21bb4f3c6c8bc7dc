package vouch.azure.storage.blob_public_access_off_test

import data.vouch.azure.storage.blob_public_access_off as check
import rego.v1

run(value, created) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "allow_blob_public_access": value, "creation_time": created}], "params": {}}
}

test_passes_when_public_access_is_disallowed if {
	count(run(false, "2019-02-01T10:00:00Z")) == 0
}

test_passes_when_the_setting_is_null_on_an_account_created_after_the_default_changed if {
	count(run(null, "2024-03-11T09:14:27Z")) == 0
}

test_fails_when_the_setting_is_null_on_an_account_created_before_november_2023 if {
	run(null, "2019-02-01T10:00:00Z") == {{"id": "a", "message": "allowBlobPublicAccess is not set on an account created 2019-02-01T10:00:00Z, before November 2023: unset allows anonymous public read access to blobs there"}}
}

test_fails_when_public_access_is_allowed if {
	run(true, "2024-03-11T09:14:27Z") == {{"id": "a", "message": "anonymous public read access to blobs is allowed on the account"}}
}
