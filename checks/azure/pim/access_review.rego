# METADATA
# title: Access to each privileged Azure role held on the subscription is reviewed on a schedule
# description: >-
#   For each role in `privileged_roles` (role definition GUID -> name) that someone holds
#   at, above or below the subscription (an active or an eligible assignment of a principal
#   whose type is not in `exempt_principal_types`), passes when an Azure resource access
#   review of that role on the subscription recurs at least every
#   `max_interval_months` months (absoluteMonthly or relativeMonthly with that interval
#   or less, or weekly) and its series has reviews still to come (no end, or an end date
#   or last occurrence after the scan). Fails naming the role and the reviews found.
#   A review without a role (roleDefinitionId) is not counted. Passes when no privileged
#   role is held. `error` when the assignments or reviews cannot be read.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/rest/api/authorization/access-reviews-2021-12-01-preview/access-review-schedule-definitions/list
#     description: Access Review Schedule Definitions - List (2021-12-01-preview)
#   - ref: https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-create-roles-and-resource-roles-review
#     description: Create an access review of Azure resource roles in PIM
# custom:
#   id: azure-pim-access-review
#   severity: medium
#   provider: azure
#   service: pim
#   resource_type: azure_privileged_access
#   requires: [active_role_assignments, eligible_role_assignments, access_reviews]
#   rationale: >-
#     Privileged access outlives its need unless someone asks, on a schedule, whether
#     each holder still needs it. A recurring access review makes the question and its
#     answers a record. Microsoft cloud security benchmark v1, control PA-4
#     ("Review and reconcile user access regularly").
#   remediation: >-
#     Entra ID > Privileged Identity Management > Azure resources > the subscription >
#     Access reviews > New: select the role, Frequency Quarterly (or more often),
#     Duration and End Never (or a date after the audit period).
#   params:
#     privileged_roles:
#       8e3af657-a8ff-443c-a75c-2fe8c4bcb635: Owner
#       b24988ac-6180-42a0-ab88-20f7382dd24c: Contributor
#       18d7d88d-d35e-4fb5-a5c3-7773c20a72d9: User Access Administrator
#       f58310d9-a9f6-439a-9e8d-f62e7b41a168: Role Based Access Control Administrator
#     exempt_principal_types: []
#     max_interval_months: 3
package vouch.azure.pim.access_review

import data.vouch.lib.azure_pim
import rego.v1

held(s) := {a.role_definition_id |
	some a in array.concat(
		azure_pim.privileged_assignments(s.active_role_assignments, input.params),
		azure_pim.privileged_assignments(s.eligible_role_assignments, input.params),
	)
}

monthly := {"absolutemonthly", "relativemonthly"}

often_enough(r) if {
	lower(r.recurrence_type) in monthly
	r.recurrence_interval <= input.params.max_interval_months
}

often_enough(r) if {
	lower(r.recurrence_type) == "weekly"
	r.recurrence_interval * 7 <= input.params.max_interval_months * 30
}

covers(r, s, guid) if {
	r.role_definition_id == guid
	is_string(r.resource_id)
	lower(r.resource_id) == lower(s.id)
	r.recurring_now == true
	is_string(r.recurrence_type)
	often_enough(r)
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some guid in held(s)
	not any_covers(s, guid)
	msg := sprintf("%s is held on the subscription, and no access review of it recurs at least every %d months%s", [
		azure_pim.role_name(guid, input.params.privileged_roles, null),
		input.params.max_interval_months, found(s, guid),
	])
}

any_covers(s, guid) if {
	some r in azure_pim.items(s.access_reviews)
	covers(r, s, guid)
}

found(s, guid) := msg if {
	reviews := [describe(r) | some r in azure_pim.items(s.access_reviews); r.role_definition_id == guid]
	count(reviews) > 0
	msg := sprintf(" (reviews of it: %s)", [concat("; ", reviews)])
}

found(s, guid) := "" if {
	count([r | some r in azure_pim.items(s.access_reviews); r.role_definition_id == guid]) == 0
}

describe(r) := sprintf("%v: one-time", [r.display_name]) if r.recurrence_type == null

describe(r) := sprintf("%v: every %v %s%s", [r.display_name, r.recurrence_interval, r.recurrence_type, ended(r)]) if r.recurrence_type != null

ended(r) := "" if r.recurring_now == true

ended(r) := sprintf(", series ended %v", [r.series_ends]) if r.recurring_now != true
