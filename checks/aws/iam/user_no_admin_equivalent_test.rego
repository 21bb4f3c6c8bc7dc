package vouch.aws.iam.user_no_admin_equivalent_test

import data.vouch.aws.iam.user_no_admin_equivalent as check
import rego.v1

run(user) := denied if {
	denied := check.deny with input as {"resources": [object.union({"id": "u", "name": "u", "attached_policies": [], "inline_policies": [], "group_policies": []}, user)], "params": {}}
}

doc(statements) := {"Statement": statements}

test_fails_when_an_inline_policy_can_attach_policies if {
	run({"inline_policies": [{"name": "ops", "document": doc([{"Effect": "Allow", "Action": "iam:Attach*", "Resource": "*"}])}]}) == {{"id": "u", "message": "inline policy ops allows on every resource iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy (administrator-equivalent)"}}
}

test_fails_when_a_group_inline_policy_allows_not_action if {
	denied := run({"group_policies": [{"name": "devs", "arn": null, "document": doc([{"Effect": "Allow", "NotAction": ["ec2:*"], "Resource": "*"}])}]})
	count(denied) == 1
}

test_fails_when_iam_full_access_reaches_the_user if {
	run({"group_policies": [{"name": "IAMFullAccess", "arn": "arn:aws:iam::aws:policy/IAMFullAccess", "document": null}]}) == {{"id": "u", "message": "the IAMFullAccess policy reaches the user through a group"}}
	run({"attached_policies": [{"name": "IAMFullAccess", "arn": "arn:aws:iam::aws:policy/IAMFullAccess"}]}) == {{"id": "u", "message": "the IAMFullAccess policy is attached to the user"}}
}

test_passes_with_iam_reads_and_a_scoped_pass_role if {
	count(run({"inline_policies": [{"name": "ro", "document": doc([
		{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/app"},
		{"Effect": "Allow", "Action": "lambda:*", "Resource": "*"},
	])}]})) == 0
}

test_passes_when_the_policy_lists_are_null if {
	count(run({"attached_policies": null, "inline_policies": null, "group_policies": null})) == 0
}
