package vouch.azure.pim.activation_approval_test

import data.vouch.azure.pim.activation_approval as check
import rego.v1

sub := "/subscriptions/s"

owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

params := {"privileged_roles": {"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner"}}

policy(required, approvers) := {
	"role_definition_id": owner, "role_name": "Owner", "policy_id": "p", "scope": sub,
	"activation_expiration_required": true, "activation_max_duration": "PT8H",
	"activation_max_minutes": 480, "approval_required": required, "approvers": approvers,
}

run(rows) := denied if {
	denied := check.deny with input as {"resources": [{"id": sub, "role_policies": rows}], "params": params}
}

test_passes_with_approval_by_a_named_group if {
	count(run([policy(true, [{"id": "g", "description": "Senior management", "type": "Group"}])])) == 0
}

test_fails_without_approval if {
	run([policy(false, [])]) == {{"id": sub, "message": "an activation of Owner needs no approval"}}
}

test_fails_approval_without_approvers if {
	run([policy(true, [])]) == {{"id": sub, "message": "an activation of Owner requires approval but names no approver"}}
}

test_fails_when_the_role_has_no_policy if {
	count(run([])) == 1
}
