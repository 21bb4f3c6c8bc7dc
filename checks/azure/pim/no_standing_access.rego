# METADATA
# title: Privileged Azure roles on the subscription are held only through PIM activation
# description: >-
#   Lists the active role assignments at, above and below the subscription (Privileged
#   Identity Management's role assignment schedule instances) and fails each of a role in
#   `privileged_roles` (role definition GUID -> name; Owner, Contributor, User Access
#   Administrator and Role Based Access Control Administrator by default) that a judged
#   principal holds other than through a PIM activation (assignmentType "Assigned"):
#   permanently (no end), or for longer than `max_active_hours` (a time-bound active
#   assignment is standing access until it ends). Activated assignments pass: PIM
#   limits them to the activation duration its policy allows
#   (azure-pim-activation-limited judges that limit). Principals whose type is in
#   `exempt_principal_types` are not judged. Passes when no one holds a privileged role
#   outright; `error` when the schedule instances cannot be read (403, or a tenant
#   without Entra ID P2 or Governance).
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/rest/api/authorization/role-assignment-schedule-instances/list-for-scope
#     description: Role Assignment Schedule Instances - List For Scope (2020-10-01)
#   - ref: https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-resource-roles-assign-roles
#     description: Assign Azure resource roles in Privileged Identity Management
# custom:
#   id: azure-pim-no-standing-privileged-access
#   severity: high
#   provider: azure
#   service: pim
#   resource_type: azure_privileged_access
#   requires: [active_role_assignments]
#   rationale: >-
#     A standing Owner or Contributor is a permanent key to every resource of the
#     subscription: whoever steals that identity needs no approval and leaves no
#     activation record. Just-in-time activation keeps privileged access to the time and
#     scope a task needs. Microsoft cloud security benchmark v1, control PA-2 ("Avoid
#     standing access for accounts and permissions").
#   remediation: >-
#     In Entra ID > Privileged Identity Management > Azure resources > the subscription >
#     Assignments, turn each active assignment of a privileged role into an eligible one
#     (Update > Eligible), or remove it; holders then activate the role for the time a
#     task needs.
#   params:
#     privileged_roles:
#       8e3af657-a8ff-443c-a75c-2fe8c4bcb635: Owner
#       b24988ac-6180-42a0-ab88-20f7382dd24c: Contributor
#       18d7d88d-d35e-4fb5-a5c3-7773c20a72d9: User Access Administrator
#       f58310d9-a9f6-439a-9e8d-f62e7b41a168: Role Based Access Control Administrator
#     exempt_principal_types: []
#     max_active_hours: 8
package vouch.azure.pim.no_standing_access

import data.vouch.lib.azure_pim
import rego.v1

hour_ns := 3600000000000

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some a in azure_pim.privileged_assignments(s.active_role_assignments, input.params)
	a.assignment_type != "Activated"
	how := standing(a)
	msg := sprintf("%s holds %s at %s %s, not through a PIM activation", [
		azure_pim.principal(a),
		azure_pim.role_name(a.role_definition_id, input.params.privileged_roles, a.role_name),
		a.scope, how,
	])
}

standing(a) := "permanently" if a.end == null

standing(a) := sprintf("for %s hours (until %s)", [format_int(hours, 10), a.end]) if {
	is_string(a.end)
	from := start_ns(a)
	hours := ceil((time.parse_rfc3339_ns(a.end) - from) / hour_ns)
	hours > input.params.max_active_hours
}

start_ns(a) := time.parse_rfc3339_ns(a.start) if is_string(a.start)

start_ns(a) := time.now_ns() if not is_string(a.start)
