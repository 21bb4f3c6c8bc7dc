package vouch.azure.sentinel.analytics_enabled_test

import data.vouch.azure.sentinel.analytics_enabled as check
import rego.v1

sub := "/subscriptions/s"

ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central"

sa := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/archive"

defaults := {"categories": ["Administrative", "Security"], "kinds": ["Scheduled", "NRT", "Fusion"]}

central := {"name": "central", "categories": ["allLogs"], "workspace_id": ws, "storage_account_id": null, "event_hub_authorization_rule_id": null}

rule(name, kind, enabled) := {"name": name, "kind": kind, "enabled": enabled, "display_name": name}

run(exports, rules, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "activity_log_exports": exports, "sentinel_alert_rules": rules}], "params": params}
}

test_passes_with_an_enabled_scheduled_rule if {
	rows := [{"setting": "central", "workspace_id": ws, "rules": [rule("brute force", "Scheduled", true), rule("fusion", "Fusion", false)]}]
	count(run([central], rows, defaults)) == 0
}

test_fails_when_every_counted_rule_is_disabled if {
	rows := [{"setting": "central", "workspace_id": ws, "rules": [rule("fusion", "Fusion", false), rule("mdca", "MicrosoftSecurityIncidentCreation", true)]}]
	run([central], rows, defaults) == {{"id": sub, "message": "no enabled Sentinel analytics rule of kind Scheduled, NRT, Fusion watches the workspace the Activity Log goes to (central); disabled: fusion"}}
}

test_fails_when_the_log_reaches_no_workspace if {
	archive := {"name": "archive", "categories": ["allLogs"], "workspace_id": null, "storage_account_id": sa, "event_hub_authorization_rule_id": null}
	run([archive], [], defaults) == {{"id": sub, "message": "no diagnostic setting sends the Activity Log categories Administrative, Security to a Log Analytics workspace, so no Sentinel analytics rule can watch it"}}
}

test_fails_a_workspace_without_rules if {
	rows := [{"setting": "central", "workspace_id": ws, "rules": []}]
	run([central], rows, defaults) == {{"id": sub, "message": "no enabled Sentinel analytics rule of kind Scheduled, NRT, Fusion watches the workspace the Activity Log goes to (central)"}}
}

test_kinds_compare_without_case if {
	rows := [{"setting": "central", "workspace_id": ws, "rules": [rule("r", "scheduled", true)]}]
	count(run([central], rows, defaults)) == 0
}
