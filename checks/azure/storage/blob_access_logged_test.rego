package vouch.azure.storage.blob_access_logged_test

import data.vouch.azure.storage.blob_access_logged as check
import rego.v1

acct := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"

ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central"

params := {"categories": ["StorageRead", "StorageWrite", "StorageDelete"], "destinations": ["workspace", "storage", "event_hub"]}

setting(name, categories, workspace) := {
	"name": name, "categories": categories, "workspace_id": workspace,
	"storage_account_id": null, "event_hub_authorization_rule_id": null,
}

run(logs) := denied if {
	denied := check.deny with input as {"resources": [{"id": acct, "blob_access_logs": logs}], "params": params}
}

test_passes_when_reads_writes_and_deletes_go_to_a_workspace if {
	count(run([setting("blob-access", ["StorageDelete", "StorageRead", "StorageWrite"], ws)])) == 0
}

test_passes_with_the_audit_or_all_logs_group if {
	count(run([setting("audit", ["audit"], ws)])) == 0
	count(run([setting("all", ["allLogs"], ws)])) == 0
}

test_fails_without_a_setting if {
	run([]) == {{"id": acct, "message": "the blob service has no diagnostic setting: reads, writes and deletes of its blobs are not logged"}}
}

test_fails_naming_the_missing_categories if {
	run([setting("writes", ["StorageWrite"], ws)]) == {{"id": acct, "message": "no diagnostic setting of the blob service exports StorageRead, StorageWrite, StorageDelete to a destination: setting writes does not export StorageDelete, StorageRead"}}
}

test_fails_a_setting_without_destination if {
	count(run([setting("nowhere", ["allLogs"], null)])) == 1
}
