package vouch.azure.monitor.activity_log_exported_test

import data.vouch.azure.monitor.activity_log_exported as check
import rego.v1

defaults := {"categories": ["Administrative", "Security"], "destinations": ["workspace", "storage", "event_hub"]}

sub := "/subscriptions/s"

setting(name, categories, workspace) := {
	"name": name, "categories": categories, "workspace_id": workspace,
	"storage_account_id": null, "event_hub_authorization_rule_id": null,
}

ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central"

run(exports, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "activity_log_exports": exports}], "params": params}
}

test_passes_when_a_setting_exports_administrative_and_security_to_a_workspace if {
	count(run([setting("central", ["Administrative", "Security", "Policy"], ws)], defaults)) == 0
}

test_passes_when_a_setting_exports_all_logs if {
	count(run([setting("all", ["allLogs"], ws)], defaults)) == 0
}

test_passes_when_a_setting_exports_to_a_storage_account_only if {
	s := object.union(setting("archive", ["Administrative", "Security"], null), {"storage_account_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"})
	count(run([s], defaults)) == 0
}

test_passes_when_one_of_several_settings_exports_everything if {
	count(run([setting("partial", ["Administrative"], ws), setting("full", ["Administrative", "Security"], ws)], defaults)) == 0
}

test_fails_without_any_diagnostic_setting if {
	run([], defaults) == {{"id": sub, "message": "the subscription has no diagnostic setting: its Activity Log is not exported, and Azure keeps it only 90 days"}}
}

test_fails_when_the_export_list_is_null if {
	count(run(null, defaults)) == 1
}

test_fails_naming_the_categories_each_setting_misses if {
	run([setting("ops", ["Administrative", "ServiceHealth"], ws), setting("sec", ["Alert"], ws)], defaults) == {{"id": sub, "message": "no diagnostic setting exports the Activity Log categories Administrative, Security to a destination: setting ops does not export Security; setting sec does not export Administrative, Security"}}
}

test_fails_when_the_setting_has_no_destination if {
	run([setting("nowhere", ["allLogs"], null)], defaults) == {{"id": sub, "message": "no diagnostic setting exports the Activity Log categories Administrative, Security to a destination: setting nowhere has no destination"}}
}

test_fails_when_a_pack_requires_more_categories if {
	run([setting("central", ["Administrative", "Security"], ws)], {"categories": ["Administrative", "Security", "Policy"], "destinations": ["workspace", "storage", "event_hub"]}) == {{"id": sub, "message": "no diagnostic setting exports the Activity Log categories Administrative, Security, Policy to a destination: setting central does not export Policy"}}
}

test_compares_categories_without_regard_to_case if {
	count(run([setting("central", ["administrative", "SECURITY"], ws)], defaults)) == 0
}

sa := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/archive"

workspace_only := {"categories": ["Administrative"], "destinations": ["workspace"]}

test_a_storage_archive_does_not_count_when_only_a_workspace_does if {
	s := {"name": "archive", "categories": ["Administrative"], "workspace_id": null, "storage_account_id": sa, "event_hub_authorization_rule_id": null}
	count(run([s], {"categories": ["Administrative"], "destinations": ["workspace", "storage", "event_hub"]})) == 0
	run([s], workspace_only) == {{"id": sub, "message": "no diagnostic setting exports the Activity Log categories Administrative to a Log Analytics workspace: setting archive sends them to no Log Analytics workspace"}}
}

test_a_workspace_counts_when_only_a_workspace_does if {
	count(run([setting("central", ["Administrative"], ws)], workspace_only)) == 0
}
