package vouch.azure.sql.server_auditing_test

import data.vouch.azure.sql.server_auditing as check
import rego.v1

defaults := {"min_retention_days": 90}

audit(state, days) := {"state": state, "retention_days": days, "storage_endpoint": "https://a.blob.core.windows.net/", "azure_monitor_target_enabled": null}

run(auditing, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "auditing": auditing}], "params": params}
}

test_passes_when_auditing_keeps_records_for_the_minimum if {
	count(run(audit("Enabled", 90), defaults)) == 0
}

test_passes_when_auditing_keeps_records_indefinitely if {
	count(run(audit("Enabled", 0), defaults)) == 0
}

test_fails_when_auditing_is_disabled if {
	run(audit("Disabled", 0), defaults) == {{"id": "srv", "message": "server auditing is Disabled"}}
}

test_fails_when_records_are_kept_fewer_days_than_the_minimum if {
	run(audit("Enabled", 30), defaults) == {{"id": "srv", "message": "audit records are kept 30 days (in storage), fewer than 90"}}
}

test_fails_when_a_pack_asks_for_six_years if {
	run(audit("Enabled", 365), {"min_retention_days": 2190}) == {{"id": "srv", "message": "audit records are kept 365 days (in storage), fewer than 2190"}}
}

test_passes_a_six_year_policy_when_records_are_kept_indefinitely if {
	count(run(audit("Enabled", 0), {"min_retention_days": 2190})) == 0
}

law := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law-audit"

to_workspace(days) := {
	"state": "Enabled", "retention_days": 0, "storage_endpoint": null, "azure_monitor_target_enabled": true,
	"log_analytics_retention": [{"setting": "audit", "workspace_id": law, "retention_days": days}],
}

test_passes_when_auditing_goes_only_to_a_workspace_that_keeps_it_long_enough if {
	count(run(to_workspace(2557), {"min_retention_days": 2190})) == 0
}

# retentionDays = 0 applies to the storage destination; with none, it is not "forever".
test_fails_when_auditing_goes_only_to_a_workspace_that_keeps_it_too_short if {
	run(to_workspace(30), defaults) == {{"id": "srv", "message": "audit records are kept 30 days (in workspace law-audit), fewer than 90"}}
}

test_fails_when_auditing_goes_to_no_destination_whose_retention_is_known if {
	a := {"state": "Enabled", "retention_days": 0, "storage_endpoint": null, "azure_monitor_target_enabled": true, "log_analytics_retention": []}
	run(a, defaults) == {{"id": "srv", "message": "auditing is on but sends records to no storage account or Log Analytics workspace (the master database's diagnostic settings send SQLSecurityAuditEvents to no workspace), so no retention keeps them"}}
}

test_passes_when_either_destination_keeps_it_long_enough if {
	a := object.union(to_workspace(30), {"storage_endpoint": "https://a.blob.core.windows.net/", "retention_days": 120})
	count(run(a, defaults)) == 0
	run(a, {"min_retention_days": 365}) == {{"id": "srv", "message": "audit records are kept 120 days (in storage), fewer than 365"}}
}

test_fails_when_the_state_is_not_reported if {
	run(audit(null, 0), defaults) == {{"id": "srv", "message": "server auditing is not reported"}}
}

test_fails_when_the_auditing_settings_are_null if {
	run(null, defaults) == {{"id": "srv", "message": "the server reports no auditing settings"}}
}

test_counts_only_a_workspace_when_a_pack_asks_for_one if {
	stored := audit("Enabled", 0)
	run(stored, {"min_retention_days": 1, "destinations": ["workspace"]}) == {{"id": "srv", "message": "auditing is on but sends records to no Log Analytics workspace (the master database's diagnostic settings send SQLSecurityAuditEvents to no workspace), so no retention keeps them"}}
	count(run(to_workspace(30), {"min_retention_days": 1, "destinations": ["workspace"]})) == 0
}
