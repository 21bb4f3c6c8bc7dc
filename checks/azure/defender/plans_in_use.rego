# METADATA
# title: Microsoft Defender for Cloud protects the workloads the subscription runs
# description: >-
#   For each Defender plan in `plan_resource_types` (plan name -> the lowercase ARM
#   resource types it protects), fails when the subscription has a resource of one of
#   those types but the plan's pricing tier is not Standard (it is Free), or the plan is
#   not listed for the subscription at all. The message names the plan and the types in
#   use. Passes when every plan whose resource types are in use is on the Standard
#   tier; plans for types the subscription does not use are not judged. A pack that
#   sets `plan_resource_types` replaces the whole table, so it lists every plan it
#   wants judged.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-cloud-introduction
#     description: What is Microsoft Defender for Cloud?
#   - ref: https://learn.microsoft.com/en-us/azure/defender-for-cloud/enable-enhanced-security
#     description: Enable Defender for Cloud plans on a subscription
#   - ref: https://learn.microsoft.com/en-us/rest/api/defenderforcloud/pricings/list
#     description: Pricings - List (pricingTier, subPlan)
# custom:
#   id: azure-defender-plans-in-use
#   severity: high
#   provider: azure
#   service: defender
#   resource_type: azure_subscription
#   requires: [defender_plans, resource_types_in_use]
#   rationale: >-
#     Defender's workload plans are Azure's intrusion and threat detection: they alert
#     on brute force against VMs, SQL injection, malware uploaded to storage, suspicious
#     Key Vault access and more. On the Free tier none of it runs, so an attack on those
#     resources raises no alert. CIS Microsoft Azure Foundations Benchmark v4.0.0, the "Ensure
#     that Microsoft Defender for ... is set to 'On'" recommendations 9.1.3.1 (Servers),
#     9.1.4.1 (Containers), 9.1.5.1 (Storage), 9.1.6.1 (App Service), 9.1.7.1 to 9.1.7.4
#     (databases), 9.1.8.1 (Key Vault) and 9.1.9.1 (Resource Manager).
#   remediation: >-
#     az security pricing create --name PLAN --tier Standard (e.g. --name
#     StorageAccounts), once per plan the message names, in the subscription (az account
#     set --subscription SUBSCRIPTION).
#   params:
#     plan_resource_types:
#       VirtualMachines: ["microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"]
#       StorageAccounts: ["microsoft.storage/storageaccounts"]
#       SqlServers: ["microsoft.sql/servers"]
#       OpenSourceRelationalDatabases: ["microsoft.dbforpostgresql/flexibleservers", "microsoft.dbformysql/flexibleservers"]
#       KeyVaults: ["microsoft.keyvault/vaults"]
#       AppServices: ["microsoft.web/sites"]
#       Containers: ["microsoft.containerservice/managedclusters"]
#       CosmosDbs: ["microsoft.documentdb/databaseaccounts"]
package vouch.azure.defender.plans_in_use

import rego.v1

in_use(s) := {lower(t) | some t in s.resource_types_in_use; is_string(t)} if is_array(s.resource_types_in_use)

in_use(s) := set() if not is_array(s.resource_types_in_use)

# The plan's protected types the subscription has.
used_types(s, types) := {t | some t in types; lower(t) in in_use(s)}

tier(s, plan) := s.defender_plans[plan].pricing_tier if {
	is_object(s.defender_plans)
	is_object(s.defender_plans[plan])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some plan, types in input.params.plan_resource_types
	used := used_types(s, types)
	count(used) > 0
	tier(s, plan) != "Standard"
	msg := sprintf("Defender plan %s is on the %s tier, but the subscription has %s", [plan, shown(tier(s, plan)), concat(", ", sort(used))])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some plan, types in input.params.plan_resource_types
	used := used_types(s, types)
	count(used) > 0
	not tier(s, plan)
	msg := sprintf("Defender plan %s is not listed for the subscription, but the subscription has %s", [plan, concat(", ", sort(used))])
}

shown(value) := value if is_string(value)

shown(value) := "unreported" if not is_string(value)
