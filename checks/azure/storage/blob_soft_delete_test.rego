package vouch.azure.storage.blob_soft_delete_test

import data.vouch.azure.storage.blob_soft_delete as check
import rego.v1

defaults := {"min_retention_days": 7}

run(policy, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "blob_soft_delete": policy}], "params": params}
}

test_passes_when_deleted_blobs_are_kept_the_minimum if {
	count(run({"enabled": true, "days": 7}, defaults)) == 0
}

test_passes_when_deleted_blobs_are_kept_longer if {
	count(run({"enabled": true, "days": 90}, defaults)) == 0
}

test_fails_when_soft_delete_is_disabled if {
	run({"enabled": false, "days": null}, defaults) == {{"id": "a", "message": "soft delete for blobs is disabled"}}
}

test_fails_when_deleted_blobs_are_kept_too_briefly if {
	run({"enabled": true, "days": 1}, defaults) == {{"id": "a", "message": "deleted blobs are kept 1 day, fewer than 7"}}
}

test_fails_when_a_pack_asks_for_a_longer_retention if {
	run({"enabled": true, "days": 7}, {"min_retention_days": 30}) == {{"id": "a", "message": "deleted blobs are kept 7 days, fewer than 30"}}
}

test_fails_when_enabled_without_a_number_of_days if {
	run({"enabled": true, "days": null}, defaults) == {{"id": "a", "message": "soft delete for blobs is enabled but reports no retention period"}}
}

test_fails_when_the_policy_is_null if {
	run(null, defaults) == {{"id": "a", "message": "the account reports no blob soft delete policy"}}
}
