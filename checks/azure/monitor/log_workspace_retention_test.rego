package vouch.azure.monitor.log_workspace_retention_test

import data.vouch.azure.monitor.log_workspace_retention as check
import rego.v1

sub := "/subscriptions/s"

ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central"

sa := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/archive"

defaults := {"categories": ["Administrative", "Security"], "min_retention_days": 365}

six_years := {"categories": ["Administrative"], "min_retention_days": 2190}

setting(name, categories, workspace, storage) := {
	"name": name, "categories": categories, "workspace_id": workspace,
	"storage_account_id": storage, "event_hub_authorization_rule_id": null,
}

table(name, days) := {"name": name, "retention_days": days}

run(exports, tables, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "activity_log_exports": exports, "activity_log_workspace_tables": tables}], "params": params}
}

central := setting("central", ["Administrative", "Security"], ws, null)

test_passes_when_every_table_is_long_enough if {
	rows := [{"setting": "central", "workspace_id": ws, "tables": [table("AzureActivity", 2557), table("SigninLogs", 2190)]}]
	count(run([central], rows, six_years)) == 0
}

test_fails_naming_the_short_tables_shortest_first if {
	rows := [{"setting": "central", "workspace_id": ws, "tables": [table("AzureActivity", 2557), table("Heartbeat", 30), table("AppTraces", 90)]}]
	run([central], rows, six_years) == {{"id": sub, "message": "workspace central (receiving the Activity Log from setting central) keeps these tables fewer than 2190 days: Heartbeat (30 days), AppTraces (90 days)"}}
}

test_lists_at_most_ten_tables if {
	tables := [table(sprintf("T%02d", [i]), 30) | some i in numbers.range(1, 12)]
	denied := run([central], [{"setting": "central", "workspace_id": ws, "tables": tables}], defaults)
	some d in denied
	endswith(d.message, "T10 (30 days) and 2 more")
}

test_ignores_a_workspace_of_a_setting_missing_a_category if {
	partial := setting("partial", ["Administrative"], ws, null)
	rows := [{"setting": "partial", "workspace_id": ws, "tables": [table("Heartbeat", 30)]}]
	count(run([partial], rows, defaults)) == 0
}

test_passes_when_no_workspace_receives_the_log if {
	count(run([setting("archive", ["allLogs"], null, sa)], [], defaults)) == 0
}

test_a_table_without_retention_counts_as_short if {
	rows := [{"setting": "central", "workspace_id": ws, "tables": [{"name": "Odd", "retention_days": null}]}]
	count(run([central], rows, defaults)) == 1
}

test_ignores_short_tables_that_hold_no_data if {
	rows := [{"setting": "central", "workspace_id": ws, "tables": [
		object.union(table("AzureActivity", 2557), {"has_data": true}),
		object.union(table("SurfaceHubDns", 30), {"has_data": false}),
	]}]
	count(run([central], rows, six_years)) == 0
}

test_judges_a_short_table_that_holds_data if {
	rows := [{"setting": "central", "workspace_id": ws, "tables": [object.union(table("AppTraces", 90), {"has_data": true})]}]
	count(run([central], rows, six_years)) == 1
}
