package vouch.azure.pim.access_review_test

import data.vouch.azure.pim.access_review as check
import rego.v1

sub := "/subscriptions/s"

owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

contributor := "b24988ac-6180-42a0-ab88-20f7382dd24c"

params := {
	"privileged_roles": {owner: "Owner", contributor: "Contributor"},
	"exempt_principal_types": ["ServicePrincipal"],
	"max_interval_months": 3,
}

held(role, type) := {"role_definition_id": role, "principal_type": type, "principal_id": "p", "scope": sub, "assignment_type": "Activated"}

review(role, type, interval, now) := {
	"name": "r", "display_name": "Quarterly owners", "status": "InProgress",
	"resource_id": "/SUBSCRIPTIONS/S", "role_definition_id": role, "assignment_state": "eligible",
	"recurrence_type": type, "recurrence_interval": interval, "series_ends": null, "recurring_now": now,
}

run(active, eligible, reviews) := denied if {
	resource := {
		"id": sub, "active_role_assignments": active, "eligible_role_assignments": eligible,
		"access_reviews": reviews,
	}
	denied := check.deny with input as {"resources": [resource], "params": params}
}

test_passes_a_quarterly_review_of_each_held_role if {
	count(run([held(owner, "User")], [held(contributor, "Group")], [
		review(owner, "absoluteMonthly", 3, true),
		review(contributor, "weekly", 2, true),
	])) == 0
}

test_fails_a_held_role_without_review if {
	run([], [held(owner, "User")], []) == {{"id": sub, "message": "Owner is held on the subscription, and no access review of it recurs at least every 3 months"}}
}

test_fails_a_yearly_one_time_or_ended_review if {
	denied := run([held(owner, "User")], [], [
		review(owner, "absoluteMonthly", 12, true),
		review(owner, null, null, false),
		object.union(review(owner, "absoluteMonthly", 3, false), {"series_ends": "2025-10-01T00:00:00+00:00"}),
	])
	some d in denied
	contains(d.message, "every 12 absoluteMonthly")
	contains(d.message, "one-time")
	contains(d.message, "series ended 2025-10-01")
}

test_a_review_of_another_role_does_not_count if {
	count(run([held(owner, "User")], [], [review(contributor, "absoluteMonthly", 3, true)])) == 1
}

test_passes_when_only_exempt_principals_or_no_one_hold_the_roles if {
	count(run([held(owner, "ServicePrincipal")], [], [])) == 0
	count(run([], [], [])) == 0
}
