package vouch.azure.defender.plans_in_use_test

import data.vouch.azure.defender.plans_in_use as check
import rego.v1

defaults := {"plan_resource_types": {
	"VirtualMachines": ["microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"],
	"StorageAccounts": ["microsoft.storage/storageaccounts"],
	"SqlServers": ["microsoft.sql/servers"],
	"KeyVaults": ["microsoft.keyvault/vaults"],
}}

sub := "/subscriptions/s"

plan(t) := {"pricing_tier": t, "sub_plan": null}

run(plans, types, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "defender_plans": plans, "resource_types_in_use": types}], "params": params}
}

test_passes_when_the_plans_for_the_types_in_use_are_standard if {
	plans := {"StorageAccounts": plan("Standard"), "SqlServers": plan("Standard"), "VirtualMachines": plan("Free")}
	count(run(plans, ["microsoft.sql/servers", "microsoft.storage/storageaccounts"], defaults)) == 0
}

test_passes_when_no_protected_type_is_in_use if {
	count(run({"StorageAccounts": plan("Free")}, ["microsoft.network/virtualnetworks"], defaults)) == 0
}

test_fails_when_storage_is_in_use_on_the_free_tier if {
	run({"StorageAccounts": plan("Free")}, ["microsoft.storage/storageaccounts"], defaults) == {{"id": sub, "message": "Defender plan StorageAccounts is on the Free tier, but the subscription has microsoft.storage/storageaccounts"}}
}

test_fails_naming_every_type_of_the_plan_in_use if {
	types := ["microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"]
	run({"VirtualMachines": plan("Free")}, types, defaults) == {{"id": sub, "message": "Defender plan VirtualMachines is on the Free tier, but the subscription has microsoft.compute/virtualmachines, microsoft.compute/virtualmachinescalesets"}}
}

test_fails_when_the_plan_is_not_listed if {
	run({}, ["microsoft.keyvault/vaults"], defaults) == {{"id": sub, "message": "Defender plan KeyVaults is not listed for the subscription, but the subscription has microsoft.keyvault/vaults"}}
}

test_fails_once_per_unprotected_plan if {
	plans := {"StorageAccounts": plan("Free"), "SqlServers": plan("Free"), "KeyVaults": plan("Standard")}
	count(run(plans, ["microsoft.storage/storageaccounts", "microsoft.sql/servers", "microsoft.keyvault/vaults"], defaults)) == 2
}

test_compares_resource_types_without_regard_to_case if {
	count(run({"SqlServers": plan("Free")}, ["Microsoft.Sql/servers"], defaults)) == 1
}

test_judges_only_the_plans_a_pack_lists if {
	params := {"plan_resource_types": {"SqlServers": ["microsoft.sql/servers"]}}
	count(run({"StorageAccounts": plan("Free"), "SqlServers": plan("Standard")}, ["microsoft.storage/storageaccounts", "microsoft.sql/servers"], params)) == 0
}

test_fails_when_the_plan_list_is_null if {
	count(run(null, ["microsoft.storage/storageaccounts"], defaults)) == 1
}

test_passes_when_the_type_list_is_null if {
	count(run({}, null, defaults)) == 0
}

test_fails_when_the_pricing_tier_is_null if {
	run({"StorageAccounts": plan(null)}, ["microsoft.storage/storageaccounts"], defaults) == {{"id": sub, "message": "Defender plan StorageAccounts is on the unreported tier, but the subscription has microsoft.storage/storageaccounts"}}
}
