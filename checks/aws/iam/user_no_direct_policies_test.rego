package vouch.aws.iam.user_no_direct_policies_test

import data.vouch.aws.iam.user_no_direct_policies as check
import rego.v1

run(attached, inline) := denied if {
	u := {"id": "alice", "attached_policies": attached, "inline_policies": inline}
	denied := check.deny with input as {"resources": [u], "params": {}}
}

test_passes_when_the_user_has_no_policies_of_its_own if {
	count(run([], [])) == 0
}

test_fails_when_managed_policies_are_attached_to_the_user if {
	attached := [{"name": "ReadOnlyAccess", "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, {"name": "Billing", "arn": "arn:aws:iam::aws:policy/job-function/Billing"}]
	run(attached, []) == {{"id": "alice", "message": "policies attached directly to the user: Billing, ReadOnlyAccess"}}
}

test_fails_when_the_user_has_an_inline_policy if {
	run([], [{"name": "s3-read", "document": {"Statement": []}}]) == {{"id": "alice", "message": "inline policies of the user: s3-read"}}
}

test_passes_when_the_policy_lists_are_null if {
	count(run(null, null)) == 0
}
