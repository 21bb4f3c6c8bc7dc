package vouch.azure.keyvault.audit_logged_test

import data.vouch.azure.keyvault.audit_logged as check
import rego.v1

kv := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"

ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central"

sa := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/archive"

all_kinds := {"categories": ["AuditEvent"], "destinations": ["workspace", "storage", "event_hub"]}

workspace_only := {"categories": ["AuditEvent"], "destinations": ["workspace"]}

setting(name, categories, workspace, storage) := {
	"name": name, "categories": categories, "workspace_id": workspace,
	"storage_account_id": storage, "event_hub_authorization_rule_id": null,
}

run(logs, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": kv, "audit_logs": logs}], "params": params}
}

test_passes_when_audit_events_go_to_a_workspace if {
	count(run([setting("kv-audit", ["AuditEvent"], ws, null)], workspace_only)) == 0
	count(run([setting("kv-audit", ["audit"], ws, null)], workspace_only)) == 0
}

test_fails_without_a_setting if {
	count(run([], all_kinds)) == 1
}

test_fails_an_archive_when_only_a_workspace_counts if {
	run([setting("archive", ["AuditEvent"], null, sa)], workspace_only) == {{"id": kv, "message": "no diagnostic setting of the vault exports AuditEvent to a Log Analytics workspace: setting archive sends them to no Log Analytics workspace"}}
	count(run([setting("archive", ["AuditEvent"], null, sa)], all_kinds)) == 0
}

test_fails_a_setting_with_only_other_categories if {
	count(run([setting("metrics", ["AzurePolicyEvaluationDetails"], ws, null)], all_kinds)) == 1
}
