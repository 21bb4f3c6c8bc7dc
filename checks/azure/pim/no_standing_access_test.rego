package vouch.azure.pim.no_standing_access_test

import data.vouch.azure.pim.no_standing_access as check
import rego.v1

sub := "/subscriptions/s"

owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

reader := "acdd72a7-3385-48ef-bd42-f606fba81ae7"

params := {
	"privileged_roles": {"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner"},
	"exempt_principal_types": ["ServicePrincipal"],
	"max_active_hours": 8,
}

assignment(role, kind, type, start, end) := {
	"role_definition_id": role, "role_name": null, "principal_id": "p1",
	"principal_type": type, "principal_name": "Ada", "scope": sub,
	"assignment_type": kind, "member_type": "Direct", "start": start, "end": end,
}

run(rows) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "active_role_assignments": rows}], "params": params}
}

test_fails_a_permanent_assigned_owner if {
	run([assignment(owner, "Assigned", "User", "2025-01-01T00:00:00Z", null)]) == {{"id": sub, "message": "User Ada holds Owner at /subscriptions/s permanently, not through a PIM activation"}}
}

test_fails_a_time_bound_assignment_longer_than_the_limit if {
	denied := run([assignment(owner, "Assigned", "Group", "2025-01-01T00:00:00Z", "2025-12-31T00:00:00Z")])
	some d in denied
	contains(d.message, "for 8736 hours (until 2025-12-31T00:00:00Z)")
}

test_passes_an_activation_and_a_short_assignment if {
	count(run([
		assignment(owner, "Activated", "User", "2025-01-01T00:00:00Z", "2025-01-01T04:00:00Z"),
		assignment(owner, "Assigned", "User", "2025-01-01T00:00:00Z", "2025-01-01T06:00:00.5Z"),
	])) == 0
}

test_passes_other_roles_and_exempt_principal_types if {
	count(run([
		assignment(reader, "Assigned", "User", null, null),
		assignment(owner, "Assigned", "ServicePrincipal", null, null),
	])) == 0
}

test_judges_a_principal_of_unreported_type if {
	count(run([assignment(owner, "Assigned", null, null, null)])) == 1
}

test_passes_when_no_one_holds_a_role if {
	count(run([])) == 0
}
