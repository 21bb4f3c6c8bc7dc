package vouch.azure.backup.vault_protected_items_test

import data.vouch.azure.backup.vault_protected_items as check
import rego.v1

item(name, status) := {
	"name": name, "item_type": "Microsoft.Compute/virtualMachines",
	"source_resource_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
	"protection_state": "Protected", "last_backup_status": status,
	"last_backup_time": "2026-01-01T02:00:00Z",
}

run(items) := denied if {
	denied := check.deny with input as {"resources": [{"id": "vault", "protected_items": items}], "params": {}}
}

test_passes_when_the_vault_protects_a_healthy_item if {
	count(run([item("vm1", "Healthy")])) == 0
}

test_passes_when_an_item_reports_no_status_yet if {
	count(run([item("vm1", null)])) == 0
}

test_fails_when_the_vault_protects_nothing if {
	run([]) == {{"id": "vault", "message": "the vault protects nothing: it has no protected items"}}
}

test_fails_when_the_item_list_is_null if {
	run(null) == {{"id": "vault", "message": "the vault protects nothing: it has no protected items"}}
}

test_fails_for_an_item_whose_last_backup_is_unhealthy if {
	run([item("vm1", "Healthy"), item("vm2", "Unhealthy")]) == {{"id": "vault", "message": "protected item vm2 (Microsoft.Compute/virtualMachines) reports last backup status Unhealthy"}}
}

test_fails_for_an_item_whose_first_backup_is_pending if {
	count(run([item("vm1", "IRPending")])) == 1
}
