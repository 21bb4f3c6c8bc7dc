package vouch.azure.monitor.activity_log_retention_test

import data.vouch.azure.monitor.activity_log_retention as check
import rego.v1

defaults := {"categories": ["Administrative", "Security"], "min_retention_days": 365}

sub := "/subscriptions/s"

ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central"

sa := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/archive"

eh := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/authorizationrules/send"

setting(name, categories, workspace, storage, hub) := {
	"name": name, "categories": categories, "workspace_id": workspace,
	"storage_account_id": storage, "event_hub_authorization_rule_id": hub,
}

row(name, destination, id, days, forever) := {
	"setting": name, "destination": destination, "destination_id": id,
	"retention_days": days, "kept_indefinitely": forever,
}

run(exports, retention, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "activity_log_exports": exports, "activity_log_retention": retention}], "params": params}
}

central := setting("central", ["Administrative", "Security"], ws, null, null)

test_passes_when_the_workspace_keeps_the_log_a_year if {
	count(run([central], [row("central", "log_analytics", ws, 365, false)], defaults)) == 0
}

test_passes_when_a_storage_account_without_lifecycle_policy_keeps_it_indefinitely if {
	s := setting("archive", ["allLogs"], null, sa, null)
	count(run([s], [row("archive", "storage", sa, null, true)], defaults)) == 0
}

test_passes_when_one_destination_of_the_setting_is_long_enough if {
	s := setting("both", ["allLogs"], ws, sa, null)
	count(run([s], [row("both", "log_analytics", ws, 30, false), row("both", "storage", sa, 2555, false)], defaults)) == 0
}

test_fails_when_the_workspace_keeps_it_only_90_days if {
	run([central], [row("central", "log_analytics", ws, 90, false)], defaults) == {{"id": sub, "message": "the exported Activity Log is kept at most 90 days (log_analytics central of setting central), fewer than 365"}}
}

test_fails_a_six_year_policy_with_a_one_year_workspace if {
	run([central], [row("central", "log_analytics", ws, 365, false)], {"categories": ["Administrative", "Security"], "min_retention_days": 2190}) == {{"id": sub, "message": "the exported Activity Log is kept at most 365 days (log_analytics central of setting central), fewer than 2190"}}
}

test_fails_with_the_best_retention_of_several_settings if {
	other := setting("other", ["allLogs"], null, sa, null)
	denied := run([central, other], [row("central", "log_analytics", ws, 90, false), row("other", "storage", sa, 180, false)], defaults)
	denied == {{"id": sub, "message": "the exported Activity Log is kept at most 180 days (storage archive of setting other), fewer than 365"}}
}

test_fails_ignoring_the_retention_of_a_setting_missing_a_category if {
	partial := setting("partial", ["Administrative"], null, sa, null)
	denied := run([central, partial], [row("central", "log_analytics", ws, 90, false), row("partial", "storage", sa, null, true)], defaults)
	denied == {{"id": sub, "message": "the exported Activity Log is kept at most 90 days (log_analytics central of setting central), fewer than 365"}}
}

test_fails_when_the_log_goes_only_to_an_event_hub if {
	hub := setting("siem", ["allLogs"], null, null, eh)
	run([hub], [row("siem", "event_hub", eh, null, false)], defaults) == {{"id": sub, "message": "no destination of the settings exporting the Activity Log (siem) reports a retention period; it also goes to an event hub, whose retention is not visible to vouch"}}
}

test_fails_noting_an_event_hub_beside_a_short_retention if {
	s := setting("mixed", ["allLogs"], ws, null, eh)
	run([s], [row("mixed", "log_analytics", ws, 30, false), row("mixed", "event_hub", eh, null, false)], defaults) == {{"id": sub, "message": "the exported Activity Log is kept at most 30 days (log_analytics central of setting mixed), fewer than 365; it also goes to an event hub, whose retention is not visible to vouch"}}
}

test_fails_when_no_setting_exports_the_categories if {
	run([], [], defaults) == {{"id": sub, "message": "no diagnostic setting exports the Activity Log categories Administrative, Security to a destination, so nothing keeps it beyond Azure's 90 days (see azure-monitor-activity-log-exported)"}}
}

test_fails_when_both_lists_are_null if {
	count(run(null, null, defaults)) == 1
}

test_fails_when_no_retention_row_matches_the_setting if {
	count(run([central], null, defaults)) == 1
}

test_fails_when_a_pack_requires_a_category_the_long_kept_setting_lacks if {
	params := {"categories": ["Administrative", "Security", "Policy"], "min_retention_days": 365}
	run([central], [row("central", "log_analytics", ws, 730, false)], params) == {{"id": sub, "message": "no diagnostic setting exports the Activity Log categories Administrative, Security, Policy to a destination, so nothing keeps it beyond Azure's 90 days (see azure-monitor-activity-log-exported)"}}
}
