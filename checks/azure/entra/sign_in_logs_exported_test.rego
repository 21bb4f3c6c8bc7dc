package vouch.azure.entra.sign_in_logs_exported_test

import data.vouch.azure.entra.sign_in_logs_exported as check
import rego.v1

tenant := "/tenants/t"

ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central"

sa := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/archive"

eh := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/authorizationrules/send"

defaults := {"categories": ["SignInLogs", "AuditLogs"], "min_retention_days": 0}

six_years := {"categories": ["SignInLogs", "AuditLogs"], "min_retention_days": 2190}

setting(name, categories, workspace, storage, hub) := {
	"name": name, "categories": categories, "workspace_id": workspace,
	"storage_account_id": storage, "event_hub_authorization_rule_id": hub,
}

row(name, destination, id, days, forever) := {
	"setting": name, "destination": destination, "destination_id": id,
	"retention_days": days, "kept_indefinitely": forever,
}

run(exports, retention, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": tenant, "log_exports": exports, "log_retention": retention}], "params": params}
}

central := setting("central", ["AuditLogs", "SignInLogs"], ws, null, null)

test_passes_when_both_logs_go_to_a_workspace if {
	count(run([central], [row("central", "log_analytics", ws, 30, false)], defaults)) == 0
}

test_passes_six_years_with_a_long_workspace if {
	count(run([central], [row("central", "log_analytics", ws, 2557, false)], six_years)) == 0
}

test_passes_six_years_with_a_storage_account_keeping_them_indefinitely if {
	s := setting("archive", ["AuditLogs", "SignInLogs"], null, sa, null)
	count(run([s], [row("archive", "storage", sa, null, true)], six_years)) == 0
}

test_fails_without_any_setting if {
	run([], [], defaults) == {{"id": tenant, "message": "the tenant has no Entra ID diagnostic setting: its sign-in and audit logs are not exported, and Entra ID keeps them 30 days at most"}}
}

test_fails_when_sign_ins_are_not_exported if {
	s := setting("audit-only", ["AuditLogs"], ws, null, null)
	run([s], [row("audit-only", "log_analytics", ws, 2557, false)], defaults) == {{"id": tenant, "message": "no Entra ID diagnostic setting exports SignInLogs, AuditLogs to a destination: setting audit-only does not export SignInLogs"}}
}

test_fails_when_the_setting_has_no_destination if {
	s := setting("nowhere", ["AuditLogs", "SignInLogs"], null, null, null)
	run([s], [], defaults) == {{"id": tenant, "message": "no Entra ID diagnostic setting exports SignInLogs, AuditLogs to a destination: setting nowhere has no destination"}}
}

test_fails_six_years_with_a_short_workspace if {
	run([central], [row("central", "log_analytics", ws, 90, false)], six_years) == {{"id": tenant, "message": "the exported Entra ID log (SignInLogs, AuditLogs) is kept at most 90 days (log_analytics central of setting central), fewer than 2190"}}
}

test_fails_six_years_with_only_an_event_hub if {
	s := setting("stream", ["AuditLogs", "SignInLogs"], null, null, eh)
	run([s], [row("stream", "event_hub", eh, null, false)], six_years) == {{"id": tenant, "message": "no destination of the settings exporting the Entra ID log (SignInLogs, AuditLogs) (stream) reports a retention period; it also goes to an event hub, whose retention is not visible to vouch"}}
}

test_ignores_the_retention_of_a_setting_missing_a_category if {
	partial := setting("partial", ["SignInLogs"], null, sa, null)
	denied := run([central, partial], [row("central", "log_analytics", ws, 90, false), row("partial", "storage", sa, null, true)], six_years)
	denied == {{"id": tenant, "message": "the exported Entra ID log (SignInLogs, AuditLogs) is kept at most 90 days (log_analytics central of setting central), fewer than 2190"}}
}

test_unreadable_exports_are_left_to_the_engine if {
	# requires: log_exports null means the engine reports `error` before this rule runs;
	# the rule itself never passes a tenant whose settings it did not see.
	count(run(null, null, defaults)) == 1
}
