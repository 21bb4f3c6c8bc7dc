# METADATA
# title: Activating a privileged Azure role needs someone's approval
# description: >-
#   For each role in `privileged_roles` (role definition GUID -> name), reads the role
#   management policy PIM applies at the subscription (its effective
#   Approval_EndUser_Assignment rule) and passes when an activation requires approval
#   (isApprovalRequired) by at least one named approver (a user or group in an approval
#   stage). Fails naming the role, or when the subscription reports no policy for it.
#   Who the approvers are (their seniority) is not visible to an API: the message names
#   them, and a person must judge. `error` when the policies cannot be read.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/rest/api/authorization/role-management-policy-assignments/list-for-scope
#     description: Role Management Policy Assignments - List For Scope (2020-10-01, effectiveRules)
#   - ref: https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-resource-roles-configure-role-settings
#     description: Configure Azure resource role settings in Privileged Identity Management (Require approval to activate)
# custom:
#   id: azure-pim-activation-approval
#   severity: medium
#   provider: azure
#   service: pim
#   resource_type: azure_privileged_access
#   requires: [role_policies]
#   rationale: >-
#     An approval step puts a second person between a privileged identity and the
#     subscription: a stolen eligible account cannot activate Owner alone, and each
#     activation leaves a decision on record. PIM's default policy asks no approval.
#     Microsoft cloud security benchmark v1, control PA-2 ("Avoid standing access for
#     accounts and permissions": just-in-time access with an approval workflow).
#   remediation: >-
#     Entra ID > Privileged Identity Management > Azure resources > the subscription >
#     Settings > the role > Edit > Require approval to activate, and select the
#     approvers.
#   params:
#     privileged_roles:
#       8e3af657-a8ff-443c-a75c-2fe8c4bcb635: Owner
#       b24988ac-6180-42a0-ab88-20f7382dd24c: Contributor
#       18d7d88d-d35e-4fb5-a5c3-7773c20a72d9: User Access Administrator
#       f58310d9-a9f6-439a-9e8d-f62e7b41a168: Role Based Access Control Administrator
package vouch.azure.pim.activation_approval

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
	why := unapproved(p)
	msg := sprintf("an activation of %s %s", [azure_pim.role_name(guid, input.params.privileged_roles, p.role_name), why])
}

unapproved(p) := "needs no approval" if p.approval_required != true

unapproved(p) := "requires approval but names no approver" if {
	p.approval_required == true
	count(azure_pim.items(p.approvers)) == 0
}
