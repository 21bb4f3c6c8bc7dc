package vouch.azure.pim.activation_limited_test

import data.vouch.azure.pim.activation_limited as check
import rego.v1

sub := "/subscriptions/s"

owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

params := {"privileged_roles": {"8E3AF657-a8ff-443c-a75c-2fe8c4bcb635": "Owner"}, "max_activation_hours": 8}

policy(required, duration, minutes) := {
	"role_definition_id": owner, "role_name": "Owner", "policy_id": "p", "scope": sub,
	"activation_expiration_required": required, "activation_max_duration": duration,
	"activation_max_minutes": minutes, "approval_required": false, "approvers": [],
}

run(rows) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "role_policies": rows}], "params": params}
}

test_passes_at_the_limit if {
	count(run([policy(true, "PT8H", 480)])) == 0
}

test_fails_a_longer_activation if {
	run([policy(true, "P1D", 1440)]) == {{"id": sub, "message": "an activation of Owner may last P1D (the limit is 8 hours)"}}
}

test_fails_an_activation_that_need_not_end if {
	run([policy(false, null, null)]) == {{"id": sub, "message": "an activation of Owner need not end (the limit is 8 hours)"}}
}

test_fails_when_the_role_has_no_policy if {
	run([]) == {{"id": sub, "message": "the subscription reports no role management policy for Owner"}}
}
