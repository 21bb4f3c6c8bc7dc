# METADATA
# title: Activating a privileged Azure role is limited to a few hours
# description: >-
#   For each role in `privileged_roles` (role definition GUID -> name), reads the role
#   management policy PIM applies at the subscription (its effective
#   Expiration_EndUser_Assignment rule) and passes when an activation must end
#   (isExpirationRequired) and may last at most `max_activation_hours`. Fails naming the
#   role and its maximum duration, or when the subscription reports no policy for the
#   role. `error` when the policies cannot be read or a rule is missing from the answer.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/rest/api/authorization/role-management-policy-assignments/list-for-scope
#     description: Role Management Policy Assignments - List For Scope (2020-10-01, effectiveRules)
#   - ref: https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-resource-roles-configure-role-settings
#     description: Configure Azure resource role settings in Privileged Identity Management
# custom:
#   id: azure-pim-activation-limited
#   severity: medium
#   provider: azure
#   service: pim
#   resource_type: azure_privileged_access
#   requires: [role_policies]
#   rationale: >-
#     Just-in-time access is only as short as the longest activation allowed: a policy
#     that lets Owner be activated for a day or without end is standing access by
#     another name. PIM's default is 8 hours. Microsoft cloud security benchmark
#     v1, control PA-2 ("Avoid standing access for accounts and permissions": just-in-time
#     access for a limited time).
#   remediation: >-
#     Entra ID > Privileged Identity Management > Azure resources > the subscription >
#     Settings > the role > Edit > Activation maximum duration (hours): set it to the
#     limit or less.
#   params:
#     privileged_roles:
#       8e3af657-a8ff-443c-a75c-2fe8c4bcb635: Owner
#       b24988ac-6180-42a0-ab88-20f7382dd24c: Contributor
#       18d7d88d-d35e-4fb5-a5c3-7773c20a72d9: User Access Administrator
#       f58310d9-a9f6-439a-9e8d-f62e7b41a168: Role Based Access Control Administrator
#     max_activation_hours: 8
package vouch.azure.pim.activation_limited

import data.vouch.lib.azure_pim
import rego.v1

policies(s, guid) := [p | some p in azure_pim.items(s.role_policies); p.role_definition_id == guid]

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some guid in azure_pim.privileged_guids(input.params.privileged_roles)
	count(policies(s, guid)) == 0
	msg := sprintf("the subscription reports no role management policy for %s", [azure_pim.role_name(guid, input.params.privileged_roles, null)])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some guid in azure_pim.privileged_guids(input.params.privileged_roles)
	some p in policies(s, guid)
	why := too_long(p)
	msg := sprintf("an activation of %s %s (the limit is %d hours)", [
		azure_pim.role_name(guid, input.params.privileged_roles, p.role_name), why,
		input.params.max_activation_hours,
	])
}

too_long(p) := "need not end" if p.activation_expiration_required != true

too_long(p) := sprintf("may last %s", [p.activation_max_duration]) if {
	p.activation_expiration_required == true
	not p.activation_max_minutes <= input.params.max_activation_hours * 60
}
